// What a dispatch run is given (its dependencies and settings) and what it reports.
import type { Clock } from '#shared/clock.js';
import type { IdGenerator } from '#shared/ids.js';
import type { StaffStore } from '#shared/staff/ports.js';
import type { OptOutCheckingSmsProvider, SmsProvider } from '#shared/sms/provider.js';
import type { FrequencyCaps } from './compliance-gate.js';
import type { CampaignDeps } from './lifecycle.js';
import type { PacerConfig } from './pacer.js';
import type { DispatchCounters } from './ports.js';

export interface DispatchDeps extends CampaignDeps {
  staff: StaffStore;
  counters: DispatchCounters;
  sms: SmsProvider | OptOutCheckingSmsProvider;
}

/** Real time for pacing. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface DispatchOptions {
  clock: Clock;
  ids: IdGenerator;
  caps: FrequencyCaps;
  pacer: PacerConfig;
  /** Concurrent senders in this run. */
  workers: number;
  /** Stop taking messages after this instant (Date.now() ms). */
  deadlineMs: number;
  pricePerPartFen: number;
  monthlyBudgetFen: number;
  senderId?: string;
  /** A claim older than this is a crashed attempt: never resent. */
  staleClaimMs: number;
  /** Real time for pacing (the business clock may be fixed in tests). */
  timer?: Timer;
}

export interface DispatchReport {
  started: string[];
  completed: string[];
  sent: number;
  suppressed: number;
  requeued: number;
  failed: number;
  budgetExhausted: boolean;
}

/** The report's counter for a message that ended (or went back) in this status. */
export const countIn = (report: DispatchReport, status: 'sent' | 'queued' | 'suppressed' | 'failed') => {
  if (status === 'queued') report.requeued += 1;
  else report[status] += 1;
};
