/**
 * The job lifecycle in one table: which state may follow which. Every change of a job's state
 * goes through `checkTransition`; the engine refuses whatever the table does not allow, so a late
 * answer (a poll after a cancel, a retry racing a result) can never move a job backwards.
 */

import { JOB_STATES, type JobRecord, type JobState } from '../../shared/jobs';

/** The states each state may move to. Final states move only by a retry the person asks for. */
export const TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  // The check on this computer passed (or not).
  checking: ['waiting', 'failed', 'canceled'],
  // An upload slot came free.
  waiting: ['uploading', 'failed', 'canceled'],
  // Uploaded; or interrupted (network, shutdown) and waiting for another try.
  uploading: ['submitting', 'waiting', 'failed', 'canceled'],
  // The service created the job (pending or already running).
  submitting: ['queued', 'processing', 'failed', 'canceled'],
  queued: ['processing', 'succeeded', 'failed', 'canceled'],
  processing: ['succeeded', 'failed', 'canceled'],
  succeeded: [],
  // A retry starts again from the first step that still needs doing.
  failed: ['checking', 'waiting', 'submitting', 'queued'],
  canceled: ['checking', 'waiting', 'submitting', 'queued'],
};

export function canMove(from: JobState, to: JobState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A job record's fields other than its state and bookkeeping: what a step may change itself. */
export type JobPatch = Partial<Omit<JobRecord, 'state' | 'id' | 'revision' | 'batchId'>>;

export class IllegalTransitionError extends Error {
  constructor(
    readonly jobId: string,
    readonly from: JobState,
    readonly to: JobState,
  ) {
    super(`job ${jobId}: ${from} → ${to} is not a move the lifecycle allows`);
    this.name = 'IllegalTransitionError';
  }
}

/** Throws unless `job` may move to `to`. */
export function checkTransition(job: Pick<JobRecord, 'id' | 'state'>, to: JobState): void {
  if (!canMove(job.state, to)) throw new IllegalTransitionError(job.id, job.state, to);
}

/** Every pair the table allows, for tests and documentation. */
export function allowedMoves(): [JobState, JobState][] {
  return JOB_STATES.flatMap((from) =>
    TRANSITIONS[from].map((to): [JobState, JobState] => [from, to]),
  );
}
