// Logging a contact: with a customer the caller can see, written with its audit entry.
import { ValidationFailed } from '#shared/errors.js';
import { auditEntry } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import { logEntryId, type ContactEntry, type CustomerLogStore } from '#shared/timeline/customer-log.js';
import type { LogContact } from './api.js';
import { maskPersonalData } from '#shared/validation/personal-data.js';

export const logContact = async (
  deps: { customers: CustomerStore; log: CustomerLogStore },
  ctx: RequestContext,
  customerId: string,
  input: LogContact,
): Promise<ContactEntry> => {
  await getVisibleCustomer(deps.customers, ctx, customerId);
  const now = ctx.clock.now().toISOString();
  const at = input.occurredAt ?? now;
  if (at > now) throw new ValidationFailed([{ path: 'body.occurredAt', message: 'is in the future' }]);
  const contactId = ctx.ids.next('K');
  const entry: ContactEntry = {
    customerId,
    entryId: logEntryId(at, contactId),
    at,
    kind: 'contact',
    contactId,
    channel: input.channel,
    note: input.note,
    ...(input.outcome ? { outcome: input.outcome } : {}),
    staffId: ctx.caller.staffId,
    createdAt: now,
  };
  await deps.log.addWithAudit(
    entry,
    auditEntry(auditContext(ctx), `customer#${customerId}`, 'customer.contact', {
      detail: { contactId, channel: input.channel },
    }),
  );
  return entry;
};

/** What staff read back: a phone, ID or card number typed into the note shows masked, as on the timeline. */
export const contactView = ({ entryId: _entryId, kind: _kind, ...rest }: ContactEntry) =>
  maskPersonalData(rest);
