// Catalogue keys for the customer screens' enums: contact channels, asset classes, data-quality
// checks, timeline kinds, consent states. A Record per enum, so a value added to the contract is a
// compile error here until it has a label.
import type { MessageKey } from '../i18n/zh-CN';
import type { AssetClass, ContactChannel, DqCheck } from './types';

export const CHANNEL_LABELS: Record<ContactChannel, MessageKey> = {
  phone: 'cust.channel.phone',
  visit: 'cust.channel.visit',
  branch: 'cust.channel.branch',
  wechat: 'cust.channel.wechat',
  sms: 'cust.channel.sms',
  email: 'cust.channel.email',
  video: 'cust.channel.video',
};
export const CHANNELS = Object.keys(CHANNEL_LABELS) as ContactChannel[];

export const ASSET_CLASS_LABELS: Record<AssetClass, MessageKey> = {
  deposit: 'asset.deposit',
  time_deposit: 'asset.time_deposit',
  wealth: 'asset.wealth',
  fund: 'asset.fund',
  insurance: 'asset.insurance',
  bond: 'asset.bond',
  precious_metal: 'asset.precious_metal',
  trust: 'asset.trust',
};

/** 资料缺口: what is missing and what the RM should do about it. */
export const GAP_LABELS: Record<DqCheck, { what: MessageKey; fix: MessageKey }> = {
  phone: { what: 'cust.gap.phone', fix: 'cust.fix.phone' },
  idNumber: { what: 'cust.gap.idNumber', fix: 'cust.fix.idNumber' },
  riskAssessment: { what: 'cust.gap.riskAssessment', fix: 'cust.fix.riskAssessment' },
  address: { what: 'cust.gap.address', fix: 'cust.fix.address' },
  occupation: { what: 'cust.gap.occupation', fix: 'cust.fix.occupation' },
  name: { what: 'cust.gap.name', fix: 'cust.fix.name' },
};

export const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export const riskKey = (level: string): MessageKey => `risk.${level}` as MessageKey;
export const assetKey = (assetClass: string): MessageKey =>
  ASSET_CLASS_LABELS[assetClass as AssetClass] ?? ('common.none' as MessageKey);
export const timelineKindKey = (kind: string): MessageKey => `timeline.${kind}` as MessageKey;
export const consentKey = (consent: string): MessageKey => `consent.${consent}` as MessageKey;
