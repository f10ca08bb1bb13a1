// 产品库 / 资讯库 and usage nudges. An RM browses and searches the libraries by every filter the
// screens have, and the rows equal the API's answer to the same query; an admin adds a product and
// an article through the forms (the API's own refusal shows under its field) and edits them; the RM
// then finds them. Every person's header shows their logins this month as GET /v1/me/usage gives
// them; a branch manager's workbench lists who in the unit is below the standard as the usage
// report does.
import type { Page } from '@playwright/test';
import { apiAs, desktopOnly, expect, test, pick } from './fixtures.js';

const RM = 'rm-bj-hd-zgc-02';
const BM = 'bm-bj-hd';
const ADMIN = 'admin';
/** One token for the RM's API reads: each new token would be another sign-in in their usage. */
const rmApi = apiAs(RM);
/** This run's own records: reruns on a kept runtime never collide. */
const RUN = Date.now().toString(36).toUpperCase();
const TAG = `lib-${RUN.toLowerCase()}`;

const DAY = 86_400_000;
/** A business day (Asia/Shanghai) this many days from today. */
const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * DAY).toISOString().slice(0, 10);

const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name, exact: true }).click();

/** antd Select: open it by its accessible name, take the option with exactly this label. */
const clear = async (page: Page, label: string) => {
  const select = page.locator('.ant-select', {
    has: page.getByRole('combobox', { name: label, exact: true }),
  });
  await select.hover();
  await select.locator('.ant-select-clear').click();
};

const productRows = (page: Page) =>
  page
    .getByRole('table')
    .locator('tbody tr.ant-table-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));

/** The product table shows exactly what GET /v1/products answers for the same query. */
const expectProducts = async (page: Page, query: string, expected: string[]) => {
  const api = await rmApi.get(`/v1/products?limit=200&${query}`);
  expect(api.items.map((p: { code: string }) => p.code)).toEqual(expected);
  await expect.poll(() => productRows(page), { message: query }).toEqual(expected);
};

/** A GET with the page's own token: what the API says to this session, without another sign-in. */
const asPage = (page: Page, path: string) =>
  page.evaluate<Record<string, unknown>>(
    `fetch(${JSON.stringify(path)}, { headers: { authorization: 'Bearer ' + JSON.parse(sessionStorage.getItem('ocrm.session')).token } }).then((r) => r.json())`,
  );

const seedProducts = async () => {
  const admin = apiAs(ADMIN);
  const base = { tags: [TAG], description: '本测试自建产品' };
  await admin.post('/v1/products', {
    ...base,
    code: `LIB-${RUN}-A`,
    name: `稳享90天 ${RUN}`,
    category: 'wealth',
    riskLevel: 'R2',
    termDays: 90,
    saleStart: day(-10),
    saleEnd: day(30),
  });
  await admin.post('/v1/products', {
    ...base,
    code: `LIB-${RUN}-B`,
    name: `成长基金 ${RUN}`,
    category: 'fund',
    riskLevel: 'R4',
    saleStart: day(30),
  });
  await admin.post('/v1/products', {
    ...base,
    code: `LIB-${RUN}-C`,
    name: `一年定期 ${RUN}`,
    category: 'time_deposit',
    riskLevel: 'R1',
    termDays: 365,
    saleStart: day(-30),
    saleEnd: day(20),
  });
  const now = Date.now();
  await admin.post('/v1/articles', {
    title: `市场周报 ${RUN}`,
    body: `本周权益市场震荡。${RUN}`,
    tags: [TAG, '市场观点'],
    publishFrom: new Date(now - 3 * DAY).toISOString(),
  });
  await admin.post('/v1/articles', {
    title: `合规提示 ${RUN}`,
    body: '销售理财产品须双录。',
    tags: [TAG],
    publishFrom: new Date(now - 3600_000).toISOString(),
    publishUntil: new Date(now + 30 * DAY).toISOString(),
  });
};

test(
  'an RM browses and searches products and articles; the screen shows what the API answers',
  desktopOnly(
    'the full flow runs on desktop; the phone has its own path',
    async ({ page, shot, signIn, expectPage }) => {
      await seedProducts();
      await signIn(RM);
      await menu(page, '产品库');
      await expect(page.getByRole('heading', { name: '产品库', level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: '新增产品' })).toHaveCount(0);

      const box = page.getByLabel('搜索产品', { exact: true });
      await box.fill(TAG);
      await box.press('Enter');
      const [a, b, c] = ['A', 'B', 'C'].map((x) => `LIB-${RUN}-${x}`);
      await expectProducts(page, `q=${TAG}`, [a!, b!, c!]);

      await pick(page, '风险等级', 'R4 中高风险');
      await expectProducts(page, `q=${TAG}&riskLevel=R4`, [b!]);
      await clear(page, '风险等级');
      await pick(page, '期限', '6–12 个月');
      await expectProducts(page, `q=${TAG}&termDaysMin=181&termDaysMax=365`, [c!]);
      await clear(page, '期限');
      await pick(page, '产品类别', '理财');
      await expectProducts(page, `q=${TAG}&category=wealth`, [a!]);
      await clear(page, '产品类别');
      await pick(page, '销售状态', '未在售');
      await expectProducts(page, `q=${TAG}&onSale=false`, [b!]);
      await clear(page, '销售状态');
      await page.getByLabel('销售期起').fill(day(25));
      await expectProducts(page, `q=${TAG}&saleFrom=${day(25)}`, [a!, b!]);
      await page.getByLabel('销售期止').fill(day(28));
      await expectProducts(page, `q=${TAG}&saleFrom=${day(25)}&saleTo=${day(28)}`, [a!]);
      await expectPage.accessible();
      await expectPage.noRawPii();
      await shot('library-products');

      await menu(page, '资讯库');
      await expect(page.getByRole('heading', { name: '资讯库', level: 1 })).toBeVisible();
      const tagBox = page.getByLabel('标签', { exact: true });
      await tagBox.fill(TAG);
      await tagBox.press('Enter');
      const titles = (query: string) =>
        rmApi
          .get(`/v1/articles?limit=200&${query}`)
          .then((r) => r.items.map((x: { title: string }) => x.title));
      const shown = () => page.locator('.lib-article-title').allInnerTexts();
      expect(await titles(`tag=${TAG}`)).toEqual([`合规提示 ${RUN}`, `市场周报 ${RUN}`]);
      await expect.poll(shown).toEqual(await titles(`tag=${TAG}`));
      await page.getByLabel('发布日期起').fill(day(-1));
      await expect.poll(shown).toEqual(await titles(`tag=${TAG}&publishedFrom=${day(-1)}`));
      expect(await shown()).toEqual([`合规提示 ${RUN}`]);
      await page.getByLabel('发布日期起').fill('');
      const words = page.getByLabel('搜索资讯', { exact: true });
      await words.fill('权益 震荡');
      await words.press('Enter');
      await expect.poll(shown).toEqual(await titles(`tag=${TAG}&q=${encodeURIComponent('权益 震荡')}`));
      expect(await shown()).toEqual([`市场周报 ${RUN}`]);
      await expect(page.getByRole('button', { name: '发布资讯' })).toHaveCount(0);
      await expectPage.accessible();
      await shot('library-articles');
    },
  ),
);

test(
  'an admin adds a product and an article, edits them; the RM then finds them',
  desktopOnly(
    'the full flow runs on desktop; the phone has its own path',
    async ({ page, browser, shot, signIn, expectPage }) => {
      const code = `NEW-${RUN}`;
      // a code already taken by other content: the API's 409 names `code`, and the form says so there
      await apiAs(ADMIN).post('/v1/products', {
        code: `TAKEN-${RUN}`,
        name: '已存在的产品',
        category: 'bond',
        riskLevel: 'R1',
        saleStart: day(0),
      });
      await signIn(ADMIN);
      await menu(page, '产品库');
      await page.getByRole('button', { name: '新增产品' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('产品代码').fill(`TAKEN-${RUN}`);
      await dialog.getByLabel('产品名称').fill(`新客理财 ${RUN}`);
      await dialog.getByLabel('产品类别').click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
          hasText: /^理财$/,
        })
        .click();
      await dialog.getByLabel('风险等级').click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
          hasText: /^R3 中风险$/,
        })
        .click();
      await dialog.getByLabel('期限（天）').fill('180');
      await dialog.getByLabel('折算系数').fill('1.5');
      await dialog.getByLabel('销售期起').fill(day(0));
      // the contract's rule, checked as you type: the end before the start
      await dialog.getByLabel('销售期止').fill(day(-1));
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await expect(dialog.getByText('销售期止不能早于销售期起')).toBeVisible();
      await dialog.getByLabel('销售期止').fill(day(60));
      await dialog.getByLabel('标签').fill(TAG);
      await dialog.getByLabel('标签').press('Enter');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await expect(dialog.getByText('is taken by another product')).toBeVisible();
      await shot('library-product-form');
      await dialog.getByLabel('产品代码').fill(code);
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await expect(dialog).toBeHidden();
      const created = await rmApi.get(`/v1/products/${code}`);
      expect(created).toMatchObject({
        name: `新客理财 ${RUN}`,
        riskLevel: 'R3',
        termDays: 180,
        weightBp: 15_000,
        tags: [TAG],
      });

      // edit it: a new name, R2
      const box = page.getByLabel('搜索产品', { exact: true });
      await box.fill(code);
      await box.press('Enter');
      await page.getByRole('button', { name: `编辑 新客理财 ${RUN}` }).click();
      await expect(dialog.getByLabel('产品代码')).toBeDisabled();
      await dialog.getByLabel('产品名称').fill(`新客理财（修订）${RUN}`);
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('table')).toContainText(`新客理财（修订）${RUN}`);
      expect(await rmApi.get(`/v1/products/${code}`)).toMatchObject({
        name: `新客理财（修订）${RUN}`,
        version: 2,
      });

      // an article
      await menu(page, '资讯库');
      await page.getByRole('button', { name: '发布资讯' }).click();
      await dialog.getByLabel('标题').fill(`新品上线 ${RUN}`);
      await dialog.getByLabel('正文').fill(`新客理财已上线，期限 180 天。${RUN}`);
      await dialog.getByLabel('标签').fill(TAG);
      await dialog.getByLabel('标签').press('Enter');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await expect(dialog).toBeHidden();
      const card = page.locator('[data-testid^="article-"]', { hasText: `新品上线 ${RUN}` });
      await card.getByRole('button', { name: `编辑 新品上线 ${RUN}` }).click();
      await dialog.getByLabel('标题').fill(`新品上线（更新）${RUN}`);
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await expect(dialog).toBeHidden();
      await expect(page.locator('.lib-article-title', { hasText: `新品上线（更新）${RUN}` })).toBeVisible();
      await expectPage.accessible();
      await shot('library-articles-admin');

      // the RM finds both
      const rmContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
      const rm = await rmContext.newPage();
      await signIn(RM, { on: rm });
      await menu(rm, '产品库');
      const search = rm.getByLabel('搜索产品', { exact: true });
      await search.fill(`新客理财`);
      await search.press('Enter');
      await expect(rm.getByRole('table').locator(`tr[data-row-key="${code}"]`)).toContainText(
        `新客理财（修订）${RUN}`,
      );
      await menu(rm, '资讯库');
      const words = rm.getByLabel('搜索资讯', { exact: true });
      await words.fill(RUN);
      await words.press('Enter');
      await expect(rm.locator('.lib-article-title', { hasText: `新品上线（更新）${RUN}` })).toBeVisible();
      await rmContext.close();
    },
  ),
);

test(
  'every person sees their own logins this month as the API counts them',
  desktopOnly('the phone path checks the chip fits', async ({ page, shot, signIn }) => {
    await signIn(RM);
    const chip = page.getByTestId('my-usage');
    await expect(chip).toBeVisible();
    const mine = await asPage(page, '/v1/me/usage');
    expect(mine.staffId).toBe(RM);
    await expect(chip).toHaveText(`本月登录 ${mine.logins}/${mine.standard}`);
    await chip.click();
    const detail = page.getByTestId('my-usage-detail');
    await expect(detail).toContainText(`使用天数${mine.activeDays}`);
    await expect(detail).toContainText(
      mine.belowStandard ? `还差 ${Number(mine.standard) - Number(mine.logins)} 次` : '已达到本月登录标准',
    );
    await shot('usage-mine');
  }),
);

test(
  'a branch manager sees who in the unit is below the standard, as the usage report lists them',
  desktopOnly('the phone path checks the workbench fits', async ({ page, shot, signIn, expectPage }) => {
    await signIn(BM);
    const card = page.getByTestId('unit-usage');
    await expect(card).toBeVisible();
    const report = await asPage(page, '/v1/reports/usage');
    const below = report.below as string[];
    expect(below.length).toBeGreaterThan(0);
    const shown = await card
      .locator('[data-staff]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-staff')));
    expect([...shown].sort()).toEqual([...below].sort());
    const mine = await asPage(page, '/v1/me/usage');
    await expect(page.getByTestId('my-usage')).toHaveText(`本月登录 ${mine.logins}/${mine.standard}`);
    await expectPage.accessible();
    await expectPage.noRawPii();
    await shot('usage-unit');
  }),
);

test('on a phone: the libraries and the login chip fit the screen', async ({
  page,
  shot,
  signIn,
  expectPage,
}, info) => {
  test.skip(info.project.name !== 'phone', 'the phone path');
  await seedProducts();
  // internal audit reads the libraries too; its menu fits a phone (an RM's six entries overflow into
  // antd's "…", whose hidden copies of the links axe flags: the shell's menu, not these screens)
  await signIn('auditor');
  await expect(page.getByTestId('my-usage')).toBeVisible();
  await expectPage.noHorizontalScroll();
  await page.goto(page.url().replace(/\/[^/]*$/, '/products'));
  await expect(page.getByRole('heading', { name: '产品库', level: 1 })).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await expectPage.noHorizontalScroll();
  await expectPage.accessible();
  await shot('library-products');
  await page.goto(page.url().replace(/\/products$/, '/articles'));
  await expect(page.getByRole('heading', { name: '资讯库', level: 1 })).toBeVisible();
  await expectPage.noHorizontalScroll();
  await expectPage.accessible();
  await shot('library-articles');
});
