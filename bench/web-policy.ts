// Issue 13's what-if figure (`npm run bench -- web`): the tier policy screen's 试算影响 for the whole
// bank the bench holds (the demo bank plus the workbench bench's 20,000-customer branch when it ran
// first) — navigation, the draft as the form holds it, the preview rendered — beside the same
// POST /v1/tier-policy/preview alone, alternated in one loop. Printed, never asserted.
import type { Browser } from '@playwright/test';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { fmt, line } from './support.js';
import { sideBySide, signIn } from './browser.js';

const ROUNDS = 3;
const ADMIN = 'admin';

export const runPolicyWebBench = async (runtime: LocalRuntime, browser: Browser) => {
  const token = await runtime.token(ADMIN);
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  await signIn(page, runtime.url, ADMIN);
  // the body the screen sends is the body the API call alone is timed with
  let draft: string | undefined;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/v1/tier-policy/preview'))
      draft = request.postData() ?? undefined;
  });
  let customers = 0;
  const render = async () => {
    const t0 = performance.now();
    await page.goto(`${runtime.url}/system/tier-policy`);
    await page.getByRole('button', { name: '试算影响' }).click();
    await page.getByTestId('preview-headline').waitFor({ timeout: 300_000 });
    return performance.now() - t0;
  };
  const api = async () => {
    const t0 = performance.now();
    const response = await fetch(`${runtime.url}/v1/tier-policy/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: draft,
    });
    const body = (await response.json()) as { customers: number };
    if (!response.ok) throw new Error(`POST /v1/tier-policy/preview → ${response.status}`);
    customers = body.customers;
    return performance.now() - t0;
  };
  await render(); // warm: the chunks, the JIT, and the draft's body captured
  const { rendered: r, api: a } = await sideBySide(ROUNDS, 0, render, api);
  console.log(`\nTier policy what-if in the browser (issue 13): the whole bank, ${fmt(customers)} customers`);
  line(
    `  试算影响 (${ROUNDS}): rendered / API alone`,
    `p50 ${fmt(r.p50, 0)} / ${fmt(a.p50, 0)} ms (${fmt(r.p50 / a.p50, 2)}×), p95 ${fmt(r.p95, 0)} / ${fmt(a.p95, 0)} ms (${fmt(r.p95 / a.p95, 2)}×)`,
  );
  await page.close();
};
