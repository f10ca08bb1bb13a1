// What each role may do, as the workbench shows it (GET /v1/me). Routes enforce their own `roles`.
import type { Role } from './caller.js';

const EVERYONE = ['customers:read', 'orgs:read', 'staff:read', 'products:read', 'articles:read'];

const BY_ROLE: Record<Role, string[]> = {
  rm: [...EVERYONE, 'customers:write', 'alerts:work', 'performance:register', 'contacts:write'],
  branch_manager: [
    ...EVERYONE,
    'customers:write',
    'alerts:work',
    'performance:register',
    'campaigns:write',
    'campaigns:approve',
    'allocations:approve',
    'reports:read',
  ],
  marketing: [...EVERYONE, 'campaigns:write', 'campaigns:approve', 'reports:read'],
  admin: [
    ...EVERYONE,
    'customers:write',
    'orgs:write',
    'staff:write',
    'tier-policy:write',
    'trigger-rules:write',
    'products:write',
    'articles:write',
    'reports:read',
    'audit:read',
    // the head-office reveal of raw phone and ID numbers (purpose given, audited); see auth/reveal.ts
    'customers:reveal',
  ],
  // feeds in; of what it could read, only product reference data
  integration: ['transactions:write', 'balances:write', 'performance:register', 'sms:feeds', 'products:read'],
  // internal audit: reads masked, never a reveal, never a write
  auditor: [
    'orgs:read',
    'staff:read',
    'audit:read',
    'reports:read',
    'customers:read',
    'products:read',
    'articles:read',
  ],
};

export const permissionsOf = (role: Role): string[] => BY_ROLE[role];
