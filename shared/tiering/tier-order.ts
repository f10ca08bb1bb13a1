// The tiers' order (普通 < 金卡 < 白金 < 钻石 < 私人银行): which tier ranks above which.
import { TIERS, type Tier } from '#shared/customers/customer.js';

export const tierRank = (tier: Tier): number => TIERS.indexOf(tier);
export const isAbove = (a: Tier, b: Tier): boolean => tierRank(a) > tierRank(b);
export const higher = (a: Tier, b: Tier): Tier => (isAbove(a, b) ? a : b);
