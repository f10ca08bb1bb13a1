// 客户调配: a branch manager picks two customers in the customer list, sees the server's preview of
// what moves (customers, AUM, open alerts from their RM to the receiving RM) before asking, and asks;
// they may not decide their own request; another branch manager approves it in the queue; the customers
// change hands (the API says so, the customer page's 调配记录 shows it). The customers are this
// spec's own, created in 上海徐汇 (徐家汇网点), which no other spec uses.
import type { Page } from '@playwright/test';
import { apiAs, desktopOnly, baseUrl, expect, test } from './fixtures.js';

const REQUESTER = 'bm-sh-xh';
const APPROVER = 'bm-sh';
const OUTLET = 'SH-XH-XJH';
const FROM = 'rm-sh-xh-xjh-02';
const TO = 'rm-sh-xh-xjh-03';
const LEAVING = 'rm-sh-xh-xjh-01';
const YUAN = 100;

interface Preview {
  total: { customers: number; aumFen: number; customersWithAum: number; openAlerts: number };
  flows: { fromManagerId: string; customers: number; aumFen: number; openAlerts: number }[];
}

const nameOf = async (staffId: string): Promise<string> =>
  `${(await apiAs(APPROVER).get<{ name: string }>(`/v1/staff/${staffId}`)).name}（${staffId}）`;

/** Two new customers of FROM, one with ¥600,000 (a large-transaction alert), one with ¥80,000. */
const twoCustomers = async (tag: string) => {
  const bm = apiAs(REQUESTER);
  const made = [];
  for (const [suffix, amountYuan] of [
    ['甲', 600_000],
    ['乙', 80_000],
  ] as const) {
    const customer = await bm.post<{ customerId: string; name: string }>('/v1/customers', {
      name: `调配${tag}${suffix}`,
      orgId: OUTLET,
      managerId: FROM,
      riskLevel: 'C3',
    });
    const now = new Date();
    await apiAs('core-banking').post('/v1/transactions', {
      transactions: [
        {
          transactionId: `ALLOC-${customer.customerId}`,
          customerId: customer.customerId,
          accountId: '6222020000000009',
          assetClass: 'deposit',
          amountFen: amountYuan * YUAN,
          direction: 'in',
          channel: 'mobile',
          bookedAt: now.toISOString(),
          businessDate: new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
        },
      ],
    });
    made.push(customer);
  }
  return made;
};

/** Types into an antd select and takes the option once the staff list has it. */
const choose = async (page: Page, field: ReturnType<Page['getByLabel']>, staffId: string) => {
  await field.fill(staffId);
  await expect(page.locator('.ant-select-item-option', { hasText: staffId })).toBeVisible();
  await page.keyboard.press('Enter');
};

const signOut = async (page: Page) => {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByLabel('工号')).toBeVisible();
};

test(
  'a branch manager moves two customers, another approves, the customers change hands',
  desktopOnly(
    'the full flow runs on the desktop; the phone has its short path',
    async ({ page, shot, signIn, expectPage }) => {
      test.setTimeout(300_000);
      const tag = String(Date.now()).slice(-5);
      const customers = await twoCustomers(tag);
      const ids = customers.map((c) => c.customerId).sort();
      const target = { customerIds: ids, toManagerId: TO };
      // the streams have kept both balances and raised the deposits' alerts (the same count two reads
      // running: the rules' alerts land from more than one stream) before the preview
      let preview: Preview | undefined;
      let before = -1;
      await expect(async () => {
        preview = await apiAs(REQUESTER).post<Preview>('/v1/allocations/preview', target);
        const [seen, now] = [before, preview.total.openAlerts];
        before = now;
        expect(preview.total.customersWithAum).toBe(2);
        expect(now).toBeGreaterThan(0);
        expect(now).toBe(seen);
      }).toPass({ intervals: [1_000, 2_000], timeout: 60_000 });
      expect(preview!.total).toMatchObject({ customers: 2, aumFen: 680_000 * YUAN });
      const [fromName, toName] = [await nameOf(FROM), await nameOf(TO)];

      // the requester picks them in the customer list
      await signIn(REQUESTER);
      await page.goto(baseUrl() + '/customers');
      await page.getByRole('searchbox', { name: '搜索客户' }).fill(`调配${tag}`);
      await page.keyboard.press('Enter');
      for (const c of customers) await page.getByRole('checkbox', { name: `选择 ${c.name}` }).check();
      await expect(page.getByTestId('selected-count')).toHaveText('已选 2 户');
      await page.getByRole('button', { name: '申请调配' }).click();
      const dialog = page.getByRole('dialog', { name: '申请调配 2 户客户' });
      await expect(dialog.getByText('选择接收客户经理后')).toBeVisible();
      await choose(page, dialog.getByLabel('接收客户经理'), TO);

      // the preview, from the server, before anything is sent
      const flow = dialog.getByTestId(`flow-${FROM}`);
      await expect(flow).toContainText(fromName);
      await expect(flow).toContainText(toName);
      await expect(flow).toContainText('2 户');
      await expect(flow).toContainText('680,000.00');
      await expect(flow).toContainText(`未结预警${preview!.total.openAlerts}`);
      await expect(flow).toContainText('2 户有资产数据');
      expect(
        (await apiAs(REQUESTER).get<{ items: unknown[] }>('/v1/allocations?status=pending')).items.filter(
          (a) => JSON.stringify(a).includes(ids[0]!),
        ),
      ).toEqual([]);
      await dialog.getByLabel('调配原因').fill('客户经理岗位调整');
      await expectPage.accessible();
      await expectPage.noRawPii();
      await shot('allocation-preview');
      await dialog.getByRole('button', { name: '提交申请' }).click();
      await expect(page.getByText('已提交 2 户客户的调配申请，等待审批')).toBeVisible();

      const pending = await apiAs(APPROVER).get<{
        items: { allocationId: string; toManagerId: string; items: { customerId: string }[] }[];
      }>('/v1/allocations?status=pending');
      const allocation = pending.items.find(
        (a) =>
          a.items
            .map((i) => i.customerId)
            .sort()
            .join() === ids.join(),
      )!;
      expect(allocation.toManagerId).toBe(TO);
      const card = (p: Page) => p.getByTestId(`allocation-${allocation.allocationId}`);

      // the requester sees it in the queue, and may not decide it
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '客户调配' }).click();
      await expect(card(page)).toContainText('本人提交的申请');
      await expect(card(page).getByRole('button', { name: '批准' })).toHaveCount(0);
      await signOut(page);

      // another branch manager approves
      await signIn(APPROVER);
      await page.goto(baseUrl() + '/allocations');
      await expect(card(page)).toContainText('客户经理岗位调整');
      await expect(card(page)).toContainText(toName);
      await expect(card(page)).toContainText('680,000.00');
      await expectPage.accessible();
      await expectPage.noRawPii();
      await shot('allocations-queue');
      await card(page).getByRole('button', { name: '批准' }).click();
      await page.getByRole('tooltip').getByRole('button', { name: '批准' }).click();
      await expect(page.getByText('已批准：2 户客户已移交')).toBeVisible();
      await expect(card(page)).toHaveCount(0);

      // the customers changed hands
      for (const id of ids) {
        const now = await apiAs(APPROVER).get<{ managerId: string }>(`/v1/customers/${id}`);
        expect(now.managerId).toBe(TO);
        const history = await apiAs(APPROVER).get<{ items: { allocationId: string; toManagerId: string }[] }>(
          `/v1/customers/${id}/allocations`,
        );
        expect(history.items).toMatchObject([{ allocationId: allocation.allocationId, toManagerId: TO }]);
      }
      await page.getByRole('tab', { name: '已处理' }).click();
      await expect(card(page)).toContainText('已移交 2 户，未移交 0 户');

      // a request to move one back is rejected, with the reason the form asks for
      const back = await apiAs(REQUESTER).post<{ allocationId: string }>('/v1/allocations', {
        customerIds: [ids[0]],
        toManagerId: FROM,
        reason: '调回原客户经理',
      });
      await page.reload(); // (the queue would also read it again within 20 s)
      await page.getByTestId(`allocation-${back.allocationId}`).getByRole('button', { name: '拒绝' }).click();
      const reject = page.getByRole('dialog', { name: '拒绝调配申请' });
      await reject.getByRole('button', { name: '拒绝' }).click();
      await expect(reject.getByText('请填写拒绝原因')).toBeVisible();
      await reject.getByLabel('拒绝原因').fill('客户刚完成移交，暂不调回');
      await reject.getByRole('button', { name: '拒绝' }).click();
      await expect(page.getByText('已拒绝该调配申请')).toBeVisible();
      expect(await apiAs(APPROVER).get(`/v1/allocations/${back.allocationId}`)).toMatchObject({
        status: 'rejected',
        decidedBy: APPROVER,
        note: '客户刚完成移交，暂不调回',
      });
      expect((await apiAs(APPROVER).get<{ managerId: string }>(`/v1/customers/${ids[0]}`)).managerId).toBe(
        TO,
      );

      // and on screen: the customer page's 调配记录, and the history tab
      await page.goto(baseUrl() + `/customers/${ids[0]}`);
      const historyCard = page
        .locator('.ant-card')
        .filter({ has: page.getByRole('heading', { name: '调配记录' }) });
      await expect(historyCard).toContainText(`${fromName} → ${toName}`);
      await expect(historyCard).toContainText('客户经理岗位调整');
      await expect(page.getByText(TO).first()).toBeVisible();
      await page.goto(baseUrl() + '/allocations');
      await page.getByRole('tab', { name: '客户调配记录' }).click();
      await page.getByRole('searchbox', { name: '客户号' }).fill(ids[1]!);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('list', { name: '调配记录' })).toContainText(`${fromName} → ${toName}`);
      await expectPage.accessible();
      await shot('allocations-history');
    },
  ),
);

test('a whole book: the preview of a leaving RM’s customers equals the API’s', async ({
  page,
  shot,
  signIn,
  expectPage,
}) => {
  const preview = await apiAs(REQUESTER).post<Preview>('/v1/allocations/preview', {
    fromManagerId: LEAVING,
    toManagerId: FROM,
  });
  await signIn(REQUESTER, { open: { path: '/allocations', title: '客户调配' } });
  await expectPage.accessible();
  await expectPage.noHorizontalScroll();
  await shot('allocations');
  await page.getByRole('tab', { name: '整体移交' }).click();
  await choose(page, page.getByLabel('移出客户经理'), LEAVING);
  await page.getByRole('button', { name: '预览并申请' }).click();
  const dialog = page.getByRole('dialog', { name: /的全部客户/ });
  await choose(page, dialog.getByLabel('接收客户经理'), FROM);
  const flow = dialog.getByTestId(`flow-${LEAVING}`);
  await expect(flow).toContainText(`${preview.total.customers} 户`);
  await expect(flow).toContainText(`未结预警${preview.total.openAlerts}`);
  await expectPage.noHorizontalScroll();
  await expectPage.noRawPii();
  await shot('allocation-book-preview');
  // nothing is asked: this spec leaves the book where it is
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
});
