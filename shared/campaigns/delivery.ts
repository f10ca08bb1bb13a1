// Delivery receipts (回执): the provider says a message it took was delivered, or not. A receipt
// moves its send record from `sent` to `delivered`, or to `failed` with the reason (`undelivered`,
// or `opted_out_at_provider`, which also writes the opt-out back to the ledger). Only a `sent`
// record moves, with a conditional write, so a receipt delivered twice (or a second, contradicting
// one) changes nothing, and the funnel, read from the records, counts each message once.
// A receipt may overtake the dispatch's own record of the send: it is answered `unknown`, and the
// sender of receipts retries it later.
import { recordProviderOptOut } from '#shared/consent/ledger.js';
import type { ConsentStore } from '#shared/consent/ports.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { DeliveryReceipt } from '#shared/sms/provider.js';
import type { CampaignMessage } from './message.js';
import type { CampaignMessageStore } from './ports.js';

export type ReceiptOutcome = 'applied' | 'duplicate' | 'unknown';

export interface ReceiptDeps {
  messages: Pick<CampaignMessageStore, 'byProviderMessage' | 'settleSent'>;
  customers: Pick<CustomerStore, 'get'>;
  consent: ConsentStore;
}

/** The send record's next state for a receipt. Pure. */
export const afterReceipt = (
  receipt: DeliveryReceipt,
  now: Date,
): Partial<CampaignMessage> & { status: 'delivered' | 'failed' } =>
  receipt.status === 'delivered'
    ? { status: 'delivered', deliveredAt: receipt.at, updatedAt: now.toISOString() }
    : {
        status: 'failed',
        reason: receipt.optedOut ? 'opted_out_at_provider' : 'undelivered',
        ...(receipt.providerResponse ? { detail: receipt.providerResponse } : {}),
        updatedAt: now.toISOString(),
      };

export const applyDeliveryReceipt = async (
  deps: ReceiptDeps,
  receipt: DeliveryReceipt,
  now: Date,
): Promise<ReceiptOutcome> => {
  const message = await deps.messages.byProviderMessage(receipt.providerMessageId);
  if (!message) return 'unknown';
  if (message.status !== 'sent') return 'duplicate';
  if (receipt.status === 'failed' && receipt.optedOut) {
    // before the record moves, so a retry after a crash still writes it; the entry's key makes it once
    const phone = (await deps.customers.get(message.customerId))?.phone;
    if (phone) await recordProviderOptOut(deps.consent, phone, now, message.idempotencyKey);
  }
  const applied = await deps.messages.settleSent(
    message.campaignId,
    message.customerId,
    receipt.providerMessageId,
    afterReceipt(receipt, now),
  );
  return applied ? 'applied' : 'duplicate';
};

export const applyDeliveryReceipts = async (
  deps: ReceiptDeps,
  receipts: DeliveryReceipt[],
  now: Date,
): Promise<{ results: { providerMessageId: string; outcome: ReceiptOutcome }[] }> => {
  const results = await Promise.all(
    receipts.map(async (receipt) => ({
      providerMessageId: receipt.providerMessageId,
      outcome: await applyDeliveryReceipt(deps, receipt, now),
    })),
  );
  return { results };
};
