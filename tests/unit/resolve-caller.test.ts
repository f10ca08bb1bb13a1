// The caller resolver on its ports: who the caller is comes from the staff record alone, and each
// resolved request is marked as a use of the system, once per login, without ever failing the request.
import { describe, expect, it } from 'vitest';
import { callerResolver } from '#shared/auth/resolve-caller.js';
import type { Staff } from '#shared/staff/staff.js';
import type { UsageStore } from '#shared/usage/ports.js';
import type { UsageMark } from '#shared/usage/session.js';

const staffRecord = (over: Partial<Staff> = {}): Staff => ({
  staffId: 'rm-1',
  name: '李娜',
  role: 'rm',
  orgId: 'BJ-CY',
  orgPath: '/HO/BJ/BJ-CY/',
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

const given = (records: Staff[], usage: Partial<UsageStore> = {}) => {
  const marks: UsageMark[] = [];
  const store: UsageStore = {
    mark: async (mark) => void marks.push(mark),
    month: async () => [],
    ...usage,
  };
  const byId = new Map(records.map((r) => [r.staffId, r]));
  const resolve = callerResolver({
    staff: { get: async (staffId) => byId.get(staffId) },
    usage: () => store,
    now: () => new Date('2026-11-20T02:00:00Z'),
  });
  return { resolve, marks };
};

describe('caller resolver', () => {
  it('takes role and org from the staff record', async () => {
    const { resolve } = given([staffRecord()]);
    expect(await resolve('rm-1')).toEqual({
      staffId: 'rm-1',
      name: '李娜',
      role: 'rm',
      orgId: 'BJ-CY',
      orgPath: '/HO/BJ/BJ-CY/',
    });
  });

  it('knows no one who is not active staff with a known role', async () => {
    const { resolve } = given([
      staffRecord({ staffId: 'gone', active: false }),
      staffRecord({ staffId: 'odd', role: 'teller' as Staff['role'] }),
    ]);
    expect(await resolve('nobody')).toBeUndefined();
    expect(await resolve('gone')).toBeUndefined();
    expect(await resolve('odd')).toBeUndefined();
  });

  it('marks one use per login, and none without claims or for a system', async () => {
    const { resolve, marks } = given([staffRecord(), staffRecord({ staffId: 'feed', role: 'integration' })]);
    await resolve('rm-1', { iat: 1_795_000_000 });
    await resolve('rm-1', { iat: 1_795_000_000 });
    await resolve('rm-1');
    await resolve('feed', { iat: 1_795_000_000 });
    expect(marks.map((m) => [m.staffId, m.day, m.session])).toEqual([['rm-1', '2026-11-20', '1795000000']]);
  });

  it('still resolves the caller when the use cannot be recorded', async () => {
    const { resolve } = given([staffRecord()], {
      mark: () => Promise.reject(new Error('the usage table is not granted')),
    });
    expect((await resolve('rm-1', { iat: 1_795_000_000 }))?.staffId).toBe('rm-1');
  });
});
