// 业绩: an RM registers a sale split 60/40 with another RM of the outlet and sees the leaderboard
// move; a product riskier than the customer asks for an override reason; a split that does not
// total 100 is refused in the form; a registration is reversed.
import { apiAs, expect, test } from './fixtures.js';
import type { Page } from '@playwright/test';

const RM = 'rm-bj-cy-wj-01';
const PARTNER = 'rm-bj-cy-wj-02';

const products = async () => {
  const admin = apiAs('admin');
  for (const product of [
    {
      code: 'WEB2-TD-3Y',
      name: '三年期大额存单',
      category: 'time_deposit',
      riskLevel: 'R1',
      saleStart: '2026-01-01',
    },
    {
      code: 'WEB2-FUND-R5',
      name: '科技成长股票基金',
      category: 'fund',
      riskLevel: 'R5',
      saleStart: '2026-01-01',
    },
  ])
    await admin.post('/v1/products', product);
};

/** antd Select: type into its combobox, then take the option that matches. */
const choose = async (page: Page, label: string, text: string, option: string | RegExp) => {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(text);
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
};

const points = async (page: Page) =>
  Number(
    (await page.getByTestId('my-rank').locator('.ant-statistic-content').nth(1).innerText()).replace(
      /\D/g,
      '',
    ),
  );

test('an RM registers a 60/40 sale, overrides suitability with a reason, and reverses one', async ({
  page,
  shot,
  signIn,
  expectPage,
}) => {
  test.setTimeout(240_000);
  await products();
  const rm = apiAs(RM);
  const customers = (
    await rm.get<{ items: { customerId: string; name: string; riskLevel?: string }[] }>(
      '/v1/customers?limit=100',
    )
  ).items;
  const customer = customers.find((c) => c.riskLevel && c.riskLevel < 'C5')!;
  const before = await rm.get<{ me?: { points: number } }>('/v1/leaderboards');

  await signIn(RM, { open: { path: '/performance', title: '业绩' } });
  await expect(page.getByTestId('my-rank')).toContainText('我的排名');
  const pointsBefore = before.me?.points ?? 0;
  await expect.poll(() => points(page)).toBe(pointsBefore);

  // 60 / 40 with a colleague of the outlet; first a split that does not total 100
  await choose(page, '客户', customer.customerId, customer.name);
  await choose(page, '产品', '大额存单', '三年期大额存单');
  await page.getByLabel('金额（元）').fill('200,000.00');
  await page.getByLabel('第 1 位占比').fill('60');
  await page.getByRole('button', { name: '添加分配' }).click();
  await choose(page, '第 2 位客户经理', PARTNER, PARTNER);
  await page.getByLabel('第 2 位占比').fill('30');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('分配比例合计必须为 100%')).toBeVisible();
  await page.getByLabel('第 2 位占比').fill('40');
  await expect(page.getByText('分配比例合计必须为 100%')).toBeHidden();
  await expect(page.getByTestId('credit-total')).toHaveText('合计 100%');
  await expectPage.accessible();
  await shot('performance-register');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('已登记：三年期大额存单 200,000.00 元')).toBeVisible();

  // the leaderboard moves (the ledger's stream counts the sale)
  await expect.poll(() => points(page), { timeout: 30_000 }).toBeGreaterThan(pointsBefore);
  const board = page.getByRole('table', { name: '员工排名' });
  await expect(board.getByRole('row', { name: /张强/ })).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: '我的业绩登记' })
      .getByRole('row', { name: /三年期大额存单/ })
      .first(),
  ).toContainText('60%');

  // suitability: an R5 fund for a customer below C5
  await choose(page, '客户', customer.customerId, customer.name);
  await choose(page, '产品', '科技成长', '科技成长股票基金');
  await page.getByLabel('金额（元）').fill('50000');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('适当性提示：产品风险高于客户风险承受能力')).toBeVisible();
  await expect(
    page.getByText(new RegExp(`产品风险等级 R5 高于客户风险等级 ${customer.riskLevel}`)),
  ).toBeVisible();
  await page.getByRole('button', { name: '确认仍然登记' }).click();
  await expect(page.getByText('请填写原因（至少 4 个字）')).toBeVisible();
  await page.getByLabel('仍然登记的原因').fill('客户书面确认了解产品风险并坚持购买');
  await expect(page.getByText('请填写原因（至少 4 个字）')).toBeHidden(); // (not mid-fade under axe)
  await expectPage.accessible();
  await shot('performance-suitability');
  await page.getByRole('button', { name: '确认仍然登记' }).click();
  await expect(page.getByText('已登记：科技成长股票基金 50,000.00 元')).toBeVisible();

  // reversal of the fund sale
  const mine = page.getByRole('table', { name: '我的业绩登记' });
  await mine
    .getByRole('button', { name: new RegExp(`冲正 ${customer.customerId} 的 科技成长股票基金`) })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: '冲正：科技成长股票基金' });
  await dialog.getByLabel('冲正原因').fill('客户当日撤单');
  await dialog.getByRole('button', { name: '冲正' }).click();
  await expect(page.getByText('已冲正').first()).toBeVisible();
  await expect(mine.getByText('冲正记录').first()).toBeVisible();

  await expectPage.accessible();
  await expectPage.noHorizontalScroll();
  await shot('performance');
});
