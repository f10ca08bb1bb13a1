// Consent and opt-out use cases: read a customer's standing, record consent with evidence, record
// an opt-out from staff, from an inbound reply or from the provider (found at send time).
import type * as z from 'zod';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { auditEntry } from '#shared/audit/audit.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import type { CustomerStore } from '#shared/customers/store.js';
import { ValidationFailed } from '#shared/errors.js';
import { consentStanding, isOptOutReply, type ConsentState, type PhoneOptOut } from './consent.js';
import type { ConsentStore } from './store.js';
import type { PutConsent, ConsentView } from './api.js';

export interface ConsentDeps {
  customers: CustomerStore;
  consent: ConsentStore;
}

type View = z.infer<typeof ConsentView>;

export const readConsent = async (
  deps: ConsentDeps,
  ctx: Pick<RequestContext, 'caller'>,
  customerId: string,
): Promise<View> => {
  const customer = await getVisibleCustomer(deps.customers, ctx, customerId);
  const [ledger, phone, history] = await Promise.all([
    deps.consent.consentOf(customerId),
    customer.phone ? deps.consent.phoneOf(customer.phone) : Promise.resolve(undefined),
    deps.consent.history(customerId, customer.phone, 50),
  ]);
  const standing = consentStanding(customer, ledger, phone);
  return {
    customerId,
    consent: standing.consent,
    ...(standing.source ? { source: standing.source } : {}),
    ...(ledger?.evidence ? { evidence: ledger.evidence } : {}),
    ...(ledger ? { at: ledger.at, by: ledger.by } : {}),
    phoneOptedOut: standing.phoneOptedOut,
    mayReceiveMarketing: standing.consent === 'granted' && !standing.phoneOptedOut && !!customer.phone,
    // phone numbers in the ledger are not shown: the subject says whose entry it is
    history: history.map(({ phone: _phone, subject, ...rest }) => ({
      ...rest,
      subject: String(subject).startsWith('phone#') ? 'phone' : 'customer',
    })),
  };
};

export const recordConsent = async (
  deps: ConsentDeps,
  ctx: RequestContext,
  customerId: string,
  body: z.infer<typeof PutConsent>,
): Promise<View> => {
  const customer = await getVisibleCustomer(deps.customers, ctx, customerId);
  const at = ctx.clock.now().toISOString();
  const state: ConsentState = {
    customerId,
    consent: body.consent,
    source: body.source,
    evidence: body.evidence,
    by: ctx.caller.staffId,
    at,
  };
  const entryId = ctx.ids.next();
  // A consent given with evidence is the customer's newest word: it lifts an earlier opt-out of their number.
  const phoneOptIn: PhoneOptOut | undefined =
    body.consent === 'granted' && customer.phone && (await deps.consent.phoneOf(customer.phone))?.optedOut
      ? {
          phone: customer.phone,
          optedOut: false,
          source: body.source,
          evidence: body.evidence,
          by: state.by,
          at,
        }
      : undefined;
  await deps.consent.recordConsent(
    state,
    entryId,
    auditEntry(auditContext(ctx), `customer#${customerId}`, 'customer.sms-consent', {
      detail: { consent: body.consent, source: body.source, evidence: body.evidence },
    }),
    phoneOptIn,
  );
  return readConsent(deps, ctx, customerId);
};

/** Staff record a refusal (on a call, at the counter) for a number or a customer's number. */
export const recordStaffOptOut = async (
  deps: ConsentDeps,
  ctx: RequestContext,
  body: { phone?: string; customerId?: string; evidence: string },
): Promise<{ optedOut: true }> => {
  let phone = body.phone;
  if (body.customerId) {
    const customer = await getVisibleCustomer(deps.customers, ctx, body.customerId);
    if (!customer.phone) {
      throw new ValidationFailed([{ path: 'body.customerId', message: 'the customer has no phone number' }]);
    }
    phone = customer.phone;
  }
  await deps.consent.recordOptOut(
    {
      phone: phone!,
      optedOut: true,
      source: 'staff',
      evidence: body.evidence,
      by: ctx.caller.staffId,
      at: ctx.clock.now().toISOString(),
    },
    ctx.ids.next(),
  );
  return { optedOut: true };
};

/** An inbound reply: an opt-out word records the number's opt-out at once; replays record nothing new. */
export const recordInboundReply = async (
  consent: ConsentStore,
  reply: { messageId: string; from: string; text: string; receivedAt?: string },
  now: Date,
): Promise<{ optOut: boolean; recorded: boolean }> => {
  if (!isOptOutReply(reply.text)) return { optOut: false, recorded: false };
  const outcome = await consent.recordOptOut(
    {
      phone: reply.from,
      optedOut: true,
      source: 'inbound_reply',
      evidence: `inbound:${reply.messageId}`,
      by: 'sms-inbound',
      at: reply.receivedAt ? new Date(reply.receivedAt).toISOString() : now.toISOString(),
    },
    `inbound-${reply.messageId}`,
  );
  return { optOut: true, recorded: outcome === 'recorded' };
};

/** SNS said the number is opted out at send time: write it back so it is never tried again. */
export const recordProviderOptOut = (consent: ConsentStore, phone: string, now: Date, key: string) =>
  consent.recordOptOut(
    {
      phone,
      optedOut: true,
      source: 'provider',
      evidence: `send:${key}`,
      by: 'sms-dispatch',
      at: now.toISOString(),
    },
    `provider-${key}`,
  );
