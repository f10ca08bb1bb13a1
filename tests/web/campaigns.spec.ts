// 营销活动 end to end: marketing builds a campaign for two customers of its own (a tag nobody else
// has), sees the live preview and the template flagged as it types, saves and submits; 北京分行's
// manager finds it in the approval queue, sees what they approve (audience, text, schedule, expected
// sends and cost) and approves; the dispatch schedule runs and the funnel shows the sends.
import type { Browser, Page } from '@playwright/test';
import { apiAs, desktopOnly, baseUrl, expect, test, tokenFor } from './fixtures.js';

const MAKER = 'marketing';
const CHECKER = 'bm-bj';
const RM = 'rm-bj-cy-wj-01';
const OUTLET = 'BJ-CY-WJ';
const TEXT =
  '【示例银行】尊敬的{name}，{orgName}为您准备了新春专属理财，期限灵活、收益稳健，名额有限，欢迎到网点或致电{managerName}咨询。回复TD退订';
/** OCRM_SMS_PRICE_FEN_PER_PART locally */
const PRICE_FEN = 5;

/** Two customers only this run has: its own tag, a phone each, marketing consent on record. */
const makeAudience = async (tag: string) => {
  // the customers' own RM records them and their consent
  const rm = apiAs(RM);
  const token = await tokenFor(RM);
  const people: { customerId: string; phone: string }[] = [];
  for (let i = 0; i < 2; i++) {
    const phone = `+86139${String(Date.now()).slice(-6)}${10 + i}`;
    const customer = await rm.post('/v1/customers', {
      name: `营销测试${i + 1}`,
      phone,
      orgId: OUTLET,
      managerId: RM,
      riskLevel: 'C3',
      tags: [tag],
    });
    // the consent ledger, with its evidence (fixtures' apiAs has no PUT)
    const consent = await fetch(`${baseUrl()}/v1/customers/${customer.customerId}/sms-consent`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ consent: 'granted', source: 'counter', evidence: `form-${tag}-${i}` }),
    });
    expect(consent.status).toBe(200);
    people.push({ customerId: customer.customerId as string, phone });
  }
  return people;
};

/** Beijing time now, HH:MM: a marketing SMS only goes out inside the send window. */
const beijingClock = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(11, 16);

/** A page of its own (another person's session), on a desktop in Shanghai. */
const newPage = async (browser: Browser): Promise<Page> => {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
};

test(
  'marketing builds, previews and submits; another approves; the dispatch sends; the funnel shows it',
  desktopOnly(
    'the whole flow runs on the desktop; the phone has its own short path',
    async ({ page, browser, shot, signIn, expectPage }, info) => {
      const tag = `web-cmp-${Date.now().toString(36)}`;
      const people = await makeAudience(tag);

      await signIn(MAKER);
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '营销活动' }).click();
      await expect(page.getByRole('heading', { name: '营销活动', level: 1 })).toBeVisible();
      await page.getByRole('button', { name: '新建活动' }).click();
      await expect(page.getByRole('heading', { name: '新建营销活动', level: 1 })).toBeVisible();

      const name = `新春理财 ${tag}`;
      await page.getByLabel('活动名称').fill(name);
      // scope: 北京分行's subtree, so 北京分行's manager is a checker who sees it
      await page.getByLabel('活动范围').click();
      const tree = page.locator('.ant-select-tree');
      await tree
        .locator('.ant-select-tree-treenode', { hasText: '总行' })
        .first()
        .locator('.ant-select-tree-switcher')
        .click();
      await tree.getByTitle('北京分行', { exact: true }).click();
      await page.getByLabel('含任一标签').fill(tag);
      await page.getByLabel('含任一标签').press('Enter');

      // the template is flagged as it is typed, by the server's rules
      const template = page.getByLabel('短信内容');
      await template.fill('尊敬的{name}，新品上线');
      await expect(page.getByTestId('flag-signature')).toHaveAttribute('data-ok', 'false');
      await expect(page.getByTestId('flag-opt-out')).toHaveAttribute('data-ok', 'false');
      await template.fill(TEXT);
      await expect(page.getByTestId('flag-signature')).toHaveAttribute('data-ok', 'true');
      await expect(page.getByTestId('flag-opt-out')).toHaveAttribute('data-ok', 'true');
      // the parts as counted on screen; the saved campaign's count (the server's) must agree below
      await expect(page.getByTestId('sms-parts')).toHaveText(/^\d+ 条短信 · \d+ 字$/);
      const parts = Number((await page.getByTestId('sms-parts').textContent())!.split(' ')[0]);
      expect(parts).toBeGreaterThan(1);

      // the live preview: the two customers, masked, and the cost of sending to them
      const preview = page.getByTestId('preview');
      await expect(preview.getByTestId('preview-size')).toHaveText('2');
      await expect(preview.getByTestId('preview-eligible')).toHaveText('2');
      await expect(preview.getByTestId('preview-cost')).toContainText(
        `${((2 * parts * PRICE_FEN) / 100).toFixed(2)}`,
      );
      await expect(preview.getByTestId('preview-sample')).toContainText('营*');
      await expectPage.noRawPii();
      await expectPage.accessible();
      await expectPage.noHorizontalScroll();
      await shot('campaign-builder');

      await page.getByRole('button', { name: '保存并提交审批' }).click();
      await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
      await expect(page.getByTestId('campaign-status').first()).toHaveText('待审批');
      await expect(page.getByText('等待他人审批')).toBeVisible();
      await expect(page.getByTestId('campaign-actions').getByRole('button', { name: '批准' })).toHaveCount(0);
      const campaignId = page.url().split('/').pop()!;
      const saved = await apiAs(MAKER).get(`/v1/campaigns/${campaignId}`);
      expect(saved).toMatchObject({ status: 'pending_approval', templateParts: parts, scopeOrgId: 'BJ' });
      expect(saved.audience).toEqual({ tagsAny: [tag] });

      // the checker: the queue, then exactly what they approve
      const checker = await newPage(browser);
      await signIn(CHECKER, { on: checker });
      await checker
        .getByRole('navigation', { name: '主菜单' })
        .getByRole('link', { name: '营销活动' })
        .click();
      await expect(checker.getByRole('radio', { name: '待我审批', checked: true })).toBeAttached();
      const card = checker.getByTestId(`campaign-${campaignId}`);
      await expect(card).toBeVisible();
      await expectPage.accessible(checker);
      await card.getByRole('link', { name }).click();
      const what = checker.getByTestId('approve-what');
      await expect(what.getByTestId('template-text')).toHaveText(TEXT);
      await expect(what.getByTestId('audience-summary')).toContainText(tag);
      await expect(what).toContainText('北京分行');
      await expect(checker.getByTestId('preview-eligible')).toHaveText('2');
      await expect(checker.getByTestId('preview-cost')).toContainText(
        ((2 * parts * PRICE_FEN) / 100).toFixed(2),
      );
      await expectPage.noRawPii(checker);
      await expectPage.accessible(checker);
      await checker.screenshot({
        path: `web/screenshots/campaign-approve-${info.project.name}.png`,
        fullPage: true,
      });

      await checker.getByTestId('campaign-actions').getByRole('button', { name: '批准' }).click();
      const dialog = checker.getByRole('dialog');
      await dialog.getByLabel('说明').fill('文案与受众已核对');
      await dialog.getByRole('button', { name: '批准' }).click();
      await expect(dialog).toBeHidden();
      await expect(checker.getByTestId('campaign-status').first()).toHaveText('已批准');
      const approved = await apiAs(CHECKER).get(`/v1/campaigns/${campaignId}`);
      expect(approved.approval).toMatchObject({ by: CHECKER, note: '文案与受众已核对' });
      await checker.context().close();

      // dispatch: freeze the audience and send inside the window; run it until the funnel has both
      const inWindow = beijingClock() >= '08:00' && beijingClock() < '20:55';
      const run = async () => {
        const response = await fetch(`${baseUrl()}/_local/schedules/campaigns-dispatch/run`, {
          method: 'POST',
        });
        expect(response.status).toBe(200);
      };
      await expect(async () => {
        await run();
        const { funnel } = await apiAs(MAKER).get(`/v1/campaigns/${campaignId}`);
        expect(funnel.audience).toBe(2);
        if (inWindow) expect(funnel.sent).toBe(2);
      }).toPass({ timeout: 60_000 });
      const { funnel } = await apiAs(MAKER).get(`/v1/campaigns/${campaignId}`);
      if (!inWindow)
        info.annotations.push({ type: 'outside the send window', description: 'sends wait for 08:00' });

      // the maker's page still shows the campaign as submitted: read it again
      await page.reload();
      const chart = page.getByTestId('funnel');
      await expect(chart.getByTestId('funnel-audience')).toHaveText('2');
      await expect(chart.getByTestId('funnel-sent')).toHaveText(String(funnel.sent));
      await expect(chart.getByRole('img', { name: /营销漏斗/ })).toBeVisible();
      if (inWindow) {
        // what the gateway was handed: one message to each of the two, as the template renders it
        for (const [i, person] of people.entries()) {
          const outbox = await fetch(`${baseUrl()}/_local/sms?phone=${encodeURIComponent(person.phone)}`);
          const mine = (await outbox.json()) as { text: string }[];
          expect(mine).toHaveLength(1);
          expect(mine[0]!.text).toContain(`尊敬的营销测试${i + 1}`);
        }
      }
      await expectPage.noRawPii();
      await expectPage.accessible();
      await shot('campaign-funnel');
    },
  ),
);

/** A campaign of 朝阳支行's manager for nobody (a tag no customer has), submitted; starts tomorrow. */
const submitted = async (label: string) => {
  const maker = apiAs('bm-bj-cy');
  const run = Date.now().toString(36);
  const created = await maker.post('/v1/campaigns', {
    name: `${label} ${run}`,
    scopeOrgId: 'BJ-CY',
    audience: { tagsAny: [`nobody-${run}`] },
    template: { text: TEXT },
    schedule: {
      startAt: new Date(Date.now() + 86_400_000).toISOString(),
      endAt: new Date(Date.now() + 8 * 86_400_000).toISOString(),
    },
  });
  await maker.post(`/v1/campaigns/${created.campaignId}/submit`, {});
  return created.campaignId as string;
};

test('a checker rejects with a reason; the maker sees why', async ({ page, signIn }, info) => {
  test.skip(info.project.name === 'phone', 'desktop only');
  const campaignId = await submitted('驳回测试');
  await signIn(CHECKER);
  await page.goto(`${baseUrl()}/campaigns/${campaignId}`);
  await page.getByTestId('campaign-actions').getByRole('button', { name: '驳回' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '驳回' }).click();
  await expect(dialog.getByText('请写明驳回原因')).toBeVisible();
  await dialog.getByLabel('驳回原因').fill('受众为空，请调整条件');
  await dialog.getByRole('button', { name: '驳回' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('campaign-status').first()).toHaveText('已驳回');
  await expect(page.getByTestId('decisions')).toContainText('受众为空，请调整条件');
  expect((await apiAs('bm-bj-cy').get(`/v1/campaigns/${campaignId}`)).rejection.note).toBe(
    '受众为空，请调整条件',
  );
});

test('an approved campaign is paused, resumed and cancelled', async ({ page, signIn }, info) => {
  test.skip(info.project.name === 'phone', 'desktop only');
  const campaignId = await submitted('暂停测试');
  await apiAs(CHECKER).post(`/v1/campaigns/${campaignId}/approve`, {});
  await signIn(CHECKER);
  await page.goto(`${baseUrl()}/campaigns/${campaignId}`);
  const actions = page.getByTestId('campaign-actions');
  const status = page.getByTestId('campaign-status').first();
  await expect(status).toHaveText('已批准');
  await actions.getByRole('button', { name: '暂停' }).click();
  await expect(status).toHaveText('已暂停');
  await actions.getByRole('button', { name: '恢复' }).click();
  await expect(status).toHaveText('已批准');
  await actions.getByRole('button', { name: '取消活动' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('说明').fill('活动延期');
  await dialog.getByRole('button', { name: '取消活动' }).click();
  await expect(status).toHaveText('已取消');
  await expect(actions.getByRole('button')).toHaveCount(0);
  expect((await apiAs(CHECKER).get(`/v1/campaigns/${campaignId}`)).cancelled).toMatchObject({
    by: CHECKER,
    note: '活动延期',
  });
});

test('on a phone: the campaigns, the builder and a campaign fit the screen', async ({
  page,
  shot,
  signIn,
  expectPage,
}, info) => {
  test.skip(info.project.name !== 'phone', 'the phone’s short path');
  await signIn(MAKER, { open: { path: '/campaigns', title: '营销活动' } });
  await page.getByText('全部', { exact: true }).click();
  await expectPage.noHorizontalScroll();
  await expectPage.accessible();
  await shot('campaigns');
  await page.getByRole('button', { name: '新建活动' }).click();
  await page.getByLabel('短信内容').fill(TEXT);
  await expect(page.getByTestId('flag-signature')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('sms-parts')).toBeVisible();
  await expectPage.noHorizontalScroll();
  await expectPage.noRawPii();
  await shot('campaign-builder');
});
