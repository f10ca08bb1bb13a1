// The performance screen's request and response types, from the zod contracts and, where a route's
// response schema is inline, from the domain function that answers it (types only).
import type * as z from 'zod';
import type { EntryView, RegisterPerformance, ReversePerformance } from '#shared/performance/api.js';
import type { ProductView } from '#shared/products/api.js';
import type { leaderboard } from '#shared/performance/leaderboard.js';
import type { listPostings } from '#shared/performance/read.js';

export type Registration = z.input<typeof RegisterPerformance>;
export type Entry = z.output<typeof EntryView>;
export type Reversal = z.input<typeof ReversePerformance>;
export type Product = z.output<typeof ProductView>;
export type Leaderboard = Awaited<ReturnType<typeof leaderboard>>;
export type Postings = Awaited<ReturnType<typeof listPostings>>;
export type Posting = Postings['items'][number];
