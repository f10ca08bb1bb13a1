// The SMS capability's ports beside the provider's (provider.ts): where a service SMS request's state
// lives. Key-free; requests live on their alert and move through the alert store (service-requests.ts).
export interface ServiceSmsOutcome {
  status: 'sent' | 'suppressed' | 'deferred' | 'failed';
  reason?: string;
  detail?: string;
  providerMessageId?: string;
  notBefore?: string;
  at: string;
}

/** Where a request's state lives (the alert's `sms`): each move is conditional on the state before it. */
export interface ServiceSmsRequests {
  /** requested → sending; false when it is not `requested` (sent, settled or claimed already). */
  claim(alertId: string, at: string): Promise<boolean>;
  /** Writes the outcome if the request is still in `from`; false otherwise. */
  settle(alertId: string, from: 'requested' | 'sending', outcome: ServiceSmsOutcome): Promise<boolean>;
  /** Requests deferred to a time at or before `asOf`, soonest first, at most `limit`. */
  deferredDue(asOf: string, limit: number): Promise<DeferredServiceSms[]>;
  /** deferred → requested, for the re-sender; false when someone else took it (or it moved on). */
  release(alertId: string, at: string): Promise<boolean>;
}

/** A deferred request as the re-sender reads it: its alert and what sending it needs. */
export interface DeferredServiceSms {
  alertId: string;
  ruleId: string;
  customerId: string;
  sms: { text: string; template?: string; purpose?: string; idempotencyKey: string; notBefore?: string };
}
