/**
 * Submitting a job without ever paying twice. The intent (with the service's clock) is saved
 * before the POST (`/v1/diarize`, or `/v1/identify` for a job that recognises known voices); if the answer is lost, the job is looked up in GET /v2/jobs by its creation
 * time instead of being sent again. Submits run one at a time, so at most one of our jobs can be
 * created in any submit window, which makes that lookup unambiguous for our own jobs.
 *
 * The lookup starts at once and is repeated shortly (after 2 s and 5 s): a job created by the
 * lost request shows up in the list within moments, so the case is decided within seconds rather
 * than after the whole submit deadline. The window it accepts still reaches as far as the request
 * could have reached the service: up to the deadline for a request that ran into the client's
 * timeout, and a few seconds past its end for one that failed early (an error answer, a reset).
 */

import type { JobRecord } from '../../shared/jobs';
import { DiaristError, isDiaristError } from '../errors';
import { normalizeStatus } from '../pyannote/job-status';
import type { JobCreated, JobListItem } from '../pyannote/client';
import type { EngineContext } from './context';
import { voicesToSend, type ChosenVoice } from './recognition';
import { PRIORITY } from './rate-budget';
import { sleep } from '../retry/backoff';

/** Answers that prove the service did not create a job. */
const NOT_CREATED = new Set([
  'invalid-request',
  'unauthorized',
  'payment-required',
  'rate-limited',
  'missing-key',
]);

/** Added around the submit window for clock resolution and request latency. */
const WINDOW_SLACK_MS = 2_000;
/** Above this, the service's clock is not known yet. */
const UNSYNCED_CLOCK_MS = 60_000;
/** Pages of the job list read at most when looking for a lost submit. */
const MAX_LOOKUP_PAGES = 20;
/** When the list is read after a lost answer: at once, then again shortly. */
export const LOOKUP_SCHEDULE_MS = [0, 2_000, 5_000] as const;
/** How long after a request ended the service may still create the job it was asked for. */
const SETTLE_MS = 5_000;
/** Reads of the list tried again when the last scheduled one fails. */
const EXTRA_READS = 3;

export type SubmitOutcome =
  | { kind: 'submitted'; serviceJobId: string; status: string; warning?: string }
  /** `lookedUp`: the list was checked for it, which took its own few seconds. */
  | { kind: 'not-created'; error: DiaristError; lookedUp?: boolean }
  | { kind: 'unconfirmed'; candidates: number };

export async function runSubmitStep(
  ctx: EngineContext,
  job: JobRecord,
  signal: AbortSignal,
): Promise<SubmitOutcome> {
  if (!job.mediaUrl)
    throw new DiaristError('invalid-request', 'Internal error: the job has no uploaded media.', {
      detail: 'submit without mediaUrl',
      key: 'submit.noMedia',
    });
  if (job.submitIntent && !job.serviceJobId) {
    // A submit of this job may have reached the service before: find it before anything else.
    const found = await findLostSubmit(ctx, job, signal);
    if (found.kind !== 'not-created') return found;
  }
  // An identification job reads its voices now: voices deleted since the batch started are left
  // out, and a job with none left is not sent at all.
  const { recognise } = job.options;
  let voices: ChosenVoice[] | undefined;
  if (recognise) {
    const chosen = await voicesToSend(ctx.voiceprints, recognise.voiceIds);
    if (!chosen.ok) return { kind: 'not-created', error: chosen.error };
    voices = chosen.voices;
  }
  if (ctx.client.serverClock().uncertaintyMs > UNSYNCED_CLOCK_MS) {
    // Learn the service's time first (any answer's Date header), so the window stays narrow.
    await ctx.api(PRIORITY.submit, () => ctx.client.listJobs({ limit: 1 }, signal), signal);
  }
  const clock = ctx.client.serverClock();
  const intent = {
    atMs: ctx.now(),
    serverTimeMs: clock.nowMs - clock.uncertaintyMs,
    deadlineServerTimeMs: clock.nowMs + clock.uncertaintyMs + ctx.submitDeadlineMs,
  };
  // The voices' names are kept with the intent: a lost answer found later still names them.
  ctx.update(job.id, {
    submitIntent: intent,
    recognisedVoices: voices?.map(({ id, name }) => ({ id, name })),
  });
  await ctx.store.flush();
  const mediaUrl = job.mediaUrl;
  const send = (): Promise<JobCreated> =>
    recognise && voices
      ? ctx.client.identify(
          mediaUrl,
          { ...job.options, recognise },
          voices.map(({ id, voiceprint }) => ({ label: id, voiceprint })),
          signal,
        )
      : ctx.client.diarize(mediaUrl, job.options, signal);
  try {
    const created = await ctx.api(PRIORITY.submit, send);
    return {
      kind: 'submitted',
      serviceJobId: created.jobId,
      status: normalizeStatus(created.status),
      ...(created.warning ? { warning: created.warning } : {}),
    };
  } catch (error) {
    const failure = isDiaristError(error)
      ? error
      : new DiaristError('network', 'The connection failed.', {
          retryable: true,
          key: 'submit.connectionFailed',
        });
    if (NOT_CREATED.has(failure.code)) return { kind: 'not-created', error: failure };
    // Canceled, reset, timed out or 5xx: the job may exist. Look before sending again.
    const found = await findLostSubmit(ctx, { ...job, submitIntent: intent }, signal);
    return found.kind === 'not-created'
      ? { kind: 'not-created', error: failure, ...(found.lookedUp ? { lookedUp: true } : {}) }
      : found;
  }
}

/**
 * Looks in the service's job list for a job created inside this job's submit window that no
 * other record claims: at once, then after 2 s and 5 s, and once more at the window's end if
 * that is later (a request that ran into the client's timeout). One candidate is ours; more than
 * one cannot be told apart, so it fails safe; none once the window has closed means nothing was
 * created. A read that fails is tried again at the next check; if the last one fails too, the
 * error goes up and the saved intent makes the next attempt look again first.
 */
async function findLostSubmit(
  ctx: EngineContext,
  job: JobRecord,
  signal: AbortSignal,
): Promise<SubmitOutcome> {
  const intent = job.submitIntent;
  if (!intent)
    return {
      kind: 'not-created',
      error: new DiaristError('network', 'No submit recorded.', {
        retryable: true,
        key: 'submit.noIntent',
      }),
    };
  const from = intent.serverTimeMs - WINDOW_SLACK_MS;
  const serverNow = () => ctx.client.serverClock().nowMs;
  const deadline = intent.deadlineServerTimeMs + WINDOW_SLACK_MS;
  // The request has ended (answered, reset, timed out; or its process is gone, for an intent
  // from an earlier run): the service may still finish creating its job for a few seconds.
  const earlierRun = intent.atMs < ctx.startedAtMs;
  const settle = earlierRun ? WINDOW_SLACK_MS : SETTLE_MS + WINDOW_SLACK_MS;
  const until = Math.min(deadline, serverNow() + settle);
  const startedAt = ctx.now();
  // A window that closed already (an intent older than its deadline, e.g. looked up again after an
  // outage) needs one read: nothing can be created in it any more.
  const checks =
    until <= serverNow() ? [startedAt] : LOOKUP_SCHEDULE_MS.map((offset) => startedAt + offset);
  const lastCheckAt = startedAt + Math.max(0, until - serverNow());
  if (lastCheckAt > startedAt + SETTLE_MS) checks.push(lastCheckAt);
  // A failed last read is tried again a few times, a second apart, before giving the error up.
  let retriesLeft = EXTRA_READS;
  for (const [index, at] of checks.entries()) {
    const waitMs = at - ctx.now();
    if (waitMs > 0) await sleep(waitMs, signal);
    let candidates: JobListItem[];
    try {
      candidates = await unclaimedInWindow(ctx, from, until, signal);
    } catch (error) {
      const final = index === checks.length - 1;
      if (!isDiaristError(error) || !error.retryable || (final && retriesLeft === 0)) throw error;
      if (final) {
        retriesLeft -= 1;
        checks.push(ctx.now() + 1_000);
      }
      continue;
    }
    if (candidates.length === 1) {
      const [match] = candidates as [JobListItem];
      return { kind: 'submitted', serviceJobId: match.id, status: normalizeStatus(match.status) };
    }
    if (candidates.length > 1) return { kind: 'unconfirmed', candidates: candidates.length };
  }
  return {
    kind: 'not-created',
    lookedUp: true,
    error: new DiaristError('network', 'The job did not reach pyannoteAI; sending it again.', {
      retryable: true,
      key: 'submit.notReached',
    }),
  };
}

/**
 * Jobs at the service created in [from, until] (service time) that none of our records claims,
 * and that this client did not hear created for another request (a voiceprint being made for
 * "Remember this voice" is no job of the list, and not the one lost).
 */
async function unclaimedInWindow(
  ctx: EngineContext,
  from: number,
  until: number,
  signal: AbortSignal,
): Promise<JobListItem[]> {
  const claimed = new Set(ctx.store.all().flatMap((r) => (r.serviceJobId ? [r.serviceJobId] : [])));
  for (const id of ctx.client.createdJobIds?.() ?? []) claimed.add(id);
  const candidates: JobListItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
    const result = await ctx.api(
      PRIORITY.submit,
      () => ctx.client.listJobs({ limit: 100, ...(cursor ? { cursor } : {}) }, signal),
      signal,
    );
    let reachedOlder = false;
    for (const item of result.items) {
      const created = Date.parse(item.createdAt);
      if (Number.isNaN(created)) continue;
      if (created < from) reachedOlder = true;
      else if (created <= until && !claimed.has(item.id)) candidates.push(item);
    }
    if (reachedOlder || !result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return candidates;
}
