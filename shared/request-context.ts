// What every use case is handed besides its stores: who asks, the request's id, the clock and ids.
import type { Caller } from '#shared/auth/caller.js';
import type { Clock } from '#shared/clock.js';
import type { IdGenerator } from '#shared/ids.js';
import type { AuditContext } from '#shared/audit/audit.js';

export interface RequestContext {
  caller: Caller;
  correlationId: string;
  clock: Clock;
  ids: IdGenerator;
}

export const auditContext = (ctx: RequestContext): AuditContext => ({
  actorId: ctx.caller.staffId,
  correlationId: ctx.correlationId,
  at: ctx.clock.now().toISOString(),
  auditId: ctx.ids.next(),
});
