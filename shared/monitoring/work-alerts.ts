// Alerts as RMs and branch managers work them: list (scoped), read, acknowledge, close with an
// outcome; and the schedule's escalation of the ignored ones. Scope: an RM sees and works the alerts
// assigned to them, a branch manager those of their subtree, head office everything (read only);
// an alert outside the caller's scope is not found.
import { Conflict, Forbidden, NotFound } from '#shared/errors.js';
import { canSeeCustomer } from '#shared/auth/scope.js';
import type { Caller } from '#shared/auth/caller.js';
import { auditEntry, type AuditContext } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { Clock } from '#shared/clock.js';
import type { IdGenerator } from '#shared/ids.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import type { Staff } from '#shared/staff/staff.js';
import { logger } from '#shared/logging/logger.js';
import { acknowledge, close, type Alert, type AlertStatus, type CloseInput } from './alert.js';
import type { AlertStore } from './ports.js';
import { branchManagerAmong, escalated, isOverdue, orgChainUp } from './escalation.js';
import { closedCounters, escalatedCounters } from './outcomes.js';

const canSee = (caller: Caller, alert: Alert): boolean =>
  canSeeCustomer(caller, { orgPath: alert.orgPath, managerId: alert.managerId });

const canWork = (caller: Caller, alert: Alert): boolean =>
  caller.role === 'rm'
    ? alert.managerId === caller.staffId
    : caller.role === 'branch_manager' && alert.orgPath.startsWith(caller.orgPath);

export const getAlert = async (alerts: AlertStore, ctx: Pick<RequestContext, 'caller'>, alertId: string) => {
  const alert = await alerts.get(alertId);
  if (!alert || !canSee(ctx.caller, alert)) throw new NotFound(`Alert ${alertId}`);
  return alert;
};

export interface AlertListQuery {
  limit: number;
  cursor?: PageKey;
  status?: AlertStatus;
  managerId?: string;
  customerId?: string;
  escalated?: boolean;
}

export const listAlerts = async (
  deps: { alerts: AlertStore; customers: CustomerStore },
  ctx: Pick<RequestContext, 'caller'>,
  query: AlertListQuery,
): Promise<Page<Alert>> => {
  const { caller } = ctx;
  const filter = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.escalated !== undefined ? { escalated: query.escalated } : {}),
  };
  if (query.customerId) {
    await getVisibleCustomer(deps.customers, ctx, query.customerId);
    const page = await deps.alerts.byCustomer(query.customerId, filter, query.limit, query.cursor);
    return { ...page, items: page.items.filter((a) => !query.managerId || a.managerId === query.managerId) };
  }
  if (caller.role === 'rm') {
    // an RM's scope is their own alerts, whatever they ask for
    if (query.managerId && query.managerId !== caller.staffId) return { items: [] };
    return deps.alerts.byManager(caller.staffId, filter, query.limit, query.cursor);
  }
  if (query.managerId) {
    return deps.alerts.byManager(
      query.managerId,
      { ...filter, orgPath: caller.orgPath },
      query.limit,
      query.cursor,
    );
  }
  return deps.alerts.inScope(caller.orgPath, filter, query.limit, query.cursor);
};

/** Reads, changes and saves on the version read; a lost race is tried again on a fresh read. */
const change = async (
  alerts: AlertStore,
  ctx: RequestContext,
  alertId: string,
  apply: (alert: Alert, at: string) => { next?: Alert; counters?: Record<string, number>; action: string },
): Promise<Alert> => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const alert = await getAlert(alerts, ctx, alertId);
    if (!canWork(ctx.caller, alert))
      throw new Forbidden('Only the assigned RM or their branch manager works an alert.');
    const audit = auditContext(ctx);
    const { next, counters, action } = apply(alert, audit.at);
    if (!next) return alert;
    const entry = auditEntry(audit, `alert#${alertId}`, action, {
      changes: {
        status: { before: alert.status, after: next.status },
        ...(next.outcome ? { outcome: { before: alert.outcome, after: next.outcome } } : {}),
      },
      ...(next.note ? { detail: { note: next.note, retainedFen: next.retainedFen } } : {}),
    });
    if (await alerts.save(next, alert.version, { ...(counters ? { counters } : {}), audit: entry }))
      return next;
  }
  throw new Conflict(`Alert ${alertId} keeps changing; read it again and retry.`);
};

export const acknowledgeAlert = (alerts: AlertStore, ctx: RequestContext, alertId: string) =>
  change(alerts, ctx, alertId, (alert, at) => {
    const next = acknowledge(alert, ctx.caller.staffId, at);
    return { ...(next ? { next } : {}), action: 'alert.acknowledge' };
  });

export const closeAlert = (alerts: AlertStore, ctx: RequestContext, alertId: string, input: CloseInput) =>
  change(alerts, ctx, alertId, (alert, at) => {
    const next = close(alert, ctx.caller.staffId, at, input);
    return next ? { next, counters: closedCounters(next), action: 'alert.close' } : { action: 'alert.close' };
  });

// ------------------------------------------------------------------------------------------------
// Escalation, on the schedule

export interface StaffDirectory {
  /** Staff of one org unit (the staff table's byOrg index). */
  inOrg(orgId: string): Promise<Staff[]>;
}

export interface EscalationDeps {
  alerts: AlertStore;
  staff: StaffDirectory;
  clock: Clock;
  ids: IdGenerator;
}

export interface EscalationRun {
  asOf: string;
  examined: number;
  escalated: { alertId: string; to?: string }[];
}

/** The branch manager nearest above the customer's org unit (skipping the alert's own owner). */
export const escalationTarget = async (
  staff: StaffDirectory,
  alert: Pick<Alert, 'orgPath' | 'managerId'>,
  cache = new Map<string, Promise<Staff[]>>(),
): Promise<string | undefined> => {
  for (const orgId of orgChainUp(alert.orgPath)) {
    if (!cache.has(orgId)) cache.set(orgId, staff.inOrg(orgId));
    const manager = branchManagerAmong(await cache.get(orgId)!, alert.managerId);
    if (manager) return manager.staffId;
  }
  return undefined;
};

export const escalateOverdue = async (
  deps: EscalationDeps,
  asOf: string,
  correlationId: string,
  batch = 500,
): Promise<EscalationRun> => {
  const run: EscalationRun = { asOf, examined: 0, escalated: [] };
  const staffCache = new Map<string, Promise<Staff[]>>();
  for (;;) {
    const due = await deps.alerts.due(asOf, batch);
    run.examined += due.length;
    let progressed = 0;
    for (const candidate of due) {
      // the index is eventually consistent: decide on the alert as it is now
      const alert = await deps.alerts.get(candidate.alertId);
      if (!alert || !isOverdue(alert, asOf)) continue;
      const to = await escalationTarget(deps.staff, alert, staffCache);
      const at = deps.clock.now().toISOString();
      const next = escalated(alert, to, at);
      const context: AuditContext = {
        actorId: 'system:escalation',
        correlationId,
        at,
        auditId: deps.ids.next(),
      };
      const audit = auditEntry(context, `alert#${alert.alertId}`, 'alert.escalate', {
        detail: { to: to ?? null, dueAt: alert.dueAt, managerId: alert.managerId },
      });
      if (await deps.alerts.save(next, alert.version, { counters: escalatedCounters(), audit })) {
        progressed++;
        run.escalated.push({ alertId: alert.alertId, ...(to ? { to } : {}) });
        if (!to)
          logger.warn('no branch manager to escalate to', { alertId: alert.alertId, orgPath: alert.orgPath });
      }
    }
    if (due.length < batch || progressed === 0) return run;
  }
};
