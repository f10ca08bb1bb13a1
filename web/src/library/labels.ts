// Catalogue keys and choices of the library screens: product risk levels (R1–R5) and the term bands
// the product list filters on (sent as termDaysMin / termDaysMax).
import type { MessageKey } from '../i18n/zh-CN';
import type { ProductRiskLevel } from './types';

export const PRODUCT_RISKS: readonly ProductRiskLevel[] = ['R1', 'R2', 'R3', 'R4', 'R5'];
export const productRiskKey = (level: string): MessageKey => `prod.risk.${level}` as MessageKey;

export interface TermBand {
  key: MessageKey;
  min?: number;
  max?: number;
}

export const TERM_BANDS: Record<string, TermBand> = {
  upTo3m: { key: 'prod.term.upTo3m', max: 90 },
  '3to6m': { key: 'prod.term.3to6m', min: 91, max: 180 },
  '6to12m': { key: 'prod.term.6to12m', min: 181, max: 365 },
  over1y: { key: 'prod.term.over1y', min: 366 },
};
