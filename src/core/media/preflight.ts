/** Pre-flight check run on each recording before anything leaves the machine. */
import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  CouldNotDetermineFileTypeError,
  TrackType,
  UnsupportedFileTypeError,
  parseFile,
} from 'music-metadata';
import type { IFormat } from 'music-metadata';
import type { ErrorKey, ErrorParams } from '../../shared/errors';
import { MAX_DURATION_SECONDS, MAX_FILE_BYTES } from '../../shared/limits';
import { isLikelyMediaName } from './media-names';
import { readOggLastPage } from './ogg-tail';
import { said, type Said } from './preflight-messages';
import type { PrepareCapabilities, PreparePlan, PreparationStep } from './prepare';

export { isLikelyMediaName } from './media-names';

export type PreflightReason =
  | 'not-found'
  | 'not-a-file'
  | 'unreadable'
  | 'empty'
  | 'too-large'
  | 'not-audio'
  | 'no-audio-track'
  | 'unknown-duration'
  | 'too-long'
  | 'damaged'
  /** Over a limit, and preparing it on this computer cannot bring it within (or cannot be done here). */
  | 'cannot-prepare';

export interface RecordingInfo {
  /** The path as given (a symlink stays a symlink here; see resolvedPath). */
  path: string;
  /** The file the path leads to after following symlinks; size and dates describe this file. */
  resolvedPath: string;
  /** File name to show, from the path as given. */
  name: string;
  sizeBytes: number;
  mtimeMs: number;
  durationSeconds: number;
  /** Container as music-metadata names it, e.g. "WAVE", "MPEG", "M4A/isom/iso2", "EBML/webm". */
  container: string;
  /** Audio codec, e.g. "PCM", "MPEG 2 Layer 3", "MPEG-4/AAC", "Opus". */
  codec?: string;
  hasVideo: boolean;
  sampleRate?: number;
  /** As the container declares it (MP4 audio entries often say 2 even for mono AAC). */
  channels?: number;
}

export type PreflightResult =
  | {
      ok: true;
      info: RecordingInfo;
      /** When asked to plan (`prepare`): what must be done before sending; absent: send as it is. */
      preparation?: PreparationStep;
    }
  | {
      ok: false;
      reason: PreflightReason;
      /** In English, for the command line and the log. */
      message: string;
      /** The message's key in the `errors` catalogue and its values, for the page's words. */
      key: ErrorKey;
      params?: ErrorParams;
      detail?: string;
      /** The file's size and date when it could be read, so a refused row still shows them. */
      file?: { sizeBytes: number; mtimeMs: number };
    };

export type PreflightFailure = Extract<PreflightResult, { ok: false }>;

export interface PreflightOptions {
  /** Defaults to the service limit MAX_FILE_BYTES (1 GiB). */
  maxFileBytes?: number;
  /** Defaults to the service limit MAX_DURATION_SECONDS (24 h). */
  maxDurationSeconds?: number;
  /**
   * Plan preparation (only the sound, made to fit): a recording over the size limit is then
   * parsed and let through when `plan` says it can be made to fit; what still cannot is refused.
   */
  prepare?: {
    plan: (info: RecordingInfo, caps: PrepareCapabilities) => PreparePlan;
    capabilities: PrepareCapabilities;
  };
}

export interface CheckManyOptions extends PreflightOptions {
  /** How many files are checked at once; default 4. */
  concurrency?: number;
  /** Called as each file's result is known (not in order), e.g. to move a progress bar. */
  onResult?: (result: PreflightResult, index: number) => void;
}

/**
 * What each format needs read, measured on the fixtures and on long files (test/unit/media):
 *
 * | format              | header pass (duration: false)        | extra to get the duration       |
 * |---------------------|--------------------------------------|---------------------------------|
 * | WAV (PCM)           | ~80 B, same for a 691 MB file        | none (data chunk size / rate)   |
 * | MP3 CBR/VBR + Xing  | ~4.5 KB (ID3 + first frames + tail)  | none (Xing/Info frame count)    |
 * | MP3 without Xing    | ~4.4 KB                              | none (CBR estimate from size)   |
 * | M4A / MP4 (+video)  | ~1.6 KB / ~3 KB (the moov box)       | none (mvhd/mdhd)                |
 * | FLAC                | ~240 B                               | none (STREAMINFO sample count)  |
 * | WebM / Matroska     | ~4.6 KB                              | none when Segment Info has it   |
 * | Ogg Vorbis / Opus   | first 12+ pages (~35 KB)             | last page: 16 KB (≤128 KB) tail |
 * | ADTS .aac, live WebM| a few KB                             | full scan (see below)           |
 *
 * Ogg never states its length up front; music-metadata's full scan reads every page (all 9.4 MB
 * and 0.35–0.5 s for 1 h of Vorbis/Opus), so the last page's granule position is read instead.
 * Only when that fails too is the file fully scanned (`duration: true`): for ADTS that reads the
 * whole file, about 3.6 times over; WebM written live (MediaRecorder) has no duration and a scan
 * does not find one either, so it ends as 'unknown-duration'.
 */
export async function checkRecording(
  path: string,
  options: PreflightOptions = {},
): Promise<PreflightResult> {
  try {
    return await check(path, options);
  } catch (error) {
    // check() maps every expected failure itself; this is the net for the unexpected ones.
    return fromSystemError(error) ?? fail('damaged', said.damaged(), describe(error));
  }
}

/** Checks many files, at most `concurrency` at a time, and returns results in the input order. */
export async function checkRecordings(
  paths: readonly string[],
  options: CheckManyOptions = {},
): Promise<PreflightResult[]> {
  const { concurrency = 4, onResult, ...checkOptions } = options;
  return mapInOrder(paths, concurrency, (path) => checkRecording(path, checkOptions), onResult);
}

/** Runs `work` on every item, at most `concurrency` at once; results come back in input order. */
export async function mapInOrder<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  onResult?: (result: R, index: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      const result = await work(items[index] as T);
      results[index] = result;
      onResult?.(result, index);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

async function check(path: string, options: PreflightOptions): Promise<PreflightResult> {
  const result = await checkHeaders(path, options);
  const { prepare } = options;
  if (!result.ok || !prepare) return result;
  const plan = prepare.plan(result.info, prepare.capabilities);
  if (plan.action === 'refuse') {
    const reason: PreflightReason =
      plan.reason === 'too-long'
        ? 'too-long'
        : plan.reason === 'no-audio-track'
          ? 'no-audio-track'
          : 'cannot-prepare';
    return withFile(fail(reason, plan, `prepare: ${plan.reason}`), result.info);
  }
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  if (plan.action === 'send-as-is') {
    const { sizeBytes } = result.info;
    return sizeBytes > maxBytes
      ? withFile(
          fail('too-large', said.tooLarge(sizeBytes, maxBytes), `${sizeBytes} bytes > ${maxBytes}`),
          result.info,
        )
      : result;
  }
  return { ...result, preparation: plan };
}

async function checkHeaders(path: string, options: PreflightOptions): Promise<PreflightResult> {
  // stat() follows symlinks, so every fact below is the target's. It comes first because it
  // reads nothing and because opening a FIFO or device could block or have side effects.
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    return fromSystemError(error) ?? fail('not-found', said.notFound(), describe(error));
  }
  if (stats.isDirectory()) return fail('not-a-file', said.folder());
  if (!stats.isFile()) return fail('not-a-file', said.notAFile());
  const result = await checkFile(path, stats, options);
  return result.ok
    ? result
    : { ...result, file: { sizeBytes: stats.size, mtimeMs: stats.mtimeMs } };
}

/** The checks after stat(): the path is a regular file of `stats`. */
async function checkFile(
  path: string,
  stats: Stats,
  options: PreflightOptions,
): Promise<PreflightResult> {
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const maxSeconds = options.maxDurationSeconds ?? MAX_DURATION_SECONDS;

  // A real open, not access(): access() asks about the real user id and ignores what the OS
  // would actually refuse (effective ids, Windows sharing locks), and open() is what upload does.
  const openError = await tryOpen(path);
  if (openError) return openError;

  if (stats.size === 0) return fail('empty', said.empty());
  // With preparation planned, the size is judged after the plan: only the sound may be sent.
  if (stats.size > maxBytes && !options.prepare) {
    return fail(
      'too-large',
      said.tooLarge(stats.size, maxBytes),
      `${stats.size} bytes > ${maxBytes}`,
    );
  }

  let format: IFormat;
  try {
    ({ format } = await parseFile(path, { duration: false, skipCovers: true }));
  } catch (error) {
    return fromParseError(error, path);
  }

  const hasAudio =
    format.hasAudio === true || format.trackInfo.some((track) => track.type === TrackType.audio);
  const hasVideo =
    format.hasVideo === true || format.trackInfo.some((track) => track.type === TrackType.video);
  // A parser chosen by file extension may "succeed" on junk but never names a container for it.
  const container = format.container;
  if (!container) return notAudio(path, 'no container recognised');
  if (!hasAudio) {
    return hasVideo
      ? fail('no-audio-track', said.noAudioTrack(), `${container}: video only`)
      : notAudio(path, `${container}: no audio or video track`);
  }

  // QuickTime PCM (what cameras and ffmpeg write in a .mov) is named only by its track's codec id.
  const quickTimePcm = format.codec
    ? undefined
    : format.trackInfo.find((track) => QUICKTIME_PCM.has(track.codecId ?? ''));
  let durationSeconds = usable(format.duration) ?? usable(quickTimePcm?.duration);
  if (durationSeconds === undefined && container === 'Ogg') {
    durationSeconds = await oggDuration(path, stats.size, format);
  }
  if (durationSeconds === undefined) {
    try {
      ({ format } = await parseFile(path, { duration: true, skipCovers: true }));
    } catch (error) {
      return fromParseError(error, path);
    }
    durationSeconds = usable(format.duration);
    if (format.duration === 0 || format.numberOfSamples === 0) {
      return fail('empty', said.silent(), `${container}: 0 samples`);
    }
  }
  if (durationSeconds === undefined) {
    // Without a codec or sample rate even the header is incomplete: the file was cut short.
    if (!format.codec && !format.sampleRate) {
      return fail('damaged', said.damaged(), `${container}: header incomplete`);
    }
    // Parsers leave a length of 0 unset, so a bare header looks like "unknown". A file under 1 KB
    // whose length no parser can tell holds a moment of sound at most: nothing to analyse.
    if (stats.size < 1024) {
      return fail('empty', said.silent(), `${container}: ${stats.size} bytes, no duration`);
    }
    return fail('unknown-duration', said.unknownDuration(maxSeconds), `${container}: no duration`);
  }

  // Headers state the length of the whole recording; a copy that stopped early keeps them.
  // Less than half the bytes that the stated bitrate needs cannot be a complete recording.
  // (FLAC derives its bitrate from the bytes present, so there only "none at all" shows.)
  if (format.bitrate !== undefined && format.bitrate <= 0) {
    return fail('damaged', said.damaged(), `${container}: no audio data after the header`);
  }
  if (format.bitrate !== undefined) {
    const heldSeconds = (stats.size * 8) / format.bitrate;
    if (heldSeconds < durationSeconds / 2) {
      return fail(
        'damaged',
        said.cutShort(durationSeconds, heldSeconds),
        `${stats.size} bytes at ${Math.round(format.bitrate)} bit/s hold ` +
          `${heldSeconds.toFixed(1)} s; the header says ${durationSeconds.toFixed(1)} s`,
      );
    }
  }

  if (durationSeconds > maxSeconds) {
    return fail(
      'too-long',
      said.tooLong(durationSeconds, maxSeconds),
      `${durationSeconds.toFixed(1)} s > ${maxSeconds} s`,
    );
  }

  return {
    ok: true,
    info: {
      path,
      resolvedPath: await realpath(path),
      name: basename(path),
      sizeBytes: stats.size,
      mtimeMs: stats.mtimeMs,
      durationSeconds,
      container,
      codec: format.codec ?? quickTimePcm?.codecId,
      hasVideo,
      sampleRate: format.sampleRate,
      channels: format.numberOfChannels,
    },
  };
}

/** QuickTime's sample entry names for uncompressed sound (music-metadata gives no codec for them). */
const QUICKTIME_PCM: ReadonlySet<string> = new Set([
  // 8-bit unsigned, the oldest QuickTime sound (ffmpeg's pcm_u8 in a .mov).
  'raw ',
  'sowt',
  'twos',
  'lpcm',
  'in24',
  'in32',
  'fl32',
  'fl64',
  'ipcm',
]);

/** Ogg keeps its length only in the last page; Opus counts at 48 kHz whatever the input rate. */
async function oggDuration(
  path: string,
  sizeBytes: number,
  format: IFormat,
): Promise<number | undefined> {
  const audioTrack = format.trackInfo.find((track) => track.type === TrackType.audio);
  const rate = format.codec === 'Opus' ? 48_000 : format.sampleRate;
  if (!rate) return undefined;
  try {
    const page = await readOggLastPage(path, sizeBytes, audioTrack?.id);
    // Opus pre-skip (typically 6.5 ms) is left in: irrelevant next to a 24-hour limit.
    return page ? usable(Number(page.granule) / rate) : undefined;
  } catch {
    return undefined; // The full scan that follows will report what is wrong.
  }
}

async function tryOpen(path: string): Promise<PreflightFailure | undefined> {
  try {
    // Non-blocking in case the path was swapped for a FIFO since stat(); Windows has no such flag.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    await handle.close();
    return undefined;
  } catch (error) {
    return fromSystemError(error) ?? fail('unreadable', said.unreadable(), describe(error));
  }
}

function fromParseError(error: unknown, path: string): PreflightFailure {
  const system = fromSystemError(error);
  if (system) return system;
  if (
    error instanceof CouldNotDetermineFileTypeError ||
    error instanceof UnsupportedFileTypeError
  ) {
    return notAudio(path, describe(error));
  }
  // Anything else means a known format whose content does not hold together.
  return fail('damaged', said.damaged(), describe(error));
}

/** Maps operating-system errors (they carry a `code` like ENOENT); undefined for anything else. */
function fromSystemError(error: unknown): PreflightFailure | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  const detail = describe(error);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ELOOP':
    case 'ENAMETOOLONG':
      return fail('not-found', said.notFound(), detail);
    case 'EISDIR':
      return fail('not-a-file', said.folder(), detail);
    case 'EACCES':
    case 'EPERM':
      return fail('unreadable', said.unreadable(), detail);
    case 'EBUSY':
    case 'ETXTBSY':
      return fail('unreadable', said.busy(), detail);
    default:
      // EIO, ETIMEDOUT, EHOSTDOWN…: the bytes could not be fetched (failing disk, lost share).
      // Node's own ERR_* codes (e.g. ERR_OUT_OF_RANGE from a parser) are not about the disk.
      return /^E[A-Z0-9]+$/.test(code) ? fail('unreadable', said.readFailed(), detail) : undefined;
  }
}

function notAudio(path: string, detail: string): PreflightFailure {
  const extension = isLikelyMediaName(path) ? extname(path).slice(1).toLowerCase() : undefined;
  return fail('not-audio', said.notAudio(extension), detail);
}

function withFile(
  failure: PreflightFailure,
  { sizeBytes, mtimeMs }: { sizeBytes: number; mtimeMs: number },
): PreflightFailure {
  return { ...failure, file: { sizeBytes, mtimeMs } };
}

function fail(reason: PreflightReason, words: Said, detail?: string): PreflightFailure {
  const { key, message, params } = words;
  return {
    ok: false,
    reason,
    message,
    key,
    ...(params ? { params } : {}),
    ...(detail === undefined ? {} : { detail }),
  };
}

/** A header's 0 or NaN is no answer, so the next, costlier step still gets its chance. */
function usable(seconds: number | undefined): number | undefined {
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
