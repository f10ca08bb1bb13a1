// The allocation preview (调配预览): before a branch manager asks, what would move from each current RM
// to the receiving RM — customers, tier mix, AUM and open alerts — with the request's own checks, so
// what the preview shows is what the request would record. Reads the customers, tiering's standing and
// the alerts of those customers; writes nothing (no transaction is read).
import type { RequestContext } from '#shared/request-context.js';
import { planAllocation, type PlanDeps } from './plan.js';
import { previewOf, type AllocationItem, type AllocationPreview } from './allocation.js';
import type { AllocationTarget } from './api.js';
import type { Handover } from './ports.js';

export type Moving = Omit<AllocationPreview, 'byFromManager' | 'openAlerts'> & { openAlerts: number };
export type Flow = Moving & { fromManagerId: string; toManagerId: string };

export interface AllocationPreviewResult {
  toManagerId: string;
  total: Moving;
  /** one per current RM, most customers first */
  flows: Flow[];
}

const moving = (items: readonly AllocationItem[], openAlerts: number): Moving => {
  const { byFromManager: _byFromManager, ...rest } = previewOf(items);
  return { ...rest, openAlerts };
};

export const previewAllocation = async (
  deps: PlanDeps & { handover: Pick<Handover, 'openAlerts'> },
  ctx: RequestContext,
  target: AllocationTarget,
): Promise<AllocationPreviewResult> => {
  const items = await planAllocation(deps, ctx, target);
  const byFrom = new Map<string, AllocationItem[]>();
  for (const item of items) byFrom.set(item.fromManagerId, [...(byFrom.get(item.fromManagerId) ?? []), item]);
  const flows = await Promise.all(
    [...byFrom].map(async ([fromManagerId, group]): Promise<Flow> => ({
      fromManagerId,
      toManagerId: target.toManagerId,
      ...moving(group, await deps.handover.openAlerts(group.map((i) => i.customerId))),
    })),
  );
  flows.sort((a, b) => b.customers - a.customers || a.fromManagerId.localeCompare(b.fromManagerId));
  return {
    toManagerId: target.toManagerId,
    total: moving(
      items,
      flows.reduce((sum, f) => sum + f.openAlerts, 0),
    ),
    flows,
  };
};
