// Times as people at the bank read them: Beijing time, and what is left before a deadline.
import type { Translate } from './i18n/i18n';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "2026-12-07 09:30" in Beijing time. */
export const formatDateTime = (iso: string): string => {
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
};

/** "2026-12-07" from an ISO date or instant. */
export const formatDate = (iso: string): string =>
  iso.length <= 10 ? iso : formatDateTime(iso).slice(0, 10);

/** "2 天 3 小时", "5 小时 20 分钟", "12 分钟": the two largest units of a duration. */
export const formatDuration = (ms: number, t: Translate): string => {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0)
    return [t('time.days', { n: days }), hours ? t('time.hours', { n: hours }) : ''].join(' ').trim();
  if (hours > 0)
    return [t('time.hours', { n: hours }), mins ? t('time.minutes', { n: mins }) : ''].join(' ').trim();
  return t('time.minutes', { n: mins });
};

/** What an SLA says now: time left, or overdue by how much. */
export const slaText = (
  dueAt: string,
  t: Translate,
  now = Date.now(),
): { text: string; overdue: boolean } => {
  const left = Date.parse(dueAt) - now;
  return left >= 0
    ? { text: t('wb.slaLeft', { time: formatDuration(left, t) }), overdue: false }
    : { text: t('wb.overdue', { time: formatDuration(-left, t) }), overdue: true };
};
