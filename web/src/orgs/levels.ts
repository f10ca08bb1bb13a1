// Org levels from the top down, their catalogue keys, and which may sit under which (the API's rule:
// strictly lower than the parent; levels may be skipped).
import type { MessageKey } from '../i18n/zh-CN';
import type { OrgLevel } from './types';

export const LEVELS: readonly OrgLevel[] = ['head_office', 'branch', 'city_branch', 'sub_branch', 'outlet'];

export const levelKey = (level: string): MessageKey => `orgs.level.${level}` as MessageKey;

export const levelsUnder = (parent: OrgLevel): OrgLevel[] => LEVELS.slice(LEVELS.indexOf(parent) + 1);
