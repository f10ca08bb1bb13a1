// Identities the tiering domain reasons about, free of any table: the key under which a change to
// the AUM counters counts exactly once, and the id of a tier change.

import type { AssetClass } from '#shared/transactions/transaction.js';

/** A transaction counts once per transactionId, however many stream records bring it. */
export const transactionClaimKey = (transactionId: string) => `TX#${transactionId}`;

/** A balance snapshot counts once per customer, asset class and business date. */
export const snapshotClaimKey = (assetClass: AssetClass, businessDate: string) =>
  `SNAP#${assetClass}#${businessDate}`;

/** `<state version>.<n>`: sorts in decision order, and a retried decision lands on the same id. */
export const changeId = (version: number, index: number) => `${String(version).padStart(10, '0')}.${index}`;
