// List and replay dead letters. A replay attempt is claimed first (a conditional write with its
// audit entry), so two clicks, two tabs or two administrators run the batch once; the claim is keyed
// by the letter's replay count, so a failed replay can be tried again later as a new attempt.
import { Conflict, Forbidden, NotFound } from '#shared/errors.js';
import { atHeadOffice } from '#shared/auth/scope.js';
import { auditEntry } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { redactText } from '#shared/logging/redact.js';
import type { DeadLetter, DeadLetterQueues, ReplayClaim, ReplayClaims } from './ports.js';

export interface DeadLetterDeps {
  queues: DeadLetterQueues;
  claims: ReplayClaims;
}

/** A claim still `running` after this long is taken to have died with its invocation. */
export const STALE_CLAIM_MS = 15 * 60_000;

// Dead letters are the whole system's: an administrator of a branch has no business with them.
const mustBeHeadOffice = (ctx: Pick<RequestContext, 'caller'>) => {
  if (!atHeadOffice(ctx.caller)) throw new Forbidden('Dead letters are handled by the head office.');
};

export const listDeadLetters = async (
  deps: Pick<DeadLetterDeps, 'queues'>,
  ctx: Pick<RequestContext, 'caller'>,
): Promise<DeadLetter[]> => {
  mustBeHeadOffice(ctx);
  return (await deps.queues.list())
    .map((letter) => ({
      ...letter,
      error: redactText(letter.error),
      ...(letter.lastReplayError ? { lastReplayError: redactText(letter.lastReplayError) } : {}),
    }))
    .sort((a, b) => a.failedAt.localeCompare(b.failedAt) || a.id.localeCompare(b.id));
};

export interface ReplayAnswer {
  deadLetterId: string;
  attempt: number;
  outcome: 'replayed' | 'failed';
  error?: string;
  remaining?: number;
}

const alreadyReplayed = (claim: ReplayClaim) =>
  new Conflict(
    claim.status === 'running'
      ? `Dead letter ${claim.deadLetterId} is being replayed by ${claim.claimedBy} since ${claim.claimedAt}.`
      : `Dead letter ${claim.deadLetterId} was replayed by ${claim.claimedBy} at ${claim.claimedAt} (${claim.status}).`,
  );

export const replayDeadLetter = async (
  deps: DeadLetterDeps,
  ctx: RequestContext,
  deadLetterId: string,
): Promise<ReplayAnswer> => {
  mustBeHeadOffice(ctx);
  const letter = await deps.queues.get(deadLetterId);
  if (!letter) {
    // gone: replayed successfully before (say so), or never there
    const latest = await deps.claims.latest(deadLetterId);
    if (latest) throw alreadyReplayed(latest);
    throw new NotFound(`Dead letter ${deadLetterId}`);
  }
  const now = ctx.clock.now();
  const claim: ReplayClaim = {
    deadLetterId,
    attempt: letter.replays,
    status: 'running',
    claimedBy: ctx.caller.staffId,
    claimedAt: now.toISOString(),
  };
  const detail = {
    mapping: letter.mapping,
    consumer: letter.consumer,
    recordCount: letter.recordCount,
    attempt: claim.attempt,
  };
  const claimed = await deps.claims.claim(
    claim,
    auditEntry(auditContext(ctx), `dead-letter#${deadLetterId}`, 'dead-letter.replay', { detail }),
    new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
  );
  if (!claimed) {
    const latest = await deps.claims.latest(deadLetterId);
    throw alreadyReplayed(latest ?? claim);
  }
  const replayed = await deps.queues.replay(deadLetterId);
  // an error message is the consumer's: it may quote a record
  const result = replayed.ok ? replayed : { ...replayed, error: redactText(replayed.error) };
  const finished: ReplayClaim = {
    ...claim,
    status: result.ok ? 'replayed' : 'failed',
    finishedAt: ctx.clock.now().toISOString(),
    ...(result.ok ? {} : { error: result.error, remaining: result.remaining }),
  };
  await deps.claims.finish(
    finished,
    auditEntry(
      auditContext(ctx),
      `dead-letter#${deadLetterId}`,
      result.ok ? 'dead-letter.replayed' : 'dead-letter.replay-failed',
      { detail: { ...detail, ...(result.ok ? {} : { remaining: result.remaining }) } },
    ),
  );
  return {
    deadLetterId,
    attempt: claim.attempt,
    outcome: result.ok ? 'replayed' : 'failed',
    ...(result.ok ? {} : { error: result.error, remaining: result.remaining }),
  };
};
