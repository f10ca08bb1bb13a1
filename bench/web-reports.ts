// Issue 13's report figures (`npm run bench -- web`): navigation → each management report rendered
// (tables and charts) for a branch manager of a branch of 20,000 customers — 10 sub-branches, 40
// outlets, 200 RMs; the customers counted as the stream counts them (workbench bench) — beside the
// report's GET alone, alternated in one loop so both see the same machine. Printed, never asserted.
import type { Browser } from '@playwright/test';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiCaller, fmt, line } from './support.js';
import { sideBySide, signIn } from './browser.js';
import { seedBranchCounters } from './workbench.js';

const ROUNDS = 10;
const MANAGER = 'wb-bm';

/** Each report's route and the query the screen sends for it this month. */
const reports = (orgId: string, month: string): [id: string, query: string][] => [
  ['tier-distribution', `orgId=${orgId}`],
  ['tier-migration', `orgId=${orgId}&period=${month}`],
  ['aum-change', `orgId=${orgId}&period=${month}`],
  ['performance', `orgId=${orgId}&period=${month}`],
  ['alert-outcomes', `orgId=${orgId}&from=${month}&to=${month}`],
  ['net-outflow', `orgId=${orgId}&from=${month}&to=${month}`],
  ['campaign-funnel', `orgId=${orgId}&period=${month}`],
  ['usage', `orgId=${orgId}&month=${month}`],
  ['data-quality', `orgId=${orgId}`],
];

export const runReportsWebBench = async (runtime: LocalRuntime, browser: Browser) => {
  const branch = await seedBranchCounters(runtime);
  await apiCaller(runtime)('admin', 'PUT', `/v1/staff/${MANAGER}`, {
    name: '压测分行行长',
    role: 'branch_manager',
    orgId: branch,
  });
  const token = await runtime.token(MANAGER);
  const month = new Date(runtime.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  await signIn(page, runtime.url, MANAGER);
  const customers = (
    (await (
      await fetch(`${runtime.url}/v1/reports/tier-distribution?orgId=${branch}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { totals: { customers: number } }
  ).totals.customers;
  console.log(
    `\nReports in the browser (issue 13): branch ${branch} of ${fmt(customers)} customers, 200 RMs in 40 outlets`,
  );
  for (const [id, query] of reports(branch, month)) {
    const api = async () => {
      const t0 = performance.now();
      const response = await fetch(`${runtime.url}/v1/reports/${id}?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET /v1/reports/${id} → ${response.status}`);
      return performance.now() - t0;
    };
    // rendered: the report's tables are on the page and no chart is still loading
    const render = async () => {
      const t0 = performance.now();
      await page.goto(`${runtime.url}/reports?report=${id}`);
      const report = page.getByTestId(`report-${id}`);
      await report.locator('.report-table').first().waitFor();
      await report.locator('.ant-skeleton').first().waitFor({ state: 'detached' });
      return performance.now() - t0;
    };
    const { rendered: r, api: a } = await sideBySide(ROUNDS, 2, render, api);
    line(
      `  ${id} (${ROUNDS}): rendered / API alone`,
      `p50 ${fmt(r.p50, 0)} / ${fmt(a.p50, 0)} ms (${fmt(r.p50 / a.p50, 1)}×), p95 ${fmt(r.p95, 0)} / ${fmt(a.p95, 0)} ms (${fmt(r.p95 / a.p95, 1)}×)`,
    );
  }
  await page.close();
};
