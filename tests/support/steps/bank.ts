// Given a bank: the local runtime on this run's DynamoDB Local, seeded with the demo bank's org tree
// (head office, branches, sub-branches, outlets), its staff and `customers` demo customers, and the
// API as any of its staff. Steps take the bank and speak to it as the bank's people would.
import type { LocalRuntime, LocalRuntimeOptions } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient } from '../local-runtime.js';

export interface Bank {
  runtime: LocalRuntime;
  api: ApiClient;
}

export const aBank = async ({
  customers,
  ...options
}: Omit<LocalRuntimeOptions, 'demoCustomers'> & { customers?: number } = {}): Promise<Bank> => {
  const runtime = await startTestRuntime({
    ...options,
    ...(customers === undefined ? {} : { demoCustomers: customers }),
  });
  return { runtime, api: apiClient(runtime) };
};

/** Every stream consumer has caught up with what was written so far. */
export const theStreamsHaveDrained = (bank: Pick<Bank, 'runtime'>): Promise<void> => bank.runtime.drained();
