// The reveal rule (auth/reveal.ts): raw phone and ID only to the customer's RM, a branch manager of
// the customer's subtree, and a head-office role holding `customers:reveal`; never to anyone else.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type Caller, type Role } from '#shared/auth/caller.js';
import { mayReveal } from '#shared/auth/reveal.js';
import { canSeeCustomer } from '#shared/auth/scope.js';
import { permissionsOf } from '#shared/auth/permissions.js';

// A small tree, so that callers and customers often share a path: HO → BJ|SH → two units each.
const segment = fc.constantFrom('BJ', 'SH', 'BJ-CY', 'SH-PD', 'X1');
const orgPath = fc.array(segment, { maxLength: 3 }).map((s) => `/HO/${s.map((x) => `${x}/`).join('')}`);
const staffId = fc.constantFrom('rm-1', 'rm-2', 'bm-1', 'admin', 'auditor', 'marketing');
const caller = (roles: readonly Role[] = ROLES) =>
  fc.record({
    staffId,
    name: fc.constant('某人'),
    role: fc.constantFrom(...roles),
    orgId: fc.constant('X'),
    orgPath,
  }) as fc.Arbitrary<Caller>;
const customer = fc.record({ orgPath, managerId: staffId });

describe('who may reveal a customer’s phone and ID number', () => {
  it('never marketing, internal audit or an upstream system, whatever the customer', () => {
    fc.assert(
      fc.property(caller(['marketing', 'auditor', 'integration']), customer, (who, c) => {
        expect(mayReveal(who, c)).toBe(false);
      }),
    );
  });

  it('an RM exactly for their own customers, wherever they sit', () => {
    fc.assert(
      fc.property(caller(['rm']), customer, (who, c) => {
        expect(mayReveal(who, c)).toBe(c.managerId === who.staffId);
      }),
    );
  });

  it('a branch manager exactly for customers of their subtree', () => {
    fc.assert(
      fc.property(caller(['branch_manager']), customer, (who, c) => {
        expect(mayReveal(who, c)).toBe(c.orgPath.startsWith(who.orgPath));
      }),
    );
  });

  it('a head-office admin for every customer; an admin below head office for none', () => {
    fc.assert(
      fc.property(caller(['admin']), customer, (who, c) => {
        expect(mayReveal(who, c)).toBe(who.orgPath === '/HO/');
      }),
    );
  });

  it('only what the caller may read at all, and beyond rm and branch managers only with customers:reveal', () => {
    fc.assert(
      fc.property(caller(), customer, (who, c) => {
        if (!mayReveal(who, c)) return;
        expect(canSeeCustomer(who, c)).toBe(true);
        if (who.role !== 'rm' && who.role !== 'branch_manager')
          expect(permissionsOf(who.role)).toContain('customers:reveal');
      }),
    );
  });

  it('holds on the demo bank’s people', () => {
    const at = (role: Role, id: string, path: string): Caller => ({
      staffId: id,
      name: id,
      role,
      orgId: 'X',
      orgPath: path,
    });
    const customerOf = { orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/', managerId: 'rm-bj-cy-wj-01' };
    expect(mayReveal(at('rm', 'rm-bj-cy-wj-01', '/HO/BJ/BJ-CY/BJ-CY-WJ/'), customerOf)).toBe(true);
    expect(mayReveal(at('rm', 'rm-bj-cy-wj-02', '/HO/BJ/BJ-CY/BJ-CY-WJ/'), customerOf)).toBe(false);
    expect(mayReveal(at('branch_manager', 'bm-bj-cy', '/HO/BJ/BJ-CY/'), customerOf)).toBe(true);
    expect(mayReveal(at('branch_manager', 'bm-bj-hd', '/HO/BJ/BJ-HD/'), customerOf)).toBe(false);
    expect(mayReveal(at('admin', 'admin', '/HO/'), customerOf)).toBe(true);
    expect(mayReveal(at('marketing', 'marketing', '/HO/'), customerOf)).toBe(false);
    expect(mayReveal(at('auditor', 'auditor', '/HO/'), customerOf)).toBe(false);
    expect(mayReveal(at('integration', 'core-banking', '/HO/'), customerOf)).toBe(false);
  });
});
