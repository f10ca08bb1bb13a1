// Service SMS requests live on their alert (the alert item's `sms` map), so they move through the
// alert store, the alerts table's one owner: each move conditional on the state before it, so a
// replayed stream record sends nothing twice.
import type { AlertStore } from '#shared/monitoring/ports.js';
import type { ServiceSmsRequests } from './ports.js';

export const serviceSmsRequestsOn = (
  alerts: Pick<AlertStore, 'moveServiceSms' | 'deferredServiceSms'>,
): ServiceSmsRequests => ({
  claim: (alertId, at) => alerts.moveServiceSms(alertId, 'requested', { status: 'sending', claimedAt: at }),
  settle: (alertId, from, outcome) => alerts.moveServiceSms(alertId, from, { ...outcome }),
  deferredDue: async (asOf, limit) =>
    (await alerts.deferredServiceSms(asOf, limit)).flatMap(({ alertId, ruleId, customerId, sms }) =>
      sms ? [{ alertId, ruleId, customerId, sms }] : [],
    ),
  release: (alertId, at) =>
    alerts.moveServiceSms(alertId, 'deferred', { status: 'requested', releasedAt: at }),
});
