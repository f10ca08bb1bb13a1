// The SMS composition root: the deployment's channel (OCRM_SMS_CHANNEL) → its SmsProvider and its
// ProviderCallback, with the channel's config (`OCRM_SMS_CHANNEL_CONFIG`, JSON, not secret: sign
// name, template mapping, endpoint) merged under its secret (secrets-manager-secrets.ts).
// `sns` needs neither: the SNS client takes the function's role.
import { SnsSmsProvider, type OptOutCheck } from './sns-provider.js';
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

type ChannelConfig = Record<string, unknown>;

// A channel's provider and its callback are loaded only when that channel is the deployment's (the
// dynamic imports): a function that sends carries no callback code, a callback function no SDK (the
// unused import falls out of its bundle), and a sender evaluates only its own channel's SDK, the
// Alibaba and Tencent ones weighing megabytes.
//
// A deployed bundle holds only its deployment's channel: OCRM_SMS_BUNDLED_CHANNEL is replaced at
// bundle time by the function's OCRM_SMS_CHANNEL (infra/constructs/bundle-settings.ts), the other
// channels' branches fold away and their SDKs with them. Unbundled (tests, the local runtime, which
// switches channels between runs) it is unset and every channel is there. Written out at each use,
// not held in a const: esbuild folds a defined constant where it stands, not through a variable.
type ProviderFactory = (config: ChannelConfig) => Promise<SmsProvider>;
const PROVIDERS: Record<Exclude<SmsChannelName, 'sns'>, ProviderFactory | undefined> = {
  aliyun:
    !process.env.OCRM_SMS_BUNDLED_CHANNEL || process.env.OCRM_SMS_BUNDLED_CHANNEL === 'aliyun'
      ? async (config) => (await import('./aliyun-provider.js')).createAliyunSmsProvider(config)
      : undefined,
  // ── slot: tencent → createTencentSmsProvider from ./tencent-provider.js
  tencent:
    !process.env.OCRM_SMS_BUNDLED_CHANNEL || process.env.OCRM_SMS_BUNDLED_CHANNEL === 'tencent'
      ? async (config) => (await import('./tencent-provider.js')).createTencentSmsProvider(config)
      : undefined,
  // ── slot: bank-gateway → createBankGatewaySmsProvider from ./bank-gateway-provider.js
  'bank-gateway':
    !process.env.OCRM_SMS_BUNDLED_CHANNEL || process.env.OCRM_SMS_BUNDLED_CHANNEL === 'bank-gateway'
      ? async (config) => (await import('./bank-gateway-provider.js')).createBankGatewaySmsProvider(config)
      : undefined,
};

const providerOf = (channel: Exclude<SmsChannelName, 'sns'>): ProviderFactory => {
  const factory = PROVIDERS[channel];
  if (!factory)
    throw new Error(
      `this bundle was built for the ${process.env.OCRM_SMS_BUNDLED_CHANNEL} channel, not ${channel}`,
    );
  return factory;
};

const CALLBACKS: Record<
  Exclude<SmsChannelName, 'sns'>,
  (config: ChannelConfig) => Promise<ProviderCallback>
> = {
  aliyun: async (config) => (await import('./aliyun-callback.js')).createAliyunCallback(config),
  // ── slot: tencent → createTencentCallback from ./tencent-callback.js
  tencent: async (config) => (await import('./tencent-callback.js')).createTencentCallback(config),
  // ── slot: bank-gateway → createBankGatewayCallback from ./bank-gateway-callback.js
  'bank-gateway': async (config) =>
    (await import('./bank-gateway-callback.js')).createBankGatewayCallback(config),
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
      .then((config) => providerOf(channel)(config))
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
  channel === 'sns' ? undefined : CALLBACKS[channel](await channelConfigOf(channel, deps));
