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

const providerFactories: Record<
  Exclude<SmsChannelName, 'sns'>,
  (config: Record<string, unknown>) => SmsProvider
> = {
  aliyun: createAliyunSmsProvider,
  // ── slot: tencent → createTencentSmsProvider(config) from ./tencent-provider.js
  tencent: createTencentSmsProvider,
  // ── slot: bank-gateway → createBankGatewaySmsProvider(config) from ./bank-gateway-provider.js
  'bank-gateway': (config) => createBankGatewaySmsProvider(config),
};

const callbackFactories: Record<
  Exclude<SmsChannelName, 'sns'>,
  (config: Record<string, unknown>) => ProviderCallback
> = {
  aliyun: createAliyunCallback,
  // ── slot: tencent → createTencentCallback(config) from ./tencent-callback.js
  tencent: createTencentCallback,
  // ── slot: bank-gateway → createBankGatewayCallback(config) from ./bank-gateway-callback.js
  'bank-gateway': (config) => createBankGatewayCallback(config),
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
      .then(providerFactories[channel])
      .catch((error: unknown) => {
        provider = undefined;
        throw error;
      }));
  return {
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
  channel === 'sns' ? undefined : callbackFactories[channel](await channelConfigOf(channel, deps));
