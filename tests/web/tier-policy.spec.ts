// 分层标准: an admin edits a draft (a threshold and the downgrade buffer), the what-if on screen equals
// POST /v1/tier-policy/preview for the same draft, branch by branch; the draft is submitted, and a
// second admin sees it pending, previews it and rejects it with a reason. Never approved here: a new
// policy in force would retier customers the other specs look at (its equality with a real month
// close is tests/integration/tiering-policy-preview.test.ts, on a bank of its own).
import { apiAs, desktopOnly, expect, test, type Screen } from './fixtures.js';

const MAKER = 'admin';
const CHECKER = 'admin-2';

/**
 * The first day of last month in Shanghai: the next close is last month's (nobody closes a month
 * in this runtime), and a draft applies to it only if in force by its last day.
 */
const lastMonthStart = () => {
  const today = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
};

/**
 * Two customers of this spec's own (the demo bank's are all standard with no AUM), each holding
 * ¥40,000 through last month: gold under a ¥30,000 threshold, standard under the ¥50,000 in force.
 */
const seedOwnCustomers = async (start: string) => {
  const customers: string[] = [];
  for (const n of [1, 2]) {
    const created = await apiAs(MAKER).post('/v1/customers', {
      name: `分层试算客户${n}`,
      orgId: 'GZ-TH-TY',
      managerId: 'rm-gz-th-ty-02',
    });
    customers.push(created.customerId);
  }
  await apiAs('core-banking').post('/v1/transactions', {
    transactions: customers.map((customerId, n) => ({
      transactionId: `TP-${Date.now()}-${n}`,
      customerId,
      accountId: `TP-${customerId}`,
      assetClass: 'deposit',
      amountFen: 4_000_000,
      direction: 'in',
      channel: 'counter',
      bookedAt: `${start}T02:00:00+08:00`,
      businessDate: start,
    })),
  });
  // counted by the tiering stream: wait until both balances are there
  for (const customerId of customers)
    await expect
      .poll(async () => (await apiAs(MAKER).get(`/v1/customers/${customerId}/aum`)).balances.deposit)
      .toBe(4_000_000);
};

const POLICY: Screen = { path: '/system/tier-policy', title: '客户分层标准' };

test(
  'an admin previews a draft as the API counts it, submits it, and a second admin rejects it',
  desktopOnly(
    'the full flow runs on desktop; the phone opens the screen',
    async ({ page, shot, signIn, expectPage }) => {
      const policy = await apiAs(MAKER).get('/v1/tier-policy');
      await seedOwnCustomers(lastMonthStart());
      await signIn(MAKER, { open: POLICY });
      await expect(page.getByTestId('policy-current')).toBeVisible();

      // gold from ¥50,000 to ¥30,000, and down after one month below instead of three
      await page.getByLabel('金卡 · 日均AUM门槛（元）').fill('30,000.00');
      await page.getByLabel('降级缓冲期（个月）').fill('1');
      await page.getByLabel('生效日期').fill(lastMonthStart());
      await expect(page.getByRole('button', { name: '提交复核' })).toBeDisabled();
      await page.getByRole('button', { name: '试算影响' }).click();
      const headline = page.getByTestId('preview-headline');
      await expect(headline).toBeVisible();

      const draft = {
        effectiveFrom: lastMonthStart(),
        tiers: policy.tiers.map((t: { tier: string; minAvgAumFen: number }) => ({
          tier: t.tier,
          minAvgAumFen: t.tier === 'gold' ? 3_000_000 : t.minAvgAumFen,
        })),
        weights: policy.weights,
        downgradeAfterMonths: 1,
      };
      const expected = await apiAs(MAKER).post('/v1/tier-policy/preview', draft);
      console.log(
        `tier policy preview (demo bank): ${expected.customers} customers in ${expected.durationMs} ms`,
      );
      await expect(headline).toHaveText(
        `按此草案，${expected.month} 月末定级时预计 ${expected.draft.up} 户升级、${expected.draft.down} 户降级`,
      );
      expect(expected.draftApplies).toBe(true);
      // our two customers move up under the draft and not under the policy in force
      expect(expected.draft.up - expected.current.up).toBeGreaterThanOrEqual(2);
      for (const branch of expected.branches) {
        const row = page.getByTestId(`preview-branch-${branch.orgId}`);
        await expect(row).toContainText(branch.name);
        await expect(row.getByTestId('up')).toHaveText(String(branch.draft.up));
        await expect(row.getByTestId('down')).toHaveText(String(branch.draft.down));
      }
      await expectPage.accessible();
      await expectPage.noRawPii();
      await shot('tier-policy-preview');

      // an edit after the preview asks for a new one before submitting
      await page.getByLabel('降级缓冲期（个月）').fill('2');
      await expect(page.getByText('草案已修改，请重新试算后再提交。')).toBeVisible();
      await expect(page.getByRole('button', { name: '提交复核' })).toBeDisabled();
      await page.getByLabel('降级缓冲期（个月）').fill('1');
      await expect(page.getByRole('button', { name: '提交复核' })).toBeEnabled();
      await page.getByRole('button', { name: '提交复核' }).click();
      await expect(page.getByText(/已提交变更 #\d+/)).toBeVisible();

      const { items } = await apiAs(MAKER).get('/v1/tier-policy-changes');
      const mine = items.find((c: { proposedBy: string }) => c.proposedBy === MAKER);
      expect(mine.proposal).toMatchObject({ downgradeAfterMonths: 1, tiers: draft.tiers });
      const card = page.getByTestId(`change-${mine.changeId}`);
      await expect(card).toContainText('您提出的变更，需另一位管理员复核');
      await expect(card.getByRole('button', { name: '批准' })).toHaveCount(0);

      // the checker: sees it pending, previews it (the same figures), rejects it with a reason
      await page.getByRole('button', { name: '退出登录' }).click();
      await signIn(CHECKER, { open: POLICY });
      await expect(page.getByTestId('policy-current')).toBeVisible();
      const pending = page.getByTestId(`change-${mine.changeId}`);
      await expect(pending).toContainText('admin 于');
      await expect(pending).toContainText('30,000.00');
      await pending.getByRole('button', { name: '试算此变更' }).click();
      await expect(pending.getByTestId('preview-headline')).toHaveText(
        `按此草案，${expected.month} 月末定级时预计 ${expected.draft.up} 户升级、${expected.draft.down} 户降级`,
      );
      await expectPage.accessible();
      await shot('tier-policy-checker');
      await pending.getByRole('button', { name: '驳回' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('驳回理由').fill('缓冲期过短，请重新评估');
      await dialog.getByRole('button', { name: '驳回' }).click();
      await expect(page.getByText(`已驳回变更 #${mine.changeId}`)).toBeVisible();
      await expect(pending).toHaveCount(0);
      const rejected = await apiAs(CHECKER).get('/v1/tier-policy-changes?status=rejected');
      expect(rejected.items.find((c: { changeId: number }) => c.changeId === mine.changeId)).toMatchObject({
        decidedBy: CHECKER,
        reason: '缓冲期过短，请重新评估',
      });
      // nothing in force moved
      expect((await apiAs(CHECKER).get('/v1/tier-policy')).version).toBe(policy.version);
    },
  ),
);

test('the tier policy screen on a phone', async ({ page, shot, signIn, expectPage }, info) => {
  test.skip(info.project.name !== 'phone', 'the short path for the phone');
  await signIn(MAKER, { open: POLICY });
  await expect(page.getByTestId('policy-current')).toBeVisible();
  await expect(page.getByTestId('policy-draft')).toBeVisible();
  await expectPage.noHorizontalScroll();
  await expectPage.accessible();
  await expectPage.noRawPii();
  await shot('tier-policy');
});
