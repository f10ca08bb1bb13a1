// 预警规则: an admin opens a rule, lowers its threshold in the editor, tests the draft on a sample that
// fires and on one that does not (the screen says what the API says for the same body), and submits
// it; a second admin sees it pending and rejects it with a reason, so the rules in force stay as the
// other specs expect. Phone: the list and the editor fit.
import type { Page } from '@playwright/test';
import { apiAs, desktopOnly, expect, test, type Screen } from './fixtures.js';

const RULE = 'large-transaction';

const RULES: Screen = { path: '/system/trigger-rules', title: '预警规则' };

/** Runs the tester and returns the body it sent and the answer it got. */
const runTest = async (page: Page) => {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/v1/trigger-rules/${RULE}/test`)),
    page.getByTestId('rule-tester').getByRole('button', { name: '试算' }).click(),
  ]);
  expect(response.status()).toBe(200);
  return { body: response.request().postDataJSON() as unknown, answer: await response.json() };
};

test(
  'an admin changes a threshold, tests the draft on samples, submits it; another admin rejects it',
  desktopOnly(
    'the full flow runs on desktop; the phone checks the layout',
    async ({ page, browser, shot, signIn, expectPage }) => {
      const admin = apiAs('admin');
      const before = (await admin.get('/v1/trigger-rules')).items.find((r: any) => r.ruleId === RULE);

      await signIn('admin', { open: RULES });
      const card = page.getByTestId(`rule-${RULE}`);
      await expect(card.getByTestId('hits30d')).toHaveText(`${before.hits30d} 次`);
      await expectPage.accessible();
      await expectPage.noRawPii();
      await shot('trigger-rules');

      await card.getByRole('link', { name: '编辑与试算' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(before.name);
      // ¥500,000 → ¥300,000
      await page.getByTestId('predicate-absAmountFen').getByRole('textbox').fill('300000');

      const tester = page.getByTestId('rule-tester');
      const amount = tester.getByLabel('金额（元）', { exact: true });
      await amount.fill('400000');
      const firing = await runTest(page);
      expect(firing.answer.fires).toBe(true);
      expect((firing.body as any).rule.when).toEqual({
        fact: 'absAmountFen',
        operator: 'gte',
        value: 30_000_000,
      });
      await expect(page.getByTestId('rule-verdict')).toHaveText('触发');
      await expect(page.getByTestId('rule-test-result')).toContainText('300,000.00');
      // the API, asked the same, answers the same
      const api = await admin.post(`/v1/trigger-rules/${RULE}/test`, firing.body);
      expect({ fires: api.fires, conditions: api.conditions, facts: api.facts }).toEqual({
        fires: firing.answer.fires,
        conditions: firing.answer.conditions,
        facts: firing.answer.facts,
      });
      await expect(page.getByTestId('rule-test-result')).toContainText(api.alert.title);
      await expectPage.accessible();
      await shot('trigger-rule-test');

      await amount.fill('200000');
      const quiet = await runTest(page);
      await expect(page.getByTestId('rule-verdict')).toHaveText('不触发');
      const apiQuiet = await admin.post(`/v1/trigger-rules/${RULE}/test`, quiet.body);
      expect(apiQuiet.fires).toBe(false);
      expect(quiet.answer.fires).toBe(false);
      expect(apiQuiet.conditions).toEqual(quiet.answer.conditions);

      // submitted: a pending change, the maker's own
      const [put] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'PUT' && r.url().endsWith(`/v1/trigger-rules/${RULE}`),
        ),
        page.getByRole('button', { name: '提交复核' }).click(),
      ]);
      expect(put.status()).toBe(202);
      const change = await put.json();
      await expect(page.getByRole('heading', { name: '预警规则', level: 1 })).toBeVisible();
      await expect(page.getByTestId(`change-${change.changeId}`)).toContainText('本人提交');

      // the checker, in another session
      const checkerContext = await browser.newContext({
        viewport: { width: 1366, height: 900 },
        locale: 'zh-CN',
      });
      const checker = await checkerContext.newPage();
      await signIn('admin-2', { open: RULES, on: checker });
      const pending = checker.getByTestId(`change-${change.changeId}`);
      await expect(pending).toContainText('触发条件');
      await expectPage.accessible(checker);
      await shot('trigger-rules-pending');
      await pending.getByRole('button', { name: '驳回' }).click();
      const dialog = checker.getByRole('dialog');
      await dialog.getByLabel('驳回理由').fill('门槛调整需与合规部确认');
      await dialog.getByRole('button', { name: '驳回' }).click();
      await expect(pending).toHaveCount(0);
      await checkerContext.close();

      const rejected = (await admin.get('/v1/trigger-rule-changes?status=rejected')).items;
      expect(rejected.find((c: any) => c.changeId === change.changeId)).toMatchObject({
        decidedBy: 'admin-2',
        reason: '门槛调整需与合规部确认',
      });
      const after = (await admin.get('/v1/trigger-rules')).items.find((r: any) => r.ruleId === RULE);
      expect({ version: after.version, when: after.when }).toEqual({
        version: before.version,
        when: before.when,
      });
    },
  ),
);

test('on a phone the rules and the editor fit the screen', async ({
  page,
  shot,
  signIn,
  expectPage,
}, info) => {
  test.skip(info.project.name !== 'phone', 'the phone layout');
  await signIn('admin', { open: RULES });
  await expect(page.getByTestId(`rule-${RULE}`)).toBeVisible();
  await expectPage.noHorizontalScroll();
  // on a phone the shell's overflowed menu (an admin has 12 entries) keeps aria-hidden items
  // focusable: the shell's to fix; the screen itself is checked
  await expectPage.accessible();
  await shot('trigger-rules');
  await page.getByTestId(`rule-${RULE}`).getByRole('link', { name: '编辑与试算' }).click();
  await expect(page.getByTestId('rule-tester')).toBeVisible();
  await page.getByTestId('rule-tester').getByRole('button', { name: '试算' }).click();
  await expect(page.getByTestId('rule-verdict')).toBeVisible();
  await expectPage.noHorizontalScroll();
  await expectPage.accessible();
  await expectPage.noRawPii();
  await shot('trigger-rule-editor');
});
