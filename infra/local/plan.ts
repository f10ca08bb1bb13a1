// What the local runtime serves, derived from the declaration alone: routes, stream mappings and
// schedules with their settings. The parity test compares this plan with the synthesized template.
import { routeKey } from '#shared/http/contract.js';
import type {
  FunctionDeclaration,
  ScheduleTrigger,
  StreamTrigger,
  SystemDeclaration,
} from '#infra/declaration/types.js';

export interface PlannedRoute {
  routeKey: string;
  method: string;
  path: string;
  auth: 'jwt' | 'none';
  fn: FunctionDeclaration;
}
export interface PlannedStreamMapping extends StreamTrigger {
  fn: FunctionDeclaration;
}
export interface PlannedSchedule extends ScheduleTrigger {
  fn: FunctionDeclaration;
}

export interface LocalPlan {
  routes: PlannedRoute[];
  /** Served when no route matches (the HTTP API `$default` route). */
  catchAll?: FunctionDeclaration;
  streamMappings: PlannedStreamMapping[];
  schedules: PlannedSchedule[];
}

export const planLocalRuntime = (system: SystemDeclaration): LocalPlan => ({
  routes: system.functions.flatMap((fn) =>
    (fn.routes ?? []).map((route) => ({
      routeKey: routeKey(route),
      method: route.method,
      path: route.path,
      auth: route.auth,
      fn,
    })),
  ),
  catchAll: system.functions.find((fn) => fn.catchAllRoute),
  streamMappings: system.functions.flatMap((fn) => (fn.streams ?? []).map((stream) => ({ ...stream, fn }))),
  schedules: system.functions.flatMap((fn) => (fn.schedules ?? []).map((schedule) => ({ ...schedule, fn }))),
});
