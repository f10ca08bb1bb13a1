// Service SMS deferred to the send window (a maturity reminder raised at night) go out once it
// opens: the re-sender, on a schedule, takes each request whose time has come back from `deferred`
// to `requested` (conditional, so two runs never take the same one) and sends it through the same
// gate and claim as the first attempt. A request the gate defers again waits for the next window.
import type { ServiceSmsOutcome, ServiceSmsRequests } from './ports.js';
import { sendServiceSms, type ServiceSendDeps } from './service-send.js';
import type { ServiceSmsPurpose } from './service-gate.js';

/** Requests taken in one run; the schedule's next run takes the rest. */
export const RESEND_BATCH = 200;

export interface ResendSummary {
  due: number;
  /** Outcomes of the requests this run released, by status. */
  outcomes: Partial<Record<ServiceSmsOutcome['status'], number>>;
}

export const resendDeferredServiceSms = async (
  deps: ServiceSendDeps & { requests: ServiceSmsRequests },
  now: Date,
  limit = RESEND_BATCH,
): Promise<ResendSummary> => {
  const at = now.toISOString();
  const due = await deps.requests.deferredDue(at, limit);
  const summary: ResendSummary = { due: due.length, outcomes: {} };
  for (const request of due) {
    if (!(await deps.requests.release(request.alertId, at))) continue;
    const outcome = await sendServiceSms(
      deps,
      {
        ...request,
        sms: {
          ...request.sms,
          status: 'requested',
          purpose: request.sms.purpose as ServiceSmsPurpose | undefined,
        },
      },
      now,
    );
    if (outcome) summary.outcomes[outcome.status] = (summary.outcomes[outcome.status] ?? 0) + 1;
  }
  return summary;
};
