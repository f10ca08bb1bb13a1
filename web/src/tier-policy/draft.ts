// A draft of the tier policy as the form holds it (thresholds in yuan, as typed) and as the API takes
// it (fen); and the API's field errors (`body.tiers.2.minAvgAumFen`) put back on the form's fields.
import { ApiError } from '../api/client';
import { formatFen, yuanToFen } from '../money';
import type { Policy, PolicyInput } from './types';

export interface DraftValues {
  effectiveFrom: string;
  /** yuan as typed, by tier */
  thresholds: Record<string, string>;
  weights: Record<string, number | null>;
  downgradeAfterMonths: number | null;
  note?: string;
}

export const valuesOf = (policy: Policy, effectiveFrom: string): DraftValues => ({
  effectiveFrom,
  thresholds: Object.fromEntries(policy.tiers.map((t) => [t.tier, formatFen(t.minAvgAumFen)])),
  weights: { ...policy.weights },
  downgradeAfterMonths: policy.downgradeAfterMonths,
  note: '',
});

/** The PUT / preview body; a threshold that is not an amount goes as NaN for the API to name. */
export const draftOf = (values: DraftValues, policy: Policy): PolicyInput => ({
  effectiveFrom: values.effectiveFrom,
  tiers: policy.tiers.map(({ tier }) => ({
    tier,
    minAvgAumFen: yuanToFen(values.thresholds[tier] ?? '') ?? Number.NaN,
  })),
  weights: Object.fromEntries(
    Object.entries(values.weights).map(([assetClass, weight]) => [assetClass, weight ?? Number.NaN]),
  ),
  downgradeAfterMonths: values.downgradeAfterMonths ?? Number.NaN,
  ...(values.note?.trim() ? { note: values.note.trim() } : {}),
});

type FieldName = (string | number)[];

/** The API's field errors on the form's fields; what names no field comes back for a banner. */
export const draftErrors = (
  error: unknown,
  policy: Policy,
): { fields: { name: FieldName; errors: string[] }[]; rest: string[] } => {
  if (!(error instanceof ApiError) || error.errors.length === 0)
    return { fields: [], rest: [error instanceof Error ? error.message : String(error)] };
  const fields: { name: FieldName; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const e of error.errors) {
    const [, field, index] = e.path.split('.');
    const name: FieldName | undefined =
      field === 'tiers' && policy.tiers[Number(index)]
        ? ['thresholds', policy.tiers[Number(index)]!.tier]
        : field === 'weights' && index
          ? ['weights', index]
          : field === 'effectiveFrom' || field === 'downgradeAfterMonths' || field === 'note'
            ? [field]
            : undefined;
    if (name) fields.push({ name, errors: [e.message] });
    else rest.push(`${e.path}: ${e.message}`);
  }
  return { fields, rest };
};
