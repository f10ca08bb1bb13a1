// 到期: when a sale of a fixed-term product (定期, 理财 with a term) matures — the registration's
// business date plus the product's term in days. Kept per customer from the performance ledger, so
// the RM's workbench lists what matures in the next days with one index query. Pure.
import * as z from 'zod';

export interface MaturityRecord {
  customerId: string;
  /** the registration it comes from (a reversal removes it) */
  registrationId: string;
  /** the customer's RM: the byManager index's key (absent on a reversed one: off the index) */
  managerId?: string;
  /** `<maturityDate>#<customerId>#<registrationId>`: the byManager index's sort key */
  dueKey?: string;
  maturityDate: string;
  productId: string;
  productName: string;
  category: string;
  amountFen: number;
  orgPath: string;
  reversed?: boolean;
}

/** The ledger entry fields a maturity needs (performance owns the rest). */
export const LedgerImage = z.looseObject({
  entryId: z.string(),
  kind: z.enum(['registration', 'reversal']),
  registrationId: z.string(),
  customerId: z.string(),
  customerOrgPath: z.string(),
  customerManagerId: z.string(),
  productId: z.string(),
  productName: z.string(),
  category: z.string(),
  amountFen: z.number().int(),
  businessDate: z.string(),
});
export type LedgerImage = z.infer<typeof LedgerImage>;

export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export const dueKeyOf = (maturityDate: string, customerId: string, registrationId: string) =>
  `${maturityDate}#${customerId}#${registrationId}`;

/** The maturity of a registration, or undefined for an open-ended product. */
export const maturityOf = (entry: LedgerImage, termDays: number | undefined): MaturityRecord | undefined => {
  if (entry.kind !== 'registration' || !termDays || termDays <= 0) return undefined;
  const maturityDate = addDays(entry.businessDate, termDays);
  return {
    customerId: entry.customerId,
    registrationId: entry.registrationId,
    managerId: entry.customerManagerId,
    dueKey: dueKeyOf(maturityDate, entry.customerId, entry.registrationId),
    maturityDate,
    productId: entry.productId,
    productName: entry.productName,
    category: entry.category,
    amountFen: entry.amountFen,
    orgPath: entry.customerOrgPath,
  };
};
