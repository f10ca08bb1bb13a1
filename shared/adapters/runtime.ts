// The process-wide clock and id generator handlers use (one of each, per container).
import { systemClock } from './clock.js';
import { ulidGenerator } from './ids.js';

export const clock = systemClock();
export const ids = ulidGenerator(() => clock.now().getTime());
