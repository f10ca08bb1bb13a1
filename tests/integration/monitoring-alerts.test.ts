// Key-transaction monitoring end to end on DynamoDB Local through the local runtime:
// POST /v1/transactions → transactions stream → monitoring handler → alerts (and fund flows);
// alerts scoped to the RM and the branch, acknowledged, closed with an outcome that the report
// shows; escalation after the SLA on the schedule; dedup under replay and reordering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { invoke } from '#infra/local/invoke.js';
import type { ApiClient } from '../support/local-runtime.js';
import { aBank, aPostedBatch, type Bank, theAuditTrailOf } from '../support/steps/index.js';
import { transaction } from '../support/builders.js';

const NOW = '2026-11-20T02:00:00.000Z'; // 10:00 in Shanghai, business day 2026-11-20
const YUAN = 100;

let runtime: LocalRuntime;
let api: ApiClient;
let bank: Bank;
let owner: { customerId: string; managerId: string; orgId: string; branchManager: string };
let otherRm: string;

/** The demo bank places customers at random: find who owns C0000001, and who is above them. */
const ownerOf = async (customerId: string) => {
  const customer = (await api.get('admin', `/v1/customers/${customerId}`)).body;
  const outlet = (await api.get('admin', `/v1/orgs/${customer.orgId}`)).body;
  return {
    customerId,
    managerId: customer.managerId as string,
    orgId: customer.orgId as string,
    // outlets have no branch manager in the demo bank; their sub-branch has
    branchManager: `bm-${String(outlet.parentId).toLowerCase()}`,
  };
};

const alertsOf = async (as: string, query = '') =>
  (await api.get(as, `/v1/alerts${query}`)).body.items as any[];

beforeAll(async () => {
  bank = await aBank({ customers: 12, now: NOW });
  ({ runtime, api } = bank);
  owner = await ownerOf('C0000001');
  otherRm = runtime.logins.find((l) => l.role === 'rm' && l.staffId !== owner.managerId)!.staffId;
});
afterAll(() => runtime?.stop());

describe('alerts from the transactions stream', () => {
  it('raises the rules’ alerts for the customer’s RM, who sees them; other RMs do not', async () => {
    await aPostedBatch(bank, [
      transaction({
        transactionId: 'MON-1',
        customerId: owner.customerId,
        amountFen: -600_000 * YUAN,
        channel: 'mobile',
        counterpartyBank: '招商银行',
        counterpartyName: '王芳',
        category: 'transfer_to_self',
        bookedAt: '2026-11-20T01:00:00.000Z',
        businessDate: '2026-11-20',
      }),
    ]);
    const mine = await alertsOf(owner.managerId, `?customerId=${owner.customerId}`);
    expect(mine.map((a) => a.ruleId).sort()).toEqual(['large-transaction', 'outflow-other-bank']);
    const outflow = mine.find((a) => a.ruleId === 'outflow-other-bank');
    expect(outflow).toMatchObject({
      status: 'open',
      managerId: owner.managerId,
      severity: 'high',
      slaHours: 8,
      raisedAt: expect.stringMatching(/^2026-11-20T02:/),
      trigger: { transactionId: 'MON-1', counterpartyBank: '招商银行' },
      amountAtRiskFen: 600_000 * YUAN,
    });
    expect(outflow.title).toMatch(/^他行转出 ¥600,000 至招商银行/);
    expect(outflow.orgPath).toBeUndefined(); // internal keys stay inside

    expect((await alertsOf(owner.managerId, '?status=open')).map((a) => a.alertId)).toContain(
      outflow.alertId,
    );
    expect((await alertsOf(otherRm)).map((a) => a.alertId)).not.toContain(outflow.alertId);
    expect((await api.get(otherRm, `/v1/alerts/${outflow.alertId}`)).status).toBe(404);
    expect((await alertsOf(owner.branchManager)).map((a) => a.alertId)).toContain(outflow.alertId);
    expect((await alertsOf('admin', `?managerId=${owner.managerId}`)).map((a) => a.alertId)).toContain(
      outflow.alertId,
    );
    expect((await api.get('core-banking', '/v1/alerts')).status).toBe(403);
  });

  it('keeps one alert per rule, customer and window under replays and reordering of the stream', async () => {
    const early = {
      ...transaction({ transactionId: 'MON-R1', customerId: 'C0000002', amountFen: 700_000 * YUAN }),
      bookedAt: '2026-11-19T01:00:00.000Z',
      businessDate: '2026-11-19',
    };
    const late = {
      ...early,
      transactionId: 'MON-R2',
      amountFen: 800_000 * YUAN,
      bookedAt: '2026-11-19T08:00:00.000Z',
    };
    const record = (t: typeof early) => ({
      ...t,
      receivedAt: NOW,
      bookedKey: `${t.bookedAt}#${t.transactionId}`,
    });
    let sequence = 0;
    const event = (...transactions: (typeof early)[]): DynamoDBStreamEvent => ({
      Records: transactions.map((t) => ({
        eventID: `replay-${++sequence}`,
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        dynamodb: {
          NewImage: marshall(record(t), { removeUndefinedValues: true }) as never,
          SequenceNumber: String(sequence),
          ApproximateCreationDateTime: Date.parse(NOW) / 1000,
        },
      })),
    });
    const fn = runtime.plan.streamMappings.find((m) => m.fn.name === 'monitoring-on-transaction')!.fn;
    // the later one first, then both again, then the earlier one three times
    for (const batch of [event(late), event(early, late), event(early), event(early, early)]) {
      expect(await invoke(fn, batch)).toEqual({ batchItemFailures: [] });
    }
    const alerts = await alertsOf('admin', '?customerId=C0000002');
    const large = alerts.filter((a) => a.ruleId === 'large-transaction');
    expect(large).toHaveLength(1);
    // the earliest transaction of the window is the trigger, whatever arrived first
    expect(large[0].trigger.transactionId).toBe('MON-R1');
    expect(large[0].amountAtRiskFen).toBe(700_000 * YUAN);
    const flows = (await api.get('admin', '/v1/customers/C0000002/fund-flows?from=2026-11&to=2026-11')).body;
    expect(flows.totals).toEqual({
      inflowFen: 1_500_000 * YUAN,
      outflowFen: 0,
      netInflowFen: 1_500_000 * YUAN,
      count: 2,
    });
  });
});

describe('working alerts', () => {
  let alertId: string;
  beforeAll(async () => {
    const mine = await alertsOf(owner.managerId, `?customerId=${owner.customerId}`);
    alertId = mine.find((a) => a.ruleId === 'large-transaction').alertId;
  });

  it('acknowledges (once), closes with an outcome and a note, audited; a second outcome is refused', async () => {
    expect((await api.post(otherRm, `/v1/alerts/${alertId}/ack`)).status).toBe(404);
    const acked = await api.post(owner.managerId, `/v1/alerts/${alertId}/ack`);
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: owner.managerId });
    expect((await api.post(owner.managerId, `/v1/alerts/${alertId}/ack`)).body.version).toBe(
      acked.body.version,
    );

    const bad = await api.post(owner.managerId, `/v1/alerts/${alertId}/close`, { outcome: 'kept', note: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.note',
      'body.outcome',
    ]);

    const body = {
      outcome: 'partially_retained',
      note: '客户转走一半，留存30万',
      retainedFen: 300_000 * YUAN,
    };
    const closed = await api.post(owner.managerId, `/v1/alerts/${alertId}/close`, body);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', ...body, closedBy: owner.managerId });
    expect((await api.post(owner.managerId, `/v1/alerts/${alertId}/close`, body)).status).toBe(200);
    expect(
      (await api.post(owner.managerId, `/v1/alerts/${alertId}/close`, { outcome: 'lost', note: '全部转走' }))
        .status,
    ).toBe(409);
    expect((await api.post(owner.managerId, `/v1/alerts/${alertId}/ack`)).status).toBe(409);

    const audit = await theAuditTrailOf(runtime, `alert#${alertId}`);
    expect(audit.map((i) => i.action).sort()).toEqual(['alert.acknowledge', 'alert.close']);
  });

  it('shows the outcome in the report of the branch, and not to an RM', async () => {
    const report = await api.get(owner.branchManager, '/v1/reports/alert-outcomes?from=2026-11&to=2026-11');
    expect(report.status).toBe(200);
    const row = report.body.rows.find((r: { ruleId: string }) => r.ruleId === 'large-transaction');
    expect(row).toMatchObject({
      raised: 1,
      closed: 1,
      open: 0,
      retainedFen: 300_000 * YUAN,
      retentionRate: 1,
      outcomes: { partially_retained: { count: 1, atRiskFen: 600_000 * YUAN } },
    });
    // the same as CSV: a line per rule, the branch's totals first
    const csv = await api.get(
      owner.branchManager,
      '/v1/reports/alert-outcomes?from=2026-11&to=2026-11&format=csv',
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const columns = lines[0]!.split(',');
    expect(columns.slice(0, 4)).toEqual(['report', 'period', 'level', 'id']);
    expect(lines[1]).toMatch(/^alert-outcomes,2026-11_2026-11,total,/);
    const large = lines.find((l) => l.includes(',rule,large-transaction,'))!.split(',');
    expect(Number(large[columns.indexOf('retainedFen')])).toBe(300_000 * YUAN);
    expect(lines.filter((l) => l.includes(',rule,'))).toHaveLength(report.body.rows.length);
    const headOffice = (await api.get('admin', '/v1/reports/alert-outcomes?from=2026-11&to=2026-11')).body;
    expect(headOffice.total.raised).toBeGreaterThanOrEqual(3);
    expect((await api.get(owner.managerId, '/v1/reports/alert-outcomes')).status).toBe(403);
    expect((await api.get(owner.branchManager, '/v1/reports/alert-outcomes?orgId=SH')).status).toBe(404);
  });
});

describe('escalation', () => {
  const escalation = () => runtime.plan.schedules.find((s) => s.name === 'monitoring-escalation')!;
  const runAt = (scheduledTime: string) =>
    invoke(escalation().fn, { scheduleName: 'monitoring-escalation', scheduledTime }) as Promise<{
      escalated: number;
      alerts: { alertId: string; to?: string }[];
    }>;

  it('is declared on a cron in Asia/Shanghai and does nothing before the SLA', async () => {
    expect(escalation()).toMatchObject({ cron: 'cron(0/15 * * * ? *)', timezone: 'Asia/Shanghai' });
    const run = await runtime.schedules.run('monitoring-escalation');
    expect(run?.ok).toBe(true);
    expect(run?.result).toMatchObject({ escalated: 0 });
  });

  it('sends an alert not acknowledged within its SLA to the branch manager, once', async () => {
    const [outflow] = await alertsOf(owner.managerId, `?customerId=${owner.customerId}&status=open`);
    expect(outflow.ruleId).toBe('outflow-other-bank');
    const afterSla = new Date(Date.parse(outflow.dueAt) + 60_000).toISOString();
    expect(
      (await runAt(new Date(Date.parse(outflow.dueAt) - 60_000).toISOString())).alerts,
    ).not.toContainEqual(expect.objectContaining({ alertId: outflow.alertId }));
    const run = await runAt(afterSla);
    expect(run.alerts).toContainEqual({ alertId: outflow.alertId, to: owner.branchManager });
    expect((await runAt(afterSla)).alerts).not.toContainEqual(
      expect.objectContaining({ alertId: outflow.alertId }),
    );

    const escalated = (await api.get(owner.branchManager, `/v1/alerts/${outflow.alertId}`)).body;
    expect(escalated).toMatchObject({ escalatedTo: owner.branchManager, escalatedAt: expect.any(String) });
    expect((await alertsOf(owner.branchManager, '?escalated=true')).map((a) => a.alertId)).toContain(
      outflow.alertId,
    );
    // the acknowledged-then-closed alert of the same customer never escalated
    const closed = (await alertsOf(owner.managerId, `?customerId=${owner.customerId}&status=closed`))[0];
    expect(closed.escalatedAt).toBeUndefined();
    const item = await runtime.document.send(
      new GetCommand({ TableName: runtime.tableName('alerts'), Key: { alertId: outflow.alertId } }),
    );
    expect(item.Item?.watch).toBeUndefined(); // off the escalation watch list
    const report = (await api.get(owner.branchManager, '/v1/reports/alert-outcomes?from=2026-11&to=2026-11'))
      .body;
    expect(report.rows.find((r: { ruleId: string }) => r.ruleId === 'outflow-other-bank').escalated).toBe(1);
  });
});

describe('fund flows and net outflow to other banks', () => {
  it('sums a customer’s flows by counterparty bank and category, in scope only', async () => {
    await aPostedBatch(bank, [
      transaction({
        transactionId: 'MON-F1',
        customerId: owner.customerId,
        amountFen: 1_200_000,
        counterpartyName: '北京某科技有限公司',
        counterpartyBank: '工商银行',
        category: 'salary',
        channel: 'batch',
        bookedAt: '2026-11-05T01:00:00.000Z',
        businessDate: '2026-11-05',
      }),
      transaction({
        transactionId: 'MON-F2',
        customerId: owner.customerId,
        amountFen: -30_000,
        category: 'consumption',
        channel: 'pos',
        bookedAt: '2026-10-05T01:00:00.000Z',
        businessDate: '2026-10-05',
      }),
    ]);
    const flows = await api.get(
      owner.managerId,
      `/v1/customers/${owner.customerId}/fund-flows?from=2026-10&to=2026-11`,
    );
    expect(flows.status).toBe(200);
    expect(flows.body.totals).toEqual({
      inflowFen: 1_200_000,
      outflowFen: 600_000 * YUAN + 30_000,
      netInflowFen: 1_200_000 - (600_000 * YUAN + 30_000),
      count: 3,
    });
    expect(flows.body.otherBanks).toMatchObject({ inflowFen: 1_200_000, outflowFen: 600_000 * YUAN });
    expect(flows.body.byCounterpartyBank.map((b: any) => b.counterpartyBank)).toEqual([
      '招商银行',
      '工商银行',
      null,
    ]);
    expect(flows.body.byCategory.map((c: any) => c.category).sort()).toEqual([
      'consumption',
      'salary',
      'transfer_to_self',
    ]);
    expect(flows.body.months.map((m: any) => [m.month, m.count])).toEqual([
      ['2026-10', 1],
      ['2026-11', 2],
    ]);
    expect((await api.get(otherRm, `/v1/customers/${owner.customerId}/fund-flows`)).status).toBe(404);
    expect(
      (await api.get(owner.managerId, `/v1/customers/${owner.customerId}/fund-flows?from=2026-13`)).status,
    ).toBe(400);
  });

  it('rolls net outflow to other banks up a branch subtree, by bank and by unit below', async () => {
    const branch = owner.branchManager.replace(/^bm-/, '').toUpperCase().split('-')[0]!;
    const report = await api.get('admin', `/v1/reports/net-outflow?orgId=${branch}&from=2026-11&to=2026-11`);
    expect(report.status).toBe(200);
    expect(report.body.byCounterpartyBank).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          counterpartyBank: '招商银行',
          outflowFen: 600_000 * YUAN,
          netOutflowFen: 600_000 * YUAN,
        }),
        expect.objectContaining({
          counterpartyBank: '工商银行',
          inflowFen: 1_200_000,
          netOutflowFen: -1_200_000,
        }),
      ]),
    );
    expect(report.body.totals.netOutflowFen).toBe(600_000 * YUAN - 1_200_000);
    // the same as CSV: totals, then a line per bank, per unit and per month
    const csv = await api.get(
      'admin',
      `/v1/reports/net-outflow?orgId=${branch}&from=2026-11&to=2026-11&format=csv`,
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const columns = lines[0]!.split(',');
    const cell = (prefix: string, column: string) =>
      Number(lines.find((l) => l.startsWith(prefix))!.split(',')[columns.indexOf(column)]);
    expect(cell(`net-outflow,2026-11_2026-11,total,${branch},`, 'netOutflowFen')).toBe(
      600_000 * YUAN - 1_200_000,
    );
    expect(cell('net-outflow,2026-11_2026-11,bank,招商银行,', 'outflowFen')).toBe(600_000 * YUAN);
    expect(lines.filter((l) => l.includes(',bank,'))).toHaveLength(report.body.byCounterpartyBank.length);
    expect(lines.filter((l) => l.includes(',month,'))).toHaveLength(report.body.byMonth.length);
    const bank = (await api.get('admin', '/v1/reports/net-outflow?from=2026-11&to=2026-11')).body;
    expect(bank.byOrg).toContainEqual(
      expect.objectContaining({ orgId: branch, netOutflowFen: 600_000 * YUAN - 1_200_000 }),
    );
  });
});
