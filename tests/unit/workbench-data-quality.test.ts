// The data-quality score and the counter deltas: a customer's contribution moves with it, and the
// counters after any sequence of changes equal the sum over the customers' latest states.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreCustomer } from '#shared/data-quality/score.js';
import { fixKey } from '#shared/data-quality/dynamo-data-quality.js';
import { deltasBetween } from '#shared/data-quality/record.js';
import type { DqRecord } from '#shared/data-quality/ports.js';
import type { Customer } from '#shared/customers/customer.js';

const customer = (over: Partial<Customer> & Record<string, unknown> = {}) => ({
  customerId: 'C1',
  name: '王伟',
  phone: '+8613812345678',
  idNumber: '11010519491231002X',
  orgId: 'BJ-CY-WJ',
  orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
  branchId: 'BJ',
  scopeKey: '/HO/BJ/BJ-CY/BJ-CY-WJ/C1',
  managerId: 'rm-1',
  tier: 'standard' as const,
  riskLevel: 'C3' as const,
  smsConsent: true,
  tags: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 1,
  ...over,
});

describe('data-quality score', () => {
  it('weighs each check', () => {
    expect(scoreCustomer(customer({ address: '北京市朝阳区望京街1号', occupation: '教师' }))).toEqual({
      score: 100,
      gaps: [],
    });
    expect(scoreCustomer(customer())).toEqual({ score: 80, gaps: ['address', 'occupation'] });
    expect(scoreCustomer(customer({ phone: undefined, idNumber: '110105194912310021' })).gaps).toEqual([
      'phone',
      'idNumber',
      'address',
      'occupation',
    ]);
    expect(scoreCustomer(customer({ riskAssessedAt: '2025-01-01T00:00:00Z' })).gaps).toContain(
      'riskAssessment',
    );
    expect(scoreCustomer(customer({ name: '测试客户' })).gaps).toContain('name');
  });

  it('orders fix-its by tier × gap', () => {
    expect(fixKey('diamond', 50, 'C1') < fixKey('standard', 0, 'C2')).toBe(true);
    expect(fixKey('gold', 75, 'C1') < fixKey('gold', 80, 'C1')).toBe(true);
  });

  it('counters equal the sum over the latest states, whatever the changes (property)', () => {
    const record = fc.record({
      tier: fc.constantFrom('standard', 'gold', 'diamond'),
      score: fc.integer({ min: 0, max: 100 }),
      managerId: fc.constantFrom('rm-1', 'rm-2'),
      orgPath: fc.constantFrom('/HO/BJ/A/', '/HO/BJ/B/', '/HO/SH/C/'),
      removed: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), record), { maxLength: 40 }),
        (changes) => {
          const latest = new Map<number, DqRecord>();
          const counters = new Map<string, Record<string, number>>();
          for (const [id, r] of changes) {
            const next = {
              ...r,
              customerId: String(id),
              version: 0,
              name: 'x',
              gaps: r.score < 100 ? ['address'] : [],
              updatedAt: '',
            } as DqRecord;
            for (const [scope, d] of deltasBetween(latest.get(id), next)) {
              const c = counters.get(scope) ?? {};
              for (const [k, v] of Object.entries(d)) c[k] = (c[k] ?? 0) + v;
              counters.set(scope, c);
            }
            latest.set(id, next);
          }
          const live = [...latest.values()].filter((r) => !r.removed);
          for (const scope of ['org#HO', 'org#BJ', 'rm#rm-1']) {
            const members = live.filter((r) =>
              scope.startsWith('rm#')
                ? `rm#${r.managerId}` === scope
                : r.orgPath.includes(`/${scope.slice(4)}/`),
            );
            expect(counters.get(scope)?.customers ?? 0).toBe(members.length);
            expect(counters.get(scope)?.scoreSum ?? 0).toBe(members.reduce((s, r) => s + r.score, 0));
          }
        },
      ),
    );
  });
});
