// Sending one service SMS (通知短信) an alert requested: through the service SMS gate, then claimed
// (requested → sending, once), then the provider, then what became of it written on the request:
// sent, suppressed with the gate's reason, deferred to the next window, or failed. A claim is never
// sent twice: a crash after it leaves `sending`, never retried.
import type { ConsentStore } from '#shared/consent/ports.js';
import { consentStanding } from '#shared/consent/consent.js';
import { recordProviderOptOut } from '#shared/consent/ledger.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { SendWindow } from '#shared/campaigns/window.js';
import { isSmsFailure, type SmsProvider } from './provider.js';
import { judgeServiceSms, purposeOfRule, type ServiceSmsPurpose } from './service-gate.js';
import type { ServiceSmsOutcome, ServiceSmsRequests } from './ports.js';

export interface ServiceSmsRequestImage {
  status: string;
  text: string;
  template?: string;
  purpose?: ServiceSmsPurpose;
  idempotencyKey: string;
}

export interface ServiceSendDeps {
  customers: Pick<CustomerStore, 'get'>;
  consent: ConsentStore;
  sms: SmsProvider;
  requests: Pick<ServiceSmsRequests, 'claim' | 'settle'>;
  window: SendWindow;
}

export const sendServiceSms = async (
  deps: ServiceSendDeps,
  alert: { alertId: string; ruleId: string; customerId: string; sms: ServiceSmsRequestImage },
  now: Date,
): Promise<ServiceSmsOutcome | undefined> => {
  if (alert.sms.status !== 'requested') return undefined;
  const at = now.toISOString();
  const customer = await deps.customers.get(alert.customerId);
  const phone = customer?.phone;
  const [ledger, phoneState] = await Promise.all([
    deps.consent.consentOf(alert.customerId),
    phone ? deps.consent.phoneOf(phone) : Promise.resolve(undefined),
  ]);
  const decision = judgeServiceSms({
    now,
    purpose: alert.sms.purpose ?? purposeOfRule(alert.ruleId),
    // a request from before templates were kept: judged on its text
    template: alert.sms.template ?? alert.sms.text,
    text: alert.sms.text,
    phone,
    standing: consentStanding({ customerId: alert.customerId }, ledger, phoneState),
    window: deps.window,
  });
  if (decision.action !== 'send') {
    const outcome: ServiceSmsOutcome =
      decision.action === 'wait'
        ? { status: 'deferred', notBefore: decision.until.toISOString(), at }
        : {
            status: 'suppressed',
            reason: decision.reason,
            ...(decision.detail ? { detail: decision.detail } : {}),
            at,
          };
    return (await deps.requests.settle(alert.alertId, 'requested', outcome)) ? outcome : undefined;
  }
  if (!(await deps.requests.claim(alert.alertId, at))) return undefined;
  let outcome: ServiceSmsOutcome;
  try {
    const sent = await deps.sms.send({
      phone: phone!,
      text: alert.sms.text,
      kind: 'service',
      idempotencyKey: alert.sms.idempotencyKey,
    });
    outcome = { status: 'sent', providerMessageId: sent.providerMessageId, at };
  } catch (error) {
    if (isSmsFailure(error) && error.kind === 'opted_out') {
      await recordProviderOptOut(deps.consent, phone!, now, alert.sms.idempotencyKey);
      outcome = { status: 'suppressed', reason: 'opted_out_at_provider', at };
    } else {
      // never retried: it may have gone out
      outcome = {
        status: 'failed',
        reason: isSmsFailure(error) ? error.kind : 'outcome_unknown',
        detail: String((error as Error).message).slice(0, 200),
        at,
      };
    }
  }
  await deps.requests.settle(alert.alertId, 'sending', outcome);
  return outcome;
};
