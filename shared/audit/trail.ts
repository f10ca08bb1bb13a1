// The auditor's read of the audit trail (审计查询): entries about a customer, by a staff member, of an
// action, or of a time range — each answered from one index of the audit table, newest first, the
// other criteria applied as filters on what that index returns. Never a scan: a time range with no
// other criterion walks the `byDay` index one day at a time. Pure: the index reads are a port.
import { encodeTime } from '#shared/ids.js';
import { ValidationFailed } from '#shared/errors.js';
import type { PageKey } from '#shared/http/pagination.js';
import { encodeCursor, type Page } from '#shared/http/pagination.js';
import type { AuditEntry } from './audit.js';
import type { AuditIndex, AuditIndexQuery, AuditTrailReader } from './ports.js';

/** The audit table's indexes the auditor reads, by their partition attribute (all sorted by auditId). */
export const AUDIT_INDEXES = {
  byCustomer: 'customerId',
  byActor: 'actorId',
  byAction: 'action',
  byDay: 'day',
} as const satisfies Record<AuditIndex, string>;

export interface AuditCriteria {
  customerId?: string;
  /** The staff member who acted. */
  staffId?: string;
  action?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  before?: number;
}

/** A time range with no other criterion may span at most this many days (one Query per day). */
export const MAX_DAY_SPAN = 366;
/** Index reads per page at most: a sparse filter answers a short page with a cursor, not a long wait. */
export const MAX_READS_PER_PAGE = 40;
const DAY_MS = 86_400_000;
/** Business dates are Asia/Shanghai (UTC+8, no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const EARLIEST = 0;
const LATEST = 2 ** 48 - 1; // the largest ULID time
/** ULID time and `at` are read from the same clock, at most moments apart: widen the id range by this. */
const ID_SLACK_MS = 60_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `from`/`to` of a query: a date (a whole day in Asia/Shanghai) or an ISO 8601 date-time with an
 * offset. Returns epoch ms — the start (`from`, inclusive) or the end (`to`, exclusive) — or
 * undefined when it is neither.
 */
export const parseBound = (value: string, edge: 'from' | 'to'): number | undefined => {
  if (DATE.test(value)) {
    const start = Date.parse(`${value}T00:00:00+08:00`);
    // Date.parse rolls 2026-02-30 over to March: only a day that exists comes back as itself
    if (Number.isNaN(start) || new Date(start + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) !== value)
      return undefined;
    return edge === 'from' ? start : start + DAY_MS;
  }
  if (!DATE_TIME.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return edge === 'from' ? at : at + 1;
};

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const previousDay = (day: string) => utcDay(Date.parse(`${day}T00:00:00Z`) - DAY_MS);

interface Plan {
  index: AuditIndex;
  /** The partitions to read, newest first: one, or every day of the range. */
  first: string;
  last: string;
  query: Omit<AuditIndexQuery, 'partition' | 'startKey' | 'limit'>;
}

const plan = (criteria: AuditCriteria, now: number): Plan => {
  const from = criteria.from ?? EARLIEST;
  const before = criteria.before ?? LATEST;
  const bounds = {
    idFrom: encodeTime(Math.max(EARLIEST, from - ID_SLACK_MS)) + '0'.repeat(16),
    idTo: encodeTime(Math.min(LATEST, before + ID_SLACK_MS)) + 'Z'.repeat(16),
    atFrom: new Date(from).toISOString(),
    atBefore: criteria.before === undefined ? '9999' : new Date(before).toISOString(),
  };
  const { customerId, staffId, action } = criteria;
  const filters = (skip: string) =>
    Object.fromEntries(
      Object.entries({ customerId, actorId: staffId, action }).filter(
        ([k, v]) => v !== undefined && k !== skip,
      ),
    );
  if (customerId !== undefined)
    return {
      index: 'byCustomer',
      first: customerId,
      last: customerId,
      query: { index: 'byCustomer', ...bounds, filters: filters('customerId') },
    };
  if (staffId !== undefined)
    return {
      index: 'byActor',
      first: staffId,
      last: staffId,
      query: { index: 'byActor', ...bounds, filters: filters('actorId') },
    };
  if (action !== undefined)
    return {
      index: 'byAction',
      first: action,
      last: action,
      query: { index: 'byAction', ...bounds, filters: {} },
    };
  if (criteria.from === undefined)
    throw new ValidationFailed([
      { path: 'query.from', message: 'is required when no customerId, staffId or action is given' },
    ]);
  const end = Math.min(before, Math.max(now, from) + DAY_MS) - 1;
  if (end - from > MAX_DAY_SPAN * DAY_MS)
    throw new ValidationFailed([
      {
        path: 'query.to',
        message: `is more than ${MAX_DAY_SPAN} days after from; add customerId, staffId or action`,
      },
    ]);
  return {
    index: 'byDay',
    first: utcDay(end),
    last: utcDay(from),
    query: { index: 'byDay', ...bounds, filters: {} },
  };
};

interface Position {
  partition: string;
  startKey?: Record<string, string>;
}

/** A cursor names its index, its partition and the key to go on from; one of another query is refused. */
const positionOf = (cursor: PageKey, p: Plan): Position => {
  const { i, p: partition, e, a } = cursor;
  const ours =
    i === p.index &&
    typeof partition === 'string' &&
    (p.index === 'byDay' ? partition <= p.first && partition >= p.last : partition === p.first) &&
    (e === undefined) === (a === undefined) &&
    (e === undefined || (typeof e === 'string' && typeof a === 'string'));
  if (!ours) throw new ValidationFailed([{ path: 'query.cursor', message: 'is not a cursor of this query' }]);
  return {
    partition,
    ...(typeof e === 'string' && typeof a === 'string'
      ? { startKey: { entityKey: e, auditId: a, [AUDIT_INDEXES[p.index]]: partition } }
      : {}),
  };
};

const cursorAt = (p: Plan, at: Position): string | undefined =>
  encodeCursor({
    i: p.index,
    p: at.partition,
    ...(at.startKey ? { e: at.startKey.entityKey!, a: at.startKey.auditId! } : {}),
  });

/** The key of a returned item in the index: where the next read starts after it. */
const keyOf = (entry: AuditEntry, index: AuditIndex): Record<string, string> => ({
  entityKey: entry.entityKey,
  auditId: entry.auditId,
  [AUDIT_INDEXES[index]]: String((entry as unknown as Record<string, unknown>)[AUDIT_INDEXES[index]]),
});

/** One page of the trail, newest first. */
export const readAuditTrail = async (
  reader: AuditTrailReader,
  criteria: AuditCriteria,
  page: { limit: number; cursor?: PageKey; now: number },
): Promise<Page<AuditEntry>> => {
  const p = plan(criteria, page.now);
  let at: Position | undefined = page.cursor ? positionOf(page.cursor, p) : { partition: p.first };
  const items: AuditEntry[] = [];
  for (let reads = 0; at && items.length < page.limit && reads < MAX_READS_PER_PAGE; reads++) {
    const wanted = page.limit - items.length;
    const out = await reader.query({
      ...p.query,
      partition: at.partition,
      ...(at.startKey ? { startKey: at.startKey } : {}),
      limit: Math.max(wanted, 25),
    });
    const taken = out.items.slice(0, wanted);
    items.push(...taken);
    if (taken.length < out.items.length)
      at = { partition: at.partition, startKey: keyOf(taken.at(-1)!, p.index) };
    else if (out.lastKey) at = { partition: at.partition, startKey: out.lastKey };
    else
      at =
        p.index === 'byDay' && at.partition > p.last ? { partition: previousDay(at.partition) } : undefined;
  }
  return { items, ...(at ? { nextCursor: cursorAt(p, at) } : {}) };
};
