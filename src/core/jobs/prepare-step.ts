/**
 * The preparing phase of the upload step: before a recording that needs it is hashed and sent,
 * only its sound is written to the prepared cache (see prepared-files.ts), made to fit. It runs in
 * the job's upload slot and under its signal, so cancel and shutdown stop it; a crash leaves at
 * most a `.partial`, which is never sent (removed at the next start) and the step starts over.
 */

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRecord } from '../../shared/jobs';
import { DiaristError, isDiaristError } from '../errors';
import { ensurePrivateDir } from '../storage/files';
import type { PreparationStep, PreparedRecording, PrepareOptions } from '../media/prepare';
import { checkFreeSpace } from '../media/prepare/output-file';
import { PREPARED_DIR, preparedFileFor } from './prepared-files';

export type PreparedFile = NonNullable<JobRecord['prepared']>;

export type RunPreparation = (
  sourcePath: string,
  plan: PreparationStep,
  destPath: string,
  options?: PrepareOptions,
) => Promise<PreparedRecording>;

export interface PreparerOptions {
  dataDir: string;
  run: RunPreparation;
  /** Free bytes on the volume holding `dir` (fs.statfs by default; tests inject a full disk). */
  freeBytes?: (dir: string) => Promise<number>;
}

interface Shared {
  promise: Promise<PreparedFile>;
  controller: AbortController;
  waiters: number;
}

/**
 * Prepares recordings into the cache, once per source and recipe: a job whose file is already
 * there (its own, after a restart, or another job's on the same recording) reuses it, and two jobs
 * preparing the same recording at once share one run.
 */
export class Preparer {
  private readonly running = new Map<string, Shared>();

  constructor(private readonly options: PreparerOptions) {}

  async prepare(
    job: JobRecord,
    others: readonly JobRecord[],
    signal: AbortSignal,
    onProgress: (fraction: number) => void,
  ): Promise<PreparedFile> {
    const step = job.preparation;
    if (!step) throw new Error(`job ${job.id} has nothing to prepare`);
    const file = preparedFileFor(job.source, step.recipe);
    const known = [job, ...others]
      .map((other) => other.prepared)
      .find((prepared) => prepared?.file === file && prepared.recipe === step.recipe);
    if (known && (await this.isWhole(known))) return known;

    let shared = this.running.get(file);
    if (!shared) {
      const controller = new AbortController();
      const created: Shared = {
        controller,
        waiters: 0,
        promise: this.run(job, step, file, controller.signal, onProgress).finally(() => {
          if (this.running.get(file) === created) this.running.delete(file);
        }),
      };
      shared = created;
      this.running.set(file, shared);
    }
    return this.wait(shared, signal);
  }

  /** Waits for a shared run; the run itself stops only when every job waiting for it stopped. */
  private wait(shared: Shared, signal: AbortSignal): Promise<PreparedFile> {
    shared.waiters += 1;
    return new Promise<PreparedFile>((resolve, reject) => {
      const onAbort = () => {
        done();
        reject(canceled());
      };
      const done = () => {
        signal.removeEventListener('abort', onAbort);
        shared.waiters -= 1;
        if (shared.waiters === 0 && signal.aborted) shared.controller.abort();
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (value) => {
          done();
          resolve(value);
        },
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
  }

  private async run(
    job: JobRecord,
    step: PreparationStep,
    file: string,
    signal: AbortSignal,
    onProgress: (fraction: number) => void,
  ): Promise<PreparedFile> {
    const { dataDir } = this.options;
    const folder = join(dataDir, PREPARED_DIR);
    await ensurePrivateDir(folder);
    await checkFreeSpace(folder, step.estimatedBytes, this.options.freeBytes);
    let made: PreparedRecording;
    try {
      made = await this.options.run(job.source.path, step, join(dataDir, file), {
        signal,
        onProgress,
      });
    } catch (error) {
      throw preparationError(error, signal);
    }
    return {
      file,
      recipe: made.recipe,
      sizeBytes: made.sizeBytes,
      offsetSeconds: made.offsetSeconds,
      durationSeconds: made.durationSeconds,
      mimeType: made.mimeType,
    };
  }

  private async isWhole(prepared: PreparedFile): Promise<boolean> {
    try {
      const info = await stat(join(this.options.dataDir, prepared.file));
      return info.isFile() && info.size === prepared.sizeBytes;
    } catch {
      return false;
    }
  }
}

function canceled(): DiaristError {
  return new DiaristError('canceled', 'Preparing the recording was stopped.', {
    key: 'prepare.stopped',
  });
}

/** What went wrong while preparing, in the words the job shows. */
function preparationError(error: unknown, signal: AbortSignal): DiaristError {
  if (signal.aborted) return canceled();
  if (isDiaristError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') {
    return new DiaristError(
      'disk-full',
      'This computer’s disk became full while Diarist was taking the sound out of this recording. ' +
        'Free up some space (empty the Recycle Bin or Trash, or delete files you no longer need), ' +
        'then choose Retry.',
      { retryable: false, detail: String(error), key: 'prepare.diskBecameFull' },
    );
  }
  return new DiaristError(
    'unsupported-file',
    'Diarist couldn’t take the sound out of this recording. Check that it plays in a media ' +
      'player; if it does, convert it to MP3 or WAV (for example with Audacity or VLC) and add ' +
      'the converted copy.',
    {
      retryable: false,
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      key: 'prepare.failed',
    },
  );
}
