// The SMS consent and opt-out ledger (短信授权 / 退订). Two subjects:
//   a customer's marketing consent (granted / withdrawn, with source and evidence), and
//   a phone number's opt-out (from a reply such as TD / 退订, from the provider, or from staff).
// A marketing SMS needs the customer's consent AND the number not opted out. Pure.
import * as z from 'zod';

export const CONSENT_SOURCES = [
  'counter',
  'mobile',
  'online',
  'phone_call',
  'paper_form',
  'customer_record',
  'inbound_reply',
  'provider',
  'staff',
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export const ConsentState = z.object({
  customerId: z.string(),
  consent: z.enum(['granted', 'withdrawn']),
  source: z.enum(CONSENT_SOURCES),
  evidence: z.string().optional(),
  by: z.string(),
  at: z.string(),
});
export type ConsentState = z.infer<typeof ConsentState>;

export interface PhoneOptOut {
  phone: string;
  optedOut: boolean;
  source: ConsentSource;
  evidence?: string;
  by: string;
  at: string;
}

/** What the compliance gate needs to know about one customer. */
export interface ConsentStanding {
  /** granted only with a consent of record; `customer_record` when it comes from the customer's own flag. */
  consent: 'granted' | 'withdrawn' | 'none';
  source?: ConsentSource;
  phoneOptedOut: boolean;
}

/**
 * The customer's standing: the ledger wins; a customer with no ledger entry yet carries the consent
 * flag of their customer record (migrated from core banking) as their consent of record.
 */
export const consentStanding = (
  customer: { smsConsent: boolean },
  ledger: ConsentState | undefined,
  phone: PhoneOptOut | undefined,
): ConsentStanding => ({
  consent: ledger ? ledger.consent : customer.smsConsent ? 'granted' : 'none',
  source: ledger ? ledger.source : customer.smsConsent ? 'customer_record' : undefined,
  phoneOptedOut: phone?.optedOut === true,
});

const LATIN_KEYWORDS = new Set(['TD', 'T', 'N', 'R', 'STOP', 'UNSUBSCRIBE', 'CANCEL', 'QUIT', 'END']);
const CHINESE_KEYWORDS = /退订|拒收|取消订阅|不要再发/;

/**
 * Does an inbound reply refuse SMS? A Latin keyword must be the whole reply (so "Thanks" is not "T");
 * a Chinese refusal counts anywhere in it. When in doubt the answer is yes: a wrong opt-out costs a
 * message, a missed one costs the customer's trust and breaks the rules.
 */
export const isOptOutReply = (text: string): boolean => {
  const normalized = text
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .toUpperCase();
  return LATIN_KEYWORDS.has(normalized) || CHINESE_KEYWORDS.test(text.normalize('NFKC'));
};
