// Request and response types, from the zod contracts in shared/*/api.ts (types only: nothing of the
// server is bundled). Add a line here when a screen needs another route.
import type * as z from 'zod';
import type { Me } from '#shared/platform/api.js';
import type { OrgView as OrgSchema } from '#shared/org/api.js';
import type { AlertView, CloseAlertBody } from '#shared/monitoring/alerts-api.js';
import type { readWorkbench } from '#shared/workbench/workbench.js';

export type MeView = z.output<typeof Me>;
export type OrgView = z.output<typeof OrgSchema>;
export type Alert = z.output<typeof AlertView>;
export type CloseAlert = z.input<typeof CloseAlertBody>;
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
/** GET /v1/workbench has no response schema yet: its type is what the domain function returns. */
export type Workbench = Awaited<ReturnType<typeof readWorkbench>>;
