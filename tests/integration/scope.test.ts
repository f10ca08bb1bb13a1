// Given the demo bank, every org, staff and customer route answers by the org tree: an RM sees their
// own customers, a branch manager their subtree, head office everything; outside scope is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import type { Staff } from '#shared/staff/staff.js';
import { apiClient, startTestRuntime, type ApiClient, scanAll } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;
let customers: Customer[];
let staff: Staff[];

const scanOf = <T>(table: string): Promise<T[]> => scanAll<T>(runtime, table);

const listAll = async (as: string, query = '') => {
  const items: { customerId: string; managerId: string }[] = [];
  let cursor: string | undefined;
  do {
    const { status, body } = await api.get(
      as,
      `/v1/customers?limit=17${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(status).toBe(200);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
};

beforeAll(async () => {
  // enough customers that every RM of the demo bank has some
  runtime = await startTestRuntime({ demoCustomers: 400 });
  api = apiClient(runtime);
  customers = await scanOf<Customer>('customers');
  staff = (await scanOf<Staff>('staff')).filter((s) => s.active);
});
afterAll(() => runtime?.stop());

const ownedBy = (staffId: string) => customers.find((c) => c.managerId === staffId)!;

describe('customer routes', () => {
  it('a customer of rm-bj-cy-wj-01 is visible up their line and to head office, not sideways', async () => {
    const customer = ownedBy('rm-bj-cy-wj-01');
    const expected: Record<string, number> = {
      admin: 200,
      marketing: 200,
      'bm-bj': 200,
      'bm-bj-cy': 200,
      'rm-bj-cy-wj-01': 200,
      'bm-bj-hd': 404,
      'bm-sh': 404,
      'rm-bj-cy-wj-02': 404,
      'rm-sh-pd-ljz-01': 404,
    };
    for (const [as, status] of Object.entries(expected)) {
      expect((await api.get(as, `/v1/customers/${customer.customerId}`)).status, as).toBe(status);
    }
  });

  it('matches the scope model for any caller and any customer (property)', async () => {
    const model = (caller: Staff, customer: Customer) =>
      caller.role === 'rm'
        ? customer.managerId === caller.staffId
        : customer.orgPath.startsWith(caller.orgPath);
    const people = staff.filter((s) => s.role !== 'integration');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...people),
        fc.constantFrom(...customers),
        async (caller, customer) => {
          const { status } = await api.get(caller.staffId, `/v1/customers/${customer.customerId}`);
          expect(status).toBe(model(caller, customer) ? 200 : 404);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lists exactly the caller’s scope, page by page', async () => {
    const rmList = await listAll('rm-bj-cy-wj-01');
    expect(rmList.map((c) => c.customerId).sort()).toEqual(
      customers
        .filter((c) => c.managerId === 'rm-bj-cy-wj-01')
        .map((c) => c.customerId)
        .sort(),
    );
    const subBranch = await listAll('bm-bj-cy');
    expect(subBranch.map((c) => c.customerId).sort()).toEqual(
      customers
        .filter((c) => c.orgPath.startsWith('/HO/BJ/BJ-CY/'))
        .map((c) => c.customerId)
        .sort(),
    );
    const everyone = await listAll('admin');
    expect(everyone).toHaveLength(customers.length);
    // asking for another subtree or another RM's book gives nothing beyond one's scope
    expect((await api.get('bm-bj-cy', '/v1/customers?orgId=SH')).status).toBe(404);
    expect(await listAll('rm-bj-cy-wj-01', '&managerId=rm-bj-cy-wj-02')).toEqual([]);
    const filtered = await listAll('bm-bj', '&managerId=rm-bj-cy-wj-02');
    expect(filtered.every((c) => c.managerId === 'rm-bj-cy-wj-02')).toBe(true);
    expect(filtered).toHaveLength(customers.filter((c) => c.managerId === 'rm-bj-cy-wj-02').length);
  });

  it('changes only within scope, and only by roles that write', async () => {
    const customer = ownedBy('rm-bj-cy-wj-01');
    const path = `/v1/customers/${customer.customerId}`;
    expect((await api.patch('rm-bj-cy-wj-02', path, { tags: ['x'] })).status).toBe(404);
    expect((await api.patch('bm-sh', path, { tags: ['x'] })).status).toBe(404);
    expect((await api.patch('marketing', path, { tags: ['x'] })).status).toBe(403);
    expect((await api.patch('rm-bj-cy-wj-01', path, { tags: ['房贷'] })).status).toBe(200);
    // nobody moves a customer to another book by a patch: that is an allocation (409)
    expect((await api.patch('rm-bj-cy-wj-01', path, { managerId: 'rm-bj-cy-wj-02' })).status).toBe(409);
  });

  it('creates only inside scope', async () => {
    const body = { name: '测试客户', orgId: 'BJ-CY-WJ', managerId: 'rm-bj-cy-wj-01' };
    expect(
      (await api.post('rm-bj-cy-wj-01', '/v1/customers', { ...body, managerId: 'rm-bj-cy-wj-02' })).status,
    ).toBe(403);
    expect((await api.post('marketing', '/v1/customers', body)).status).toBe(403);
    expect((await api.post('bm-sh', '/v1/customers', body)).status).toBe(400);
    // an RM of another subtree as manager: the placement conflicts with the org tree
    expect((await api.post('admin', '/v1/customers', { ...body, managerId: 'rm-sh-pd-ljz-01' })).status).toBe(
      409,
    );
    expect((await api.post('bm-bj-cy', '/v1/customers', body)).status).toBe(201);
  });
});

describe('org and staff routes', () => {
  it('shows org units down the caller’s subtree only', async () => {
    const expected: [string, string, number][] = [
      ['admin', 'SH', 200],
      ['bm-bj', 'BJ-CY', 200],
      ['bm-bj', 'SH', 404],
      ['bm-bj-cy', 'BJ', 404],
      ['rm-bj-cy-wj-01', 'BJ-CY-WJ', 200],
      ['rm-bj-cy-wj-01', 'BJ-CY', 404],
      ['bm-sh', 'NOPE', 404],
    ];
    for (const [as, orgId, status] of expected) {
      expect((await api.get(as, `/v1/orgs/${orgId}`)).status, `${as} → ${orgId}`).toBe(status);
    }
    const children = await api.get('bm-bj', '/v1/orgs/BJ/children');
    expect(children.body.items.map((o: { orgId: string }) => o.orgId)).toEqual(['BJ-CY', 'BJ-HD']);
    expect((await api.get('bm-sh', '/v1/orgs/BJ/children')).status).toBe(404);
  });

  it('shows staff of the subtree, and lists them page by page', async () => {
    expect((await api.get('bm-bj', '/v1/staff/rm-bj-cy-wj-02')).status).toBe(200);
    expect((await api.get('bm-sh', '/v1/staff/rm-bj-cy-wj-02')).status).toBe(404);
    expect((await api.get('rm-bj-cy-wj-01', '/v1/staff/rm-bj-cy-wj-02')).status).toBe(200);
    expect((await api.get('rm-bj-cy-wj-01', '/v1/staff/bm-bj-cy')).status).toBe(404);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await api.get(
        'bm-bj',
        `/v1/staff?orgId=BJ&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      ids.push(...body.items.map((s: { staffId: string }) => s.staffId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(ids.sort()).toEqual(
      staff
        .filter((s) => s.orgPath.startsWith('/HO/BJ/'))
        .map((s) => s.staffId)
        .sort(),
    );
    expect((await api.get('bm-bj', '/v1/staff?orgId=SH')).status).toBe(404);
  });

  it('lets only an admin change the org tree and staff', async () => {
    const org = { name: '望京第二网点', level: 'outlet', parentId: 'BJ-CY' };
    expect((await api.put('bm-bj', '/v1/orgs/BJ-CY-WJ2', org)).status).toBe(403);
    const created = await api.put('admin', '/v1/orgs/BJ-CY-WJ2', org);
    expect(created.status).toBe(201);
    expect(created.body.path).toBe('/HO/BJ/BJ-CY/BJ-CY-WJ2/');
    expect((await api.put('admin', '/v1/orgs/BJ-CY-WJ2', { ...org, parentId: 'BJ-HD' })).status).toBe(409);
    const member = { name: '王小明', role: 'rm', orgId: 'BJ-CY-WJ2' };
    expect((await api.put('rm-bj-cy-wj-01', '/v1/staff/rm-new', member)).status).toBe(403);
    expect((await api.put('admin', '/v1/staff/rm-new', member)).status).toBe(201);
    expect((await api.get('rm-new', '/v1/me')).body.orgPath).toBe('/HO/BJ/BJ-CY/BJ-CY-WJ2/');
  });
});
