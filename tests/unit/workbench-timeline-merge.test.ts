// The timeline merge against a model: sources merged and sorted newest first, each event once, any page size.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeState, encodeState, mergePage, type TimelineSource } from '#shared/timeline/merge.js';

interface Ev {
  source: string;
  at: string;
  n: number;
}

const memorySource = (name: string, events: Ev[]): TimelineSource<Ev> => {
  const sorted = [...events].sort((a, b) => (a.at === b.at ? b.n - a.n : b.at.localeCompare(a.at)));
  return {
    name,
    async fetch(limit, start) {
      const from = start ? sorted.findIndex((e) => e.n === start.n) + 1 : 0;
      const items = sorted.slice(from, from + limit);
      return { items, ...(from + limit < sorted.length ? { next: { n: items[items.length - 1]!.n } } : {}) };
    },
    keyOf: (e) => ({ n: e.n }),
  };
};

describe('timeline merge', () => {
  it('pages through every event exactly once, newest first (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 15 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 6 }),
        async (perSource, limit) => {
          let n = 0;
          const sources = perSource.map((ats, i) =>
            memorySource(
              `s${i}`,
              ats.map((t) => ({ source: `s${i}`, at: String(t).padStart(3, '0'), n: n++ })),
            ),
          );
          const seen: Ev[] = [];
          let state = decodeState(undefined);
          for (let page = 0; page < 200; page++) {
            const result = await mergePage(sources, state, limit, (e) => e.at);
            expect(result.items.length).toBeLessThanOrEqual(limit);
            seen.push(...result.items);
            const cursor = encodeState(result.state);
            if (!cursor) break;
            state = decodeState(cursor);
          }
          expect(seen).toHaveLength(n);
          expect(new Set(seen.map((e) => e.n)).size).toBe(n);
          const ats = seen.map((e) => e.at);
          expect(ats).toEqual([...ats].sort().reverse());
        },
      ),
    );
  });
});
