// The builder's form values ↔ the API's campaign body: only the conditions given become audience
// fields (an empty one would be refused or match nobody), yuan typed → fen, Beijing local times → ISO
// instants. Pure.
import { DEFAULT_SEND_WINDOW } from '#shared/campaigns/window.js';
import { yuanToFen } from '../money';
import type { AssetClass, Audience, AudiencePreview, NewCampaign, Tier } from './types';

export type OpenAlertChoice = 'any' | 'yes' | 'no';

export interface BuilderValues {
  name: string;
  scopeOrgId?: string;
  orgIds?: string[];
  managerIds?: string[];
  customerIds?: string[];
  tiers?: Tier[];
  riskLevels?: string[];
  tagsAny?: string[];
  tagsAll?: string[];
  tagsNone?: string[];
  aumBasis: 'avgAum' | 'balance';
  /** yuan, as typed */
  aumMin?: string;
  aumMax?: string;
  assetsAll?: AssetClass[];
  assetsAny?: AssetClass[];
  assetsNone?: AssetClass[];
  productsHeld?: string[];
  productsNotHeld?: string[];
  activityMin?: number | null;
  activityMax?: number | null;
  contactMin?: number | null;
  contactMax?: number | null;
  openAlert: OpenAlertChoice;
  text: string;
  /** `YYYY-MM-DDTHH:MM`, Beijing time (a datetime-local input) */
  startAt: string;
  endAt: string;
  /** `HH:MM` */
  windowStart: string;
  windowEnd: string;
  maxRecipients?: number | null;
  priority: number;
  attributionDays: number;
}

const list = <T>(values: T[] | undefined): T[] | undefined => (values?.length ? values : undefined);
const num = (value: number | null | undefined) => (typeof value === 'number' ? value : undefined);
const range = (min: number | null | undefined, max: number | null | undefined) =>
  num(min) === undefined && num(max) === undefined
    ? undefined
    : {
        ...(num(min) !== undefined ? { min: num(min) } : {}),
        ...(num(max) !== undefined ? { max: num(max) } : {}),
      };

/** An amount typed in yuan: fen, undefined when empty, NaN when it is not an amount. */
export const fenOf = (yuan: string | undefined): number | undefined => {
  if (!yuan?.trim()) return undefined;
  return yuanToFen(yuan) ?? Number.NaN;
};

/** The audience conditions the form gives (every other field left out). */
export const toAudience = (v: BuilderValues): Audience => {
  const minFen = fenOf(v.aumMin);
  const maxFen = fenOf(v.aumMax);
  const assets = {
    ...(list(v.assetsAll) ? { all: v.assetsAll } : {}),
    ...(list(v.assetsAny) ? { any: v.assetsAny } : {}),
    ...(list(v.assetsNone) ? { none: v.assetsNone } : {}),
  };
  const audience: Record<string, unknown> = {
    orgIds: list(v.orgIds),
    managerIds: list(v.managerIds),
    customerIds: list(v.customerIds),
    tiers: list(v.tiers),
    riskLevels: list(v.riskLevels),
    tagsAny: list(v.tagsAny),
    tagsAll: list(v.tagsAll),
    tagsNone: list(v.tagsNone),
    aum:
      minFen === undefined && maxFen === undefined
        ? undefined
        : {
            basis: v.aumBasis,
            ...(minFen !== undefined ? { minFen } : {}),
            ...(maxFen !== undefined ? { maxFen } : {}),
          },
    assetClasses: Object.keys(assets).length ? assets : undefined,
    productsHeld: list(v.productsHeld),
    productsNotHeld: list(v.productsNotHeld),
    daysSinceLastActivity: range(v.activityMin, v.activityMax),
    daysSinceLastContact: range(v.contactMin, v.contactMax),
    hasOpenAlert: v.openAlert === 'any' ? undefined : v.openAlert === 'yes',
  };
  return Object.fromEntries(Object.entries(audience).filter(([, value]) => value !== undefined)) as Audience;
};

/** `2026-12-07T10:00` in Beijing time → `2026-12-07T10:00:00+08:00`. */
export const beijingInstant = (local: string): string =>
  `${local.length === 16 ? `${local}:00` : local}+08:00`;

/** An instant → `YYYY-MM-DDTHH:MM` in Beijing time (for a datetime-local input). */
export const beijingLocal = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

export const toPreviewBody = (v: BuilderValues): AudiencePreview | undefined =>
  v.scopeOrgId
    ? {
        scopeOrgId: v.scopeOrgId,
        audience: toAudience(v),
        caps: num(v.maxRecipients) !== undefined ? { maxRecipients: num(v.maxRecipients) } : {},
        ...(v.text?.trim() ? { template: { text: v.text } } : {}),
      }
    : undefined;

export const toCampaign = (v: BuilderValues): NewCampaign => ({
  name: v.name,
  scopeOrgId: v.scopeOrgId ?? '',
  audience: toAudience(v),
  template: { text: v.text },
  schedule: {
    startAt: beijingInstant(v.startAt),
    endAt: beijingInstant(v.endAt),
    window: { start: v.windowStart, end: v.windowEnd },
  },
  caps: num(v.maxRecipients) !== undefined ? { maxRecipients: num(v.maxRecipients) } : {},
  priority: v.priority,
  attributionDays: v.attributionDays,
});

const DAY_MS = 86_400_000;

/** A new campaign: no scope yet (the preview starts once one is chosen), from now for 7 days, in the bank's default send window, middle priority. */
export const initialValues = (now: Date): Partial<BuilderValues> => ({
  name: '',
  aumBasis: 'avgAum',
  openAlert: 'any',
  text: '',
  startAt: beijingLocal(now),
  endAt: beijingLocal(new Date(now.getTime() + 7 * DAY_MS)),
  windowStart: DEFAULT_SEND_WINDOW.start,
  windowEnd: DEFAULT_SEND_WINDOW.end,
  priority: 5,
  attributionDays: 30,
});
