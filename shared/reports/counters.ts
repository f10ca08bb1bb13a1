// What one tier change or one transaction adds to the management-report counters (table
// `report-aggregates`): per org unit on the customer's path (`org#<id>`) and per RM (`rm#<id>`), per
// business month. Pure: the stream handlers write these with a claim marker; tests sum the seeded
// data to check them. Every figure is an ADD, so order and batching do not matter.
import { TIERS, type Tier } from '#shared/customers/customer.js';
import type { AggregateKey, CounterUpdate } from './ports.js';

export const orgScope = (orgId: string) => `org#${orgId}`;
export const rmScope = (staffId: string) => `rm#${staffId}`;
export const tierKey = (month: string) => `${month}#tier`;
export const aumKey = (month: string) => `${month}#aum`;
/** The tier moves of an RM's customers in a month, under the RM's scope, sort by this prefix and when. */
export const movesOfMonth = (month: string) => `${month}#move#`;
/** One tier move of an RM's customer (the workbench lists them, newest first). */
export const moveKey = (month: string, at: string, customerId: string, changeId: string) =>
  `${movesOfMonth(month)}${at}#${customerId}#${changeId}`;
/** How the store's `get` names an item in the map it answers. */
export const aggregateId = (k: AggregateKey) => `${k.scope}|${k.key}`;

/** `/HO/BJ/BJ-CY/` → every unit on it, and the RM. */
export const scopesOn = (orgPath: string, managerId: string | undefined): string[] => [
  ...orgPath.split('/').filter(Boolean).map(orgScope),
  ...(managerId ? [rmScope(managerId)] : []),
];

export const moveField = (from: Tier, to: Tier) => `move_${from}__${to}`;

/** 升降级: one upgrade or downgrade, and the from → to cell of the migration matrix. */
export const tierChangeUpdates = (change: {
  fromTier: Tier;
  toTier: Tier;
  direction: 'upgrade' | 'downgrade';
  businessDate: string;
  orgPath: string;
  managerId?: string;
}): CounterUpdate[] => {
  const counters = {
    [change.direction === 'upgrade' ? 'upgrades' : 'downgrades']: 1,
    [moveField(change.fromTier, change.toTier)]: 1,
  };
  const key = tierKey(change.businessDate.slice(0, 7));
  return scopesOn(change.orgPath, change.managerId).map((scope) => ({ scope, key, counters }));
};

/**
 * AUM change (AUM变动): the signed balance movement of a transaction, under the tier the customer
 * held when it was booked — in, out and net, in total and per tier. Money is integer fen.
 */
export const transactionUpdates = (
  txn: { amountFen: number; businessDate: string },
  customer: { tier: Tier; orgPath: string; managerId: string },
): CounterUpdate[] => {
  const inFen = txn.amountFen > 0 ? txn.amountFen : 0;
  const outFen = txn.amountFen < 0 ? -txn.amountFen : 0;
  const t = customer.tier;
  const counters: Record<string, number> = {
    count: 1,
    inFen,
    outFen,
    netFen: txn.amountFen,
    [`count_${t}`]: 1,
    [`inFen_${t}`]: inFen,
    [`outFen_${t}`]: outFen,
    [`netFen_${t}`]: txn.amountFen,
  };
  const key = aumKey(txn.businessDate.slice(0, 7));
  return scopesOn(customer.orgPath, customer.managerId).map((scope) => ({ scope, key, counters }));
};

const num = (item: Record<string, unknown> | undefined, field: string): number =>
  typeof item?.[field] === 'number' ? item[field] : 0;

export interface MigrationFigures {
  upgrades: number;
  downgrades: number;
  /** `<from>-><to>` → customers moved, only the cells that moved (the migration matrix) */
  moves: Record<string, number>;
}

export const migrationOf = (item: Record<string, unknown> | undefined): MigrationFigures => ({
  upgrades: num(item, 'upgrades'),
  downgrades: num(item, 'downgrades'),
  moves: Object.fromEntries(
    TIERS.flatMap((from) =>
      TIERS.filter((to) => to !== from)
        .map((to) => [`${from}->${to}`, num(item, moveField(from, to))] as const)
        .filter(([, customers]) => customers !== 0),
    ),
  ),
});

/** Sums counter items field by field (a quarter from its months, say). */
export const sumItems = (items: readonly (Record<string, unknown> | undefined)[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const item of items)
    for (const [k, v] of Object.entries(item ?? {})) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out;
};

export interface AumFigures {
  transactions: number;
  inFen: number;
  outFen: number;
  netFen: number;
  byTier: Record<Tier, { transactions: number; inFen: number; outFen: number; netFen: number }>;
}

export const aumOf = (item: Record<string, unknown> | undefined): AumFigures => ({
  transactions: num(item, 'count'),
  inFen: num(item, 'inFen'),
  outFen: num(item, 'outFen'),
  netFen: num(item, 'netFen'),
  byTier: Object.fromEntries(
    TIERS.map((t) => [
      t,
      {
        transactions: num(item, `count_${t}`),
        inFen: num(item, `inFen_${t}`),
        outFen: num(item, `outFen_${t}`),
        netFen: num(item, `netFen_${t}`),
      },
    ]),
  ) as AumFigures['byTier'],
});
