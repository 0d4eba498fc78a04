/**
 * Media preparation: only the sound of a recording leaves the computer, made small enough to fit.
 * Plain Node (no Electron), shared by the app and the command line.
 */
import type { RecordingInfo } from '../preflight';

/** Why a recording cannot be made to fit; each refusal carries a plain `message`. */
export type PrepareRefusal =
  'too-long' | 'still-too-large' | 'codec-needs-app' | 'no-audio-track' | 'unsupported';

export type PreparePlan =
  | { action: 'send-as-is' }
  | {
      /** Video -> its audio track copied without re-encoding. */
      action: 'extract-audio';
      /** Stable id including a version, e.g. 'extract-copy@1:aac>m4a'. */
      recipe: string;
      estimatedBytes: number;
    }
  | {
      /** PCM audio (WAV, or PCM inside a video) -> 16-bit 16 kHz mono WAV. */
      action: 'downmix-resample';
      recipe: string;
      estimatedBytes: number;
    }
  | { action: 'refuse'; reason: PrepareRefusal; message: string };

export type PreparationStep = Exclude<PreparePlan, { action: 'send-as-is' | 'refuse' }>;

/** What the running process can do; `webCodecs` is false in plain Node (the command line). */
export interface PrepareCapabilities {
  webCodecs: boolean;
}

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

/** Pure decision from the pre-flight info (no I/O). */
export function planPreparation(info: RecordingInfo, caps: PrepareCapabilities): PreparePlan {
  void info;
  void caps;
  throw new Error('not implemented yet');
}

/** Streams disk to disk, bounded memory. Writes destPath + '.partial', then renames it to destPath. */
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
