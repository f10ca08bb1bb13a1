// 报表: the tier-distribution report's figures on screen equal GET /v1/reports/tier-distribution's for
// the same unit, its 下载 CSV saves exactly the server's CSV, a click on a child unit drills down and
// the breadcrumbs come back up; every other report renders its tables without an error.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { apiAs, desktopOnly, baseUrl, expect, test, tokenFor, pick, type Screen } from './fixtures.js';

const BM = 'bm-bj';
const TIERS = ['standard', 'gold', 'platinum', 'diamond', 'private_banking'];
const OTHER_REPORTS: [id: string, label: string][] = [
  ['tier-migration', '客户升降级'],
  ['aum-change', 'AUM 变动'],
  ['performance', '业绩（按产品类别）'],
  ['alert-outcomes', '预警处置与挽留金额'],
  ['net-outflow', '他行净流出'],
  ['campaign-funnel', '营销活动漏斗'],
  ['usage', '系统使用（登录次数标准）'],
  ['data-quality', '数据质量'],
];

interface TierLine {
  customers: number;
  byTier: Record<string, number>;
}
interface TierReport {
  orgId: string;
  totals: TierLine;
  orgs: (TierLine & { orgId: string; name: string })[];
  managers: (TierLine & { staffId: string; name: string })[];
}

const count = (n: number) => n.toLocaleString('zh-CN');

const expectLine = async (row: Locator, line: TierLine) => {
  const expected = [line.customers, ...TIERS.map((tier) => line.byTier[tier] ?? 0)].map(count);
  const cells = ['customers', ...TIERS].map((col) => row.locator(`[data-col="${col}"]`));
  expect(await Promise.all(cells.map((c) => c.textContent({ timeout: 2_000 })))).toEqual(expected);
};

/** Every unit, the total and every RM of the report on screen, as the API counts them. */
const expectTierReport = async (page: Page, report: TierReport) => {
  const units = page.getByTestId('table-orgs');
  await expect(units.locator('tbody tr.ant-table-row')).toHaveCount(report.orgs.length, { timeout: 2_000 });
  for (const org of report.orgs) await expectLine(units.locator(`tr[data-row-key="${org.orgId}"]`), org);
  await expectLine(units.locator('.report-total'), report.totals);
  const staff = page.getByTestId('table-managers');
  for (const rm of report.managers.slice(0, 20))
    await expectLine(staff.locator(`tr[data-row-key="${rm.staffId}"]`), rm);
};

/**
 * The screen shows what the API answers for the same unit. The counters move while the customers
 * stream catches up after the runtime starts: read the API, refresh the screen, compare, until equal.
 */
const expectScreenEqualsApi = async (page: Page, orgId?: string): Promise<TierReport> => {
  let report: TierReport | undefined;
  await expect(async () => {
    report = await apiAs(BM).get<TierReport>(
      `/v1/reports/tier-distribution${orgId ? `?orgId=${orgId}` : ''}`,
    );
    await page.getByRole('button', { name: '刷新' }).click();
    await expectTierReport(page, report);
  }).toPass({ timeout: 90_000 });
  return report!;
};

const REPORTS: Screen = { path: '/reports', title: '管理报表' };

test(
  'the tier distribution equals the API’s, downloads as the server’s CSV, drills down and back',
  desktopOnly(
    'the full flow runs on the desktop; the phone takes the short path',
    async ({ page, shot, signIn, expectPage }) => {
      await signIn(BM, { open: REPORTS });
      const top = await expectScreenEqualsApi(page);
      expect(top.orgs.length).toBeGreaterThan(0);
      await expectPage.accessible();
      await expectPage.noRawPii();
      await shot('reports');

      // 下载 CSV: the file is the server's CSV for the same unit, byte for byte
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '下载 CSV' }).click(),
      ]);
      expect(file.suggestedFilename()).toBe(`tier-distribution-${top.orgId}.csv`);
      const served = await fetch(`${baseUrl()}/v1/reports/tier-distribution?orgId=${top.orgId}&format=csv`, {
        headers: { authorization: `Bearer ${await tokenFor(BM)}` },
      });
      expect(served.headers.get('content-type')).toContain('text/csv');
      const expected = Buffer.from(await served.arrayBuffer());
      const saved = await readFile((await file.path())!);
      expect(saved.equals(expected)).toBe(true);
      expect(saved.toString('utf8')).toContain(top.orgs[0]!.name);

      // drill into the unit with the most customers, then back through the breadcrumbs
      const child = [...top.orgs].sort((a, b) => b.customers - a.customers)[0]!;
      await page.getByRole('button', { name: `查看 ${child.name} 的下级` }).click();
      const trail = page.getByRole('navigation', { name: '所在机构' });
      await expect(trail.locator('[aria-current="page"]')).toHaveText(child.name);
      await expectScreenEqualsApi(page, child.orgId);
      await expectPage.accessible();
      await shot('reports-drilled');

      await trail.getByRole('link', { name: /北京分行$/ }).click();
      await expect(trail.locator('[aria-current="page"]')).toHaveText('北京分行');
      await expectScreenEqualsApi(page, top.orgId);
    },
  ),
);

test('every other report renders its tables without an error', async ({ page, signIn, expectPage }, info) => {
  test.skip(info.project.name === 'phone', 'the loop runs on the desktop');
  await signIn(BM, { open: REPORTS });
  for (const [id, label] of OTHER_REPORTS) {
    await pick(page, '报表', label);
    const report = page.getByTestId(`report-${id}`);
    await expect(report, id).toBeVisible();
    await expect(report.locator('.report-table').first()).toBeVisible();
    await expect(report.locator('.ant-table-row, .report-total, .empty-text').first()).toBeVisible();
    await expect(page.getByText('报表加载失败')).toHaveCount(0);
  }
  await expectPage.accessible();
});

test('on a phone the reports fit the screen', async ({ page, shot, signIn, expectPage }, info) => {
  test.skip(info.project.name !== 'phone', 'the phone’s short path');
  await signIn(BM, { open: REPORTS });
  await expect(page.getByTestId('table-orgs').locator('.report-total')).toBeVisible();
  await expectPage.noHorizontalScroll();
  await expectPage.noRawPii();
  await shot('reports');
  await pick(page, '报表', '他行净流出');
  await expect(page.getByTestId('report-net-outflow')).toBeVisible();
  await expectPage.noHorizontalScroll();
  await shot('reports-net-outflow');
});
