// The tier policy what-if (试算): what the next month close would do under a draft policy, counted
// with the close's own per-customer decision (close-decision.ts) over the same inputs the close reads —
// each customer's tier standing and kept AUM counters (the linear month sums the 日均AUM comes from,
// never the transactions) — with the draft added as the next version. Customers are read as the close
// reads them: segments of a parallel scan side by side, a page at a time, their states in one batch a
// page. Nothing is written.
import { businessDateOf, type Clock } from '#shared/clock.js';
import type { Caller } from '#shared/auth/caller.js';
import { canSeeCustomer } from '#shared/auth/scope.js';
import { branchOfPath } from '#shared/org/org-unit.js';
import type { OrgStore } from '#shared/org/ports.js';
import { addMonths, monthOf, type Month } from './calendar.js';
import { closeMove, decideCustomerClose } from './close-decision.js';
import { DEFAULT_SEGMENTS } from './month-close-run.js';
import { inPool } from './pool.js';
import { lastDayOf } from './calendar.js';
import { policyInForce, policyVersion, type TierPolicy } from './policy.js';
import type { TierPolicyInput } from './policy-input.js';
import type { TierPolicyPreview } from './preview-api.js';
import type { ClosingCustomer, CounterStore, MonthCloseStore, PolicyStore, TierStore } from './ports.js';

export interface PreviewDeps {
  counters: Pick<CounterStore, 'read'>;
  tiers: Pick<TierStore, 'getStates'>;
  policies: Pick<PolicyStore, 'list'>;
  runs: Pick<MonthCloseStore, 'getRun' | 'scanCustomers'>;
  orgs: Pick<OrgStore, 'get'>;
  clock: Clock;
}

export interface PreviewOptions {
  totalSegments?: number;
  pageSize?: number;
  /** customers whose counters are read at once within a segment */
  concurrency?: number;
}

/** The month the next close closes: last month while its close is not done, else this one. */
export const nextCloseMonth = async (
  runs: Pick<MonthCloseStore, 'getRun'>,
  today: string,
): Promise<Month> => {
  const last = addMonths(monthOf(today), -1);
  return (await runs.getRun(last))?.status === 'done' ? monthOf(today) : last;
};

type Tally = TierPolicyPreview['branches'][number];
type Move = ReturnType<typeof closeMove>;

const count = (moves: { up: number; down: number }, move: Move) => {
  if (move) moves[move]++;
};

export const previewTierPolicy = async (
  deps: PreviewDeps,
  caller: Caller,
  draft: TierPolicyInput,
  options: PreviewOptions = {},
): Promise<TierPolicyPreview> => {
  const started = performance.now();
  const now = deps.clock.now();
  const asOf = businessDateOf(now);
  const month = await nextCloseMonth(deps.runs, asOf);
  const stored = await deps.policies.list();
  const draftVersion = stored.reduce((max, p) => Math.max(max, p.version), 0) + 1;
  const withDraft: TierPolicy[] = [
    ...stored,
    policyVersion(draft, draftVersion, now.toISOString(), caller.staffId),
  ];

  const branches = new Map<string, Tally>();
  const tally = (customer: ClosingCustomer, underDraft: Move, underStored: Move) => {
    const orgId = branchOfPath(customer.orgPath ?? '');
    const branch = branches.get(orgId) ?? {
      orgId,
      name: orgId,
      customers: 0,
      draft: { up: 0, down: 0 },
      current: { up: 0, down: 0 },
    };
    branches.set(orgId, branch);
    branch.customers++;
    count(branch.draft, underDraft);
    count(branch.current, underStored);
  };

  const totalSegments = options.totalSegments ?? DEFAULT_SEGMENTS;
  const readSegment = async (segment: number) => {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.runs.scanCustomers(segment, totalSegments, startKey, options.pageSize ?? 100);
      const mine = page.customers.filter((c) =>
        canSeeCustomer(caller, {
          orgPath: c.orgPath ?? '',
          ...(c.managerId ? { managerId: c.managerId } : {}),
        }),
      );
      const states = await deps.tiers.getStates(mine.map((c) => c.customerId));
      await inPool(mine, options.concurrency ?? 8, async (customer) => {
        const counters = await deps.counters.read(customer.customerId);
        const state = states.get(customer.customerId);
        const under = (policies: readonly TierPolicy[]) =>
          closeMove(decideCustomerClose(state, customer.tier, counters, policies, month));
        tally(customer, under(withDraft), under(stored));
      });
      startKey = page.nextKey;
    } while (startKey);
  };
  await Promise.all(Array.from({ length: totalSegments }, (_, segment) => readSegment(segment)));

  const rows = [...branches.values()].sort((a, b) => (a.orgId < b.orgId ? -1 : 1));
  await Promise.all(
    rows.map(async (row) => {
      row.name = (await deps.orgs.get(row.orgId))?.name ?? row.orgId;
    }),
  );
  const sum = (pick: (row: Tally) => { up: number; down: number }) => ({
    up: rows.reduce((n, row) => n + pick(row).up, 0),
    down: rows.reduce((n, row) => n + pick(row).down, 0),
  });
  return {
    month,
    complete: month < monthOf(asOf),
    asOf,
    draftVersion,
    draftApplies: policyInForce(withDraft, lastDayOf(month)).version === draftVersion,
    customers: rows.reduce((n, row) => n + row.customers, 0),
    draft: sum((row) => row.draft),
    current: sum((row) => row.current),
    branches: rows,
    durationMs: Math.round(performance.now() - started),
  };
};
