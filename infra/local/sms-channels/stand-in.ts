// What a channel's local stand-in gives the SMS gateway that mounts it (../sms-gateway.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SmsChannelName } from '#shared/sms/channel.js';

export interface ChannelStandIn {
  channel: SmsChannelName;
  /** Serves the request and resolves true when it is the stand-in's; else false, untouched. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Forgets what it pushed and what it holds (the outbox is reset by the gateway). */
  reset(): void;
  /** Pushes an inbound reply from `phone` (E.164) to the replies callback; resolves with its answer. */
  reply(phone: string, text: string): Promise<unknown>;
  /** Pushes every receipt again (as a provider's retry would); resolves when answered. */
  repush(): Promise<void>;
  /** Resolves when no push is pending (receipts are pushed a moment after each send). */
  settled(): Promise<void>;
}
