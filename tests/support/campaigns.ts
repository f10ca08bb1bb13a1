// Steps the dispatch tests share: the consenting customers of a subtree, a campaign made, submitted
// and approved for a list of customers, and an SNS provider that publishes to a test's own gateway.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { expect } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { SmsGatewayServer } from '#infra/local/sms-gateway.js';
import type { Customer } from '#shared/customers/customer.js';
import { SnsSmsProvider, type SnsSmsProviderOptions } from '#shared/sms/sns-provider.js';
import type { ApiClient } from './local-runtime.js';

/** Customers below `orgPath` whose record shows consent (the ledger's projection) and who have a phone. */
export const consentingCustomers = async (runtime: LocalRuntime, orgPath: string): Promise<Customer[]> => {
  const scan = await runtime.document.send(new ScanCommand({ TableName: runtime.tableName('customers') }));
  return ((scan.Items ?? []) as Customer[])
    .filter((c) => c.orgPath.startsWith(orgPath) && c.smsConsent && c.phone)
    .sort((a, b) => a.customerId.localeCompare(b.customerId));
};

/** A 北京 campaign for these customers, made by bm-bj and approved by marketing. */
export const approvedCampaign = async (
  api: ApiClient,
  customerIds: string[],
  {
    startAt,
    text = '【示例银行】{name}您好，新品理财上线。回复TD退订',
    name = 'dispatch',
  }: {
    startAt: string;
    text?: string;
    name?: string;
  },
) => {
  const created = await api.post('bm-bj', '/v1/campaigns', {
    name,
    scopeOrgId: 'BJ',
    audience: { customerIds },
    template: { text },
    schedule: { startAt, endAt: '2026-12-31T00:00:00Z' },
  });
  expect(created.status).toBe(201);
  const id = created.body.campaignId as string;
  expect((await api.post('bm-bj', `/v1/campaigns/${id}/submit`)).status).toBe(200);
  expect((await api.post('marketing', `/v1/campaigns/${id}/approve`)).status).toBe(200);
  return id;
};

/** SNS, as the test's own gateway speaks it, one attempt per call. */
export const gatewayProvider = (
  gateway: SmsGatewayServer,
  options: Omit<SnsSmsProviderOptions, 'client'> = {},
) =>
  new SnsSmsProvider({
    client: new SNSClient({
      endpoint: gateway.endpoint,
      region: 'ap-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      maxAttempts: 1,
    }),
    ...options,
  });
