// Read the ledger within scope: one entry (with its reversal, if any), and a staff member's lines in
// a period (GET /v1/performance?staffId=&period=).
import { NotFound, ValidationFailed } from '#shared/errors.js';
import { canSeeOrgPath } from '#shared/auth/scope.js';
import type { RequestContext } from '#shared/request-context.js';
import type { PageKey } from '#shared/http/pagination.js';
import type { EntryRef, LedgerStore } from './ports.js';
import { reversalRef } from './refs.js';
import type { StaffStore } from '#shared/staff/ports.js';
import type { LedgerEntry, Posting } from './entry.js';
import { currentMonth, periodRange } from './period.js';
import { canSeeEntry } from './scope.js';

/** An entry as readers see it: internal keys and org paths dropped. */
export const entryView = (entry: LedgerEntry, reversal?: EntryRef) => {
  const { customerKey: _key, customerOrgPath: _path, correlationId: _correlation, credits, ...rest } = entry;
  return {
    ...rest,
    credits: credits.map(({ orgPath: _orgPath, ...credit }) => credit),
    ...(reversal
      ? {
          reversal: {
            reversalId: reversal.entryId,
            reason: reversal.reason ?? '',
            recordedAt: reversal.recordedAt,
            recordedBy: reversal.recordedBy,
          },
        }
      : {}),
  };
};
export type EntryView = ReturnType<typeof entryView>;

/** The entry's view with its reversal looked up (registrations only). */
export const viewEntry = async (ledger: LedgerStore, entry: LedgerEntry): Promise<EntryView> =>
  entryView(entry, entry.kind === 'registration' ? await ledger.ref(reversalRef(entry.entryId)) : undefined);

export const readEntry = async (
  ledger: LedgerStore,
  ctx: Pick<RequestContext, 'caller'>,
  entryId: string,
): Promise<EntryView> => {
  const entry = await ledger.entry(entryId);
  if (!entry || !canSeeEntry(ctx.caller, entry)) throw new NotFound(`Performance entry ${entryId}`);
  return viewEntry(ledger, entry);
};

export const postingView = ({ staffId: _staffId, postingKey: _key, ...rest }: Posting) => rest;

export interface PostingQuery {
  staffId?: string;
  period?: string;
  limit: number;
  cursor?: PageKey;
}

/**
 * A staff member's lines in a period, oldest first. RMs see their own; managers and head office
 * anyone in their subtree. Someone outside scope is "not found".
 */
export const listPostings = async (
  deps: { ledger: LedgerStore; staff: Pick<StaffStore, 'get'> },
  ctx: Pick<RequestContext, 'caller' | 'clock'>,
  query: PostingQuery,
) => {
  const { caller } = ctx;
  const staffId = query.staffId ?? caller.staffId;
  if (staffId !== caller.staffId) {
    const member = caller.role === 'rm' ? undefined : await deps.staff.get(staffId);
    if (!member || !canSeeOrgPath(caller, member.orgPath)) throw new NotFound(`Staff member ${staffId}`);
  }
  const period = query.period ?? currentMonth(ctx.clock.now());
  const { from, to } = periodRange(period);
  if (query.cursor && !isPostingCursor(query.cursor, staffId, from, to)) {
    throw new ValidationFailed([{ path: 'query.cursor', message: 'belongs to another list' }]);
  }
  const page = await deps.ledger.postings(staffId, from, to, query.limit, query.cursor);
  return {
    staffId,
    period,
    items: page.items.map(postingView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
};

const isPostingCursor = (cursor: PageKey, staffId: string, from: string, to: string): boolean =>
  Object.keys(cursor).length === 2 &&
  cursor.staffId === staffId &&
  typeof cursor.postingKey === 'string' &&
  cursor.postingKey >= `${from}#` &&
  cursor.postingKey <= `${to}#~`;
