// Usage's response types, from the contract and, where the report's response schema is not declared,
// from the domain function that answers it (types only).
import type * as z from 'zod';
import type { MyUsage } from '#shared/usage/api.js';
import type { usageReport } from '#shared/usage/report.js';

export type MyUsageView = z.output<typeof MyUsage>;
export type UsageReport = Awaited<ReturnType<typeof usageReport>>;
