// Where a channel's credentials are read: `OCRM_SMS_CHANNEL_SECRET` (a JSON object: locally, and in
// tests) or else Secrets Manager `ocrm/sms/<channel>` (a JSON SecretString), read once per container.
// Adapter behind the ChannelSecrets port (channel.ts).
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { channelSecretName, type ChannelSecrets, type SmsChannelName } from './channel.js';

const jsonObject = (text: string, where: string): Record<string, unknown> => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where} is not a JSON object`);
  return value as Record<string, unknown>;
};

/** The secret given in the environment (`OCRM_SMS_CHANNEL_SECRET`), for every channel. */
export const envChannelSecrets = (env: NodeJS.ProcessEnv = process.env): ChannelSecrets => ({
  read: async () => jsonObject(env.OCRM_SMS_CHANNEL_SECRET ?? '{}', 'OCRM_SMS_CHANNEL_SECRET'),
});

export const secretsManagerChannelSecrets = (client = new SecretsManagerClient({})): ChannelSecrets => {
  const cache = new Map<SmsChannelName, Promise<Record<string, unknown>>>();
  return {
    read: (channel) => {
      let secret = cache.get(channel);
      if (!secret) {
        const name = channelSecretName(channel);
        secret = client
          .send(new GetSecretValueCommand({ SecretId: name }))
          .then((answer) => jsonObject(answer.SecretString ?? '', `the secret ${name}`));
        // a failed read is tried again on the next send
        secret.catch(() => cache.delete(channel));
        cache.set(channel, secret);
      }
      return secret;
    },
  };
};

/** The environment's secret when one is given, else Secrets Manager. */
export const channelSecretsOf = (env: NodeJS.ProcessEnv = process.env): ChannelSecrets =>
  env.OCRM_SMS_CHANNEL_SECRET ? envChannelSecrets(env) : secretsManagerChannelSecrets();
