// The SMS composition root: the deployment's channel (OCRM_SMS_CHANNEL) → its SmsProvider and its
// ProviderCallback, with the channel's config (`OCRM_SMS_CHANNEL_CONFIG`, JSON, not secret: sign
// name, template mapping, endpoint) merged under its secret (secrets-manager-secrets.ts).
// `sns` needs neither: the SNS client takes the function's role.
import { SnsSmsProvider, type OptOutCheck } from './sns-provider.js';
import { createAliyunSmsProvider } from './aliyun-provider.js';
import { createAliyunCallback } from './aliyun-callback.js';
import { createTencentSmsProvider } from './tencent-provider.js';
import { createTencentCallback } from './tencent-callback.js';
import { createBankGatewaySmsProvider } from './bank-gateway-provider.js';
import { createBankGatewayCallback } from './bank-gateway-callback.js';
import { channelSecretsOf } from './secrets-manager-secrets.js';
import { smsChannelOf, type ChannelSecrets, type ProviderCallback, type SmsChannelName } from './channel.js';
import { SmsUnavailable, isSmsFailure, type SmsProvider } from './provider.js';

export interface ChannelDeps {
  env?: NodeJS.ProcessEnv;
  /** Tests pass values directly. */
  secrets?: ChannelSecrets;
}

/** The channel's config: OCRM_SMS_CHANNEL_CONFIG, then its secret over it. */
export const channelConfigOf = async (
  channel: SmsChannelName,
  deps: ChannelDeps = {},
): Promise<Record<string, unknown>> => {
  const env = deps.env ?? process.env;
  const config: unknown = JSON.parse(env.OCRM_SMS_CHANNEL_CONFIG || '{}');
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new Error('OCRM_SMS_CHANNEL_CONFIG is not a JSON object');
  const secret = await (deps.secrets ?? channelSecretsOf(env)).read(channel);
  return { ...(config as Record<string, unknown>), ...secret };
};

interface ChannelFactories {
  provider(config: Record<string, unknown>): SmsProvider;
  callback(config: Record<string, unknown>): ProviderCallback;
}

const CHANNELS: Record<Exclude<SmsChannelName, 'sns'>, ChannelFactories> = {
  aliyun: { provider: createAliyunSmsProvider, callback: createAliyunCallback },
  // ── slot: tencent → { provider: createTencentSmsProvider, callback: createTencentCallback }
  //    from ./tencent-provider.js and ./tencent-callback.js
  tencent: { provider: createTencentSmsProvider, callback: createTencentCallback },
  // ── slot: bank-gateway → { provider: createBankGatewaySmsProvider, callback: createBankGatewayCallback }
  //    from ./bank-gateway-provider.js and ./bank-gateway-callback.js
  'bank-gateway': {
    provider: (config) => createBankGatewaySmsProvider(config),
    callback: (config) => createBankGatewayCallback(config),
  },
};

/**
 * The deployment's SMS provider, built once per container. SNS at once; another channel on its
 * first send (its config and secret are read then): a failure to read them is `unavailable`
 * (configuration), nothing sent, and is tried again on the next send.
 */
export const smsProviderOf = (
  options: { optOutCheck?: OptOutCheck; channel?: SmsChannelName } & ChannelDeps = {},
): SmsProvider => {
  const channel = options.channel ?? smsChannelOf(options.env);
  if (channel === 'sns') return new SnsSmsProvider({ optOutCheck: options.optOutCheck });
  let provider: Promise<SmsProvider> | undefined;
  const load = () =>
    (provider ??= channelConfigOf(channel, options)
      .then(CHANNELS[channel].provider)
      .catch((error: unknown) => {
        provider = undefined;
        throw error;
      }));
  return {
    channel,
    send: async (message) => {
      const sender = await load().catch((error: unknown) => {
        if (isSmsFailure(error)) throw error;
        throw new SmsUnavailable('configuration', {
          maybeSent: false,
          detail: `the ${channel} channel could not be set up: ${(error as Error).message}`,
        });
      });
      return sender.send(message);
    },
  };
};

/** The callback of `channel`; undefined for `sns` (its receipts come through the CloudWatch Logs path). */
export const providerCallbackOf = async (
  channel: SmsChannelName,
  deps: ChannelDeps = {},
): Promise<ProviderCallback | undefined> =>
  channel === 'sns' ? undefined : CHANNELS[channel].callback(await channelConfigOf(channel, deps));
