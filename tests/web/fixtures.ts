// What every web flow needs: the runtime's URL, the API as a person (to compare the screen with), and
// as fixtures of `test`: signing in through the page (`signIn`), the page-wide checks (`expectPage`:
// axe, no raw PII, no horizontal scrolling) and screenshots under web/screenshots/ (`shot`).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const baseUrl = (): string => {
  const url = process.env.OCRM_WEB_URL;
  if (!url) throw new Error('OCRM_WEB_URL is not set: run through tests/web/playwright.config.ts');
  return url;
};

const screenshots = join(import.meta.dirname, '..', '..', 'web', 'screenshots');

/** A token for a staff member from the local runtime, as the sign-in page gets it. */
export const tokenFor = async (staffId: string): Promise<string> => {
  const response = await fetch(`${baseUrl()}/_local/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffId }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
};

/** Calls the API as a staff member: what the screens must agree with. */
export const apiAs = (staffId: string) => {
  let token: Promise<string> | undefined;
  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(baseUrl() + path, {
      method,
      headers: {
        authorization: `Bearer ${await (token ??= tokenFor(staffId))}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok, `${method} ${path} → ${response.status}`).toBe(true);
    return (await response.json()) as T;
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body),
  };
};

/** A screen of the app: where it is and its title (the level-1 heading). */
export interface Screen {
  path: string;
  title: string;
}

/** Signs in through the page: the 工号 field and 登录; then, if asked, opens a screen. */
const signInOn = async (page: Page, staffId: string, open?: Screen): Promise<void> => {
  await page.goto(baseUrl() + '/');
  await page.getByLabel('工号').fill(staffId);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeVisible();
  if (!open) return;
  await page.goto(baseUrl() + open.path);
  await expect(page.getByRole('heading', { name: open.title, level: 1 })).toBeVisible();
};

/**
 * Chooses an option of the antd select labelled `label`, then waits until no dropdown is open: an open
 * one's listbox has no name of its own (axe would flag the moment, not the page).
 */
export const pick = async (page: Page, label: string, option: string): Promise<void> => {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
      hasText: new RegExp(`^${option}$`),
    })
    .click();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(0);
};

/** axe on the page as it is: no serious or critical violation. */
const expectAccessible = async (page: Page): Promise<void> => {
  // a popover or dialog still fading in or out has its text at part opacity (a contrast finding of
  // the moment, not of the page): wait until no finite animation runs (spinners run forever)
  await expect
    .poll(
      () =>
        page.evaluate<number>(
          'document.getAnimations().filter((a) => a.playState === "running" && a.effect?.getTiming().iterations !== Infinity).length',
        ),
      { timeout: 10_000 },
    )
    .toBe(0);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
};

/** No raw mobile number or resident ID anywhere in the DOM (text or attributes). */
const expectNoRawPii = async (page: Page): Promise<void> => {
  const html = await page.content();
  expect(html.match(/(?<!\d)1[3-9]\d{9}(?!\d)/g) ?? [], 'raw phone numbers').toEqual([]);
  expect(html.match(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g) ?? [], 'raw resident IDs').toEqual([]);
};

/** The page is no wider than the viewport (no horizontal scrolling on a phone). */
const expectNoHorizontalScroll = async (page: Page): Promise<void> => {
  // evaluated in the page (this file is type-checked without the DOM library)
  const [scroll, client] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  );
  expect(scroll).toBeLessThanOrEqual(client);
};

/** The page-wide checks, on the test's page or, where named, on another one (a second person's). */
export interface PageChecks {
  accessible(on?: Page): Promise<void>;
  noRawPii(on?: Page): Promise<void>;
  noHorizontalScroll(on?: Page): Promise<void>;
}

interface WebFixtures {
  shot: (name: string) => Promise<void>;
  /** Signs in as `staffId` on the test's page (or `on`), then opens `open` if given. */
  signIn: (staffId: string, options?: { open?: Screen; on?: Page }) => Promise<void>;
  expectPage: PageChecks;
}

export const test = base.extend<WebFixtures>({
  signIn: async ({ page }, use) => {
    await use((staffId, { open, on = page } = {}) => signInOn(on, staffId, open));
  },
  expectPage: async ({ page }, use) => {
    await use({
      accessible: (on = page) => expectAccessible(on),
      noRawPii: (on = page) => expectNoRawPii(on),
      noHorizontalScroll: (on = page) => expectNoHorizontalScroll(on),
    });
  },
  shot: async ({ page }, use, testInfo) => {
    mkdirSync(screenshots, { recursive: true });
    await use(async (name) => {
      await page.screenshot({
        path: join(screenshots, `${name}-${testInfo.project.name}.png`),
        fullPage: true,
      });
    });
  },
});

/** What a whole flow is given: the page, the browser (for a second person), and the fixtures above. */
export type FlowFixtures = WebFixtures & { page: Page; browser: Browser };

/**
 * A whole flow's body, run on the desktop only; the phone project skips it (`why`: what the phone
 * checks instead). `test(title, desktopOnly(why, async ({ page, signIn }) => …))`.
 */
export const desktopOnly =
  (why: string, body: (fixtures: FlowFixtures, info: TestInfo) => Promise<void>) =>
  async ({ page, browser, shot, signIn, expectPage }: FlowFixtures, info: TestInfo): Promise<void> => {
    test.skip(info.project.name === 'phone', why);
    await body({ page, browser, shot, signIn, expectPage }, info);
  };

export { expect };
