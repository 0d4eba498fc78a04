/** The lifecycle table, read as the specification of how a job may move. */

import { describe, expect, it } from 'vitest';
import {
  allowedMoves,
  canMove,
  checkTransition,
  IllegalTransitionError,
} from '../../../src/core/jobs/lifecycle';
import { JOB_STATES, type JobState } from '../../../src/shared/jobs';

/** Written out by hand from docs/architecture.md, independent of the table it checks. */
const SPEC: [JobState, JobState][] = [
  ['checking', 'waiting'],
  ['checking', 'failed'],
  ['checking', 'canceled'],
  ['waiting', 'uploading'],
  ['waiting', 'failed'],
  ['waiting', 'canceled'],
  ['uploading', 'submitting'],
  ['uploading', 'waiting'],
  ['uploading', 'failed'],
  ['uploading', 'canceled'],
  ['submitting', 'queued'],
  ['submitting', 'processing'],
  ['submitting', 'failed'],
  ['submitting', 'canceled'],
  ['queued', 'processing'],
  ['queued', 'succeeded'],
  ['queued', 'failed'],
  ['queued', 'canceled'],
  ['processing', 'succeeded'],
  ['processing', 'failed'],
  ['processing', 'canceled'],
  ['failed', 'checking'],
  ['failed', 'waiting'],
  ['failed', 'submitting'],
  ['failed', 'queued'],
  ['canceled', 'checking'],
  ['canceled', 'waiting'],
  ['canceled', 'submitting'],
  ['canceled', 'queued'],
];

const key = ([from, to]: [JobState, JobState]) => `${from} → ${to}`;

describe('the job lifecycle table', () => {
  it('allows exactly the moves of the specification', () => {
    expect(allowedMoves().map(key).sort()).toEqual(SPEC.map(key).sort());
  });

  it('refuses every other move, naming it', () => {
    const allowed = new Set(SPEC.map(key));
    for (const from of JOB_STATES) {
      for (const to of JOB_STATES) {
        if (allowed.has(key([from, to]))) continue;
        expect(canMove(from, to), key([from, to])).toBe(false);
        expect(() => checkTransition({ id: 'job-1', state: from }, to)).toThrow(
          IllegalTransitionError,
        );
      }
    }
  });

  it('never moves a succeeded job: its result is saved and stays', () => {
    for (const to of JOB_STATES) expect(canMove('succeeded', to)).toBe(false);
  });

  it('lets a canceled job come back only through a retry, never to a service state by a poll alone', () => {
    expect(canMove('canceled', 'processing')).toBe(false);
    expect(canMove('canceled', 'succeeded')).toBe(false);
    expect(canMove('canceled', 'uploading')).toBe(false);
  });

  it('never goes backwards at the service', () => {
    expect(canMove('processing', 'queued')).toBe(false);
    expect(canMove('queued', 'submitting')).toBe(false);
  });
});
