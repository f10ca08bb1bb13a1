// What the web benchmarks share: signing in through the page as a person does, and p50/p95 of samples.
import type { Page } from '@playwright/test';
import { percentile } from './support.js';

export const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};

export const signIn = async (page: Page, url: string, staffId: string) => {
  await page.goto(url + '/');
  await page.getByLabel('工号').fill(staffId);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
};

/**
 * Times a page and the API call it stands on, alternated `rounds` times so both see the same
 * machine, after `warm` rounds of both at once (the JIT, the browser's cache of the chunks).
 */
export const sideBySide = async (
  rounds: number,
  warm: number,
  render: () => Promise<number>,
  api: () => Promise<number>,
) => {
  for (let i = 0; i < warm; i++) await Promise.all([render(), api()]);
  const renders: number[] = [];
  const calls: number[] = [];
  for (let i = 0; i < rounds; i++) {
    renders.push(await render());
    calls.push(await api());
  }
  return { rendered: stats(renders), api: stats(calls) };
};
