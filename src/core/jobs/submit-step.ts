/**
 * Submitting a job without ever paying twice. The intent (with the service's clock) is saved
 * before the POST; if the answer is lost, the job is looked up in GET /v2/jobs by its creation
 * time instead of being sent again. Submits run one at a time, so at most one of our jobs can be
 * created in any submit window, which makes that lookup unambiguous for our own jobs.
 */

import type { JobRecord } from '../../shared/jobs';
import { DiaristError, isDiaristError } from '../errors';
import { normalizeStatus } from '../pyannote/job-status';
import type { JobListItem } from '../pyannote/client';
import type { EngineContext } from './context';
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

export type SubmitOutcome =
  | { kind: 'submitted'; serviceJobId: string; status: string; warning?: string }
  | { kind: 'not-created'; error: DiaristError }
  | { kind: 'unconfirmed'; candidates: number };

export async function runSubmitStep(
  ctx: EngineContext,
  job: JobRecord,
  signal: AbortSignal,
): Promise<SubmitOutcome> {
  if (!job.mediaUrl)
    throw new DiaristError('invalid-request', 'Internal error: the job has no uploaded media.', {
      detail: 'submit without mediaUrl',
    });
  if (job.submitIntent && !job.serviceJobId) {
    // A submit of this job may have reached the service before: find it before anything else.
    const found = await findLostSubmit(ctx, job, signal);
    if (found.kind !== 'not-created') return found;
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
  ctx.update(job.id, { submitIntent: intent });
  await ctx.store.flush();
  const mediaUrl = job.mediaUrl;
  try {
    const created = await ctx.api(PRIORITY.submit, () =>
      ctx.client.diarize(mediaUrl, job.options, signal),
    );
    return {
      kind: 'submitted',
      serviceJobId: created.jobId,
      status: normalizeStatus(created.status),
      ...(created.warning ? { warning: created.warning } : {}),
    };
  } catch (error) {
    const failure = isDiaristError(error)
      ? error
      : new DiaristError('network', 'The connection failed.', { retryable: true });
    if (NOT_CREATED.has(failure.code)) return { kind: 'not-created', error: failure };
    // Canceled, reset, timed out or 5xx: the job may exist. Look before sending again.
    const found = await findLostSubmit(ctx, { ...job, submitIntent: intent }, signal);
    return found.kind === 'not-created' ? { kind: 'not-created', error: failure } : found;
  }
}

/**
 * Looks in the service's job list for a job created inside this job's submit window that no
 * other record claims. Waits until the window has closed, so a slow submit cannot land after we looked.
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
      error: new DiaristError('network', 'No submit recorded.', { retryable: true }),
    };
  const from = intent.serverTimeMs - WINDOW_SLACK_MS;
  // An intent from an earlier run: that process and its request are gone, so a job it created
  // exists by now (give the service a moment to finish an orphaned request).
  const earlierRun = intent.atMs < ctx.startedAtMs;
  const deadline = intent.deadlineServerTimeMs + WINDOW_SLACK_MS;
  const until = earlierRun
    ? Math.min(deadline, ctx.client.serverClock().nowMs + WINDOW_SLACK_MS)
    : deadline;
  const waitMs = until - ctx.client.serverClock().nowMs;
  if (waitMs > 0) await sleep(waitMs, signal);
  const claimed = new Set(ctx.store.all().flatMap((r) => (r.serviceJobId ? [r.serviceJobId] : [])));
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
  if (candidates.length === 1) {
    const [match] = candidates as [JobListItem];
    return { kind: 'submitted', serviceJobId: match.id, status: normalizeStatus(match.status) };
  }
  if (candidates.length === 0) {
    return {
      kind: 'not-created',
      error: new DiaristError('network', 'The job did not reach pyannoteAI; sending it again.', {
        retryable: true,
      }),
    };
  }
  return { kind: 'unconfirmed', candidates: candidates.length };
}
