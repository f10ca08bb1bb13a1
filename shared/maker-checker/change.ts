// Maker-checker (双人复核) for the settings that decide how the bank treats every customer: the tier
// policy and the trigger rules. A PUT no longer changes them; it proposes a change, kept pending
// with the version it was written against. Another admin approves it (the new version is stored,
// in force as before) or rejects it with a reason; the maker can do neither (403), an approval of a
// change whose base version is no longer the latest is refused (409: read again, propose anew), and
// a change is decided once. Proposal, approval and rejection are audited, each in the same write.
import * as z from 'zod';
import { Conflict, Forbidden, NotFound } from '#shared/errors.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Change, ChangeStatus, ChangeStore, DecisionOutcome } from './ports.js';
import type { RequestContext } from '#shared/request-context.js';

export const CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const satisfies readonly ChangeStatus[];

/** A stored change (the proposal is re-validated by its capability when it is approved). */
export const StoredChange = z.object({
  changeId: z.number().int().positive(),
  subject: z.string(),
  baseVersion: z.number().int().min(0),
  proposal: z.unknown(),
  status: z.enum(CHANGE_STATUSES),
  proposedBy: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  reason: z.string().optional(),
  appliedVersion: z.number().int().optional(),
});

// ------------------------------------------------------------------------------------------------
// Contracts shared by the capabilities' routes

export const ChangeParams = z.object({
  changeId: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'is not a change id: a whole number from 1')
    .transform(Number),
});

export const ChangeListQuery = z.object({
  status: z.enum(CHANGE_STATUSES).default('pending').describe('which changes (default: pending)'),
});

export const RejectBody = z.strictObject({
  reason: z.string().trim().min(2, 'say why, in a few words').max(500),
});

/** A change as the API shows it, its proposal in the capability's own input schema. */
export const changeView = <P extends z.ZodType>(proposal: P) => StoredChange.extend({ proposal });

export const changeList = <P extends z.ZodType>(proposal: P) =>
  z.object({ items: z.array(changeView(proposal)) });

// ------------------------------------------------------------------------------------------------
// The decisions

/**
 * The change to decide, checked: it exists, it is still pending, and the caller is not its maker
 * (四眼原则: the maker never decides their own change, whatever their role).
 */
export const changeToDecide = async <P>(
  store: ChangeStore<P>,
  ctx: RequestContext,
  what: string,
  changeId: number,
): Promise<Change<P>> => {
  const change = await store.get(changeId);
  if (!change) throw new NotFound(`${what} change ${changeId}`);
  if (change.proposedBy === ctx.caller.staffId) {
    throw new Forbidden(
      `You proposed ${what} change ${changeId}: another admin approves or rejects it (maker-checker).`,
    );
  }
  if (change.status !== 'pending') {
    throw new Conflict(`${what} change ${changeId} was already ${change.status}.`);
  }
  return change;
};

export const decided = <P>(
  change: Change<P>,
  ctx: RequestContext,
  outcome: { status: 'approved'; appliedVersion: number } | { status: 'rejected'; reason: string },
): Change<P> => ({
  ...change,
  ...outcome,
  decidedBy: ctx.caller.staffId,
  decidedAt: ctx.clock.now().toISOString(),
});

/** The base moved on: someone's approval stored a newer version since this change was proposed. */
export const staleChange = (what: string, change: Change, latest: number): Conflict =>
  new Conflict(
    `${what} change ${change.changeId} was proposed on version ${change.baseVersion}; version ` +
      `${latest} has been stored since. Read it again and propose the change anew.`,
  );

/** Throws the 409 a decision that lost a race deserves. */
export const settle = (what: string, change: Change, outcome: DecisionOutcome): void => {
  if (outcome === 'decided-meanwhile') {
    throw new Conflict(`${what} change ${change.changeId} was decided by someone else meanwhile.`);
  }
  if (outcome === 'stale') throw staleChange(what, change, change.baseVersion + 1);
};

/** Rejects a pending change with a reason (not the maker's to do). */
export const rejectChange = async <P>(
  store: ChangeStore<P>,
  ctx: RequestContext,
  what: string,
  changeId: number,
  reason: string,
  audit: (rejected: Change<P>) => AuditEntry,
): Promise<Change<P>> => {
  const change = await changeToDecide(store, ctx, what, changeId);
  const rejected = decided(change, ctx, { status: 'rejected', reason });
  settle(what, change, await store.reject(rejected, audit(rejected)));
  return rejected;
};
