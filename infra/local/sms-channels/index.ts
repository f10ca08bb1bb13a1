// The local stand-ins of the SMS channels other than SNS (SNS's is ../sms-gateway.ts), mounted on
// the gateway beside it so they share its outbox, and what the functions need in their environment
// to send through them (OCRM_SMS_CHANNEL, the channel's config and local keys).
// To add a channel: its stand-in factory in STAND_INS, its environment in ENVIRONMENTS.
import type { SmsChannelName } from '#shared/sms/channel.js';
import type { SmsGateway } from '../sms-gateway.js';
import { ALIYUN_LOCAL, createAliyunStandIn } from './aliyun.js';
import { TENCENT_LOCAL, createTencentStandIn } from './tencent.js';
import { BANK_GATEWAY_LOCAL, createBankGatewayStandIn } from './bank-gateway.js';
import type { ChannelStandIn } from './stand-in.js';

export type { ChannelStandIn } from './stand-in.js';

type OtherChannel = Exclude<SmsChannelName, 'sns'>;

interface StandInContext {
  gateway: SmsGateway;
  /** Where the OCRM API listens (the stand-ins push their callbacks there). */
  baseUrl: string;
}

const STAND_INS: Partial<Record<OtherChannel, (context: StandInContext) => ChannelStandIn>> = {
  aliyun: ({ gateway, baseUrl }) => createAliyunStandIn({ outbox: gateway.store, callbackBase: baseUrl }),
  tencent: ({ gateway, baseUrl }) => createTencentStandIn({ outbox: gateway.store, callbackBase: baseUrl }),
  'bank-gateway': ({ gateway, baseUrl }) =>
    createBankGatewayStandIn({ outbox: gateway.store, callbackBase: baseUrl }),
};

const ENVIRONMENTS: Partial<Record<OtherChannel, (baseUrl: string) => { config: object; secret: object }>> = {
  aliyun: (baseUrl) => ({
    config: {
      signName: ALIYUN_LOCAL.signName,
      endpoint: new URL(baseUrl).host,
      protocol: 'HTTP',
      templates: {
        marketing: { code: 'SMS_LOCAL_MARKETING', params: { content: 'text' } },
        service: { code: 'SMS_LOCAL_SERVICE', params: { content: 'text' } },
      },
      defaultTemplates: { marketing: 'marketing', service: 'service' },
    },
    secret: {
      accessKeyId: ALIYUN_LOCAL.accessKeyId,
      accessKeySecret: ALIYUN_LOCAL.accessKeySecret,
      callbackToken: ALIYUN_LOCAL.callbackToken,
    },
  }),
  tencent: (baseUrl) => ({
    config: {
      signName: TENCENT_LOCAL.signName,
      smsSdkAppId: TENCENT_LOCAL.smsSdkAppId,
      endpoint: new URL(baseUrl).host,
      protocol: 'http',
      templates: {
        marketing: { code: '100001', params: { '1': 'text' } },
        service: { code: '100002', params: { '1': 'text' } },
      },
      defaultTemplates: { marketing: 'marketing', service: 'service' },
    },
    secret: {
      secretId: TENCENT_LOCAL.secretId,
      secretKey: TENCENT_LOCAL.secretKey,
      callbackToken: TENCENT_LOCAL.callbackToken,
    },
  }),
  'bank-gateway': (baseUrl) => ({
    config: { baseUrl: `${baseUrl}${BANK_GATEWAY_LOCAL.path}` },
    secret: { secret: BANK_GATEWAY_LOCAL.secret },
  }),
};

/** The channels with a local stand-in. */
export const localChannels = (): SmsChannelName[] => [
  'sns',
  ...(Object.keys(STAND_INS) as OtherChannel[]).filter((c) => ENVIRONMENTS[c]),
];

/** The environment that points the functions at the channel's stand-in on `baseUrl`. */
export const localChannelEnv = (channel: SmsChannelName, baseUrl: string): Record<string, string> => {
  if (channel === 'sns') return { OCRM_SMS_CHANNEL: 'sns' };
  const environment = ENVIRONMENTS[channel];
  if (!environment) throw new Error(`The ${channel} SMS channel has no local stand-in yet`);
  const { config, secret } = environment(baseUrl);
  return {
    OCRM_SMS_CHANNEL: channel,
    OCRM_SMS_CHANNEL_CONFIG: JSON.stringify(config),
    OCRM_SMS_CHANNEL_SECRET: JSON.stringify(secret),
  };
};

/** Mounts the channel's stand-in on the gateway (nothing for sns: the gateway is SNS's). */
export const mountChannelStandIn = (
  gateway: SmsGateway,
  channel: SmsChannelName,
  baseUrl: string,
): ChannelStandIn | undefined => {
  if (channel === 'sns') return undefined;
  const factory = STAND_INS[channel];
  if (!factory) throw new Error(`The ${channel} SMS channel has no local stand-in yet`);
  const standIn = factory({ gateway, baseUrl });
  gateway.mount(standIn);
  return standIn;
};
