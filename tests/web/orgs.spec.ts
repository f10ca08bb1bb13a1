// 系统管理 as an administrator: the org tree — a new unit under 广州分行, renamed, a staff member
// moved into it — and the dead letters — a poison transaction both readers of the transactions stream
// reject, listed with its consumer and replayed (it fails again, and the card says it was replayed).
// Everything here is this spec's own: a unit and a staff member made for it, a transaction for no
// one's book.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@playwright/test';
import { apiAs, desktopOnly, baseUrl, expect, test, tokenFor } from './fixtures.js';

const suffix = Date.now().toString(36).toUpperCase();
const UNIT = `GZ-W${suffix}`;
const STAFF = `rm-web-orgs-${suffix.toLowerCase()}`;

const put = async (path: string, body: unknown) => {
  const response = await fetch(baseUrl() + path, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await tokenFor('admin')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, `PUT ${path}`).toBeLessThan(300);
};

const open = async (page: Page, path: string) => {
  await page.goto(baseUrl() + path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
};

const submitModal = async (page: Page) => {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await expect(dialog).toBeHidden();
};

test(
  'an administrator adds a unit under a branch, renames it and moves a staff member into it',
  desktopOnly(
    'the full flow runs on the desktop; the phone opens the screens',
    async ({ page, shot, signIn, expectPage }) => {
      // a staff member of this spec's own, at the branch
      await put(`/v1/staff/${STAFF}`, { name: '调动测试员', role: 'rm', orgId: 'GZ', active: true });

      await signIn('admin');
      await open(page, '/system/orgs');
      await page.getByTestId('org-GZ').click();
      await expect(page.getByTestId('org-unit')).toContainText('广州分行');

      // add a unit under 广州分行
      await page.getByRole('button', { name: '新增下级机构' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('机构编号').fill(UNIT);
      await dialog.getByLabel('机构名称').fill('广州分行测试支行');
      await dialog.getByLabel('层级').click();
      await page.locator('.ant-select-item-option', { hasText: '支行' }).first().click();
      await submitModal(page);
      await expect(page.getByTestId(`org-${UNIT}`)).toContainText('广州分行测试支行');

      // a unit id that breaks the rule is refused in the form, before the API
      await page.getByRole('button', { name: '新增下级机构' }).click();
      await dialog.getByLabel('机构编号').fill('no spaces allowed');
      await dialog.getByLabel('机构名称').fill('x');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await expect(dialog.getByText('字母、数字、_ 或 -，最多 32 位').last()).toBeVisible();
      await dialog.getByRole('button', { name: /取\s*消/ }).click();

      // rename it
      await page.getByTestId(`org-${UNIT}`).click();
      await page.getByRole('button', { name: '重命名' }).click();
      await dialog.getByLabel('机构名称').fill('广州分行珠江测试支行');
      await submitModal(page);
      await expect(page.getByTestId(`org-${UNIT}`)).toContainText('广州分行珠江测试支行');
      const org = await apiAs('admin').get(`/v1/orgs/${UNIT}`);
      expect(org).toMatchObject({ name: '广州分行珠江测试支行', level: 'sub_branch', parentId: 'GZ' });

      // move the staff member into it
      await page.getByRole('button', { name: '调入人员' }).click();
      await dialog.getByLabel('工号').fill(STAFF);
      await dialog.getByRole('button', { name: '查找' }).click();
      await expect(dialog).toContainText('调动测试员');
      await shot('orgs-transfer');
      await submitModal(page);
      await expect(page.getByTestId(`staff-${STAFF}`)).toBeVisible();
      expect(await apiAs('admin').get(`/v1/staff/${STAFF}`)).toMatchObject({
        orgId: UNIT,
        role: 'rm',
        active: true,
      });

      await expectPage.noRawPii();
      await expectPage.accessible();
      await shot('orgs');
    },
  ),
);

const poison = async (transactionId: string) => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: process.env.OCRM_WEB_DYNAMODB_ENDPOINT,
      region: 'ap-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const at = new Date().toISOString();
  // an asset class no consumer knows, written past the API's validation: both readers reject it
  await client.send(
    new PutCommand({
      TableName: `${process.env.OCRM_WEB_TABLE_PREFIX}transactions`,
      Item: {
        transactionId,
        customerId: 'C0009999',
        accountId: 'A-WEB-POISON',
        assetClass: 'crypto',
        amountFen: 100,
        direction: 'in',
        channel: 'counter',
        bookedAt: at,
        businessDate: at.slice(0, 10),
        receivedAt: at,
        bookedKey: `${at}#${transactionId}`,
      },
    }),
  );
  client.destroy();
};

interface Letter {
  id: string;
  consumer: string;
  source: string;
  replays: number;
}

test(
  'an administrator sees a consumer’s dead letter and replays it',
  desktopOnly(
    'the full flow runs on the desktop; the phone opens the screens',
    async ({ page, shot, signIn, expectPage }) => {
      const admin = apiAs('admin');
      const letters = async () => (await admin.get<{ items: Letter[] }>('/v1/dead-letters')).items;
      const before = new Set((await letters()).map((l) => l.id));
      await poison(`WEB-POISON-${suffix}`);
      let mine: Letter[] = [];
      await expect
        .poll(async () => (mine = (await letters()).filter((l) => !before.has(l.id))).length, {
          timeout: 60_000,
        })
        .toBe(2);
      expect(mine.map((l) => l.source)).toEqual(['transactions', 'transactions']);

      await signIn('admin');
      await open(page, '/system/dead-letters');
      const card = page.getByTestId(`dead-letter-${mine[0]!.id}`);
      await expect(card).toContainText(mine[0]!.consumer);
      await expect(card).toContainText('重试次数用尽');
      await expectPage.accessible();
      await shot('dead-letters');

      await card.getByRole('button', { name: /重\s*放/ }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /重\s*放/ })
        .click();
      // still poison: the consumer rejects it again, and the card says it was replayed
      await expect(page.getByText(/重放仍失败/)).toBeVisible();
      await expect(card.getByText('已重放 1 次')).toBeVisible();
      await expect(card.getByTestId('last-replay')).toBeVisible();
      expect((await letters()).find((l) => l.id === mine[0]!.id)?.replays).toBe(1);
      await expectPage.noRawPii();
      await expectPage.accessible();
    },
  ),
);

test('the phone opens the org tree and the dead letters', async ({
  page,
  shot,
  signIn,
  expectPage,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the phone’s short path');
  await signIn('admin');
  await open(page, '/system/orgs');
  await page.getByTestId('org-BJ').click();
  await expect(page.getByTestId('staff-panel')).toBeVisible();
  await expectPage.noHorizontalScroll();
  await expectPage.accessible();
  await shot('orgs');
  await open(page, '/system/dead-letters');
  await expectPage.noHorizontalScroll();
  await expectPage.accessible();
  await shot('dead-letters');
});
