// The alert item as the alerts table holds it: the alert plus the index keys only the adapter spells
// (see dynamo-alerts.ts for the indexes), and the alert read back without them.
import { awaitsEscalation, type Alert } from './alert.js';

const INDEX_ATTRIBUTES = [
  'listKey',
  'scopeKey',
  'raisedKey',
  'watch',
  'dueKey',
  'smsWatch',
  'smsDueKey',
] as const;
export const WATCHING = 'due';
/** bySmsDue's one partition: the alerts whose service SMS waits for the send window. */
export const SMS_DEFERRED = 'deferred';

/** bySmsDue's keys while the alert's service SMS is deferred (the sender writes `notBefore`). */
export const smsDueKeys = (
  alertId: string,
  sms: { status: string; notBefore?: unknown } | undefined,
): { smsWatch: string; smsDueKey: string } | undefined =>
  sms?.status === SMS_DEFERRED && typeof sms.notBefore === 'string'
    ? { smsWatch: SMS_DEFERRED, smsDueKey: `${sms.notBefore}#${alertId}` }
    : undefined;

/** byManager's sort key: an RM's alerts by status, due first. */
export const listKeyOf = (alert: Pick<Alert, 'status' | 'dueAt' | 'alertId'>): string =>
  `${alert.status}#${alert.dueAt}#${alert.alertId}`;

export const alertItem = (alert: Alert): Record<string, unknown> => ({
  ...alert,
  listKey: listKeyOf(alert),
  scopeKey: `${alert.orgPath}${alert.alertId}`,
  raisedKey: `${alert.raisedAt}#${alert.alertId}`,
  ...(awaitsEscalation(alert) ? { watch: WATCHING, dueKey: `${alert.dueAt}#${alert.alertId}` } : {}),
  // the stored request moves past `requested` (service-send.ts); a whole put keeps a deferral findable
  ...smsDueKeys(alert.alertId, alert.sms as { status: string; notBefore?: unknown } | undefined),
});

export const alertOf = (item: Record<string, unknown>): Alert => {
  const alert = { ...item };
  for (const attribute of INDEX_ATTRIBUTES) delete alert[attribute];
  return alert as unknown as Alert;
};
