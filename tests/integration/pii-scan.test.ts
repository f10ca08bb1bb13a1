// PII scan: a scenario across customers, transactions and alerts, contacts, the timeline, campaigns,
// reports (JSON and CSV) and a dead letter, with every log line, dead letter, download and response
// (a revealed customer and the SMS outbox aside) checked for the raw phone, ID and card or account
// numbers of the seeded customers.
//   given  the demo bank, transactions on 16–19 digit card accounts, a contact note naming a phone
//   when   staff work through the scenario and a poison record is dead-lettered
//   then   no raw phone, resident ID or card/account number appears outside an audited reveal
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { logger } from '#shared/logging/logger.js';
import { apiClient, scanAll, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { transaction } from '../support/builders.js';

const NOW = '2026-11-20T02:00:00.000Z'; // 10:00 in Shanghai
const YUAN = 100;
const CARDS = ['6222021234567890', '622202123456789012', '6222021234567890123'];

interface Seen {
  source: string;
  text: string;
}

let runtime: LocalRuntime;
let api: ApiClient;
const seen: Seen[] = [];
const logLines: string[] = [];

/** Every response is seen, but a revealed customer (audited) is what a reveal is for. */
const call = async (as: string, method: string, path: string, body?: unknown) => {
  const response = await api.call(as, method, path, body);
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
  if (!/[?&]reveal=/.test(path)) seen.push({ source: `${method} ${path} → ${response.status}`, text });
  return response;
};
const get = (as: string, path: string) => call(as, 'GET', path);

beforeAll(async () => {
  const capture = (chunk: unknown) => {
    logLines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logLines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  runtime = await startTestRuntime({ demoCustomers: 12, now: NOW });
  api = apiClient(runtime);
  logger.setLogLevel('DEBUG'); // every line the handlers can write
});
afterAll(async () => {
  logger.setLogLevel('SILENT');
  vi.restoreAllMocks();
  await runtime?.stop();
});

describe('no raw personal data outside an audited reveal', () => {
  it('holds across the scenario: logs, dead letters, downloads and responses', async () => {
    const customers = await scanAll<{
      customerId: string;
      managerId: string;
      phone?: string;
      idNumber?: string;
    }>(runtime, 'customers');
    const [first, second] = customers.sort((a, b) => a.customerId.localeCompare(b.customerId));
    const rm = first!.managerId;

    // customers: lists, one customer, and a reveal (audited; its answer is not scanned)
    await get('admin', '/v1/customers?limit=50');
    await get(rm, '/v1/customers');
    await get(rm, `/v1/customers/${first!.customerId}`);
    expect(
      (await get(rm, `/v1/customers/${first!.customerId}?reveal=phone,idNumber&purpose=回访核实身份`)).status,
    ).toBe(200);

    // transactions on card accounts: alerts, fund flows, the timeline; one refused batch
    const posted = await call('core-banking', 'POST', '/v1/transactions', {
      transactions: CARDS.map((accountId, i) =>
        transaction({
          transactionId: `PII-${i}`,
          customerId: i % 2 ? second!.customerId : first!.customerId,
          accountId,
          amountFen: -(600_000 + i) * YUAN,
          channel: 'mobile',
          counterpartyBank: '招商银行',
          counterpartyName: '王芳',
          bookedAt: NOW,
          businessDate: '2026-11-20',
        }),
      ),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    await call('core-banking', 'POST', '/v1/transactions', {
      transactions: [{ ...transaction({ accountId: CARDS[2] }), assetClass: 'crypto' }],
    });
    await runtime.drained();

    // a contact whose note names the customer's phone and ID, as an RM might type them
    const national = first!.phone?.replace(/^\+86/, '') ?? '13800000000';
    await call(rm, 'POST', `/v1/customers/${first!.customerId}/contacts`, {
      channel: 'phone',
      note: `客户来电 ${national}，核对证件 ${first!.idNumber ?? ''}，卡号 ${CARDS[0]}`,
    });
    await runtime.drained();

    const alerts = (await get(rm, `/v1/alerts?customerId=${first!.customerId}`)).body.items as {
      alertId: string;
      amountAtRiskFen: number;
    }[];
    expect(alerts.length).toBeGreaterThan(0);
    await get(rm, `/v1/alerts/${alerts[0]!.alertId}`);
    await call(rm, 'POST', `/v1/alerts/${alerts[0]!.alertId}/close`, {
      outcome: 'partially_retained',
      note: `客户 ${national} 留存一半`,
      retainedFen: Math.floor(alerts[0]!.amountAtRiskFen / 2),
    });
    await runtime.drained();
    await get(rm, `/v1/alerts/${alerts[0]!.alertId}`);
    await get(rm, '/v1/alerts?status=closed');
    for (const customer of [first!, second!]) {
      const timeline = await get(
        rm === customer.managerId ? rm : 'admin',
        `/v1/customers/${customer.customerId}/timeline?limit=50`,
      );
      expect(timeline.status).toBe(200);
      await get('admin', `/v1/customers/${customer.customerId}/fund-flows`);
      await get('admin', `/v1/customers/${customer.customerId}/sms-consent`);
    }
    expect(
      seen.some((s) => s.source.includes('/timeline') && s.text.includes(`****${CARDS[0]!.slice(-4)}`)),
    ).toBe(true);

    // the workbench, campaigns and every report, JSON and CSV
    await get(rm, '/v1/workbench');
    const campaign = await call('marketing', 'POST', '/v1/campaigns', {
      name: '新品推荐',
      scopeOrgId: 'HO',
      audience: {},
      template: { text: '【示例银行】尊敬的{name}，新品理财上线，详询{managerName}。回复TD退订' },
      schedule: {
        startAt: '2026-11-20T00:00:00Z',
        endAt: '2026-11-30T00:00:00Z',
        window: { start: '08:00', end: '20:00' },
      },
    });
    if (campaign.status === 201) {
      await call('marketing', 'POST', `/v1/campaigns/${campaign.body.campaignId}/preview`, {});
      await get('marketing', `/v1/campaigns/${campaign.body.campaignId}`);
    }
    for (const report of [
      'data-quality',
      'tier-distribution',
      'tier-migration',
      'aum-change',
      'performance',
      'campaign-funnel',
      'net-outflow',
      'alert-outcomes',
    ]) {
      await get('admin', `/v1/reports/${report}`);
      await get('admin', `/v1/reports/${report}?format=csv`);
    }

    // a poison transaction on a card account: dead-lettered by the stream consumers
    await runtime.document.send(
      new PutCommand({
        TableName: runtime.tableName('transactions'),
        Item: {
          ...transaction({ transactionId: 'PII-POISON', customerId: first!.customerId, accountId: CARDS[1] }),
          assetClass: 'crypto',
          counterpartyName: `${national}`,
          receivedAt: NOW,
          bookedKey: `${NOW}#PII-POISON`,
        },
      }),
    );
    await runtime.drained();
    const deadLetters = await get('admin', '/_local/dead-letters');
    expect(deadLetters.body.items.length).toBeGreaterThan(0);

    // then: not one raw phone, ID or card number anywhere
    const needles = [
      ...customers.flatMap((c) => [
        ...(c.phone ? [{ kind: `phone of ${c.customerId}`, raw: c.phone.replace(/^\+86/, '') }] : []),
        ...(c.idNumber ? [{ kind: `ID of ${c.customerId}`, raw: c.idNumber }] : []),
      ]),
      ...CARDS.map((raw) => ({ kind: 'card number', raw })),
    ];
    const haystacks = [...seen, ...logLines.map((text, i) => ({ source: `log line ${i}`, text }))];
    expect(logLines.length).toBeGreaterThan(0);
    const findings = haystacks.flatMap(({ source, text }) =>
      needles.filter((n) => text.includes(n.raw)).map((n) => `${source}: ${n.kind}`),
    );
    expect([...new Set(findings)]).toEqual([]);
  });
});
