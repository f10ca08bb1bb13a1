// Maker-checker on the tier policy, as a property: for random sequences of proposals, approvals and
// rejections by three admins, each answer is what the rules say (the maker never decides: 403; a
// decided change: 409; an approval on a base that moved on: 409; else done), a refused step changes
// nothing, and the stored versions are 1..n, each from a change approved by someone not its maker.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import { Conflict, Forbidden, NotFound } from '#shared/errors.js';
import type { Change } from '#shared/maker-checker/ports.js';
import type { RequestContext } from '#shared/request-context.js';
import type { TierPolicy } from '#shared/tiering/policy.js';
import type { PolicyChanges, PolicyStore } from '#shared/tiering/ports.js';
import { approveTierPolicy, proposeTierPolicy, rejectTierPolicy } from '#shared/tiering/policy-admin.js';

const ADMINS = ['admin', 'admin-2', 'admin-3'];

/** The stores in memory, with the same conditions as DynamoDB's: a change is decided once, a version stored once. */
const memoryStores = () => {
  const versions: TierPolicy[] = [];
  const changes = new Map<number, Change>();
  const audit: AuditEntry[] = [];
  const policies: PolicyStore = { list: async () => [...versions] };
  const pending = (c: Change) => changes.get(c.changeId)?.status === 'pending';
  const policyChanges: PolicyChanges = {
    list: async (status) => [...changes.values()].filter((c) => c.status === status).reverse(),
    get: async (changeId) => changes.get(changeId),
    async propose(change, entry) {
      const stored = { changeId: changes.size + 1, ...change };
      changes.set(stored.changeId, stored);
      audit.push(entry(stored.changeId));
      return stored;
    },
    async reject(rejected, entry) {
      if (!pending(rejected)) return 'decided-meanwhile';
      changes.set(rejected.changeId, rejected);
      audit.push(entry);
      return 'done';
    },
    async approve(policy, approved, entry) {
      if (versions.some((v) => v.version === policy.version)) return 'stale';
      if (!pending(approved)) return 'decided-meanwhile';
      versions.push(policy);
      changes.set(approved.changeId, approved);
      audit.push(entry);
      return 'done';
    },
  };
  return { versions, changes, audit, policies, policyChanges };
};

const ctxOf = (staffId: string): RequestContext => ({
  caller: { staffId, name: staffId, role: 'admin', orgId: 'HO', orgPath: '/HO/' },
  correlationId: 'test',
  clock: fixedClock('2026-11-20T02:00:00.000Z'),
  ids: ulidGenerator(),
});

const input = (goldFen: number) => ({
  effectiveFrom: '2026-12-01',
  tiers: [
    { tier: 'standard' as const, minAvgAumFen: 0 },
    { tier: 'gold' as const, minAvgAumFen: goldFen },
  ],
  weights: {},
  downgradeAfterMonths: 3,
});

const step = fc.oneof(
  fc.record({
    kind: fc.constant('propose' as const),
    by: fc.nat(2),
    goldFen: fc.integer({ min: 1, max: 9e6 }),
  }),
  fc.record({
    kind: fc.constantFrom('approve' as const, 'reject' as const),
    by: fc.nat(2),
    change: fc.nat(7),
  }),
);

const outcomeOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return 'done';
  } catch (error) {
    if (error instanceof Forbidden) return 'forbidden';
    if (error instanceof Conflict) return 'conflict';
    if (error instanceof NotFound) return 'not found';
    throw error;
  }
};

describe('maker-checker on the tier policy', () => {
  it('answers as the rules say, and stores versions 1..n, each approved by another admin', async () => {
    const answers = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const s = memoryStores();
        for (const st of steps) {
          const by = ADMINS[st.by]!;
          const before = JSON.stringify([s.versions, [...s.changes], s.audit.length]);
          let expected: string;
          let outcome: string;
          if (st.kind === 'propose') {
            expected = 'done';
            outcome = await outcomeOf(() =>
              proposeTierPolicy(s.policies, s.policyChanges, ctxOf(by), input(st.goldFen)),
            );
          } else {
            const changeId = st.change + 1;
            const change = s.changes.get(changeId);
            const latest = s.versions.length;
            expected = !change
              ? 'not found'
              : change.proposedBy === by
                ? 'forbidden'
                : change.status !== 'pending'
                  ? 'conflict'
                  : st.kind === 'approve' && change.baseVersion !== latest
                    ? 'conflict'
                    : 'done';
            outcome = await outcomeOf(() =>
              st.kind === 'approve'
                ? approveTierPolicy(s.policies, s.policyChanges, ctxOf(by), changeId)
                : rejectTierPolicy(s.policyChanges, ctxOf(by), changeId, 'not now'),
            );
          }
          expect(outcome, JSON.stringify(st)).toBe(expected);
          answers.set(`${st.kind} ${outcome}`, (answers.get(`${st.kind} ${outcome}`) ?? 0) + 1);
          if (outcome !== 'done') {
            expect(JSON.stringify([s.versions, [...s.changes], s.audit.length])).toBe(before);
          }
        }
        expect(s.versions.map((v) => v.version)).toEqual(s.versions.map((_, i) => i + 1));
        for (const version of s.versions) {
          const change = [...s.changes.values()].find((c) => c.appliedVersion === version.version)!;
          expect(change).toMatchObject({ status: 'approved', baseVersion: version.version - 1 });
          expect(change.decidedBy).not.toBe(change.proposedBy);
          expect(version.createdBy).toBe(change.proposedBy);
        }
        const decided = [...s.changes.values()].filter((c) => c.status !== 'pending').length;
        expect(s.audit).toHaveLength(s.changes.size + decided);
      }),
      { numRuns: 300 },
    );
    // every kind of answer came up
    for (const key of [
      'approve done',
      'approve forbidden',
      'approve conflict',
      'reject done',
      'reject forbidden',
    ])
      expect(answers.get(key) ?? 0, key).toBeGreaterThan(0);
  });
});
