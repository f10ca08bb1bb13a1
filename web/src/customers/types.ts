// The customer screens' request and response types, from the zod contracts (types only: nothing of
// the server is bundled).
import type * as z from 'zod';
import type { Customer360View, CustomerView } from '#shared/customers/api.js';
import type { CustomerAumView } from '#shared/tiering/api.js';
import type { readTimeline } from '#shared/timeline/timeline.js';
import type { ContactView, LogContact } from '#shared/contacts/api.js';
import type { FlowLine, FundFlowView } from '#shared/monitoring/fund-flows.js';
import type { ConsentView } from '#shared/consent/api.js';
import type { StaffView } from '#shared/staff/api.js';
import type { ContactChannel } from '#shared/timeline/customer-log.js';
import type { AssetClass } from '#shared/transactions/transaction.js';
import type { DqCheck } from '#shared/data-quality/score.js';

export type CustomerRow = z.output<typeof CustomerView>;
export type Customer360 = z.output<typeof Customer360View>;
export type Aum = z.output<typeof CustomerAumView>;
/** GET …/timeline: its response schema is inline; the type is what the domain function returns. */
export type TimelinePage = Awaited<ReturnType<typeof readTimeline>>;
export type TimelineEvent = TimelinePage['items'][number];
export type Contact = z.output<typeof ContactView>;
export type NewContact = z.input<typeof LogContact>;
/** GET …/fund-flows: the domain's view, its bank column typed as the contract's ByBank has it. */
export type FundFlows = Omit<FundFlowView, 'byCounterpartyBank'> & {
  byCounterpartyBank: (FlowLine & { counterpartyBank: string | null })[];
};
export type Consent = z.output<typeof ConsentView>;
export type Staff = z.output<typeof StaffView>;
export type { AssetClass, ContactChannel, DqCheck };
export type { Tier } from '#shared/customers/customer.js';
