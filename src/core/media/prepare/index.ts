/**
 * Media preparation: only the sound of a recording leaves the computer, made small enough to fit.
 * Plain Node (no Electron), shared by the app and the command line.
 */
import type { PreparationStep } from './plan';

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
 * Streams disk to disk, bounded memory. Writes destPath + '.partial', then renames it to destPath.
 * NOT BUILT YET: always rejects (see the prepare-core report).
 */
export function prepareRecording(
  sourcePath: string,
  plan: PreparationStep,
  destPath: string,
  options: PrepareOptions = {},
): Promise<PreparedRecording> {
  void sourcePath;
  void plan;
  void destPath;
  void options;
  return Promise.reject(new Error('not implemented yet'));
}
