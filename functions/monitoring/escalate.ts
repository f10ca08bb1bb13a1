// Schedule → alerts not acknowledged within their SLA go to the branch manager (as of the scheduled time).
import * as z from 'zod';
import { clock, ids } from '#shared/adapters/runtime.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { escalateOverdue } from '#shared/monitoring/work-alerts.js';

const deps = { alerts: dynamoAlertStore(), staff: dynamoStaffStore(), clock, ids };

const ScheduleEvent = z.object({
  scheduleName: z.string().default('monitoring-escalation'),
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
});

export const handler = async (event: unknown) => {
  const { scheduleName, scheduledTime } = ScheduleEvent.parse(event ?? {});
  const asOf = new Date(scheduledTime ?? clock.now()).toISOString();
  const run = await escalateOverdue(deps, asOf, `${scheduleName}@${asOf}`);
  return { asOf: run.asOf, examined: run.examined, escalated: run.escalated.length, alerts: run.escalated };
};
