import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OrgUnitRecord, branchOfPath, childPath, levelFitsUnder } from '#shared/org/org-unit.js';
import { StaffRecord } from '#shared/staff/staff.js';
import { CustomerRecord } from '#shared/customers/customer.js';
import { phoneProblem } from '#shared/validation/phone.js';
import { residentIdProblem } from '#shared/validation/resident-id.js';
import {
  ageAt,
  birthDateOfResidentId,
  DEFAULT_CUSTOMERS,
  DEFAULT_SEED,
  demoLogins,
  emptyBank,
  generateDemoBank,
  type DemoBank,
} from '#infra/local/seed/demo-bank.js';
import { progressBar, renderProgress } from '#infra/local/seed/progress.js';

const now = new Date('2025-06-15T02:00:00.000Z');

/** Every invariant a generated bank must hold; returns the problems found (none, we hope). */
const problemsOf = (bank: DemoBank, customers: number, at = now): string[] => {
  const problems: string[] = [];
  const orgs = new Map(bank.orgs.map((o) => [o.orgId, o]));
  const staff = new Map(bank.staff.map((s) => [s.staffId, s]));
  if (orgs.size !== bank.orgs.length) problems.push('duplicate org ids');
  if (staff.size !== bank.staff.length) problems.push('duplicate staff ids');
  if (bank.customers.length !== customers)
    problems.push(`${bank.customers.length} customers, not ${customers}`);

  for (const org of bank.orgs) {
    if (!OrgUnitRecord.safeParse(org).success) problems.push(`org ${org.orgId} fails its schema`);
    const parent = org.parentId ? orgs.get(org.parentId) : undefined;
    if (org.level === 'head_office') {
      if (org.parentId || org.path !== `/${org.orgId}/` || org.branchId !== org.orgId)
        problems.push('bad head office');
      continue;
    }
    if (!parent) {
      problems.push(`org ${org.orgId} has no parent`);
      continue;
    }
    if (org.path !== childPath(parent, org.orgId)) problems.push(`org ${org.orgId} path ${org.path}`);
    if (org.branchId !== branchOfPath(org.path)) problems.push(`org ${org.orgId} branch ${org.branchId}`);
    if (parent.level !== 'head_office' && org.branchId !== parent.branchId)
      problems.push(`org ${org.orgId} branch`);
    if (!levelFitsUnder(org.level, parent.level))
      problems.push(`org ${org.orgId} level under ${parent.level}`);
  }

  for (const member of bank.staff) {
    if (!StaffRecord.safeParse(member).success) problems.push(`staff ${member.staffId} fails its schema`);
    if (orgs.get(member.orgId)?.path !== member.orgPath) problems.push(`staff ${member.staffId} orgPath`);
  }

  const phones = new Set<string>();
  const ids = new Set<string>();
  for (const c of bank.customers) {
    const where = `customer ${c.customerId}`;
    if (!CustomerRecord.safeParse(c).success) problems.push(`${where} fails its schema`);
    if (!c.phone || phoneProblem(c.phone) || !c.phone.startsWith('+86'))
      problems.push(`${where} phone ${c.phone}`);
    if (!c.idNumber || residentIdProblem(c.idNumber)) problems.push(`${where} id ${c.idNumber}`);
    phones.add(c.phone ?? '');
    ids.add(c.idNumber ?? '');
    const year = Number(c.idNumber?.slice(6, 10));
    if (year < 1950 || year > 2005) problems.push(`${where} born ${year}`);
    const org = orgs.get(c.orgId);
    const manager = staff.get(c.managerId);
    if (org?.level !== 'outlet') problems.push(`${where} not in an outlet`);
    if (manager?.role !== 'rm' || manager.orgId !== c.orgId) problems.push(`${where} manager ${c.managerId}`);
    if (c.orgPath !== org?.path || c.branchId !== org.branchId || c.scopeKey !== c.orgPath + c.customerId)
      problems.push(`${where} scope`);
    if (c.tier !== 'standard') problems.push(`${where} tier ${c.tier}`);
    if (c.createdAt > at.toISOString() || c.updatedAt !== at.toISOString())
      problems.push(`${where} timestamps`);
  }
  if (phones.size !== bank.customers.length) problems.push('duplicate phones');
  if (ids.size !== bank.customers.length) problems.push('duplicate resident ids');
  if (new Set(bank.customers.map((c) => c.customerId)).size !== bank.customers.length)
    problems.push('duplicate customer ids');
  return problems;
};

describe('generateDemoBank', () => {
  const bank = generateDemoBank({ seed: DEFAULT_SEED, customers: DEFAULT_CUSTOMERS, now });

  it('given the default size, then every record is valid and consistent', () => {
    expect(problemsOf(bank, DEFAULT_CUSTOMERS)).toEqual([]);
  });

  it('is deterministic: the same seed gives the same bank, another seed other customers', () => {
    expect(generateDemoBank({ seed: DEFAULT_SEED, customers: DEFAULT_CUSTOMERS, now })).toEqual(bank);
    const other = generateDemoBank({ seed: 'another', customers: DEFAULT_CUSTOMERS, now });
    expect(other.customers).not.toEqual(bank.customers);
    // the tree and the logins do not move with the seed
    expect(other.orgs).toEqual(bank.orgs);
    expect(other.staff).toEqual(bank.staff);
    expect(generateDemoBank({ seed: 1, customers: 5, now })).not.toEqual(
      generateDemoBank({ seed: '1', customers: 5, now }),
    );
  });

  it('builds a head office, three branches and outlets, ~15–25 units', () => {
    const byLevel = (level: string) => bank.orgs.filter((o) => o.level === level);
    expect(bank.orgs.length).toBeGreaterThanOrEqual(15);
    expect(bank.orgs.length).toBeLessThanOrEqual(25);
    expect(byLevel('head_office').map((o) => [o.orgId, o.name])).toEqual([['HO', '总行']]);
    expect(byLevel('branch').map((o) => o.orgId)).toEqual(['BJ', 'SH', 'GZ']);
    expect(byLevel('outlet').every((o) => o.name.endsWith('网点'))).toBe(true);
    expect(bank.orgs.find((o) => o.orgId === 'BJ-CY')).toMatchObject({
      name: '北京分行朝阳支行',
      path: '/HO/BJ/BJ-CY/',
    });
  });

  it('staffs it: admin and marketing at head office, a manager per branch and sub-branch, 2–4 RMs an outlet', () => {
    const staff = new Map(bank.staff.map((s) => [s.staffId, s]));
    expect(staff.get('admin')).toMatchObject({ role: 'admin', orgId: 'HO', orgPath: '/HO/' });
    expect(staff.get('admin-2')).toMatchObject({ role: 'admin', orgId: 'HO', orgPath: '/HO/' }); // the checker
    expect(staff.get('marketing')).toMatchObject({ role: 'marketing', orgId: 'HO' });
    expect(staff.get('core-banking')).toMatchObject({ role: 'integration', orgId: 'HO' });
    expect(staff.get('bm-bj')).toMatchObject({ role: 'branch_manager', orgId: 'BJ' });
    expect(staff.get('rm-bj-cy-wj-01')).toMatchObject({ role: 'rm', orgId: 'BJ-CY-WJ' });
    for (const org of bank.orgs) {
      const here = bank.staff.filter((s) => s.orgId === org.orgId);
      if (org.level === 'outlet') {
        const rms = here.filter((s) => s.role === 'rm');
        expect(rms.length, org.orgId).toBeGreaterThanOrEqual(2);
        expect(rms.length, org.orgId).toBeLessThanOrEqual(4);
      } else if (org.level !== 'head_office') {
        expect(
          here.map((s) => s.role),
          org.orgId,
        ).toEqual(['branch_manager']);
      }
    }
    expect(bank.staff.every((s) => s.active && /^[\u4e00-\u9fa5]{2,5}$/.test(s.name))).toBe(true);
  });

  it('makes plausible customers: Chinese names, gender-consistent ids from the outlet’s city, tags that fit', () => {
    const cityOf: Record<string, string> = { BJ: '1101', SH: '3101', GZ: '4401' };
    for (const c of bank.customers) {
      expect(c.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      const area = c.idNumber!.slice(0, 4);
      expect(c.orgId.startsWith('GZ-FS') ? '4406' : cityOf[c.branchId]).toBe(area);
      const age = ageAt(birthDateOfResidentId(c.idNumber!), now);
      expect(c.tags.includes('老年客户')).toBe(age >= 60);
      expect(new Set(c.tags).size).toBe(c.tags.length);
    }
    const share = (p: (c: (typeof bank.customers)[number]) => boolean) =>
      bank.customers.filter(p).length / 3000;
    expect(share((c) => c.smsConsent)).toBeGreaterThan(0.8);
    expect(share((c) => Number(c.idNumber![16]) % 2 === 1)).toBeGreaterThan(0.4); // men
    expect(share((c) => Number(c.idNumber![16]) % 2 === 1)).toBeLessThan(0.6);
    expect(share((c) => /^[王李张刘陈]/.test(c.name))).toBeGreaterThan(0.2); // the big five surnames
    expect(new Set(bank.customers.map((c) => c.riskLevel))).toEqual(new Set(['C1', 'C2', 'C3', 'C4', 'C5']));
    // every RM has a book
    const rms = bank.staff.filter((s) => s.role === 'rm').map((s) => s.staffId);
    expect(new Set(bank.customers.map((c) => c.managerId))).toEqual(new Set(rms));
  });

  it('holds its invariants for any seed and size', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.string()),
        fc.integer({ min: 0, max: 60 }),
        fc.date({ min: new Date('2010-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        (seed, customers, at) => {
          const generated = generateDemoBank({ seed, customers, now: at });
          expect(problemsOf(generated, customers, at)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects a negative or fractional size', () => {
    expect(() => generateDemoBank({ seed: 1, customers: -1, now })).toThrow(RangeError);
    expect(() => generateDemoBank({ seed: 1, customers: 1.5, now })).toThrow(RangeError);
  });
});

describe('emptyBank', () => {
  it('holds only the head office and the admin, the same ones the demo bank has', () => {
    const empty = emptyBank(now);
    const full = generateDemoBank({ seed: DEFAULT_SEED, customers: 0, now });
    expect(empty.orgs).toEqual([full.orgs[0]]);
    expect(empty.staff).toEqual([full.staff.find((s) => s.staffId === 'admin')]);
    expect(empty.customers).toEqual([]);
    expect(problemsOf(empty, 0)).toEqual([]);
  });
});

describe('demoLogins', () => {
  it('lists every staff member with their org name', () => {
    const bank = generateDemoBank({ seed: DEFAULT_SEED, customers: 0, now });
    const logins = demoLogins(bank);
    expect(logins).toHaveLength(bank.staff.length);
    expect(logins.find((l) => l.staffId === 'bm-bj-cy')).toMatchObject({
      role: 'branch_manager',
      orgName: '北京分行朝阳支行',
    });
  });
});

describe('progressBar', () => {
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { chunks, stream: { isTTY, write: (chunk: string) => chunks.push(chunk) } };
  };

  it('renders a bar', () => {
    expect(renderProgress('customers', 1200, 3000, 10)).toBe('[####......] 1200/3000 customers');
    expect(renderProgress('customers', 0, 0, 4)).toBe('[####] 0/0 customers');
  });

  it('when not a TTY, logs one line per quarter', () => {
    const { chunks, stream } = sink(false);
    const bar = progressBar({ stream, width: 4 });
    for (let done = 0; done <= 100; done += 5) bar.update('customers', done, 100);
    bar.update('audit', 0, 0);
    bar.end();
    expect(chunks).toEqual([
      '[#...] 25/100 customers\n',
      '[##..] 50/100 customers\n',
      '[###.] 75/100 customers\n',
      '[####] 100/100 customers\n',
      '[####] 0/0 audit\n',
    ]);
  });

  it('on a TTY, redraws in place and ends each label with a newline', () => {
    const { chunks, stream } = sink(true);
    const bar = progressBar({ stream, width: 2 });
    bar.update('orgs', 1, 2);
    bar.update('orgs', 2, 2);
    bar.update('staff', 2, 2);
    bar.end();
    expect(chunks.join('')).toBe('\r[#.] 1/2 orgs\x1b[K\r[##] 2/2 orgs\x1b[K\n\r[##] 2/2 staff\x1b[K\n');
  });

  it('stays silent when asked', () => {
    const { chunks, stream } = sink(true);
    const bar = progressBar({ stream, silent: true });
    bar.update('orgs', 1, 2);
    bar.end();
    expect(chunks).toEqual([]);
  });
});
