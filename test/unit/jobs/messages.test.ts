import { describe, expect, it } from 'vitest';
import {
  CANCELED_AT_SERVICE_NOTE,
  resultExpired,
  serviceFailure,
  serviceLostJob,
  submitUnconfirmed,
} from '../../../src/core/jobs/messages';

describe('words for what the service reports about a job', () => {
  it('a recording the service could not load: convert it, retrying as is will not help', () => {
    const error = serviceFailure('  Could not load audio file  ', 'svc-1');
    expect(error).toEqual({
      code: 'unsupported-file',
      key: 'job.serviceCouldNotRead',
      message:
        'pyannoteAI could not read the recording. Try converting it to WAV or MP3, then add it again.',
      detail: 'pyannoteAI job svc-1 failed: "Could not load audio file"',
      retryable: false,
    });
  });

  it('any other failure: retry once, then convert and contact support', () => {
    const error = serviceFailure('GPU fell over', 'svc-2');
    expect(error).toMatchObject({
      code: 'server-error',
      retryable: true,
      detail: 'pyannoteAI job svc-2 failed: "GPU fell over"',
    });
    expect(error.message).toMatch(/^pyannoteAI could not process this recording\. Retry once;/);
    expect(error.message).toMatch(/contact pyannoteAI support/);
  });

  it('says only that the job failed when the service gave no reason, and cuts a long one', () => {
    expect(serviceFailure(undefined, 'svc-3').detail).toBe('pyannoteAI job svc-3 failed');
    expect(serviceFailure('   ', 'svc-3').detail).toBe('pyannoteAI job svc-3 failed');
    expect(serviceFailure(undefined, 'svc-3').code).toBe('server-error');
    expect(serviceFailure('e'.repeat(500), 'svc-4').detail).toBe(
      `pyannoteAI job svc-4 failed: "${'e'.repeat(300)}"`,
    );
  });

  it('expired and lost jobs are retryable and say so', () => {
    expect(resultExpired('svc-5')).toMatchObject({
      code: 'result-expired',
      retryable: true,
      detail: 'pyannoteAI job svc-5 has no output any more',
    });
    expect(resultExpired('svc-5').message).toMatch(/expired.*24 hours.*Retry/);
    expect(serviceLostJob('svc-6')).toEqual({
      code: 'not-found',
      key: 'job.serviceLostJob',
      message: 'pyannoteAI no longer knows this job. Retry to run the recording again.',
      detail: 'pyannoteAI job svc-6 answered 404',
      retryable: true,
    });
  });

  it('an unconfirmed submit is not retried on its own: check the dashboard first', () => {
    const error = submitUnconfirmed(3);
    expect(error).toMatchObject({
      code: 'submit-unconfirmed',
      retryable: false,
      detail: '3 unclaimed jobs were created at the service in the submit window',
    });
    expect(error.message).toMatch(
      /To avoid paying twice.*Check the jobs in the pyannoteAI dashboard/,
    );
    expect(CANCELED_AT_SERVICE_NOTE).toMatch(/cannot stop a job.*no longer follows it/);
  });
});
