// The auditor's read, against an in-memory index that answers Queries as DynamoDB does (partition,
// sort key range descending, Limit before the filter, LastEvaluatedKey): paging through any set of
// entries with any criteria and page size returns exactly the matching entries, newest first, once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeTime } from '#shared/ids.js';
import { auditEntry, customerOfEntry, type AuditEntry } from '#shared/audit/audit.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import { AUDIT_INDEXES, parseBound, readAuditTrail, type AuditCriteria } from '#shared/audit/trail.js';
import type { AuditIndexQuery, AuditTrailReader } from '#shared/audit/ports.js';

const START = Date.parse('2026-11-01T00:00:00Z');
const DAY = 86_400_000;

const memoryReader = (entries: AuditEntry[], reads: AuditIndexQuery[] = []): AuditTrailReader => ({
  async query(q) {
    reads.push(q);
    const pk = AUDIT_INDEXES[q.index];
    const rows = entries
      .filter((e) => (e as unknown as Record<string, unknown>)[pk] === q.partition)
      .filter((e) => e.auditId >= q.idFrom && e.auditId <= q.idTo)
      .sort((a, b) => b.auditId.localeCompare(a.auditId) || b.entityKey.localeCompare(a.entityKey));
    const start = q.startKey
      ? rows.findIndex((e) => e.auditId === q.startKey!.auditId && e.entityKey === q.startKey!.entityKey) + 1
      : 0;
    const evaluated = rows.slice(start, start + q.limit);
    const matches = evaluated.filter(
      (e) =>
        e.at >= q.atFrom &&
        e.at < q.atBefore &&
        Object.entries(q.filters).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v),
    );
    const last = evaluated.at(-1);
    return {
      items: matches,
      ...(start + q.limit < rows.length && last
        ? { lastKey: { entityKey: last.entityKey, auditId: last.auditId, [pk]: q.partition } }
        : {}),
    };
  },
});

const entryArb = fc
  .record({
    offset: fc.integer({ min: 0, max: 6 * DAY }),
    actor: fc.constantFrom('rm-1', 'rm-2', 'admin'),
    action: fc.constantFrom('customer.reveal', 'customer.update', 'staff.update'),
    customer: fc.constantFrom('C1', 'C2', undefined),
    random: fc.string({
      minLength: 16,
      maxLength: 16,
      unit: fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'),
    }),
  })
  .map(({ offset, actor, action, customer, random }) => {
    const at = new Date(START + offset).toISOString();
    return auditEntry(
      { actorId: actor, correlationId: 'c', at, auditId: encodeTime(START + offset) + random },
      customer ? `customer#${customer}` : `staff#${actor}`,
      action,
    );
  });

const criteriaArb: fc.Arbitrary<AuditCriteria> = fc
  .record(
    {
      customerId: fc.constantFrom('C1', 'C2'),
      staffId: fc.constantFrom('rm-1', 'admin'),
      action: fc.constantFrom('customer.reveal', 'staff.update'),
      from: fc.integer({ min: -DAY, max: 6 * DAY }).map((o) => START + o),
      span: fc.integer({ min: 1, max: 4 * DAY }),
    },
    { requiredKeys: ['from', 'span'] },
  )
  .map(({ span, ...c }) => ({ ...c, before: c.from + span }));

const matches = (c: AuditCriteria) => (e: AuditEntry) =>
  (c.customerId === undefined || e.customerId === c.customerId) &&
  (c.staffId === undefined || e.actorId === c.staffId) &&
  (c.action === undefined || e.action === c.action) &&
  Date.parse(e.at) >= (c.from ?? 0) &&
  Date.parse(e.at) < (c.before ?? Infinity);

describe('readAuditTrail', () => {
  it('pages through exactly the matching entries, newest first, each once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(entryArb, { selector: (e) => e.auditId, maxLength: 60 }),
        criteriaArb,
        fc.integer({ min: 1, max: 7 }),
        async (entries, criteria, limit) => {
          const reader = memoryReader(entries);
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let pages = 0; pages < 200; pages++) {
            const page = await readAuditTrail(reader, criteria, {
              limit,
              now: START + 7 * DAY,
              ...(cursor ? { cursor: decodeCursor(cursor)! } : {}),
            });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items.map((e) => e.auditId));
            cursor = page.nextCursor;
            if (!cursor) break;
          }
          expect(cursor).toBeUndefined();
          const expected = entries
            .filter(matches(criteria))
            .map((e) => e.auditId)
            .sort()
            .reverse();
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads one partition of the most selective index, never a scan', async () => {
    const reads: AuditIndexQuery[] = [];
    const reader = memoryReader([], reads);
    const page = { limit: 10, now: START };
    await readAuditTrail(reader, { customerId: 'C1', staffId: 'rm-1', action: 'customer.reveal' }, page);
    await readAuditTrail(reader, { staffId: 'rm-1', action: 'customer.reveal' }, page);
    await readAuditTrail(reader, { action: 'customer.reveal' }, page);
    await readAuditTrail(reader, { from: START - 2 * DAY, before: START }, page);
    expect(reads.map((r) => [r.index, r.partition])).toEqual([
      ['byCustomer', 'C1'],
      ['byActor', 'rm-1'],
      ['byAction', 'customer.reveal'],
      ['byDay', '2026-10-31'],
      ['byDay', '2026-10-30'],
    ]);
    expect(reads[0]!.filters).toEqual({ actorId: 'rm-1', action: 'customer.reveal' });
  });

  it('refuses a bare read with no from, a range too long, and a cursor of another query', async () => {
    const reader = memoryReader([]);
    await expect(readAuditTrail(reader, {}, { limit: 5, now: START })).rejects.toMatchObject({
      errors: [{ path: 'query.from' }],
    });
    await expect(
      readAuditTrail(reader, { from: START - 400 * DAY }, { limit: 5, now: START }),
    ).rejects.toMatchObject({ errors: [{ path: 'query.to' }] });
    const cursors: PageKey[] = [{ pk: 'x' }, { i: 'byActor', p: 'rm-2' }, { i: 'byDay', p: '2026-10-01' }];
    for (const cursor of cursors) {
      await expect(
        readAuditTrail(reader, { staffId: 'rm-1' }, { limit: 5, now: START, cursor }),
      ).rejects.toMatchObject({ errors: [{ path: 'query.cursor' }] });
    }
  });
});

describe('bounds and entries', () => {
  it('a date is the whole Asia/Shanghai day; an instant is itself, inclusive', () => {
    expect(parseBound('2026-12-01', 'from')).toBe(Date.parse('2026-11-30T16:00:00Z'));
    expect(parseBound('2026-12-01', 'to')).toBe(Date.parse('2026-12-01T16:00:00Z'));
    expect(parseBound('2026-12-01T08:00:00+08:00', 'to')).toBe(Date.parse('2026-12-01T00:00:00Z') + 1);
    for (const bad of ['2026-02-30', '2026-13-01', 'yesterday', '2026-12-01T08:00:00', '1700000000'])
      expect(parseBound(bad, 'from'), bad).toBeUndefined();
  });

  it('an entry names the customer it concerns, and its day', () => {
    expect(customerOfEntry('customer#C1', undefined)).toBe('C1');
    expect(customerOfEntry('aum#C2', undefined)).toBe('C2');
    expect(customerOfEntry('performance#E1', { customerId: 'C3' })).toBe('C3');
    expect(customerOfEntry('staff#rm-1', { customerId: 7 })).toBeUndefined();
    const entry = auditEntry(
      { actorId: 'a', correlationId: 'c', at: '2026-12-01T23:59:59.000Z', auditId: 'x' },
      'customer#C9',
      'customer.reveal',
    );
    expect(entry).toMatchObject({ customerId: 'C9', day: '2026-12-01' });
  });
});
