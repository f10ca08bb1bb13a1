// End-of-day balance snapshots from core banking (时点余额): each sets the customer's balance of an
// asset class at the end of a business day. What we counted is compared with it, and a difference
// becomes an adjustment on that day: one more linear term, written with the snapshot's claim marker
// and an audit entry in one transaction. An opening balance is a snapshot of the day before.
//
// The adjustment is computed from the counters read; if the month changed meanwhile (a transaction
// of that month landed) the write is refused and the snapshot reconciled again. Core banking sends a
// day's snapshots after the day's transactions: a transaction of that day or earlier that reaches us
// only after its snapshot counts on top of it, and the next snapshot corrects that.
import { businessDateOf } from '#shared/clock.js';
import { auditEntry } from '#shared/audit/audit.js';
import { Conflict, ValidationFailed, type FieldError } from '#shared/errors.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { monthOf } from './calendar.js';
import { balancesOn, counterTerms, toFen } from './aum.js';
import { snapshotClaimKey } from './ids.js';
import { evaluateCustomer, type TieringDeps } from './evaluate.js';
import { snapshotKey, type BalanceBatch, type BalanceSnapshot, type SnapshotResult } from './api.js';

const MAX_ATTEMPTS = 10;

export const reconcileBalances = async (
  deps: TieringDeps,
  ctx: RequestContext,
  batch: BalanceBatch,
): Promise<SnapshotResult[]> => {
  const today = businessDateOf(ctx.clock.now());
  const late = batch.balances.flatMap((s, i): FieldError[] =>
    s.businessDate > today
      ? [{ path: `body.balances.${i}.businessDate`, message: `is after today (${today})` }]
      : [],
  );
  if (late.length > 0) throw new ValidationFailed(late);

  const unique = [...new Map(batch.balances.map((s) => [snapshotKey(s), s])).values()];
  const positionOf = new Map(batch.balances.map((s, i) => [snapshotKey(s), i] as const));
  const byCustomer = new Map<string, BalanceSnapshot[]>();
  for (const s of unique) byCustomer.set(s.customerId, [...(byCustomer.get(s.customerId) ?? []), s]);

  // Seen before: the same balance is a retry (answered as before), another one is a conflict.
  const before = new Map<string, Record<string, unknown>>();
  const conflicts: FieldError[] = [];
  for (const [customerId, snapshots] of byCustomer) {
    const claims = await deps.counters.claims(
      customerId,
      snapshots.map((s) => snapshotClaimKey(s.assetClass, s.businessDate)),
    );
    for (const s of snapshots) {
      const claim = claims.get(snapshotClaimKey(s.assetClass, s.businessDate));
      if (!claim) continue;
      if (claim.balanceFen !== s.balanceFen) {
        conflicts.push({
          path: `body.balances.${positionOf.get(snapshotKey(s))}.balanceFen`,
          message: `was reported before as ${String(claim.balanceFen)}`,
        });
      }
      before.set(snapshotKey(s), claim);
    }
  }
  if (conflicts.length > 0) {
    throw new Conflict(
      'Some snapshots were reported before with another balance; nothing was written.',
      conflicts,
    );
  }

  const results = new Map<string, SnapshotResult>();
  for (const [customerId, snapshots] of byCustomer) {
    // a customer's snapshots in date order, so each is reconciled against the ones before it
    const ordered = snapshots.toSorted((a, b) =>
      a.businessDate < b.businessDate ? -1 : a.businessDate > b.businessDate ? 1 : 0,
    );
    for (const s of ordered) {
      const claim = before.get(snapshotKey(s));
      results.set(snapshotKey(s), claim ? duplicateOf(s, claim) : await reconcile(deps, ctx, s));
    }
    const last = ordered.at(-1)!;
    await evaluateCustomer(deps, customerId, {
      kind: 'balance_snapshot',
      assetClass: last.assetClass,
      businessDate: last.businessDate,
    });
  }
  return batch.balances.map((s) => results.get(snapshotKey(s))!);
};

const duplicateOf = (s: BalanceSnapshot, claim: Record<string, unknown>): SnapshotResult => ({
  ...s,
  status: 'duplicate',
  countedFen: Number(claim.countedFen ?? s.balanceFen),
  adjustmentFen: Number(claim.adjustmentFen ?? 0),
});

const reconcile = async (
  deps: TieringDeps,
  ctx: RequestContext,
  s: BalanceSnapshot,
): Promise<SnapshotResult> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const counters = await deps.counters.read(s.customerId);
    const counted = balancesOn(counters, s.businessDate)[s.assetClass];
    const adjustment = BigInt(s.balanceFen) - counted;
    const result: SnapshotResult = {
      ...s,
      status: adjustment === 0n ? 'matched' : 'adjusted',
      countedFen: toFen(counted),
      adjustmentFen: toFen(adjustment),
    };
    const outcome = await deps.counters.apply({
      customerId: s.customerId,
      claimKey: snapshotClaimKey(s.assetClass, s.businessDate),
      claim: {
        kind: 'balance_snapshot',
        assetClass: s.assetClass,
        businessDate: s.businessDate,
        balanceFen: s.balanceFen,
        countedFen: result.countedFen,
        adjustmentFen: result.adjustmentFen,
        appliedAt: ctx.clock.now().toISOString(),
        appliedBy: ctx.caller.staffId,
      },
      ...(adjustment !== 0n
        ? {
            terms: counterTerms(s.assetClass, adjustment, s.businessDate),
            expectedChanges: counters.find((m) => m.month === monthOf(s.businessDate))?.changes ?? 0,
            audit: auditEntry(auditContext(ctx), `aum#${s.customerId}`, 'aum.adjust', {
              changes: {
                [`balance.${s.assetClass}.${s.businessDate}`]: {
                  before: result.countedFen,
                  after: s.balanceFen,
                },
              },
              detail: { ...s, countedFen: result.countedFen, adjustmentFen: result.adjustmentFen },
            }),
          }
        : {}),
    });
    if (outcome.kind === 'applied') return result;
    if (outcome.kind === 'duplicate') {
      // an identical snapshot raced us in; another balance under the same key is a conflict
      if (outcome.claim.balanceFen !== s.balanceFen) {
        throw new Conflict(
          `The snapshot of ${s.customerId} ${s.assetClass} on ${s.businessDate} was just reported with another balance.`,
        );
      }
      return duplicateOf(s, outcome.claim);
    }
  }
  throw new Conflict(
    `The balances of ${s.customerId} kept changing while reconciling ${s.businessDate}; retry the snapshot.`,
  );
};
