// Suitability, who may be credited, who sees and who may reverse an entry; the registration schema.
import { describe, expect, it } from 'vitest';
import { isSuitable, mayBeCredited } from '#shared/performance/rules.js';
import { canSeeEntry, mayReverse } from '#shared/performance/scope.js';
import { RegisterPerformance } from '#shared/performance/api.js';
import type { Caller } from '#shared/auth/caller.js';
import type { LedgerEntry } from '#shared/performance/entry.js';

describe('suitability (适当性)', () => {
  it('a product’s risk level must not exceed the customer’s risk tolerance', () => {
    expect(isSuitable('R3', 'C3')).toBe(true);
    expect(isSuitable('R3', 'C5')).toBe(true);
    expect(isSuitable('R4', 'C3')).toBe(false);
    for (const r of ['R1', 'R2', 'R3', 'R4', 'R5'] as const) {
      for (const c of ['C1', 'C2', 'C3', 'C4', 'C5'])
        expect(isSuitable(r, c)).toBe(Number(r[1]) <= Number(c[1]));
    }
  });

  it('R1 suits everyone; above it an unassessed customer does not qualify', () => {
    expect(isSuitable('R1', undefined)).toBe(true);
    expect(isSuitable('R2', undefined)).toBe(false);
  });
});

describe('who may be credited for a customer of /HO/BJ/BJ-CY/BJ-CY-WJ/', () => {
  const customerPath = '/HO/BJ/BJ-CY/BJ-CY-WJ/';
  it('staff of the customer’s unit and below', () => {
    expect(mayBeCredited({ role: 'rm', orgPath: customerPath }, customerPath)).toBe(true);
  });
  it('branch managers of the units above, who manage that subtree', () => {
    expect(mayBeCredited({ role: 'branch_manager', orgPath: '/HO/BJ/BJ-CY/' }, customerPath)).toBe(true);
    expect(mayBeCredited({ role: 'branch_manager', orgPath: '/HO/BJ/' }, customerPath)).toBe(true);
  });
  it('not an RM of a unit above, nor anyone sideways', () => {
    expect(mayBeCredited({ role: 'rm', orgPath: '/HO/BJ/BJ-CY/' }, customerPath)).toBe(false);
    expect(mayBeCredited({ role: 'rm', orgPath: '/HO/BJ/BJ-CY/BJ-CY-GM/' }, customerPath)).toBe(false);
    expect(mayBeCredited({ role: 'branch_manager', orgPath: '/HO/SH/' }, customerPath)).toBe(false);
    // a prefix of the id is not a parent: BJ-CY-WJ2 is not inside BJ-CY-WJ
    expect(mayBeCredited({ role: 'rm', orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ2/' }, customerPath)).toBe(false);
  });
});

const caller = (staffId: string, role: Caller['role'], orgPath: string): Caller => ({
  staffId,
  name: staffId,
  role,
  orgId: orgPath.split('/').filter(Boolean).at(-1)!,
  orgPath,
});

const entry = {
  entryId: 'P1',
  kind: 'registration',
  customerOrgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
  customerManagerId: 'rm-wj-1',
  recordedBy: 'core-banking',
  credits: [{ staffId: 'rm-wj-2', orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/' }],
} as unknown as LedgerEntry;

describe('entry scope', () => {
  it('an RM sees entries of their customers and their credits, nobody else’s', () => {
    expect(canSeeEntry(caller('rm-wj-1', 'rm', '/HO/BJ/BJ-CY/BJ-CY-WJ/'), entry)).toBe(true);
    expect(canSeeEntry(caller('rm-wj-2', 'rm', '/HO/BJ/BJ-CY/BJ-CY-WJ/'), entry)).toBe(true);
    expect(canSeeEntry(caller('rm-wj-3', 'rm', '/HO/BJ/BJ-CY/BJ-CY-WJ/'), entry)).toBe(false);
  });
  it('managers see their subtree; head office all', () => {
    expect(canSeeEntry(caller('bm-bj-cy', 'branch_manager', '/HO/BJ/BJ-CY/'), entry)).toBe(true);
    expect(canSeeEntry(caller('bm-sh', 'branch_manager', '/HO/SH/'), entry)).toBe(false);
    expect(canSeeEntry(caller('admin', 'admin', '/HO/'), entry)).toBe(true);
  });
  it('reversal needs authority', () => {
    expect(mayReverse(caller('bm-bj-cy', 'branch_manager', '/HO/BJ/BJ-CY/'), entry)).toBe(true);
    expect(mayReverse(caller('core-banking', 'integration', '/HO/'), entry)).toBe(true);
    expect(mayReverse(caller('rm-wj-2', 'rm', '/HO/BJ/BJ-CY/BJ-CY-WJ/'), entry)).toBe(false);
    expect(
      mayReverse(caller('rm-wj-2', 'rm', '/HO/BJ/BJ-CY/BJ-CY-WJ/'), { ...entry, recordedBy: 'rm-wj-2' }),
    ).toBe(true);
    expect(mayReverse(caller('marketing', 'marketing', '/HO/'), entry)).toBe(false);
  });
});

describe('registration schema', () => {
  const valid = {
    channel: 'counter',
    externalRef: 'CTR-1',
    customerId: 'C0000001',
    productId: 'WM001',
    amountFen: 100_000,
    credits: [{ staffId: 'rm-1', sharePct: 100 }],
    occurredAt: '2026-11-20T10:00:00+08:00',
  };
  const paths = (body: unknown) => {
    const result = RegisterPerformance.safeParse(body);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it('normalises the instant to UTC', () => {
    expect(RegisterPerformance.parse(valid).occurredAt).toBe('2026-11-20T02:00:00.000Z');
  });
  it('shares must total exactly 100, whole percents, each staff member once', () => {
    expect(
      paths({
        ...valid,
        credits: [
          { staffId: 'a', sharePct: 60 },
          { staffId: 'b', sharePct: 30 },
        ],
      }),
    ).toEqual(['credits']);
    expect(
      paths({
        ...valid,
        credits: [
          { staffId: 'a', sharePct: 50.5 },
          { staffId: 'b', sharePct: 49.5 },
        ],
      }),
    ).toEqual(['credits.0.sharePct', 'credits.1.sharePct']);
    expect(
      paths({
        ...valid,
        credits: [
          { staffId: 'a', sharePct: 50 },
          { staffId: 'a', sharePct: 50 },
        ],
      }),
    ).toEqual(['credits.1.staffId']);
    expect(paths({ ...valid, credits: [] })).toEqual(['credits']);
    expect(
      paths({
        ...valid,
        credits: [
          { staffId: 'a', sharePct: 0 },
          { staffId: 'b', sharePct: 100 },
        ],
      }),
    ).toEqual(['credits.0.sharePct']);
  });
  it('money is whole, positive fen', () => {
    expect(paths({ ...valid, amountFen: 10.5 })).toEqual(['amountFen']);
    expect(paths({ ...valid, amountFen: 0 })).toEqual(['amountFen']);
    expect(paths({ ...valid, amountFen: -100 })).toEqual(['amountFen']);
    expect(paths({ ...valid, amountFen: '100' })).toEqual(['amountFen']);
  });
  it('refuses unknown channels and fields', () => {
    expect(paths({ ...valid, channel: 'fax' })).toEqual(['channel']);
    expect(paths({ ...valid, surprise: 1 })).toEqual(['']);
  });
});
