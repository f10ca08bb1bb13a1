// Send windows (发送时段): marketing SMS go out only between a start and an end time of day,
// Asia/Shanghai (default 08:00–20:00, the usual commitment to customers and carriers for marketing
// SMS; OCRM_SMS_SEND_WINDOW or a campaign's own window narrows or moves it). A message that falls
// outside waits for the next window.
// Pure: the instant is passed in.
import { SHANGHAI_OFFSET_MS } from '#shared/clock.js';

export interface SendWindow {
  /** `HH:MM`, Asia/Shanghai, inclusive. */
  start: string;
  /** `HH:MM`, Asia/Shanghai, exclusive. */
  end: string;
}

export const DEFAULT_SEND_WINDOW: SendWindow = { start: '08:00', end: '20:00' };

const DAY_MS = 24 * 60 * 60 * 1000;

export const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The bank-wide window from `OCRM_SMS_SEND_WINDOW` (`08:00-20:00`), else the default. */
export const bankSendWindow = (env: NodeJS.ProcessEnv = process.env): SendWindow => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(env.OCRM_SMS_SEND_WINDOW ?? '');
  return match ? { start: `${match[1]}:${match[2]}`, end: `${match[3]}:${match[4]}` } : DEFAULT_SEND_WINDOW;
};

/** Milliseconds since Shanghai midnight of `at`, and that midnight as an instant. */
const shanghaiDay = (at: Date): { midnight: number; sinceMidnight: number } => {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const sinceMidnight = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  return { midnight: at.getTime() - sinceMidnight, sinceMidnight };
};

export const inWindow = (at: Date, window: SendWindow): boolean => {
  const { sinceMidnight } = shanghaiDay(at);
  return sinceMidnight >= minutesOf(window.start) * 60_000 && sinceMidnight < minutesOf(window.end) * 60_000;
};

/** `at` itself when inside the window, else the next opening of the window. */
export const nextWindowOpening = (at: Date, window: SendWindow): Date => {
  if (inWindow(at, window)) return at;
  const { midnight, sinceMidnight } = shanghaiDay(at);
  const opens = minutesOf(window.start) * 60_000;
  return new Date(sinceMidnight < opens ? midnight + opens : midnight + DAY_MS + opens);
};

/** The later start and the earlier end: a campaign never widens the bank's window. */
export const intersectWindows = (a: SendWindow, b: SendWindow): SendWindow => ({
  start: minutesOf(a.start) >= minutesOf(b.start) ? a.start : b.start,
  end: minutesOf(a.end) <= minutesOf(b.end) ? a.end : b.end,
});
