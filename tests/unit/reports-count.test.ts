// The report counters' stream side against its port, in memory: a tier change counts in every org
// unit on the customer's path and for the RM, once however often it is delivered, and lists the
// move for the RM's workbench; a transaction counts in the month of its business date; a change for
// a customer the bank does not hold counts nowhere.
import { describe, expect, it } from 'vitest';
import {
  countTierChange,
  countTransaction,
  type CountDeps,
  type CustomerPlacement,
} from '#shared/reports/count.js';
import {
  aggregateId,
  aumKey,
  aumOf,
  migrationOf,
  orgScope,
  rmScope,
  tierKey,
} from '#shared/reports/counters.js';
import { memoryReportAggregates } from '#shared/reports/memory.js';

const ZHANG: CustomerPlacement = { name: '张伟', tier: 'gold', orgPath: '/HO/BJ/BJ-CY/', managerId: 'rm-1' };

const given = (customers: Record<string, CustomerPlacement> = { C0000001: ZHANG }) => {
  const aggregates = memoryReportAggregates();
  const deps: CountDeps = { aggregates, customer: async (id) => customers[id] };
  const item = (scope: string, key: string) => aggregates.items.get(aggregateId({ scope, key }));
  return { aggregates, deps, item };
};

const upgrade = {
  customerId: 'C0000001',
  changeId: '01K0000000000000000000000A',
  at: '2026-11-20T02:00:00.000Z',
  businessDate: '2026-11-20',
  fromTier: 'gold' as const,
  toTier: 'platinum' as const,
  direction: 'upgrade' as const,
  managerId: 'rm-1',
  orgId: 'BJ-CY',
  orgPath: '/HO/BJ/BJ-CY/',
};

describe('counting a tier change', () => {
  it('counts in every unit on the path and for the RM, once, and lists the move for the RM', async () => {
    const { aggregates, deps, item } = given();
    expect(await countTierChange(deps, upgrade)).toBe('applied');
    expect(await countTierChange(deps, upgrade)).toBe('duplicate');
    for (const scope of [orgScope('HO'), orgScope('BJ'), orgScope('BJ-CY'), rmScope('rm-1')]) {
      expect(migrationOf(item(scope, tierKey('2026-11')))).toEqual({
        upgrades: 1,
        downgrades: 0,
        moves: { 'gold->platinum': 1 },
      });
    }
    expect(await aggregates.moves('rm-1', '2026-11', 10)).toEqual([
      {
        customerId: 'C0000001',
        fromTier: 'gold',
        toTier: 'platinum',
        direction: 'upgrade',
        at: upgrade.at,
        businessDate: '2026-11-20',
      },
    ]);
    expect(await aggregates.moves('rm-1', '2026-10', 10)).toEqual([]);
  });

  it('lists an RM’s moves newest first, as many as asked for', async () => {
    const { aggregates, deps } = given();
    const ats = ['2026-11-03T01:00:00.000Z', '2026-11-28T01:00:00.000Z', '2026-11-15T01:00:00.000Z'];
    for (const [i, at] of ats.entries()) {
      await countTierChange(deps, { ...upgrade, changeId: `change-${i}`, at, businessDate: at.slice(0, 10) });
    }
    const moves = await aggregates.moves('rm-1', '2026-11', 2);
    expect(moves.map((m) => m.at)).toEqual(['2026-11-28T01:00:00.000Z', '2026-11-15T01:00:00.000Z']);
  });

  it('places a change that carries no owner under the customer as held now, and skips an unknown one', async () => {
    const { deps, item } = given();
    const { orgPath: _path, managerId: _manager, orgId: _org, ...ownerless } = upgrade;
    expect(await countTierChange(deps, ownerless)).toBe('applied');
    expect(migrationOf(item(orgScope('BJ-CY'), tierKey('2026-11'))).upgrades).toBe(1);
    expect(await countTierChange(deps, { ...ownerless, customerId: 'C0000009', changeId: 'x' })).toBe(
      'skipped',
    );
  });
});

describe('counting a transaction', () => {
  it('counts in, out and net under the customer’s tier, once, in its business month', async () => {
    const { deps, item } = given();
    const txn = {
      transactionId: 'T-1',
      customerId: 'C0000001',
      amountFen: -12_345,
      businessDate: '2026-11-30',
    };
    expect(await countTransaction(deps, txn)).toBe('applied');
    expect(await countTransaction(deps, txn)).toBe('duplicate');
    expect(await countTransaction(deps, { ...txn, transactionId: 'T-2', amountFen: 50_000 })).toBe('applied');
    const figures = aumOf(item(rmScope('rm-1'), aumKey('2026-11')));
    expect(figures).toMatchObject({ transactions: 2, inFen: 50_000, outFen: 12_345, netFen: 37_655 });
    expect(figures.byTier.gold).toEqual({ transactions: 2, inFen: 50_000, outFen: 12_345, netFen: 37_655 });
    expect(item(orgScope('HO'), aumKey('2026-12'))).toBeUndefined();
  });

  it('counts nothing for a customer the bank does not hold', async () => {
    const { aggregates, deps } = given({});
    const txn = { transactionId: 'T-1', customerId: 'C0000001', amountFen: 100, businessDate: '2026-11-30' };
    expect(await countTransaction(deps, txn)).toBe('skipped');
    expect(aggregates.items.size).toBe(0);
  });
});
