// Given a bank with an SMS gateway of the test's own: the SNS-compatible gateway on a port of its
// own, whose outbox, opt-outs and failures the test reads and arranges.
import { startSmsGatewayServer, type SmsGatewayServer } from '#infra/local/sms-gateway.js';
import { aBank, type Bank } from './bank.js';

export interface BankWithSmsGateway extends Bank {
  gateway: SmsGatewayServer;
  /** Stops the runtime and the gateway. */
  stop(): Promise<void>;
}

export const aBankWithAnSmsGateway = async (
  options: Parameters<typeof aBank>[0] = {},
): Promise<BankWithSmsGateway> => {
  const bank = await aBank(options);
  const gateway = await startSmsGatewayServer(0);
  return {
    ...bank,
    gateway,
    stop: async () => {
      await bank.runtime.stop();
      await gateway.close();
    },
  };
};
