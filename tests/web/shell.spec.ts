// The shell: sign in with a 工号, the menu, the language switch, sign-out clearing the session.
import { expect, test, baseUrl } from './fixtures.js';

const RM = 'rm-bj-cy-wj-01';

test('the sign-in page has a 工号 field, a 登录 button and the demo logins', async ({
  page,
  shot,
  expectPage,
}) => {
  await page.goto(baseUrl() + '/');
  await expect(page.getByLabel('工号')).toBeVisible();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(RM) })).toBeVisible();
  await expectPage.accessible();
  await expectPage.noHorizontalScroll();
  await shot('sign-in');
});

test('an unknown 工号 is refused next to the field', async ({ page }) => {
  await page.goto(baseUrl() + '/');
  await page.getByLabel('工号').fill('nobody-here');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('工号不存在或已停用')).toBeVisible();
});

test('an RM signs in, sees the menu, switches to English and signs out', async ({
  signIn,
  page,
  expectPage,
  shot,
}) => {
  await signIn(RM);
  const nav = page.getByRole('navigation', { name: '主菜单' });
  for (const entry of ['工作台', '客户', '预警', '业绩'])
    await expect(nav.getByRole('link', { name: entry })).toBeVisible();
  await nav.getByRole('link', { name: '业绩' }).click();
  await expect(page.getByRole('heading', { name: '业绩', level: 1 })).toBeVisible();
  await expectPage.accessible();
  await expectPage.noHorizontalScroll();
  await shot('placeholder');

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
  await page.getByText('中文', { exact: true }).click();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByLabel('工号')).toBeVisible();
  expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
});
