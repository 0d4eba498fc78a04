/** Plain words for what the service reports about a job. */

import type { ErrorInfo } from '../../shared/errors';

/**
 * Turns the service's `output.error` of a failed job into advice a person can follow; `source`
 * keeps it from telling someone to convert a WAV to WAV.
 */
export function serviceFailure(
  serviceMessage: string | undefined,
  serviceJobId: string,
  source?: { name: string; container?: string },
): ErrorInfo {
  const said = serviceMessage?.trim();
  const detail = `pyannoteAI job ${serviceJobId} failed${said ? `: "${said.slice(0, 300)}"` : ''}`;
  if (said && /could not load audio/i.test(said)) {
    const wav = source?.container === 'wav' || /\.wav$/i.test(source?.name ?? '');
    if (wav) {
      return {
        code: 'unsupported-file',
        key: 'job.serviceCouldNotReadWav',
        message:
          'pyannoteAI could not read the recording. Check that it plays on this computer; if it does, convert it to MP3 (for example with Audacity or VLC) and add the converted copy.',
        detail,
        retryable: false,
      };
    }
    return {
      code: 'unsupported-file',
      key: 'job.serviceCouldNotRead',
      message:
        'pyannoteAI could not read the recording. Try converting it to WAV or MP3, then add it again.',
      detail,
      retryable: false,
    };
  }
  return {
    code: 'server-error',
    key: 'job.serviceFailed',
    message:
      'pyannoteAI could not process this recording. Retry once; if it fails again, contact pyannoteAI support with the details below.',
    detail,
    retryable: true,
  };
}

export function resultExpired(serviceJobId: string): ErrorInfo {
  return {
    code: 'result-expired',
    key: 'job.resultExpired',
    message:
      'The result expired at pyannoteAI before Diarist could save it (results are kept for 24 hours). Retry to run the recording again.',
    detail: `pyannoteAI job ${serviceJobId} has no output any more`,
    retryable: true,
  };
}

export function serviceLostJob(serviceJobId: string): ErrorInfo {
  return {
    code: 'not-found',
    key: 'job.serviceLostJob',
    message: 'pyannoteAI no longer knows this job. Retry to run the recording again.',
    detail: `pyannoteAI job ${serviceJobId} answered 404`,
    retryable: true,
  };
}

export function submitUnconfirmed(candidates: number): ErrorInfo {
  return {
    code: 'submit-unconfirmed',
    key: 'job.submitUnconfirmed',
    message:
      'The connection dropped while the job was being sent, and Diarist cannot tell for sure whether pyannoteAI received it. To avoid paying twice, it did not send it again. Check the jobs in the pyannoteAI dashboard; choose Retry only if the job is not there.',
    detail: `${candidates} unclaimed jobs were created at the service in the submit window`,
    retryable: false,
  };
}

export const CANCELED_AT_SERVICE_NOTE =
  'pyannoteAI cannot stop a job once it has it: it finishes there (and may be billed), but Diarist no longer follows it.';
