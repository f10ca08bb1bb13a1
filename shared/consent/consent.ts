// The SMS consent and opt-out ledger (短信授权 / 退订). Two subjects:
//   a customer's marketing consent (granted / withdrawn, with source and evidence), and
//   a phone number's opt-out (from a reply such as TD / 退订, from the provider, or from staff).
// A marketing SMS needs the customer's consent AND the number not opted out. Pure.
// The law (MIIT Order 31 Art. 18, Advertising Law Art. 43): no commercial SMS without the
// recipient's consent, and none once they refuse. So only the customer's own act lifts a refusal (a
// reply from their phone, a form they signed at the counter), and a refusal always wins over a grant
// that was under way when it arrived (each subject's CURRENT item carries a version; a grant is
// written only if the versions it read are still there, an opt-out always).
import * as z from 'zod';

export const CONSENT_SOURCES = [
  'counter',
  'mobile',
  'online',
  'phone_call',
  'paper_form',
  'customer_record',
  /** the signed account-opening form (开户签约), migrated from core banking */
  'account_opening',
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
  /** Bumped by every write of the subject's CURRENT item (absent on items older than versions). */
  version: z.number().int().optional(),
});
export type ConsentState = z.infer<typeof ConsentState>;

export interface PhoneOptOut {
  phone: string;
  optedOut: boolean;
  source: ConsentSource;
  evidence?: string;
  by: string;
  at: string;
  /** Bumped by every write of the subject's CURRENT item. */
  version?: number;
}

/** What the compliance gate needs to know about one customer. */
export interface ConsentStanding {
  /** granted only with a consent of record in the ledger. */
  consent: 'granted' | 'withdrawn' | 'none';
  source?: ConsentSource;
  phoneOptedOut: boolean;
  /** The versions read, for the conditional claim before a send (undefined: no CURRENT item / no version). */
  versions?: { customer?: number; phone?: number };
}

/**
 * The customer's standing, from the ledger alone: the customer record's `smsConsent` is a projection
 * of it and never counts as consent. A ledger entry of another customer never counts either.
 */
export const consentStanding = (
  customer: { customerId: string },
  ledger: ConsentState | undefined,
  phone: PhoneOptOut | undefined,
): ConsentStanding => {
  const own = ledger?.customerId === customer.customerId ? ledger : undefined;
  return {
    consent: own ? own.consent : 'none',
    ...(own ? { source: own.source } : {}),
    phoneOptedOut: phone?.optedOut === true,
    versions: {
      ...(own?.version !== undefined ? { customer: own.version } : {}),
      ...(phone?.version !== undefined ? { phone: phone.version } : {}),
    },
  };
};

/** What the customer record's `smsConsent` shows: consent of record and the number not opted out. */
export const projectedSmsConsent = (standing: Pick<ConsentStanding, 'consent' | 'phoneOptedOut'>) =>
  standing.consent === 'granted' && !standing.phoneOptedOut;

/** Sources of a grant that are the customer's own act, recorded by staff: a form they signed at the counter. */
export const SIGNED_FORM_SOURCES: readonly ConsentSource[] = ['counter', 'paper_form'];

/** Who records a grant, as the rule needs to see them. */
export interface GrantRecorder {
  role: string;
  orgPath: string;
}

/** At a branch (分行 and below), not head office: the counter is where a customer signs. */
export const atBranch = (orgPath: string) => orgPath.split('/').filter(Boolean).length >= 2;

export type GrantRefusal = { status: 403 | 409; detail: string };

/**
 * May staff record this grant? Only the customer's own act counts, recorded where it happens: a form
 * the customer signed at the counter, recorded by an RM or branch manager of a branch, with the
 * form's reference as evidence. A phone call, a channel session or staff's say-so is not consent of
 * record (MIIT Order 31 Art. 18). Withdrawals are always accepted. Pure.
 */
export const grantRefusal = (
  recorder: GrantRecorder,
  grant: { consent: 'granted' | 'withdrawn'; source: ConsentSource },
): GrantRefusal | undefined => {
  if (grant.consent !== 'granted') return undefined;
  if (!['rm', 'branch_manager'].includes(recorder.role) || !atBranch(recorder.orgPath)) {
    return {
      status: 403,
      detail:
        'Only an RM or branch manager at a branch may record a consent, from a form the customer signed at the counter.',
    };
  }
  if (!SIGNED_FORM_SOURCES.includes(grant.source)) {
    return {
      status: 409,
      detail: `A consent from '${grant.source}' is not the customer's own act of record: only a form the customer signed at the counter (source counter or paper_form, its reference as evidence) or the customer's own SMS reply lifts a refusal.`,
    };
  }
  return undefined;
};

const LATIN_KEYWORDS = new Set(['TD', 'T', 'N', 'R', 'STOP', 'UNSUBSCRIBE', 'CANCEL', 'QUIT', 'END']);
const CHINESE_KEYWORDS = /退订|拒收|取消订阅|不要再发/;

const OPT_IN_KEYWORDS = new Set(['订阅', '恢复订阅', '重新订阅', 'START', 'SUBSCRIBE']);

/**
 * Does an inbound reply ask for SMS again (a refusal lifted by the customer's own act)? Only a reply
 * that is exactly one of the keywords, and never one that also reads as a refusal.
 */
export const isOptInReply = (text: string): boolean =>
  !isOptOutReply(text) && OPT_IN_KEYWORDS.has(normalizedReply(text));

/** A reply as keywords are compared: width-folded, without spaces, punctuation or symbols, upper case. */
const normalizedReply = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .toUpperCase();

/**
 * Does an inbound reply refuse SMS? A Latin keyword must be the whole reply (so "Thanks" is not "T");
 * a Chinese refusal counts anywhere in it. When in doubt the answer is yes: a wrong opt-out costs a
 * message, a missed one costs the customer's trust and breaks the rules.
 */
export const isOptOutReply = (text: string): boolean => {
  return LATIN_KEYWORDS.has(normalizedReply(text)) || CHINESE_KEYWORDS.test(text.normalize('NFKC'));
};
