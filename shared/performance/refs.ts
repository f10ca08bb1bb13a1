// The ledger's idempotency keys: a registration is one per channel and external reference, a
// reversal one per registration. Registering or reversing again under a taken key is a retry or a
// conflict, never a second entry.
export const registrationRef = (channel: string, externalRef: string) => `REG#${channel}#${externalRef}`;
export const reversalRef = (registrationId: string) => `REV#${registrationId}`;
