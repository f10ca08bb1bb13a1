// The catalogue keys of the API's enums: tiers (普通 / 金卡 / 白金 / 钻石 / 私人银行), roles, alert
// severities, statuses and outcomes — so a screen never spells a label itself.
import type { MessageKey } from './zh-CN';

export type Tier = 'standard' | 'gold' | 'platinum' | 'diamond' | 'private_banking';
export const TIER_ORDER: readonly Tier[] = ['standard', 'gold', 'platinum', 'diamond', 'private_banking'];

export const tierKey = (tier: string): MessageKey => `tier.${tier}` as MessageKey;
export const roleKey = (role: string): MessageKey => `role.${role}` as MessageKey;
export const severityKey = (severity: string): MessageKey => `severity.${severity}` as MessageKey;
export const statusKey = (status: string): MessageKey => `status.${status}` as MessageKey;
export const outcomeKey = (outcome: string): MessageKey => `outcome.${outcome}` as MessageKey;
