// 数据质量 / 信息完整度: a customer's completeness and validity score, 0–100, and the gaps to fix.
// Pure. The weights are the bank's policy of what matters most to reach and serve a customer.
import * as z from 'zod';
import { CustomerRecord, TIERS, type Tier } from '#shared/customers/customer.js';
import { phoneProblem } from '#shared/validation/phone.js';
import { residentIdProblem } from '#shared/validation/resident-id.js';

/** The customer image as the stream delivers it, with the optional profile fields scored when present. */
export const ScoredCustomer = CustomerRecord.extend({
  address: z.string().optional(),
  occupation: z.string().optional(),
  /** when the risk questionnaire (风险测评) was last done */
  riskAssessedAt: z.string().optional(),
});
export type ScoredCustomer = z.infer<typeof ScoredCustomer>;

export const DQ_CHECKS = ['phone', 'idNumber', 'riskAssessment', 'address', 'occupation', 'name'] as const;
export type DqCheck = (typeof DQ_CHECKS)[number];

export const DQ_WEIGHTS: Record<DqCheck, number> = {
  phone: 25, // reachable: a valid mobile
  idNumber: 25, // identified: a valid 18-digit resident id (KYC)
  riskAssessment: 20, // suitability: a risk level, assessed within a year when the date is known
  address: 10,
  occupation: 10,
  name: 10, // a real name, not a placeholder
};

const RISK_ASSESSMENT_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

export interface DqScore {
  score: number;
  gaps: DqCheck[];
}

/** `asOf`: the instant the record is judged at (its own updatedAt keeps the score a function of the record). */
export const scoreCustomer = (c: ScoredCustomer, asOf: string = c.updatedAt): DqScore => {
  const ok: Record<DqCheck, boolean> = {
    phone: !!c.phone && !phoneProblem(c.phone),
    idNumber: !!c.idNumber && !residentIdProblem(c.idNumber),
    riskAssessment:
      !!c.riskLevel &&
      (!c.riskAssessedAt || Date.parse(asOf) - Date.parse(c.riskAssessedAt) <= RISK_ASSESSMENT_MAX_AGE_MS),
    address: !!c.address && c.address.trim().length >= 6,
    occupation: !!c.occupation && c.occupation.trim().length > 0,
    name:
      c.name.trim().length >= 2 && !/^[\d\s*?-]+$/.test(c.name) && !/^(test|测试|未知|unknown)/i.test(c.name),
  };
  const gaps = DQ_CHECKS.filter((check) => !ok[check]);
  return { score: 100 - gaps.reduce((sum, g) => sum + DQ_WEIGHTS[g], 0), gaps };
};

export const TIER_WEIGHT: Record<Tier, number> = {
  standard: 1,
  gold: 2,
  platinum: 3,
  diamond: 4,
  private_banking: 5,
};

/** Fix-it priority: tier × gap (the store lists a manager's fix-its in this order, highest first). */
export const fixPriority = (tier: Tier, score: number): number => TIER_WEIGHT[tier] * (100 - score);

/** What one customer adds to the aggregates of its org units and its RM. */
export const contributionOf = (record: { tier: Tier; score: number; gaps: readonly string[] }) => {
  const out: Record<string, number> = {
    customers: 1,
    scoreSum: record.score,
    complete: record.gaps.length === 0 ? 1 : 0,
  };
  for (const tier of TIERS) out[`tier_${tier}`] = record.tier === tier ? 1 : 0;
  for (const check of DQ_CHECKS) out[`gap_${check}`] = record.gaps.includes(check) ? 1 : 0;
  return out;
};
