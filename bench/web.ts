// Issue 12's figures (`npm run bench -- web`): the web app's entry chunk (gzip) against its 250 KB
// goal; navigation → workbench rendered for an RM with 500 customers in Debian's Chromium, beside the
// GET /v1/workbench call alone, alternated in one loop so both see the same machine; and the customer
// list scrolled through those 500 customers. Then issue 13's: each report (web-reports.ts) and the
// tier policy what-if (web-policy.ts). Printed, never asserted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { ensureWebBuilt } from '#infra/local/web-build.js';
import { repositoryRoot } from '#infra/local/invoke.js';
import { fmt, line } from './support.js';
import { sideBySide, signIn } from './browser.js';
import { runPolicyWebBench } from './web-policy.js';
import { runReportsWebBench } from './web-reports.js';
import { seedWorkbenchBranch } from './workbench.js';
import { chromiumLaunchOptions } from '../tests/web/chromium.js';

const ROUNDS = 40;
const dist = join(repositoryRoot, 'web', 'dist');

const gzipKb = (file: string): number => gzipSync(readFileSync(file)).length / 1024;

/** The entry chunk is what index.html loads itself; everything else is a lazily loaded chunk. */
const chunkSizes = () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const assets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const entryKb = entry.reduce((sum, f) => sum + gzipKb(join(dist, f)), 0);
  const allKb = assets.reduce((sum, f) => sum + gzipKb(join(dist, 'assets', f)), 0);
  const largestLazy = assets
    .filter((f) => !entry.includes(`assets/${f}`))
    .map((f) => ({ f, kb: gzipKb(join(dist, 'assets', f)), raw: statSync(join(dist, 'assets', f)).size }))
    .sort((a, b) => b.kb - a.kb)[0];
  return { entryKb, allKb, files: assets.length, largestLazy };
};

export const runWebBench = async (runtime: LocalRuntime) => {
  console.log('\nWeb workbench (issue 12)');
  await ensureWebBuilt({ log: () => {} });
  const sizes = chunkSizes();
  line('entry chunk (what index.html loads), gzip', `${fmt(sizes.entryKb, 1)} KB (goal ≤ 250 KB)`);
  line(
    `all ${sizes.files} chunks together, gzip`,
    `${fmt(sizes.allKb, 1)} KB; largest lazy chunk ${sizes.largestLazy?.f ?? '-'} ${fmt(sizes.largestLazy?.kb ?? 0, 1)} KB`,
  );

  const { bigRm } = await seedWorkbenchBranch(runtime);
  await runtime.drained();
  const token = await runtime.token(bigRm);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await signIn(page, runtime.url, bigRm);
    const api = async () => {
      const t0 = performance.now();
      const response = await fetch(`${runtime.url}/v1/workbench`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET /v1/workbench → ${response.status}`);
      return performance.now() - t0;
    };
    const render = async () => {
      const t0 = performance.now();
      await page.goto(runtime.url + '/');
      await page.getByTestId('book').waitFor();
      return performance.now() - t0;
    };
    // warm both paths (JIT, the browser's cache of the chunks), then alternate
    const { rendered: r, api: a } = await sideBySide(ROUNDS, 5, render, api);
    line(
      `navigation → workbench rendered, RM with 500 customers (${ROUNDS})`,
      `p50 ${fmt(r.p50, 0)} ms, p95 ${fmt(r.p95, 0)} ms`,
    );
    line('  GET /v1/workbench alone, same loop', `p50 ${fmt(a.p50, 0)} ms, p95 ${fmt(a.p95, 0)} ms`);
    line(
      '  ratio rendered ÷ API call',
      `${fmt(r.p50 / a.p50, 2)}× at p50, ${fmt(r.p95 / a.p95, 2)}× at p95 (goal ≤ 1.5×)`,
    );

    // the customer list: scroll until all 500 of the book are on the page
    const t0 = performance.now();
    await page.goto(runtime.url + '/customers');
    const rows = page.locator('[data-row-key]');
    await rows.first().waitFor();
    let seen = 0;
    let stuck = 0;
    while (seen < 500 && stuck < 50) {
      await page.mouse.wheel(0, 4000);
      await page.keyboard.press('End');
      const now = await page.evaluate(
        '(() => { const keys = new Set(window.__ocrmSeenRows ?? []); document.querySelectorAll("[data-row-key]").forEach((r) => keys.add(r.getAttribute("data-row-key"))); window.__ocrmSeenRows = [...keys]; return keys.size; })()',
      );
      stuck = Number(now) === seen ? stuck + 1 : 0;
      seen = Number(now);
      if (stuck > 0) await page.waitForTimeout(50);
    }
    const scrollMs = performance.now() - t0;
    line(
      'customer list, scrolled through the book',
      `${seen} of 500 rows in ${fmt(scrollMs, 0)} ms (${fmt(seen / (scrollMs / 1000), 0)} rows/s)`,
    );

    await runReportsWebBench(runtime, browser);
    await runPolicyWebBench(runtime, browser);
  } finally {
    await browser.close();
  }
};
