// Customers: created idempotently, masked on read, revealed only with a purpose (and audited), changed
// optimistically, every write audited in the same transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { ApiClient } from '../support/local-runtime.js';
import { aBank, theAuditTrailOf } from '../support/steps/index.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  ({ runtime, api } = await aBank({ customers: 5 }));
});
afterAll(() => runtime?.stop());

const auditOf = (customerId: string) => theAuditTrailOf(runtime, `customer#${customerId}`);

const newCustomer = {
  customerId: 'CORE000001',
  name: '李秀英',
  phone: '+8613812345678',
  idNumber: '11010519491231002X',
  orgId: 'BJ-CY-WJ',
  managerId: 'rm-bj-cy-wj-01',
  riskLevel: 'C3',
  tags: ['代发工资'],
};

describe('customers', () => {
  it('creates once, masks on read, and a retry returns the same customer', async () => {
    const first = await api.post('rm-bj-cy-wj-01', '/v1/customers', newCustomer);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      customerId: 'CORE000001',
      phone: '+86138****5678',
      idNumber: '110105********002X',
      tier: 'standard',
    });
    const again = await api.post('rm-bj-cy-wj-01', '/v1/customers', newCustomer);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const conflict = await api.post('rm-bj-cy-wj-01', '/v1/customers', { ...newCustomer, name: '李秀兰' });
    expect(conflict.status).toBe(409);
    const audit = await auditOf('CORE000001');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'customer.create', actorId: 'rm-bj-cy-wj-01' });
    expect(JSON.stringify(audit)).not.toContain('13812345678');
  });

  it('makes one customer per Idempotency-Key, however often it is retried', async () => {
    const { customerId: _omit, ...body } = { ...newCustomer, phone: '+8613900001111', idNumber: undefined };
    const headers = { 'idempotency-key': 'form-submit-7f3a' };
    const first = await api.post('rm-bj-cy-wj-01', '/v1/customers', body, headers);
    const second = await api.post('rm-bj-cy-wj-01', '/v1/customers', body, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.customerId).toBe(first.body.customerId);
    const other = await api.post('rm-bj-cy-wj-01', '/v1/customers', body, { 'idempotency-key': 'another' });
    expect(other.body.customerId).not.toBe(first.body.customerId);
  });

  it('reveals phone and ID number only with a purpose, and audits the reveal before answering', async () => {
    const path = '/v1/customers/CORE000001';
    const noPurpose = await api.get('rm-bj-cy-wj-01', `${path}?reveal=phone`);
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.errors[0].path).toBe('query.purpose');
    const revealed = await api.get(
      'rm-bj-cy-wj-01',
      `${path}?reveal=phone,idNumber&purpose=${encodeURIComponent('回访客户确认理财到期')}`,
    );
    expect(revealed.status).toBe(200);
    expect(revealed.body.phone).toBe('+8613812345678');
    expect(revealed.body.idNumber).toBe('11010519491231002X');
    const reveal = (await auditOf('CORE000001')).find((a) => a.action === 'customer.reveal');
    expect(reveal).toMatchObject({
      actorId: 'rm-bj-cy-wj-01',
      detail: { fields: ['phone', 'idNumber'], purpose: '回访客户确认理财到期' },
    });
    // outside scope, a reveal is just not found; the attempt is audited as refused, nothing revealed
    const before = (await auditOf('CORE000001')).length;
    expect((await api.get('rm-bj-cy-wj-02', `${path}?reveal=phone&purpose=curious`)).status).toBe(404);
    const after = await auditOf('CORE000001');
    expect(after).toHaveLength(before + 1);
    expect(after.filter((a) => a.action === 'customer.reveal-refused').map((a) => a.actorId)).toEqual([
      'rm-bj-cy-wj-02',
    ]);
  });

  it('updates with a new version, clears with null, and audits the change masked', async () => {
    const path = '/v1/customers/CORE000001';
    const changed = await api.patch('rm-bj-cy-wj-01', path, {
      phone: '+8613987654321',
      tags: [],
      riskLevel: 'C4',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ phone: '+86139****4321', tags: [], riskLevel: 'C4', version: 2 });
    const cleared = await api.patch('rm-bj-cy-wj-01', path, { idNumber: null });
    expect(cleared.body.idNumber).toBeUndefined();
    expect(cleared.body.version).toBe(3);
    const unchanged = await api.patch('rm-bj-cy-wj-01', path, { riskLevel: 'C4' });
    expect(unchanged.body.version).toBe(3);
    const update = (await auditOf('CORE000001')).find((a) => a.action === 'customer.update');
    expect(update?.changes.phone).toEqual({ before: '+86138****5678', after: '+86139****4321' });
  });

  it('reveals to the RM, the branch manager and the head-office admin; marketing and audit get 403', async () => {
    const path = `/v1/customers/CORE000001?reveal=phone,idNumber&purpose=${encodeURIComponent('核实身份')}`;
    for (const who of ['bm-bj-cy', 'admin']) {
      const revealed = await api.get(who, path);
      expect(revealed.status, who).toBe(200);
      expect(revealed.body.phone, who).toBe('+8613987654321'); // as the RM changed it above
    }
    const before = (await auditOf('CORE000001')).length;
    for (const who of ['marketing', 'auditor']) {
      const refused = await api.get(who, path);
      expect(refused.status, who).toBe(403);
      expect(JSON.stringify(refused.body), who).not.toMatch(/\d{11}/);
      // they still read the customer, masked
      expect((await api.get(who, '/v1/customers/CORE000001')).body.phone, who).toBe('+86139****4321');
    }
    expect((await api.get('core-banking', path)).status).toBe(403);
    // each refused reveal is audited as refused; none as a reveal
    const after = await auditOf('CORE000001');
    expect(after).toHaveLength(before + 2);
    expect(
      after
        .filter((a) => a.action === 'customer.reveal-refused')
        .map((a) => a.actorId)
        .sort(),
    ).toEqual(['auditor', 'marketing', 'rm-bj-cy-wj-02']);
  });

  it('moves a customer only through an allocation: a patch of RM or org unit is 409 and changes nothing', async () => {
    const path = '/v1/customers/CORE000001';
    const before = await api.get('bm-bj-cy', path);
    const moved = await api.patch('bm-bj-cy', path, { managerId: 'rm-bj-cy-wj-02', tags: ['x'] });
    expect(moved.status).toBe(409);
    expect(moved.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(moved.body.detail).toContain('/v1/allocations');
    expect(moved.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.managerId']);
    const unit = await api.patch('admin', path, { orgId: 'BJ-CY-GM' });
    expect(unit.status).toBe(409);
    expect(unit.body.detail).toContain('/v1/allocations');
    expect((await api.patch('rm-bj-cy-wj-01', path, { managerId: 'rm-bj-cy-wj-01' })).status).toBe(409);
    expect((await api.get('bm-bj-cy', path)).body).toEqual(before.body);
    expect((await api.get('rm-bj-cy-wj-01', path)).status).toBe(200);
  });

  it('keeps SMS consent out of the record’s writes: 400 naming smsConsent and the consent route', async () => {
    const created = await api.post('rm-bj-cy-wj-01', '/v1/customers', {
      ...newCustomer,
      customerId: 'CORE000002',
      smsConsent: true,
    });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([
      expect.objectContaining({ path: 'body.smsConsent', message: expect.stringContaining('/sms-consent') }),
    ]);
    expect((await api.get('admin', '/v1/customers/CORE000002')).status).toBe(404);
    const path = '/v1/customers/CORE000001';
    const before = await api.get('rm-bj-cy-wj-01', path);
    const patched = await api.patch('rm-bj-cy-wj-01', path, { smsConsent: false, tags: ['y'] });
    expect(patched.status).toBe(400);
    expect(patched.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.smsConsent']);
    expect(patched.body.errors[0].message).toContain('PUT /v1/customers/{customerId}/sms-consent');
    expect((await api.get('rm-bj-cy-wj-01', path)).body).toEqual(before.body);
    // a new customer has no consent until the ledger records the customer's own act
    expect(before.body.smsConsent).toBe(false);
  });

  it('searches by name or id and filters by tier, risk level and tag, for an RM, a branch manager and head office', async () => {
    const sample = {
      ...newCustomer,
      customerId: 'CORE000003',
      name: '欧阳晓明',
      riskLevel: 'C4',
      tags: ['代发工资', '高净值'],
    };
    expect((await api.post('rm-bj-cy-wj-01', '/v1/customers', sample)).status).toBe(201);
    const ids = async (as: string, query: string) => {
      const reply = await api.get(as, `/v1/customers?${query}`);
      expect(reply.status, `${as} ${query}`).toBe(200);
      return (reply.body.items as { customerId: string }[]).map((c) => c.customerId);
    };
    // an RM and a branch manager are read from an index, head office from the table: the same answers
    for (const as of ['rm-bj-cy-wj-01', 'bm-bj-cy', 'admin']) {
      expect(await ids(as, `q=${encodeURIComponent('晓明')}`)).toEqual(['CORE000003']);
      expect(await ids(as, 'q=CORE000003')).toEqual(['CORE000003']);
      expect(await ids(as, 'q=CORE000003&riskLevel=C3')).toEqual([]);
      expect(await ids(as, `riskLevel=C4&tag=${encodeURIComponent('高净值')}`)).toEqual(['CORE000003']);
      expect(await ids(as, `q=CORE000003&tag=${encodeURIComponent('无此标签')}`)).toEqual([]);
    }
    // found by id only within the caller's scope
    expect(await ids('rm-bj-cy-wj-02', 'q=CORE000003')).toEqual([]);
    expect(await ids('bm-sh', 'q=CORE000003')).toEqual([]);
  });
});
