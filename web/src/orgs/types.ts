// The org screen's request and response types, from the zod contracts (types only).
import type * as z from 'zod';
import type { OrgView, PutOrg } from '#shared/org/api.js';
import type { PutStaff, StaffView } from '#shared/staff/api.js';
import type { OrgLevel } from '#shared/org/org-unit.js';

export type Org = z.output<typeof OrgView>;
export type OrgInput = z.input<typeof PutOrg>;
export type Staff = z.output<typeof StaffView>;
export type StaffInput = z.input<typeof PutStaff>;
export type { OrgLevel };
