// A counterparty account as the graph knows it (交易对手): never its number. The node id is an
// HMAC of bank and account under this deployment's counterparty key, so the same account is one node
// whoever pays it, while nobody holding the table alone can confirm a guessed account number (an
// unkeyed hash of a 16–19 digit number falls to a search). Screens see the last four digits and the
// name with only its first character.
import { createHmac } from 'node:crypto';
import { maskAccountNumber } from '#shared/validation/personal-data.js';

/** Where a function finds the key: set by the CDK stack, one per deployment (deps.ts: locally a fixed one). */
export const COUNTERPARTY_KEY_ENV = 'OCRM_COUNTERPARTY_KEY';

/** `A` + 32 hex digits: HMAC-SHA256(key, bank ␤ account), bank and account trimmed, account upper-cased. */
export const counterpartyNodeId = (key: string, account: string, bank: string | undefined): string =>
  'A' +
  createHmac('sha256', key)
    .update(`${(bank ?? '').trim()}\n${account.trim().toUpperCase()}`)
    .digest('hex')
    .slice(0, 32);

/** 张三 → 张*, 王建国 → 王**; an organisation's longer name keeps its first two and last two characters. */
export const maskCounterpartyName = (name: string): string => {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length <= 4) return chars[0] + '*'.repeat(chars.length - 1);
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
};

/** What the graph keeps and shows of a counterparty: its node id, bank, and masked account and name. */
export interface CounterpartyNode {
  counterpartyId: string;
  bank?: string;
  maskedAccount: string;
  maskedName?: string;
}

export const counterpartyNode = (
  key: string,
  txn: { counterpartyAccount?: string; counterpartyBank?: string; counterpartyName?: string },
): CounterpartyNode | undefined => {
  if (!txn.counterpartyAccount) return undefined;
  return {
    counterpartyId: counterpartyNodeId(key, txn.counterpartyAccount, txn.counterpartyBank),
    ...(txn.counterpartyBank ? { bank: txn.counterpartyBank } : {}),
    maskedAccount: maskAccountNumber(txn.counterpartyAccount),
    ...(txn.counterpartyName ? { maskedName: maskCounterpartyName(txn.counterpartyName) } : {}),
  };
};
