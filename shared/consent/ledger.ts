// Consent and opt-out use cases: read a customer's standing; record a consent (only the customer's
// own act: a form signed at the counter, recorded by a branch RM or manager) or its withdrawal; record
// an opt-out from staff, from an inbound reply or from the provider (found at send time). Every
// refusal holds per number and per customer: the number is opted out and every customer record
// holding it withdrawn, so a customer who changes their number stays opted out.
import type * as z from 'zod';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { auditEntry, type AuditEntry } from '#shared/audit/audit.js';
import { canSeeCustomer } from '#shared/auth/scope.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '#shared/errors.js';
import { maskPhone } from '#shared/validation/phone.js';
import {
  consentStanding,
  grantRefusal,
  isOptInReply,
  isOptOutReply,
  type ConsentSource,
  type ConsentState,
  type PhoneOptOut,
} from './consent.js';
import type { ConsentStore, PhoneHolder } from './ports.js';
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

const GRANT_RACED =
  'The customer’s consent or number changed while this was recorded (a refusal arrived): nothing was written. A refusal is never lifted by a grant that started before it; read the consent again.';

export const recordConsent = async (
  deps: ConsentDeps,
  ctx: RequestContext,
  customerId: string,
  body: z.infer<typeof PutConsent>,
): Promise<View> => {
  const customer = await getVisibleCustomer(deps.customers, ctx, customerId);
  const refused = grantRefusal(ctx.caller, body);
  if (refused) throw refused.status === 403 ? new Forbidden(refused.detail) : new Conflict(refused.detail);
  const at = ctx.clock.now().toISOString();
  const state: ConsentState = {
    customerId,
    consent: body.consent,
    source: body.source,
    evidence: body.evidence,
    by: ctx.caller.staffId,
    at,
  };
  const audit = auditEntry(auditContext(ctx), `customer#${customerId}`, 'customer.sms-consent', {
    detail: { consent: body.consent, source: body.source, evidence: body.evidence },
  });
  const entryId = ctx.ids.next();
  if (body.consent === 'withdrawn') {
    await deps.consent.refuse({ customers: [state], entryId, audits: [audit] });
    return readConsent(deps, ctx, customerId);
  }
  const [ledger, phone] = await Promise.all([
    deps.consent.consentOf(customerId),
    customer.phone ? deps.consent.phoneOf(customer.phone) : Promise.resolve(undefined),
  ]);
  // the customer's signed form is their newest word: it lifts an earlier opt-out of their own number
  const granted = await deps.consent.grant({
    customers: [{ state, expectedVersion: ledger?.version }],
    ...(customer.phone
      ? {
          phone: {
            phone: customer.phone,
            expectedVersion: phone?.version,
            ...(phone?.optedOut
              ? { optIn: optIn(customer.phone, body.source, body.evidence, state.by, at) }
              : {}),
          },
        }
      : {}),
    entryId,
    audits: [audit],
  });
  if (!granted) throw new Conflict(GRANT_RACED);
  return readConsent(deps, ctx, customerId);
};

const optIn = (
  phone: string,
  source: ConsentSource,
  evidence: string,
  by: string,
  at: string,
): PhoneOptOut => ({
  phone,
  optedOut: false,
  source,
  evidence,
  by,
  at,
});

const OPT_OUT_ROLES = ['integration', 'admin', 'rm', 'branch_manager'];

/**
 * Staff or an upstream system record a refusal (on a call, at the counter) for a number or a
 * customer's number. `integration` and admin for any number; an RM or branch manager only for a
 * number one of the customers in their scope holds, otherwise not found (whether the number exists
 * or not). Audited per customer holding the number.
 */
export const recordStaffOptOut = async (
  deps: ConsentDeps,
  ctx: RequestContext,
  body: { phone?: string; customerId?: string; evidence: string },
): Promise<{ optedOut: true }> => {
  if (!OPT_OUT_ROLES.includes(ctx.caller.role))
    throw new Forbidden(
      'Only the customer’s RM, their branch managers, admin or an upstream system may record an opt-out.',
    );
  let phone = body.phone;
  if (body.customerId) {
    const customer = await getVisibleCustomer(deps.customers, ctx, body.customerId);
    if (!customer.phone) {
      throw new ValidationFailed([{ path: 'body.customerId', message: 'the customer has no phone number' }]);
    }
    phone = customer.phone;
  }
  const holders = await deps.consent.holdersOf(phone!);
  const bankWide = ctx.caller.role === 'integration' || ctx.caller.role === 'admin';
  if (!bankWide && !holders.some((h) => canSeeCustomer(ctx.caller, h))) throw new NotFound('Phone number');
  const base = auditContext(ctx);
  const detail = { phone: maskPhone(phone!), source: 'staff', evidence: body.evidence };
  const audits: AuditEntry[] = (
    holders.length ? holders.map((h) => `customer#${h.customerId}`) : [`sms-phone#${maskPhone(phone!)}`]
  ).map((entityKey, i) =>
    auditEntry({ ...base, auditId: i === 0 ? base.auditId : ctx.ids.next() }, entityKey, 'sms.opt-out', {
      detail,
    }),
  );
  await optOutNumber(
    deps.consent,
    {
      phone: phone!,
      optedOut: true,
      source: 'staff',
      evidence: body.evidence,
      by: ctx.caller.staffId,
      at: base.at,
    },
    ctx.ids.next(),
    holders,
    audits,
  );
  return { optedOut: true };
};

/** A number's opt-out, and every customer record holding it withdrawn. */
const optOutNumber = async (
  consent: ConsentStore,
  optOut: PhoneOptOut,
  entryId: string,
  holders?: PhoneHolder[],
  audits: AuditEntry[] = [],
) => {
  const customers = (holders ?? (await consent.holdersOf(optOut.phone))).map((h): ConsentState => ({
    customerId: h.customerId,
    consent: 'withdrawn',
    source: optOut.source,
    ...(optOut.evidence ? { evidence: optOut.evidence } : {}),
    by: optOut.by,
    at: optOut.at,
  }));
  return consent.refuse({ customers, phone: optOut, entryId, audits });
};

/**
 * An inbound reply from a phone: an opt-out word records the number's opt-out at once; an opt-in
 * word (订阅, START: the customer's own act) lifts it and grants consent to the customer records
 * holding the number, unless a refusal lands meanwhile. Replays record nothing new.
 */
export const recordInboundReply = async (
  consent: ConsentStore,
  reply: { messageId: string; from: string; text: string; receivedAt?: string },
  now: Date,
): Promise<{ optOut: boolean; recorded: boolean; optIn?: true }> => {
  const at = reply.receivedAt ? new Date(reply.receivedAt).toISOString() : now.toISOString();
  const evidence = `inbound:${reply.messageId}`;
  if (isOptOutReply(reply.text)) {
    const outcome = await optOutNumber(
      consent,
      { phone: reply.from, optedOut: true, source: 'inbound_reply', evidence, by: 'sms-inbound', at },
      `inbound-${reply.messageId}`,
    );
    return { optOut: true, recorded: outcome === 'recorded' };
  }
  if (!isOptInReply(reply.text)) return { optOut: false, recorded: false };
  const entryId = `inbound-${reply.messageId}`;
  const holders = await consent.holdersOf(reply.from);
  const [phone, ledgers] = await Promise.all([
    consent.phoneOf(reply.from),
    Promise.all(holders.map((h) => consent.consentOf(h.customerId))),
  ]);
  // a replay fails the LOG entry's condition like a race does: nothing new either way
  const granted = await consent.grant({
    customers: holders.map((h, i) => ({
      state: {
        customerId: h.customerId,
        consent: 'granted',
        source: 'inbound_reply',
        evidence,
        by: 'sms-inbound',
        at,
      },
      expectedVersion: ledgers[i]?.version,
    })),
    phone: {
      phone: reply.from,
      expectedVersion: phone?.version,
      optIn: optIn(reply.from, 'inbound_reply', evidence, 'sms-inbound', at),
    },
    entryId,
    audits: [],
  });
  return { optOut: false, recorded: granted, optIn: true };
};

/** SNS said the number is opted out at send time: write it back so it is never tried again. */
export const recordProviderOptOut = (consent: ConsentStore, phone: string, now: Date, key: string) =>
  optOutNumber(
    consent,
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
