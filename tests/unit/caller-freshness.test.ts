// Role and org live in the staff record, not in tokens, and the caller resolver holds nothing between
// requests (shared/auth/deps.ts says why it is not cached): a change to the record is what the very
// next request is judged by, whatever came before it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { callerResolver } from '#shared/auth/resolve-caller.js';
import { ROLES } from '#shared/auth/caller.js';
import type { Staff } from '#shared/staff/staff.js';

const record = (role: Staff['role'], active: boolean, orgId: string): Staff => ({
  staffId: 'rm-1',
  name: '李娜',
  role,
  orgId,
  orgPath: `/HO/${orgId}/`,
  active,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const Change = fc.record({
  role: fc.constantFrom(...ROLES),
  active: fc.boolean(),
  orgId: fc.constantFrom('BJ', 'SH', 'GZ'),
  gone: fc.boolean(),
});

describe('the caller on each request', () => {
  it('is the staff record as it stands at that request, after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Change, { minLength: 1, maxLength: 20 }), async (changes) => {
        let current: Staff | undefined;
        let reads = 0;
        const resolve = callerResolver({
          staff: {
            get: async () => {
              reads++;
              return current;
            },
          },
          usage: () => ({ mark: async () => undefined, month: async () => [] }),
          now: () => new Date('2026-11-20T02:00:00Z'),
        });
        for (const [i, change] of changes.entries()) {
          current = change.gone ? undefined : record(change.role, change.active, change.orgId);
          const caller = await resolve('rm-1');
          if (!current || !current.active) expect(caller).toBeUndefined();
          else expect(caller).toMatchObject({ role: change.role, orgId: change.orgId });
          expect(reads).toBe(i + 1);
        }
      }),
    );
  });
});
