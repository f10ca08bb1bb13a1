// 持有产品 (products held), read from the performance ledger: a sale is held while it is registered
// and not reversed, one line per product. The one rule for every capability that asks: the customer
// 360 lists the lines, a campaign audience asks whether a product is among them.
import type { LedgerEntry } from './entry.js';

/** What the rule reads of a ledger entry (a registration or a reversal). */
export interface HeldLine {
  kind: LedgerEntry['kind'];
  registrationId: string;
  productId: string;
  productName: string;
  category: string;
  amountFen: number;
  businessDate: string;
}

export interface HeldProduct {
  productId: string;
  /** As on the first of its registrations in the order given (the 360 reads oldest first). */
  productName: string;
  category: string;
  /** Σ of the registrations not reversed. */
  amountFen: number;
  registrations: number;
  lastRegisteredOn: string;
}

/** Registered and not reversed, one line per product, largest first (then by product id). */
export const productsHeld = (lines: readonly HeldLine[]): HeldProduct[] => {
  const reversed = new Set(lines.filter((l) => l.kind === 'reversal').map((l) => l.registrationId));
  const held = new Map<string, HeldProduct>();
  for (const line of lines) {
    if (line.kind !== 'registration' || reversed.has(line.registrationId)) continue;
    const product = held.get(line.productId);
    if (!product) {
      held.set(line.productId, {
        productId: line.productId,
        productName: line.productName,
        category: line.category,
        amountFen: line.amountFen,
        registrations: 1,
        lastRegisteredOn: line.businessDate,
      });
      continue;
    }
    product.amountFen += line.amountFen;
    product.registrations += 1;
    if (line.businessDate > product.lastRegisteredOn) product.lastRegisteredOn = line.businessDate;
  }
  return [...held.values()].sort(
    (a, b) => b.amountFen - a.amountFen || a.productId.localeCompare(b.productId),
  );
};

/** The ids of the products held: what an audience's `productsHeld` / `productsNotHeld` ask about. */
export const productIdsHeld = (lines: readonly HeldLine[]): Set<string> =>
  new Set(productsHeld(lines).map((p) => p.productId));
