// An in-memory twin of the DynamoDB consent store (shared/consent/dynamo-consent-ledger.ts): CURRENT
// items with versions, a grant written only if the versions it read are still there, a refusal always
// (and bumping them), LOG entries whose ids tell a replay. Every read and write is one atomic step
// after an optional `step()` (a fast-check scheduler's turn), and each is logged with the operation
// that made it, so a property can see the order things really happened in.
import type { ConsentState, PhoneOptOut } from '#shared/consent/consent.js';
import { customerSubject, phoneSubject } from '#shared/consent/subjects.js';
import type { ConsentStore, LedgerEntry, PhoneHolder } from '#shared/consent/ports.js';

export interface LoggedStep {
  op: string | undefined;
  kind: 'read' | 'lookup' | 'grant' | 'refuse' | 'grant_refused';
  /** the ledger subjects read, or written and checked */
  subjects: string[];
  /** the subjects written (a grant checks the number without writing it when it is not opted out) */
  wrote?: string[];
}

export const memoryConsentStore = (
  holders: Map<string, PhoneHolder[]>,
  options: { step?: () => Promise<void>; opOf?: () => string | undefined } = {},
) => {
  const current = new Map<string, Record<string, unknown>>();
  const logs = new Set<string>();
  const steps: LoggedStep[] = [];
  const turn = async (kind?: LoggedStep['kind'], subjects: string[] = []) => {
    await options.step?.();
    if (kind) log(kind, subjects);
  };
  const log = (kind: LoggedStep['kind'], subjects: string[], wrote?: string[]) =>
    steps.push({ op: options.opOf?.(), kind, subjects, ...(wrote ? { wrote } : {}) });
  const versionOf = (subject: string) => current.get(subject)?.version as number | undefined;
  const put = (subject: string, fields: object) =>
    current.set(subject, { ...fields, version: (versionOf(subject) ?? 0) + 1 });

  const store: ConsentStore = {
    async consentOf(customerId) {
      await turn('read', [customerSubject(customerId)]);
      return current.get(customerSubject(customerId)) as ConsentState | undefined;
    },
    async phoneOf(phone) {
      await turn('read', [phoneSubject(phone)]);
      return current.get(phoneSubject(phone)) as PhoneOptOut | undefined;
    },
    async standings(customers) {
      await turn('read', [
        ...customers.map((c) => customerSubject(c.customerId)),
        ...customers.flatMap((c) => (c.phone ? [phoneSubject(c.phone)] : [])),
      ]);
      const consents = new Map<string, ConsentState>();
      const phones = new Map<string, PhoneOptOut>();
      for (const c of customers) {
        const consent = current.get(customerSubject(c.customerId));
        if (consent) consents.set(c.customerId, consent as unknown as ConsentState);
        const phone = c.phone ? current.get(phoneSubject(c.phone)) : undefined;
        if (phone && c.phone) phones.set(c.phone, phone as unknown as PhoneOptOut);
      }
      return { consents, phones };
    },
    async history(): Promise<LedgerEntry[]> {
      await turn('lookup');
      return [];
    },
    async holdersOf(phone) {
      await turn('lookup');
      return holders.get(phone) ?? [];
    },
    async grant({ customers, phone, entryId }) {
      await turn();
      const subjects = [
        ...customers.map((c) => customerSubject(c.state.customerId)),
        ...(phone ? [phoneSubject(phone.phone)] : []),
      ];
      const stale =
        customers.some((c) => versionOf(customerSubject(c.state.customerId)) !== c.expectedVersion) ||
        (phone !== undefined && versionOf(phoneSubject(phone.phone)) !== phone.expectedVersion) ||
        customers.some((c) => logs.has(`${customerSubject(c.state.customerId)}#${entryId}`)) ||
        (phone?.optIn !== undefined && logs.has(`${phoneSubject(phone.phone)}#${entryId}`));
      if (stale) {
        log('grant_refused', subjects);
        return false;
      }
      for (const { state } of customers) {
        put(customerSubject(state.customerId), state);
        logs.add(`${customerSubject(state.customerId)}#${entryId}`);
      }
      if (phone?.optIn) {
        put(phoneSubject(phone.phone), phone.optIn);
        logs.add(`${phoneSubject(phone.phone)}#${entryId}`);
      }
      log(
        'grant',
        subjects,
        subjects.filter((subject) => phone?.optIn || subject !== phoneSubject(phone?.phone ?? '')),
      );
      return true;
    },
    async refuse({ customers, phone, entryId }) {
      await turn();
      const keys = [
        ...(phone ? [`${phoneSubject(phone.phone)}#${entryId}`] : []),
        ...customers.map((c) => `${customerSubject(c.customerId)}#${entryId}`),
      ];
      if (keys.length > 0 && keys.every((k) => logs.has(k))) return 'duplicate';
      keys.forEach((k) => logs.add(k));
      if (phone) put(phoneSubject(phone.phone), phone);
      for (const state of customers) put(customerSubject(state.customerId), state);
      const touched = [
        ...(phone ? [phoneSubject(phone.phone)] : []),
        ...customers.map((c) => customerSubject(c.customerId)),
      ];
      log('refuse', touched, touched);
      return 'recorded';
    },
  };
  return { store, steps, current };
};
