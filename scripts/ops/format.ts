// What the ops commands print: plain text for a terminal (or JSON with --json). Pure.
import type { MonthCloseProgress } from '#shared/tiering/api.js';
import type { ListedDeadLetter, ReplayedLetter } from './dead-letters.js';
import type { PauseAnswer } from './campaign.js';
import type { StatusReport } from './status.js';

const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
};

/** Milliseconds as a person reads an age: `850ms`, `42s`, `7m 05s`. */
export const age = (ms: number): string => {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
};

/** Fen as yuan with two decimals: 1234567 → `¥12,345.67`. */
export const yuan = (fen: number): string =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const formatMonthClose = (month: string, progress: MonthCloseProgress | undefined): string => {
  if (!progress) return `month close ${month}: not run`;
  const head =
    `month close ${month}: pass ${progress.pass} ${progress.status}, ` +
    `${progress.segmentsDone}/${progress.totalSegments} segments done, ${progress.customers} customers, ` +
    `${progress.changed} tier changes (started ${progress.startedAt}` +
    (progress.finishedAt ? `, finished ${progress.finishedAt})` : ')');
  return head;
};

export const formatStatus = (report: StatusReport): string => {
  const r = report.resources;
  const lines = [
    `stack ${report.stack} at ${report.at}`,
    `resources: ${r.functions} functions, ${r.mappings} stream mappings, ${r.queues} dead-letter queues, ${r.tables} tables` +
      (r.unplaced
        ? ` (${r.unplaced} resources without a construct path: deployed without path metadata?)`
        : ''),
    '',
    table(
      ['stream mapping', 'iterator age (max 15 min)'],
      report.mappings.map((m) => [m.name, m.iteratorAgeMs === undefined ? 'no data' : age(m.iteratorAgeMs)]),
    ),
    '',
    table(
      ['dead-letter queue', 'messages', 'in flight'],
      report.deadLetters.map((q) => [q.name, String(q.visible), String(q.inFlight)]),
    ),
    '',
    formatMonthClose(report.monthClose.month, report.monthClose.progress),
    `SMS spend ${report.sms.month} (${report.sms.channel}): ${yuan(report.sms.spentFen)}` +
      (report.sms.budgetFen !== undefined
        ? ` of ${yuan(report.sms.budgetFen)} (${((100 * report.sms.spentFen) / report.sms.budgetFen).toFixed(1)}%)`
        : ''),
  ];
  const waiting = report.deadLetters.filter((q) => q.visible + q.inFlight > 0);
  if (waiting.length) {
    lines.push(
      '',
      `dead letters waiting in ${waiting.length} queue(s): npm run ops -- dead-letters list <mapping>`,
    );
  }
  return lines.join('\n');
};

export const formatDeadLetters = (mapping: string, letters: ListedDeadLetter[]): string => {
  if (letters.length === 0) return `${mapping}: no dead letters`;
  return [
    `${mapping}: ${letters.length} dead letter(s)`,
    table(
      ['message', 'failed at', 'condition', 'records', 'first sequence number', 'shard'],
      letters.map((l) =>
        l.readable
          ? [
              l.messageId,
              l.failedAt ?? '?',
              l.condition,
              String(l.batch.batchSize),
              l.batch.startSequenceNumber,
              l.batch.shardId,
            ]
          : [l.messageId, '?', `unreadable: ${l.error}`, '?', '?', '?'],
      ),
    ),
  ].join('\n');
};

export const formatReplay = (mapping: string, results: ReplayedLetter[]): string => {
  if (results.length === 0) return `${mapping}: no dead letters to replay`;
  const replayed = results.filter((r) => r.outcome === 'replayed').length;
  return [
    `${mapping}: ${replayed} of ${results.length} dead letter(s) replayed`,
    table(
      ['message', 'outcome', 'records', 'remaining', 'error'],
      results.map((r) => [
        r.messageId,
        r.outcome,
        String(r.records),
        r.remaining === undefined ? '' : String(r.remaining),
        r.error ?? '',
      ]),
    ),
  ].join('\n');
};

export const formatPause = (campaignId: string, answer: PauseAnswer): string => {
  if (answer.status >= 200 && answer.status < 300) {
    const status = (answer.body as { status?: string } | undefined)?.status ?? 'paused';
    return `campaign ${campaignId}: ${status}`;
  }
  const problem = answer.body as { title?: string; detail?: string } | undefined;
  return `campaign ${campaignId}: not paused (${answer.status} ${problem?.title ?? ''}${problem?.detail ? `: ${problem.detail}` : ''})`;
};
