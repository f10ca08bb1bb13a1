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
