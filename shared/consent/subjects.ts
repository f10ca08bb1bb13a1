// The consent ledger's two subjects (see consent.ts): a customer, and a phone number whatever
// customer records hold it. A ledger entry's `subject` is one of these.
export const customerSubject = (customerId: string) => `customer#${customerId}`;
export const phoneSubject = (phone: string) => `phone#${phone}`;
