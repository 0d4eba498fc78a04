/**
 * "Remember this voice": cut up to 30 s of a named speaker talking alone from a result's
 * recording, send that clip (a `media://` key from its content, as recordings are sent), have
 * pyannoteAI make a voiceprint of it (`POST /v1/voiceprint`, then `GET /v1/jobs/{id}` until it is
 * done), and keep the voiceprint in the encrypted library.
 *
 * Not a job of the job list and not durable: a quit or a cancel simply ends it (the person tries
 * again). The clip is removed whatever happens.
 */

import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRecord } from '../../shared/jobs';
import type { SavedResult } from '../../shared/result';
import type { RememberPhase, VoiceView } from '../../shared/voices';
import { DiaristError, isDiaristError } from '../errors';
import { silentLogger, type Logger } from '../logging/logger';
import { isAbortError, partialPathOf } from '../media/prepare/output-file';
import { isTerminalStatus, normalizeStatus } from '../pyannote/job-status';
import type { PyannoteClient } from '../pyannote/client';
import { backoffDelayMs, canceled, sleep as plainSleep } from '../retry/backoff';
import { hashFile, mediaUrlForContent } from '../upload/media-key';
import type { Uploader } from '../upload/uploader';
import { chooseClipRanges, cutClip } from './clip';
import type { VoiceLibrary } from './library';

/** The model voiceprints are made with (and identification runs with). */
export const VOICEPRINT_MODEL = 'precision-2';

export interface RememberDeps {
  dataDir: string;
  client: Pick<PyannoteClient, 'createVoiceprint' | 'getJob'>;
  uploader: Uploader;
  library: VoiceLibrary;
  job(id: string): JobRecord | undefined;
  result(id: string): Promise<SavedResult | undefined>;
  logger?: Logger;
  /** First wait between two looks at the voiceprint job; it grows to `maxPollMs`. */
  pollMs?: number;
  maxPollMs?: number;
  /** Diarist stops waiting for the voiceprint after this long. */
  deadlineMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface RememberInput {
  jobId: string;
  speaker: string;
  name: string;
  signal?: AbortSignal;
  onProgress?: (phase: RememberPhase, fraction?: number) => void;
}

/** Requests that fail for a moment (network, the service's side) are tried this many times. */
const ATTEMPTS = 4;

function resultNotFound(): DiaristError {
  return new DiaristError(
    'not-found',
    'This recording has no saved result any more, so there is no speaker to take the voice from. Run it again, then remember the voice from the new result.',
    { key: 'voices.resultNotFound' },
  );
}

function recordingMoved(detail: string): DiaristError {
  return new DiaristError(
    'source-missing',
    'The recording is no longer where it was added, so the voice cannot be cut from it. Use Locate file… on its row to show Diarist where it is now, then try again.',
    { key: 'voices.recordingMoved', detail },
  );
}

function noNetwork(detail: string | undefined): DiaristError {
  return new DiaristError(
    'network',
    'Diarist could not reach pyannoteAI, so the voice was not remembered. Check the Internet connection, then try again.',
    { key: 'voices.noNetwork', retryable: true, ...(detail ? { detail } : {}) },
  );
}

/** The service's own words for a failed voiceprint, when it gave any (never more than a line). */
export function voiceprintFailed(reason: string | undefined, detail: string): DiaristError {
  const said = reason?.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (said) {
    return new DiaristError(
      'server-error',
      `pyannoteAI could not make a voiceprint from this speaker’s speech; it said: “${said}”. Try again later, or remember the voice from another recording of this person.`,
      { key: 'voices.serviceFailedSaid', params: { reason: said }, detail },
    );
  }
  return new DiaristError(
    'server-error',
    'pyannoteAI could not make a voiceprint from this speaker’s speech. Try again later, or remember the voice from another recording of this person.',
    { key: 'voices.serviceFailed', detail },
  );
}

function tookTooLong(detail: string): DiaristError {
  return new DiaristError(
    'timeout',
    'pyannoteAI took too long to make the voiceprint, so Diarist stopped waiting. Try again in a few minutes.',
    { key: 'voices.tookTooLong', retryable: true, detail },
  );
}

/** What the person is told: the network in words that fit (nothing retries by itself here). */
function forPerson(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted || isAbortError(error)) return canceled();
  if (!isDiaristError(error)) return error;
  if (error.code === 'canceled') return canceled();
  if (error.code === 'network' || error.code === 'timeout') {
    return error.key?.startsWith('voices.') ? error : noNetwork(error.detail);
  }
  if (error.code === 'server-error' && !error.key?.startsWith('voices.')) {
    return voiceprintFailed(undefined, error.detail ?? 'server error');
  }
  return error;
}

/** Where the job's sound is: its prepared file while it is still there, else the recording. */
async function soundOf(
  dataDir: string,
  job: JobRecord,
): Promise<{ path: string; shiftSeconds: number }> {
  if (job.prepared) {
    const path = join(dataDir, job.prepared.file);
    const found = await stat(path).catch(() => undefined);
    if (found?.size === job.prepared.sizeBytes) {
      return { path, shiftSeconds: -job.prepared.offsetSeconds };
    }
  }
  const found = await stat(job.source.path).catch((error: unknown) => {
    throw recordingMoved(`${(error as { code?: string }).code ?? 'error'} reading the recording`);
  });
  if (!found.isFile() || found.size !== job.source.sizeBytes) {
    throw recordingMoved('the recording changed since it was added');
  }
  return { path: job.source.path, shiftSeconds: 0 };
}

export async function rememberVoice(deps: RememberDeps, input: RememberInput): Promise<VoiceView> {
  const { signal } = input;
  const logger = deps.logger ?? silentLogger;
  const progress = (phase: RememberPhase, fraction?: number) => {
    try {
      input.onProgress?.(phase, fraction);
    } catch {
      // A failing listener must not stop the work.
    }
  };
  const name = input.name.trim();
  if (!name) {
    throw new DiaristError(
      'invalid-request',
      'Name this speaker first: a voice is kept under the name you give it.',
      { key: 'voices.speakerNotNamed' },
    );
  }
  // Before anything is cut or paid for: a full library, no agreement or no safe storage.
  await deps.library.assertCanAdd();
  const job = deps.job(input.jobId);
  const result = job ? await deps.result(input.jobId) : undefined;
  if (!job || !result) throw resultNotFound();
  const { ranges } = chooseClipRanges(result, input.speaker);

  let clipPath: string | undefined;
  try {
    progress('cutting');
    const sound = await soundOf(deps.dataDir, job);
    const clip = await cutClip(sound.path, ranges, {
      dataDir: deps.dataDir,
      shiftSeconds: sound.shiftSeconds,
      ...(signal ? { signal } : {}),
    });
    clipPath = clip.path;
    progress('cutting', 1);

    progress('uploading', 0);
    const { sha256, sizeBytes } = await hashFile(clip.path, signal ? { signal } : {});
    const mediaUrl = mediaUrlForContent(sha256);
    const written = await stat(clip.path);
    await deps.uploader.upload({
      path: clip.path,
      mediaUrl,
      expected: { sizeBytes, mtimeMs: written.mtimeMs },
      ...(signal ? { signal } : {}),
      onProgress: ({ sentBytes, totalBytes }) =>
        progress('uploading', totalBytes > 0 ? sentBytes / totalBytes : 0),
    });

    progress('printing');
    const voiceprint = await makeVoiceprint(deps, mediaUrl, signal);

    progress('saving');
    const voice = await deps.library.add({
      name,
      voiceprint,
      fromRecording: job.source.name,
      fromSpeaker: input.speaker,
      fromJobId: job.id,
      clipSeconds: Math.round(clip.seconds * 100) / 100,
      model: VOICEPRINT_MODEL,
    });
    logger.info('Voice remembered', { clipSeconds: voice.clipSeconds });
    return voice;
  } catch (error) {
    const told = forPerson(error, signal);
    logger.warn('Remembering a voice failed', {
      code: (told as { code?: string }).code,
      ...(isDiaristError(told) && told.detail ? { detail: told.detail } : {}),
    });
    throw told;
  } finally {
    if (clipPath) {
      await rm(clipPath, { force: true }).catch(() => undefined);
      await rm(partialPathOf(clipPath), { force: true }).catch(() => undefined);
    }
  }
}

/**
 * Starts the voiceprint job and waits for it, looking less often as time goes on; a request that
 * fails for a moment (network, the service's side) is tried again a few times, and a "slow down"
 * waits as long as the service asks.
 */
async function makeVoiceprint(
  deps: RememberDeps,
  mediaUrl: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  const sleep = deps.sleep ?? plainSleep;
  const now = deps.now ?? Date.now;
  const deadline = now() + (deps.deadlineMs ?? 10 * 60_000);
  const persist = async <T>(what: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await what();
      } catch (error) {
        if (signal?.aborted) throw canceled();
        if (!isDiaristError(error) || !error.retryable) throw error;
        const rateLimited = error.code === 'rate-limited';
        if (!rateLimited && attempt >= ATTEMPTS) throw error;
        const wait = rateLimited
          ? (error.retryAfterMs ?? 5_000)
          : backoffDelayMs(attempt, { baseMs: 500, maxMs: 8_000 });
        if (now() + wait > deadline) throw rateLimited ? tookTooLong('rate limited') : error;
        await sleep(wait, signal);
      }
    }
  };
  const created = await persist(() => deps.client.createVoiceprint(mediaUrl, signal));
  let pause = deps.pollMs ?? 500;
  for (;;) {
    const job = await persist(() => deps.client.getJob(created.jobId, signal));
    const status = normalizeStatus(job.status);
    if (isTerminalStatus(status)) {
      const output = (job.output ?? {}) as { voiceprint?: unknown; error?: unknown };
      if (status === 'succeeded' && typeof output.voiceprint === 'string' && output.voiceprint) {
        return output.voiceprint;
      }
      const reason = typeof output.error === 'string' ? output.error : undefined;
      throw voiceprintFailed(reason, `voiceprint job ${status}`);
    }
    if (now() + pause > deadline) throw tookTooLong(`voiceprint job still ${status}`);
    await sleep(pause, signal);
    pause = Math.min(deps.maxPollMs ?? 3_000, pause * 1.5);
  }
}
