// Given a bank: the local runtime on this run's DynamoDB Local, seeded with the demo bank's org tree
// (head office, branches, sub-branches, outlets), its staff and `customers` demo customers, and the
// API as any of its staff. Steps take the bank and speak to it as the bank's people would.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevKey, signDevToken } from '#infra/local/jwt.js';
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

/** A bank whose signing key the test holds: `signInAt` is a sign-in (one login) at any moment. */
export interface BankWithSignIns extends Bank {
  signInAt(staffId: string, at: Date): Promise<string>;
}

export const aBankWithSignIns = async (
  options: Parameters<typeof aBank>[0] = {},
): Promise<BankWithSignIns> => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'ocrm-sign-in-key-')), 'key.json');
  const bank = await aBank({ ...options, keyFile });
  const key = await loadOrCreateDevKey(keyFile);
  return { ...bank, signInAt: (staffId, at) => signDevToken(key, staffId, { now: at }) };
};
