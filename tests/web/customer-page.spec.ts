// 客户视图: an RM opens a customer, reads tier, AUM and flows, reveals the phone with a purpose (and
// it is nowhere in the page before), and logs a contact that shows on the timeline.
import { apiAs, expect, test } from './fixtures.js';

const RM = 'rm-bj-cy-wj-01';

/** A year of balances on the RM's first customer, so the chart and the flows have something to show. */
const withMoney = async (): Promise<{ customerId: string; name: string }> => {
  const rm = apiAs(RM);
  const [customer] = (
    await rm.get<{ items: { customerId: string; name: string }[] }>('/v1/customers?limit=1')
  ).items;
  const core = apiAs('core-banking');
  const now = new Date();
  const day = (monthsAgo: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 2, 2)).toISOString();
  const move = (i: number, monthsAgo: number, amountFen: number, counterpartyBank?: string) => {
    const bookedAt = day(monthsAgo);
    return {
      transactionId: `WEB2-${customer!.customerId}-${i}`,
      customerId: customer!.customerId,
      accountId: 'A-WEB2',
      assetClass: i % 2 ? 'wealth' : 'deposit',
      amountFen,
      direction: amountFen > 0 ? 'in' : 'out',
      channel: 'counter',
      bookedAt,
      businessDate: bookedAt.slice(0, 10),
      ...(counterpartyBank ? { counterpartyBank, category: 'transfer' } : {}),
    };
  };
  await core.post('/v1/transactions', {
    transactions: [
      move(0, 10, 20_000_000, '招商银行'),
      move(1, 7, 15_000_000),
      move(2, 4, 30_000_000, '建设银行'),
      move(3, 1, -5_000_000, '工商银行'),
    ],
  });
  return customer!;
};

test('an RM reads the customer page, reveals the phone with a purpose and logs a contact', async ({
  page,
  shot,
  signIn,
  expectPage,
}) => {
  test.setTimeout(180_000);
  const customer = await withMoney();
  const raw = await apiAs(RM).get<{ phone?: string; idNumber?: string }>(
    `/v1/customers/${customer.customerId}?reveal=phone,idNumber&purpose=${encodeURIComponent('test fixture check')}`,
  );
  const rawPhone = raw.phone!.replace(/^\+86/, '');

  await signIn(RM, { open: { path: `/customers/${customer.customerId}`, title: customer.name } });
  await expect(page.getByRole('heading', { name: '近 12 个月日均 AUM' })).toBeVisible();
  await expect(page.getByRole('img', { name: /月日均 AUM 折线图/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /按对手行/ })).toBeVisible();
  await expect(page.getByText('招商银行').first()).toBeAttached();
  await expect(page.getByTestId('phone')).toHaveText(/^1\d{2}\*{4}\d{4}$/);

  // nothing raw before 查看
  await expectPage.noRawPii();
  expect(await page.content()).not.toContain(rawPhone);
  expect(await page.content()).not.toContain(raw.idNumber!);
  await expectPage.accessible();
  await expectPage.noHorizontalScroll();
  await shot('customer-page');

  // 查看: a purpose is required
  await page.getByRole('button', { name: '查看' }).click();
  const dialog = page.getByRole('dialog', { name: '查看完整手机号和证件号' });
  await dialog.getByRole('button', { name: '查看' }).click();
  await expect(dialog.getByText('请填写查看用途（至少 4 个字）')).toBeVisible();
  const purpose = '电话回访到期理财产品';
  await dialog.getByLabel('查看用途').fill(purpose);
  await dialog.getByRole('button', { name: '查看' }).click();
  await expect(page.getByTestId('phone')).toHaveText(rawPhone);
  await expect(page.getByTestId('id-number')).toHaveText(raw.idNumber!);
  // neither the purpose nor the value in the URL bar or in storage
  expect(page.url()).not.toContain(encodeURIComponent(purpose));
  expect(page.url()).not.toContain(rawPhone);
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  expect(stored).not.toContain(rawPhone);
  expect(stored).not.toContain(purpose);
  await page.getByRole('button', { name: '隐藏' }).click();
  await expect(page.getByTestId('phone')).not.toHaveText(rawPhone);

  // a contact, at the top of the timeline
  const note = `约客户本周五来网点面谈 ${test.info().project.name} ${Date.now()}`;
  const form = page.getByRole('form', { name: '记录客户接触' });
  await form.getByRole('button', { name: '记录接触' }).click();
  await expect(form.getByText('请填写接触内容')).toBeVisible();
  await form.getByLabel('接触内容').fill(note);
  await form.getByRole('button', { name: '记录接触' }).click();
  const first = page.getByTestId('timeline').locator('.ant-timeline-item').first();
  await expect(first).toContainText(note);
  await expect(first).toContainText('接触');
  // and it is the API's, not only the screen's
  await expect(async () => {
    const timeline = await apiAs(RM).get<{ items: { kind: string; detail: { note?: string } }[] }>(
      `/v1/customers/${customer.customerId}/timeline?limit=5`,
    );
    expect(timeline.items[0]).toMatchObject({ kind: 'contact', detail: { note } });
  }).toPass();
  await page.reload();
  await expect(page.getByTestId('timeline').locator('.ant-timeline-item').first()).toContainText(note);
  await expectPage.noRawPii();
  await expectPage.accessible();
  await expectPage.noHorizontalScroll();
  await shot('customer-page-timeline');
});
