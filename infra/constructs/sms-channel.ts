// What the chosen SMS channel (`ocrm:sms`) asks of a function role and its environment. `sns`:
// Publish to phone numbers, as before. The domestic channels (`aliyun`, `tencent`,
// `bank-gateway`) are reached over HTTPS with credentials ops keep in Secrets Manager under
// `ocrm/sms/<channel>` — created by hand, never in a template — which senders and the channel's
// callback functions (delivery receipts, replies) may read, and nothing else.
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { FunctionDeclaration } from '#infra/declaration/types.js';
import type { SmsChannel } from './deployment-settings.js';
import { grantSmsPublish, SMS_ACTIONS } from './grants.js';

/** Env var naming the channel to SMS senders and callback functions. */
export const SMS_CHANNEL_ENV = 'OCRM_SMS_CHANNEL';
/** Env var naming the Secrets Manager secret with the channel's credentials (absent for `sns`). */
export const SMS_SECRET_ENV = 'OCRM_SMS_SECRET_ID';
/** Env var with the channel's settings that are not secret (`ocrm:smsChannelConfig`, JSON). */
export const SMS_CHANNEL_CONFIG_ENV = 'OCRM_SMS_CHANNEL_CONFIG';
/** Reading a secret's value (DescribeSecret: its metadata, which the SDK's caching reads). */
export const SMS_SECRET_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];

export const smsSecretName = (channel: SmsChannel): string => `ocrm/sms/${channel}`;

/**
 * The secret's ARN, from the pseudo parameters of the stack the grant lands in. Secrets Manager
 * appends six random characters to a secret's name in its ARN: `-??????` matches exactly those.
 */
export const smsSecretArn = (channel: SmsChannel): string =>
  `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${smsSecretName(channel)}-??????`;

/** Where the channels push receipts and replies: `POST /v1/sms/callbacks/{channel}/receipts|replies`. */
export const SMS_CALLBACK_PATH_PREFIX = '/v1/sms/callbacks/';

/**
 * A function that serves the channel's callbacks (receipts, replies): marked in its declaration with
 * `receivesSmsCallbacks: true` (read loosely, so the stack compiles before that field is declared),
 * or serving a route under {@link SMS_CALLBACK_PATH_PREFIX}.
 */
export const receivesSmsCallbacks = (declaration: FunctionDeclaration): boolean =>
  ('receivesSmsCallbacks' in declaration && declaration.receivesSmsCallbacks === true) ||
  (declaration.routes ?? []).some((route) => route.path.startsWith(SMS_CALLBACK_PATH_PREFIX));

/** True when the function talks to the SMS channel at all: it sends, or it is called back. */
export const usesSmsChannel = (declaration: FunctionDeclaration): boolean =>
  Boolean(declaration.sendsSms) || receivesSmsCallbacks(declaration);

export const smsEnvironment = (sms: { channel: SmsChannel; config?: string }): Record<string, string> => ({
  [SMS_CHANNEL_ENV]: sms.channel,
  ...(sms.channel === 'sns' ? {} : { [SMS_SECRET_ENV]: smsSecretName(sms.channel) }),
  ...(sms.config ? { [SMS_CHANNEL_CONFIG_ENV]: sms.config } : {}),
});

/** Grants what the channel needs; returns the actions granted on `*` (only SNS's, which have no resource). */
export const grantSmsChannel = (
  role: IRole,
  declaration: FunctionDeclaration,
  channel: SmsChannel,
): string[] => {
  if (channel === 'sns') {
    if (!declaration.sendsSms) return [];
    grantSmsPublish(role);
    return SMS_ACTIONS;
  }
  if (usesSmsChannel(declaration)) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadSmsChannelCredentials',
        actions: SMS_SECRET_ACTIONS,
        resources: [smsSecretArn(channel)],
      }),
    );
  }
  return [];
};
