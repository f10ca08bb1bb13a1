import { http } from '#shared/http/http.js';
import { getHealth } from '#shared/platform/api.js';
import { systemClock } from '#shared/adapters/clock.js';

const clock = systemClock();

export const handler = http(getHealth, async () => ({
  status: 200,
  body: { status: 'ok', time: clock.now().toISOString() },
}));
