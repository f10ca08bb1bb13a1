// What the dispatch tests share: the consenting customers of a subtree and an SNS provider that
// publishes to a test's own gateway (an approved campaign is a step: steps/campaigns.ts).
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { SmsGatewayServer } from '#infra/local/sms-gateway.js';
import type { Customer } from '#shared/customers/customer.js';
import { SnsSmsProvider, type SnsSmsProviderOptions } from '#shared/sms/sns-provider.js';

/** Customers below `orgPath` whose record shows consent (the ledger's projection) and who have a phone. */
export const consentingCustomers = async (runtime: LocalRuntime, orgPath: string): Promise<Customer[]> => {
  const scan = await runtime.document.send(new ScanCommand({ TableName: runtime.tableName('customers') }));
  return ((scan.Items ?? []) as Customer[])
    .filter((c) => c.orgPath.startsWith(orgPath) && c.smsConsent && c.phone)
    .sort((a, b) => a.customerId.localeCompare(b.customerId));
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
