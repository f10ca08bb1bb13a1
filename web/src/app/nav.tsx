// The navigation: one entry per screen, who sees it, and the screen (loaded lazily, so the entry
// chunk stays small). A new screen is one line here.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '#shared/auth/caller.js';
import type { MessageKey } from '../i18n/zh-CN';

export interface Screen {
  /** path pattern, `{name}` for a parameter */
  path: string;
  label: MessageKey;
  /** shown in the menu (a detail page is not) */
  inMenu: boolean;
  roles?: readonly Role[];
  component: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
}

const WORKERS: readonly Role[] = ['rm', 'branch_manager'];
/** Every campaign route admits these two (shared/campaigns/api.ts): admin makes no campaigns. */
const CAMPAIGN_MAKERS: readonly Role[] = ['marketing', 'branch_manager'];

export const screens: Screen[] = [
  {
    path: '/',
    label: 'nav.workbench',
    inMenu: true,
    roles: WORKERS,
    component: lazy(() => import('../workbench/WorkbenchScreen')),
  },
  {
    path: '/customers',
    label: 'nav.customers',
    inMenu: true,
    component: lazy(() => import('../customers/CustomersScreen')),
  },
  {
    path: '/customers/{id}',
    label: 'nav.customer',
    inMenu: false,
    component: lazy(() => import('../customers/CustomerScreen')),
  },
  {
    path: '/alerts',
    label: 'nav.alerts',
    inMenu: true,
    roles: [...WORKERS, 'admin'],
    component: lazy(() => import('../alerts/AlertsScreen')),
  },
  {
    path: '/performance',
    label: 'nav.performance',
    inMenu: true,
    roles: [...WORKERS, 'marketing', 'admin'],
    component: lazy(() => import('../performance/PerformanceScreen')),
  },
  {
    path: '/campaigns',
    label: 'nav.campaigns',
    inMenu: true,
    roles: CAMPAIGN_MAKERS,
    component: lazy(() => import('../campaigns/CampaignsScreen')),
  },
  {
    path: '/campaigns/new',
    label: 'nav.newCampaign',
    inMenu: false,
    roles: CAMPAIGN_MAKERS,
    component: lazy(() => import('../campaigns/NewCampaignScreen')),
  },
  {
    path: '/campaigns/{id}',
    label: 'nav.campaign',
    inMenu: false,
    roles: CAMPAIGN_MAKERS,
    component: lazy(() => import('../campaigns/CampaignScreen')),
  },
  {
    path: '/allocations',
    label: 'nav.allocations',
    inMenu: true,
    roles: ['branch_manager', 'admin'],
    component: lazy(() => import('../allocations/AllocationsScreen')),
  },
  {
    path: '/reports',
    label: 'nav.reports',
    inMenu: true,
    roles: ['branch_manager', 'marketing', 'admin', 'auditor'],
    component: lazy(() => import('../reports/ReportsScreen')),
  },
  {
    path: '/products',
    label: 'nav.products',
    inMenu: true,
    component: lazy(() => import('../library/ProductsScreen')),
  },
  {
    path: '/articles',
    label: 'nav.articles',
    inMenu: true,
    component: lazy(() => import('../library/ArticlesScreen')),
  },
  {
    path: '/system/orgs',
    label: 'nav.orgs',
    inMenu: true,
    roles: ['admin'],
    component: lazy(() => import('../orgs/OrgsScreen')),
  },
  {
    path: '/system/tier-policy',
    label: 'nav.tierPolicy',
    inMenu: true,
    roles: ['admin'],
    component: lazy(() => import('../tier-policy/TierPolicyScreen')),
  },
  {
    path: '/system/trigger-rules',
    label: 'nav.triggerRules',
    inMenu: true,
    roles: ['admin'],
    component: lazy(() => import('../trigger-rules/TriggerRulesScreen')),
  },
  {
    path: '/system/trigger-rules/{id}',
    label: 'nav.triggerRule',
    inMenu: false,
    roles: ['admin'],
    component: lazy(() => import('../trigger-rules/RuleEditorScreen')),
  },
  {
    path: '/system/dead-letters',
    label: 'nav.deadLetters',
    inMenu: true,
    roles: ['admin'],
    component: lazy(() => import('../dead-letters/DeadLettersScreen')),
  },
];

export const screensFor = (role: string | undefined): Screen[] =>
  screens.filter((s) => !s.roles || (role !== undefined && s.roles.includes(role as Role)));
