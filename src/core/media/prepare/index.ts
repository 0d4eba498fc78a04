/**
 * Media preparation: only the sound of a recording leaves the computer, made small enough to fit.
 * Plain Node (no Electron), shared by the app and the command line.
 */
import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DiaristError } from '../../errors';
import { extractAudioTrack, TARGET_FILE } from './extract';
import { TARGET_SAMPLE_RATE } from './mono16k';
import {
  abortError,
  checkFreeSpace,
  commitPartial,
  isAbortError,
  partialPathOf,
  prepareMessages,
  readFailure,
  removePartial,
  throttleProgress,
  throwIfAborted,
} from './output-file';
import { extractRecipe, parseRecipe, RESAMPLE_RECIPE, type PreparationStep } from './plan';
import { resamplePcmTrack, resampleWavFile } from './resample';
import { looksLikeWav } from './wav';

export {
  planPreparation,
  planMessages,
  type PrepareCapabilities,
  type PreparePlan,
  type PrepareRefusal,
  type PreparationStep,
} from './plan';

export interface PreparedRecording {
  /** The file written (destPath). */
  path: string;
  sizeBytes: number;
  recipe: string;
  /** Seconds to ADD to times in the prepared file to get times in the original file. */
  offsetSeconds: number;
  durationSeconds: number;
  /** e.g. 'audio/mp4', 'audio/wav', 'audio/ogg'. */
  mimeType: string;
  /** e.g. '.m4a', '.wav'. */
  extension: string;
}

export interface PrepareOptions {
  /** Cancel: rejects with an AbortError and removes the partial file. */
  signal?: AbortSignal;
  /** 0..1, throttled (at most ~10 a second). */
  onProgress?: (fraction: number) => void;
}

/**
 * Streams disk to disk, bounded memory. Writes destPath + '.partial', fsyncs it, then renames it
 * to destPath. On cancel (rejects with an AbortError) or failure (a DiaristError in plain words)
 * the partial file is removed and destPath is left untouched.
 */
export async function prepareRecording(
  sourcePath: string,
  plan: PreparationStep,
  destPath: string,
  options: PrepareOptions = {},
): Promise<PreparedRecording> {
  const { signal } = options;
  const progress = throttleProgress(options.onProgress);
  const partial = partialPathOf(destPath);
  const recipe = parseRecipe(plan.recipe);
  if (!recipe || (recipe.kind === 'extract') !== (plan.action === 'extract-audio')) {
    throw new DiaristError('internal', prepareMessages.unsupportedSound(), {
      key: 'prepare.unsupportedSound',
      detail: `unknown preparation ${plan.action} ${plan.recipe}`,
    });
  }
  throwIfAborted(signal);
  await checkFreeSpace(dirname(destPath), plan.estimatedBytes);
  try {
    progress(0, true);
    const result =
      recipe.kind === 'extract'
        ? await extracted(sourcePath, partial, signal, progress)
        : await resampled(sourcePath, partial, signal, progress);
    throwIfAborted(signal);
    await commitPartial(partial, destPath);
    progress(1, true);
    const { size } = await stat(destPath);
    return { path: destPath, sizeBytes: size, ...result };
  } catch (error) {
    await removePartial(partial);
    if (signal?.aborted || isAbortError(error)) throw abortError();
    throw readFailure(error);
  }
}

type Outcome = Omit<PreparedRecording, 'path' | 'sizeBytes'>;

async function extracted(
  sourcePath: string,
  partial: string,
  signal: AbortSignal | undefined,
  progress: (fraction: number) => void,
): Promise<Outcome> {
  const result = await extractAudioTrack(sourcePath, partial, signal, progress);
  return {
    recipe: extractRecipe(result.codec, result.target),
    offsetSeconds: result.offsetSeconds,
    durationSeconds: result.durationSeconds,
    ...TARGET_FILE[result.target],
  };
}

async function resampled(
  sourcePath: string,
  partial: string,
  signal: AbortSignal | undefined,
  progress: (fraction: number) => void,
): Promise<Outcome> {
  const head = await readHead(sourcePath);
  const run = looksLikeWav(head) ? resampleWavFile : resamplePcmTrack;
  const result = await run(sourcePath, partial, signal, progress);
  return {
    recipe: RESAMPLE_RECIPE,
    offsetSeconds: result.offsetSeconds,
    durationSeconds: result.samples / TARGET_SAMPLE_RATE,
    mimeType: 'audio/wav',
    extension: '.wav',
  };
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(12);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
