// A channel's configuration (its JSON config merged with its secret) checked against the channel's
// schema; a refusal names only the paths at fault, never a value (a value may be a secret). Pure.
import type * as z from 'zod';
import type { SmsChannelName } from './channel.js';

export const channelConfigParser =
  <S extends z.ZodType>(channel: SmsChannelName, schema: S) =>
  (config: Record<string, unknown>): z.output<S> => {
    const parsed = schema.safeParse(config);
    if (parsed.success) return parsed.data;
    const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
    throw new Error(
      `The ${channel} SMS channel's configuration is invalid at: ${[...new Set(paths)].join(', ')}`,
    );
  };
