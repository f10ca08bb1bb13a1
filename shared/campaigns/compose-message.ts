// The campaign SMS as it goes out (短信内容): the template filled with the customer's name, tier,
// manager and branch, counted in billed parts and priced; for a channel that sends approved
// templates only, with the campaign's approved template and its variables filled the same way.
// Pure: the names are looked up by the caller.
import type { Customer } from '#shared/customers/customer.js';
import { smsParts } from '#shared/sms/parts.js';
import type { SmsMessage } from '#shared/sms/provider.js';
import { approvedTemplateUse, type ApprovedTemplate } from './approved-templates.js';
import { render, TIER_LABELS, type TemplateValues } from './template.js';

export interface MessageInput {
  template: string;
  /** A customer the gate let through: it has a phone. */
  customer: Pick<Customer, 'name' | 'tier' | 'phone'>;
  /** The customer's relationship manager's name, '' when unknown. */
  managerName: string;
  /** The customer's branch's name, '' when unknown. */
  orgName: string;
  /** campaign × customer: carried to the provider. */
  idempotencyKey: string;
  pricePerPartFen: number;
  senderId?: string;
  /** The campaign's approved template on the deployment's channel, where it names one. */
  approved?: ApprovedTemplate;
}

export interface ComposedMessage {
  sms: SmsMessage;
  /** Billed parts (条) of the text. */
  parts: number;
  costFen: number;
}

export const composeMessage = (input: MessageInput): ComposedMessage => {
  const values: TemplateValues = {
    name: input.customer.name,
    tier: TIER_LABELS[input.customer.tier],
    managerName: input.managerName,
    orgName: input.orgName,
  };
  const text = render(input.template, values);
  const parts = smsParts(text).parts;
  return {
    sms: {
      phone: input.customer.phone!,
      text,
      kind: 'marketing',
      idempotencyKey: input.idempotencyKey,
      ...(input.senderId ? { senderId: input.senderId } : {}),
      ...(input.approved ? { template: approvedTemplateUse(input.approved, values) } : {}),
    },
    parts,
    costFen: parts * input.pricePerPartFen,
  };
};
