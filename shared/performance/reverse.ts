// 冲正: reverse a registration with a new ledger entry that negates every figure of it, in the same
// periods — the registration itself is never touched. A registration is reversed at most once: its
// reversal key (REV#<registrationId>) is taken in the same transaction as the entry. Reversing again
// with the same reason is a retry and returns the reversal recorded (200); with another reason it is
// a conflict (409), as is reversing a reversal (register the sale again instead).
import { Conflict, Forbidden, NotFound } from '#shared/errors.js';
import { auditEntry } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import type { ReversePerformance } from './api.js';
import { postingsOf, reversalOf, type LedgerEntry } from './entry.js';
import type { EntryRef, LedgerStore } from './ports.js';
import { reversalRef } from './refs.js';
import { canSeeEntry, mayReverse } from './scope.js';

export const reversePerformance = async (
  deps: { ledger: LedgerStore },
  ctx: RequestContext,
  registrationId: string,
  input: ReversePerformance,
): Promise<{ created: boolean; entry: LedgerEntry }> => {
  const registration = await deps.ledger.entry(registrationId);
  if (!registration || !canSeeEntry(ctx.caller, registration))
    throw new NotFound(`Registration ${registrationId}`);
  if (registration.kind !== 'registration') {
    throw new Conflict(
      `${registrationId} is a reversal; a reversal is never reversed — register the sale again.`,
      [{ path: 'params.registrationId', message: 'is a reversal, not a registration' }],
    );
  }
  if (!mayReverse(ctx.caller, registration)) {
    throw new Forbidden(
      'Only a branch manager of the customer’s unit, the channel, or whoever registered it may reverse it.',
    );
  }
  const refKey = reversalRef(registrationId);
  const known = await deps.ledger.ref(refKey);
  if (known) return { created: false, entry: await sameReversal(deps, known, input) };

  const now = ctx.clock.now().toISOString();
  const reversal = reversalOf(registration, {
    entryId: ctx.ids.next('R'),
    reason: input.reason,
    recordedBy: ctx.caller.staffId,
    recordedAt: now,
    correlationId: ctx.correlationId,
  });
  const ref: EntryRef = {
    refKey,
    entryId: reversal.entryId,
    reason: input.reason,
    recordedAt: now,
    recordedBy: ctx.caller.staffId,
  };
  const audit = auditEntry(auditContext(ctx), `performance#${registrationId}`, 'performance.reverse', {
    detail: { reversalId: reversal.entryId, reason: input.reason, amountFen: registration.amountFen },
  });
  const outcome = await deps.ledger.append(reversal, ref, postingsOf(reversal), audit);
  if (outcome.kind === 'written') return { created: true, entry: reversal };
  return { created: false, entry: await sameReversal(deps, outcome.ref, input) };
};

const sameReversal = async (deps: { ledger: LedgerStore }, ref: EntryRef, input: ReversePerformance) => {
  if (ref.reason !== input.reason) {
    throw new Conflict(`The registration was reversed already (${ref.entryId}) for another reason.`, [
      { path: 'body.reason', message: 'differs from the reason of the reversal recorded' },
    ]);
  }
  const entry = await deps.ledger.entry(ref.entryId);
  if (!entry) throw new Error(`reversal key ${ref.refKey} points at a missing entry ${ref.entryId}`);
  return entry;
};
