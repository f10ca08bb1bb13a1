// The campaigns capability's ports: the facts an audience reads (AudienceFacts, answered from other
// capabilities' tables by dynamo-audience-facts.ts), and one per table it owns: the campaigns (CampaignStore), their send
// records (CampaignMessageStore) and the dispatch's shared counters (DispatchCounters: per-customer
// frequency, the pacer's slot log, the monthly spend). Key-free: the adapters are dynamo-*.ts.
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { AssetClass } from '#shared/transactions/transaction.js';
import type { Campaign, CampaignStatus } from './campaign.js';
import type { RecentSends } from './compliance-gate.js';
import type { CampaignMessage, MessageStatus } from './message.js';
import type { PacerState } from './pacer.js';
import type { LimitCharge } from './provider-limits.js';

export interface CampaignStore {
  get(campaignId: string): Promise<Campaign | undefined>;
  /** Creates (no expected version) or replaces the version read, with its audit entry. */
  put(campaign: Campaign, audit: AuditEntry, expectedVersion?: number): Promise<boolean>;
  byStatus(status: CampaignStatus): Promise<Campaign[]>;
  /** Campaigns whose scope lies in this subtree, of one status when given. */
  listInScope(
    orgPath: string,
    limit: number,
    cursor?: PageKey,
    status?: CampaignStatus,
  ): Promise<Page<Campaign>>;
}

export interface Claim {
  message: CampaignMessage;
  attemptId: string;
  at: string;
  /** The customer's sends as read (version), and with this one added. */
  frequency: { version: number; sends: RecentSends };
  budget: { month: string; costFen: number; limitFen: number };
  /**
   * The last look before the Publish: the claim holds only if the campaign is still running and the
   * customer's consent and their number's CURRENT ledger items are at the versions the gate judged
   * (undefined: the item had no version), so a refusal, a pause or a cancel that landed since is
   * never sent to.
   */
  guards: { phone: string; consentVersion: number | undefined; phoneVersion: number | undefined };
  /** The channel's own limits this send counts against (provider-limits.ts): none over its max. */
  limits?: LimitCharge[];
}

/** A provider limit would be broken: nothing was claimed; the refusing charges (by position). */
export interface ProviderLimited {
  kind: 'provider_limit';
  /** The last send's instant (ms) where the window knows it (a rolling window). */
  refused: { index: number; lastAt?: number }[];
}

export type ClaimOutcome =
  | ProviderLimited
  | 'claimed'
  | 'taken'
  | 'frequency_race'
  | 'budget_exhausted'
  /** paused or cancelled since the page was read */
  | 'campaign_stopped'
  /** a refusal (or any change) of the customer's consent or number since the gate read them */
  | 'consent_changed';

export interface Release {
  campaignId: string;
  customerId: string;
  attemptId: string;
  month: string;
  costFen: number;
  /** The message's next state. */
  set: Partial<CampaignMessage> & { status: MessageStatus };
  /** The claim's limit charges: a day's count is given back (a rolling window's mark stays). */
  limits?: LimitCharge[];
}

export interface CampaignMessageStore {
  /** Creates a send record unless one exists (a frozen audience is never rewritten). */
  addMessage(message: CampaignMessage): Promise<boolean>;
  getMessage(campaignId: string, customerId: string): Promise<CampaignMessage | undefined>;
  messages(
    campaignId: string,
    status: MessageStatus | undefined,
    limit: number,
    cursor?: PageKey,
  ): Promise<Page<CampaignMessage>>;
  /** Send records waiting (`queued`) or claimed (`sending`), from the sparse queue index. */
  /** In customer-id order; `after`: only customer ids after it (the next page). */
  queue(
    campaignId: string,
    which: 'queued' | 'sending',
    limit: number,
    after?: string,
  ): Promise<CampaignMessage[]>;
  /** Moves a queued message on (suppressed, or later); false when it was not queued any more. */
  settleQueued(
    campaignId: string,
    customerId: string,
    set: Partial<CampaignMessage> & { status: MessageStatus },
  ): Promise<boolean>;
  /**
   * The send record, the frequency slot and the month's spend in one transaction with the last look
   * (the campaign, the consent and the number): the one write that spans the dispatch counters.
   */
  claim(claim: Claim): Promise<ClaimOutcome>;
  /** After the provider answered: only the attempt that claimed may settle it. */
  settleClaimed(
    campaignId: string,
    customerId: string,
    attemptId: string,
    set: Partial<CampaignMessage> & { status: MessageStatus },
  ): Promise<boolean>;
  /** The message did not go out: settle it and give back its frequency slot and its spend. */
  release(release: Release): Promise<boolean>;
  /** Only the attempt that sent it, once: the delivery receipt's outcome (delivered, or failed with the reason). */
  settleSent(
    campaignId: string,
    customerId: string,
    providerMessageId: string,
    set: Partial<CampaignMessage> & { status: MessageStatus },
  ): Promise<boolean>;
  /** The send record a provider's message id belongs to (the sparse byProviderMessage index). */
  byProviderMessage(providerMessageId: string): Promise<CampaignMessage | undefined>;
  /** Messages sent to a customer from `from` to `to` (sentAt, inclusive), newest first. */
  sentTo(customerId: string, from: string, to: string): Promise<CampaignMessage[]>;
  /**
   * Adds the registration to the message's conversions, if the message reached the customer and the
   * registration is not reversed; false when not. A set ADD: again is a no-op.
   */
  markConverted(campaignId: string, customerId: string, registrationId: string): Promise<boolean>;
  /** Takes the registration out of the conversions and bars it for good; false when there is no message. */
  markReversed(campaignId: string, customerId: string, registrationId: string): Promise<boolean>;
  /** Counts per status (`<status>`), per reason (`reason:<r>`), and `sentEver` / `converted`. */
  counts(campaignId: string): Promise<Record<string, number>>;
}

export interface DispatchCounters {
  sendsOf(customerId: string): Promise<{ version: number; sends: RecentSends }>;
  pacer(key: string): Promise<{ version: number; state: PacerState | undefined }>;
  savePacer(key: string, state: PacerState, expectedVersion: number): Promise<boolean>;
  spent(month: string): Promise<number>;
}

/** What an audience may ask about a customer beyond the customer record; each read is batched per page. */
export interface AudienceFacts {
  /** Business date of each customer's last transaction, where there is one. */
  lastActivity(customerIds: string[]): Promise<Map<string, string>>;
  /** Business date (Asia/Shanghai) of each customer's last logged contact, where there is one. */
  lastContact(customerIds: string[]): Promise<Map<string, string>>;
  /** Weighted AUM from the tier state, for `today`'s month; customers without a state have none. */
  aum(customerIds: string[], today: string): Promise<Map<string, CustomerAum>>;
  /** Current balance per asset class (fen), where the customer has counters. */
  holdings(customerIds: string[]): Promise<Map<string, Partial<Record<AssetClass, number>>>>;
  /** Products each customer holds: registered sales net of reversals above zero. */
  products(customerIds: string[]): Promise<Map<string, Set<string>>>;
  /** The customers among these with an alert that is not closed. */
  openAlerts(customerIds: string[]): Promise<Set<string>>;
  /** Customer ids with an alert that is not closed in an org subtree, a page at a time (the source). */
  customersWithOpenAlerts(orgPath: string): AsyncIterable<string[]>;
}

export interface CustomerAum {
  avgAumFen: number;
  balanceFen: number;
}
