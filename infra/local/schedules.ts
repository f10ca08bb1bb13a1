// Runs the declared schedules on their cron (Asia/Shanghai) against the runtime's clock, and on
// demand. The event is the one EventBridge Scheduler sends with our target input.
import type { Clock } from '#shared/clock.js';
import { invoke } from './invoke.js';
import { nextFire, parseCron } from './cron.js';
import type { PlannedSchedule } from './plan.js';

export interface ScheduleEvent {
  scheduleName: string;
  scheduledTime: string;
}

export interface ScheduleRun {
  name: string;
  scheduledTime: string;
  trigger: 'cron' | 'on-demand';
  ok: boolean;
  result?: unknown;
  error?: string;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export const startSchedules = (
  schedules: PlannedSchedule[],
  clock: Clock,
  options: { timers?: boolean } = {},
) => {
  const runs: ScheduleRun[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  const byName = new Map(schedules.map((s) => [s.name, { planned: s, cron: parseCron(s.cron) }]));
  let stopped = false;

  const run = async (name: string, trigger: ScheduleRun['trigger'], scheduledTime = clock.now()) => {
    const entry = byName.get(name);
    if (!entry) return undefined;
    const event: ScheduleEvent = { scheduleName: name, scheduledTime: scheduledTime.toISOString() };
    const record: ScheduleRun = { name, scheduledTime: event.scheduledTime, trigger, ok: true };
    try {
      record.result = await invoke(entry.planned.fn, event);
    } catch (error) {
      record.ok = false;
      record.error = (error as Error).message;
    }
    runs.unshift(record);
    runs.length = Math.min(runs.length, 100);
    return record;
  };

  const arm = (name: string) => {
    const entry = byName.get(name)!;
    const fire = nextFire(entry.cron, clock.now());
    if (!fire || stopped) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, fire.getTime() - clock.now().getTime()));
    const timer = setTimeout(async () => {
      if (clock.now().getTime() >= fire.getTime()) await run(name, 'cron', fire);
      arm(name);
    }, wait);
    timer.unref();
    timers.set(name, timer);
  };

  if (options.timers !== false) for (const name of byName.keys()) arm(name);

  return {
    names: () => [...byName.keys()],
    next: (name: string) => {
      const entry = byName.get(name);
      return entry ? nextFire(entry.cron, clock.now()) : undefined;
    },
    run: (name: string) => run(name, 'on-demand'),
    runs: () => [...runs],
    stop: () => {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
};
export type LocalSchedules = ReturnType<typeof startSchedules>;
