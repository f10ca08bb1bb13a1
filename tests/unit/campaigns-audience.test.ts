// Audiences and the compliance gate against models, without AWS:
// - whatever index an audience is read from (listed ids, RMs' books, open alerts, subtrees), it is
//   exactly the customers a brute-force check of every condition over the whole bank finds, and
//   facts are read only for customers whose own fields already match (the cost follows the audience);
// - the gate says `send` exactly when every rule holds, and never outside the window.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Customer } from '#shared/customers/customer.js';
import type { CustomerFilter, CustomerStore } from '#shared/customers/ports.js';
import type { OrgStore } from '#shared/org/ports.js';
import { encodeCursor } from '#shared/http/pagination.js';
import type { AssetClass } from '#shared/transactions/transaction.js';
import { buildAudience } from '#shared/campaigns/audience.js';
import { matchAudience, matchFacts, type MemberFacts } from '#shared/campaigns/audience-match.js';
import type { AudienceFacts, CustomerAum } from '#shared/campaigns/ports.js';
import { Audience } from '#shared/campaigns/campaign.js';
import { judge, type GateInput } from '#shared/campaigns/compliance-gate.js';
import { inWindow } from '#shared/campaigns/window.js';

const TODAY = '2026-11-20';
const NOW = new Date('2026-11-20T02:00:00Z');
const ORGS = ['/HO/BJ/BJ-CY/', '/HO/BJ/BJ-HD/', '/HO/SH/SH-PD/'];
const MANAGERS = ['rm-1', 'rm-2', 'rm-3'];
const CLASSES: AssetClass[] = ['deposit', 'fund', 'wealth'];
const PRODUCTS = ['P1', 'P2', 'P3'];
const TIERS = ['standard', 'gold', 'platinum'] as const;

interface World {
  customers: Customer[];
  facts: Map<string, MemberFacts>;
}

const customerArb = (i: number) =>
  fc
    .record({
      org: fc.constantFrom(...ORGS),
      managerId: fc.constantFrom(...MANAGERS),
      tier: fc.constantFrom(...TIERS),
      riskLevel: fc.option(fc.constantFrom('C1', 'C3', 'C5' as const), { nil: undefined }),
      tags: fc.subarray(['vip', 'young', 'retired']),
      lastActivityDate: fc.option(fc.constantFrom('2026-11-19', '2026-10-01', '2026-01-01'), {
        nil: undefined,
      }),
      lastContactDate: fc.option(fc.constantFrom('2026-11-18', '2026-09-01'), { nil: undefined }),
      aum: fc.option(fc.record({ avgAumFen: fc.nat(10_000_000), balanceFen: fc.nat(10_000_000) }), {
        nil: undefined,
      }),
      holdings: fc.dictionary(fc.constantFrom(...CLASSES), fc.integer({ min: -10, max: 1000 })),
      products: fc.subarray(PRODUCTS),
      openAlert: fc.boolean(),
    })
    .map((r) => {
      const customerId = `C${String(i).padStart(4, '0')}`;
      const customer: Customer = {
        customerId,
        name: '客户',
        phone: `+86138${String(i).padStart(8, '0')}`,
        orgId: r.org.split('/').at(-2)!,
        orgPath: r.org,
        branchId: r.org.split('/')[2]!,
        scopeKey: r.org + customerId,
        managerId: r.managerId,
        tier: r.tier,
        ...(r.riskLevel ? { riskLevel: r.riskLevel } : {}),
        smsConsent: true,
        tags: r.tags,
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
        version: 1,
      };
      const facts: MemberFacts = {
        ...(r.lastActivityDate ? { lastActivityDate: r.lastActivityDate } : {}),
        ...(r.lastContactDate ? { lastContactDate: r.lastContactDate } : {}),
        ...(r.aum ? { aum: r.aum } : {}),
        holdings: r.holdings,
        products: new Set(r.products),
        openAlert: r.openAlert,
      };
      return { customer, facts };
    });

const worldArb = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(i))).map((members): World => ({
    customers: members.map((m) => m.customer),
    facts: new Map(members.map((m) => [m.customer.customerId, m.facts])),
  })),
);

const range = fc
  .tuple(fc.option(fc.nat(400), { nil: undefined }), fc.option(fc.nat(400), { nil: undefined }))
  .map(([a, b]) => {
    const [min, max] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
    return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  });

const audienceArb = (customerIds: string[]) =>
  fc
    .record({
      tiers: fc.subarray([...TIERS], { minLength: 1 }),
      riskLevels: fc.subarray(['C1', 'C3', 'C5'] as const, { minLength: 1 }),
      tagsAny: fc.subarray(['vip', 'young', 'retired'], { minLength: 1 }),
      tagsNone: fc.subarray(['vip', 'young', 'retired'], { minLength: 1 }),
      orgIds: fc.constant(true),
      managerIds: fc.subarray(MANAGERS, { minLength: 1 }),
      customerIds: fc.subarray(customerIds.length ? customerIds : ['C9999'], { minLength: 1 }),
      daysSinceLastActivity: range,
      daysSinceLastContact: range,
      aum: fc.record({
        basis: fc.constantFrom('avgAum', 'balance'),
        minFen: fc.nat(10_000_000),
        maxFen: fc.option(fc.nat(10_000_000), { nil: undefined }),
      }),
      assetClasses: fc.record(
        {
          all: fc.subarray(CLASSES, { minLength: 1 }),
          any: fc.subarray(CLASSES, { minLength: 1 }),
          none: fc.subarray(CLASSES, { minLength: 1 }),
        },
        { requiredKeys: [] },
      ),
      productsHeld: fc.subarray(PRODUCTS, { minLength: 1 }),
      productsNotHeld: fc.subarray(PRODUCTS, { minLength: 1 }),
      hasOpenAlert: fc.boolean(),
    })
    // a few conditions at a time, so audiences are seldom empty
    .chain((all) =>
      fc
        .subarray(Object.keys(all) as (keyof typeof all)[], { maxLength: 3 })
        .map((keys) => Object.fromEntries(keys.map((k) => [k, all[k]])) as Partial<typeof all>),
    )
    .map((raw) => {
      // through the schema, as a request would come: ranges fixed up, defaults filled
      const { orgIds, aum, assetClasses, ...rest } = raw;
      const candidate = {
        ...rest,
        ...(orgIds ? { orgIds: ['BJ'] } : {}),
        ...(aum
          ? {
              aum: aum.maxFen !== undefined && aum.maxFen < aum.minFen ? { ...aum, maxFen: aum.minFen } : aum,
            }
          : {}),
        ...(assetClasses && Object.keys(assetClasses).length ? { assetClasses } : {}),
      };
      return Audience.parse(candidate);
    });

/** In-memory stores over the world, counting the facts read per customer. */
const storesOf = (world: World) => {
  const factReads: string[] = [];
  const byId = new Map(world.customers.map((c) => [c.customerId, c]));
  const customers: CustomerStore = {
    get: async (id) => byId.get(id),
    async list(filter: CustomerFilter, limit, cursor) {
      const all = world.customers
        .filter((c) => c.orgPath.startsWith(filter.orgPath))
        .filter((c) => !filter.managerId || c.managerId === filter.managerId)
        .sort((a, b) => a.customerId.localeCompare(b.customerId));
      const from = cursor ? all.findIndex((c) => c.customerId > String(cursor.customerId)) : 0;
      const items = from < 0 ? [] : all.slice(from, from + limit);
      const last = items.at(-1);
      return {
        items,
        ...(last && from + limit < all.length
          ? { nextCursor: encodeCursor({ customerId: last.customerId }) }
          : {}),
      };
    },
    put: async () => true,
  };
  const orgs = {
    get: async (orgId: string) =>
      orgId === 'BJ' ? { orgId: 'BJ', path: '/HO/BJ/', name: '北京分行' } : undefined,
  } as unknown as OrgStore;
  const read = <T>(ids: string[], pick: (f: MemberFacts) => T | undefined) => {
    factReads.push(...ids);
    const found = new Map<string, T>();
    for (const id of ids) {
      const v = pick(world.facts.get(id) ?? {});
      if (v !== undefined) found.set(id, v);
    }
    return Promise.resolve(found);
  };
  const facts: AudienceFacts = {
    lastActivity: (ids) => read(ids, (f) => f.lastActivityDate),
    lastContact: (ids) => read(ids, (f) => f.lastContactDate),
    aum: (ids) => read<CustomerAum>(ids, (f) => f.aum),
    holdings: (ids) => read(ids, (f) => f.holdings),
    products: (ids) => read(ids, (f) => f.products),
    openAlerts: async (ids) => new Set((await read(ids, (f) => (f.openAlert ? true : undefined))).keys()),
    async *customersWithOpenAlerts(orgPath) {
      yield world.customers
        .filter((c) => c.orgPath.startsWith(orgPath) && world.facts.get(c.customerId)?.openAlert)
        .map((c) => c.customerId);
    },
  };
  return { deps: { customers, orgs, facts }, factReads };
};

describe('audiences', () => {
  it('whatever index it is read from, the audience is exactly the brute-force match, and facts are read only for customers whose own fields match', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArb.chain((world) =>
          fc.tuple(fc.constant(world), audienceArb(world.customers.map((c) => c.customerId))),
        ),
        fc.constantFrom('/HO/', '/HO/BJ/'),
        async ([world, audience], scopeOrgPath) => {
          const orgPaths = audience.orgIds ? ['/HO/BJ/'] : [];
          const scope = { scopeOrgPath, orgPaths };
          const expected = world.customers
            .filter((c) => matchAudience(c, audience, scope, world.facts.get(c.customerId)!, TODAY))
            .map((c) => c.customerId)
            .sort();
          const { deps, factReads } = storesOf(world);
          const got: string[] = [];
          for await (const page of buildAudience(deps, audience, scopeOrgPath, orgPaths, NOW)) {
            for (const m of page) {
              got.push(m.customer.customerId);
              expect(m.included).toContain(`scope ${scopeOrgPath}`);
            }
          }
          expect(got.sort()).toEqual(expected);
          expect(new Set(got).size).toBe(got.length);
          const factsFor = new Set(factReads);
          for (const id of factsFor) {
            const c = world.customers.find((x) => x.customerId === id)!;
            const own = matchAudience(c, { ...audience, ...noFacts }, scope, {}, TODAY);
            expect(own).toBeDefined();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fact conditions, one by one', () => {
    const f: MemberFacts = {
      aum: { avgAumFen: 5_000_000, balanceFen: 8_000_000 },
      holdings: { deposit: 100, fund: 0, wealth: 50 },
      products: new Set(['P1']),
      openAlert: true,
      lastContactDate: '2026-11-01',
    };
    const match = (a: Record<string, unknown>) => matchFacts(Audience.parse(a), f, TODAY);
    expect(match({ aum: { minFen: 5_000_000, maxFen: 5_000_000 } })).toEqual(['avg AUM 5000000 fen']);
    expect(match({ aum: { basis: 'balance', maxFen: 7_999_999 } })).toBeUndefined();
    expect(match({ assetClasses: { all: ['deposit', 'wealth'] } })).toBeDefined();
    expect(match({ assetClasses: { any: ['fund'] } })).toBeUndefined(); // a zero balance is not a holding
    expect(match({ assetClasses: { none: ['wealth'] } })).toBeUndefined();
    expect(match({ productsHeld: ['P2', 'P1'] })).toEqual(['holds product P1']);
    expect(match({ productsNotHeld: ['P1'] })).toBeUndefined();
    expect(match({ hasOpenAlert: false })).toBeUndefined();
    expect(match({ daysSinceLastContact: { min: 14 } })).toBeDefined(); // 19 days ago
    expect(match({ daysSinceLastContact: { max: 14 } })).toBeUndefined();
    // never contacted counts as long ago
    expect(matchFacts(Audience.parse({ daysSinceLastContact: { min: 30 } }), {}, TODAY)).toBeDefined();
    // no AUM on record is zero
    expect(matchFacts(Audience.parse({ aum: { maxFen: 0 } }), {}, TODAY)).toBeDefined();
  });

  it('refuses bad fact conditions by their paths', () => {
    const paths = (a: unknown) => {
      const r = Audience.safeParse(a);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ aum: { minFen: 10, maxFen: 5 } })).toEqual(['aum.maxFen']);
    expect(paths({ aum: {} })).toEqual(['aum.minFen']);
    expect(paths({ assetClasses: { any: ['gold_bars'] } })).toEqual(['assetClasses.any.0']);
    expect(paths({ hasOpenAlert: 'yes' })).toEqual(['hasOpenAlert']);
    expect(paths({ daysSinceLastContact: { min: 9, max: 3 } })).toEqual(['daysSinceLastContact.max']);
  });
});

const noFacts = {
  daysSinceLastActivity: undefined,
  daysSinceLastContact: undefined,
  aum: undefined,
  assetClasses: undefined,
  productsHeld: undefined,
  productsNotHeld: undefined,
  hasOpenAlert: undefined,
};

describe('the compliance gate, against its model', () => {
  const gateArb = fc.record({
    offsetMs: fc.integer({ min: 0, max: 14 * 86_400_000 }),
    customer: fc.option(
      fc.record({
        orgPath: fc.constantFrom('/HO/BJ/BJ-CY/', '/HO/SH/'),
        phone: fc.option(fc.constant('+8613800000001'), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    standing: fc.option(
      fc.record({
        consent: fc.constantFrom('granted', 'withdrawn', 'none' as const),
        phoneOptedOut: fc.boolean(),
      }),
      { nil: undefined },
    ),
    sends: fc.dictionary(
      fc.constantFrom('C1', 'C2', 'C3', 'C4'),
      fc.constantFrom('2026-11-14', '2026-11-16', '2026-11-18', '2026-11-20', '2026-11-22', '2026-11-25'),
    ),
    caps: fc.record({ perDay: fc.integer({ min: 1, max: 2 }), per7Days: fc.integer({ min: 1, max: 3 }) }),
  });

  it('sends only to an in-scope, consenting, not opted-out customer with a phone, inside the window, under both caps', () => {
    fc.assert(
      fc.property(gateArb, (g) => {
        const now = new Date(Date.parse('2026-11-15T00:00:00Z') + g.offsetMs);
        const input: GateInput = {
          now,
          campaign: {
            campaignId: 'C1',
            scopeOrgPath: '/HO/BJ/',
            endAt: '2026-11-28T00:00:00Z',
            window: { start: '08:00', end: '21:00' },
          },
          customer: g.customer,
          standing: g.standing,
          sends: g.sends,
          caps: g.caps,
        };
        const decision = judge(input);
        const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const others = Object.entries(g.sends).filter(([id]) => id !== 'C1');
        const model =
          now.getTime() < Date.parse('2026-11-28T00:00:00Z') &&
          g.customer !== undefined &&
          g.customer.orgPath.startsWith('/HO/BJ/') &&
          g.customer.phone !== undefined &&
          g.standing?.consent === 'granted' &&
          !g.standing.phoneOptedOut &&
          inWindow(now, input.campaign.window) &&
          others.filter(([, d]) => d === today).length < g.caps.perDay &&
          others.filter(([, d]) => d > weekAgo).length < g.caps.per7Days;
        expect(decision.action === 'send').toBe(model);
        if (decision.action === 'wait') {
          expect(inWindow(now, input.campaign.window)).toBe(false);
          expect(inWindow(decision.until, input.campaign.window)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
