/**
 * A video's sound track copied into an audio file, packet by packet (no decoding, so plain Node
 * can do it), the picture left behind.
 *
 * AAC in an MP4 or QuickTime movie (what meetings, phones and cameras record) is copied by its
 * byte ranges alone (mp4-layout.ts, mp4-copy.ts): the sample table says where every sound packet
 * is, so the picture's bytes are never read. Everything else, and MP4s of a shape that path does
 * not take (fragmented, several edits, …), goes through mediabunny's demuxer and muxer, which
 * read through a bounded cache and write in bounded chunks. Either way a 3 GB meeting video is
 * never in memory.
 *
 * Times: the copy starts at the sound's first timestamp and writes it from 0, so the prepared
 * file's 0 is `offsetSeconds` into the original.
 */
import { open, type FileHandle } from 'node:fs/promises';
import {
  ALL_FORMATS,
  Conversion,
  FlacOutputFormat,
  Input,
  IsobmffInputFormat,
  Mp3OutputFormat,
  Mp4OutputFormat,
  OggOutputFormat,
  Output,
  StreamTarget,
  type AudioCodec,
  type InputAudioTrack,
  type OutputFormat,
  type StreamTargetChunk,
} from 'mediabunny';
import { DiaristError } from '../../errors';
import { blockFileSource } from './block-source';
import { copyMp4Audio } from './mp4-copy';
import { readMp4AudioLayout } from './mp4-layout';
import { abortError, prepareMessages, writeAll, writeFailure } from './output-file';
import type { CopyTarget } from './plan';

export interface ExtractResult {
  target: CopyTarget;
  codec: AudioCodec;
  offsetSeconds: number;
  durationSeconds: number;
  /**
   * How the packets were copied: by their byte ranges (MP4/MOV with AAC, see mp4-copy.ts), or
   * through mediabunny's demuxer and muxer (everything else, and MP4s of a shape the first
   * does not take, with why).
   */
  copiedBy: 'byte-ranges' | 'mediabunny';
  notByRanges?: string;
}

export const COPY_TARGET_OF: Partial<Record<AudioCodec, CopyTarget>> = {
  aac: 'm4a',
  opus: 'ogg',
  vorbis: 'ogg',
  mp3: 'mp3',
  flac: 'flac',
};

export const TARGET_FILE: Record<CopyTarget, { mimeType: string; extension: string }> = {
  m4a: { mimeType: 'audio/mp4', extension: '.m4a' },
  ogg: { mimeType: 'audio/ogg', extension: '.ogg' },
  mp3: { mimeType: 'audio/mpeg', extension: '.mp3' },
  flac: { mimeType: 'audio/flac', extension: '.flac' },
};

function outputFormat(target: CopyTarget): OutputFormat {
  switch (target) {
    case 'm4a':
      // Index at the end: nothing kept in memory but the sample table.
      return new Mp4OutputFormat({ fastStart: false });
    case 'ogg':
      return new OggOutputFormat();
    case 'mp3':
      return new Mp3OutputFormat();
    case 'flac':
      return new FlacOutputFormat();
  }
}

/** The sound track; a file with no tracks at all is damaged (an MP4 cut before its index). */
export async function primaryAudioTrack(input: Input): Promise<InputAudioTrack> {
  const track = await input.getPrimaryAudioTrack();
  if (track) return track;
  if ((await input.getTracks()).length === 0) {
    throw new DiaristError('source-unreadable', prepareMessages.unreadable(), {
      key: 'prepare.unreadable',
      detail: 'no tracks found',
    });
  }
  throw new DiaristError('unsupported-file', prepareMessages.noSound(), {
    key: 'preflight.noAudioTrack',
  });
}

const WRITE_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The partial file as mediabunny's output, written through our own handle. mediabunny's file
 * target errors its stream when a write fails, and its Conversion then cancels without awaiting
 * (`void this.cancel()`), where closing the errored stream throws again: an unhandled rejection
 * that would end the app or the command. This stream never errors: the first failed write (a full
 * disk, a folder gone) is kept and handed to `failed`, and later writes are dropped.
 */
function partialFileTarget(handle: FileHandle, failed: (error: unknown) => void): StreamTarget {
  let broken = false;
  const writable = new WritableStream<StreamTargetChunk>({
    async write(chunk) {
      if (broken) return;
      try {
        await writeAll(handle, chunk.data, chunk.position);
      } catch (error) {
        broken = true;
        failed(error);
      }
    },
  });
  return new StreamTarget(writable, { chunked: true, chunkSize: WRITE_CHUNK_BYTES });
}

/**
 * The MP4 fast path: AAC sound out of an MP4 or QuickTime movie by the sound's byte ranges alone.
 * Gives why not (nothing written yet) when the file is not of the shape it takes, or when its
 * time 0 would differ from mediabunny's: the general path then does the copy.
 */
async function copiedByRanges(
  sourcePath: string,
  partial: string,
  handle: FileHandle,
  trackId: number,
  trackStart: number,
  signal: AbortSignal | undefined,
  progress: (fraction: number) => void,
): Promise<string | undefined> {
  const source = await open(sourcePath, 'r');
  try {
    const { size } = await source.stat();
    const found = await readMp4AudioLayout(source, size, trackId);
    if ('unsupported' in found) return found.unsupported;
    const { layout } = found;
    if (Math.abs(-layout.startTicks / layout.timescale - trackStart) > 1e-6) {
      return `first timestamp ${-layout.startTicks / layout.timescale} s, mediabunny ${trackStart} s`;
    }
    // Sound before 0 (AAC's priming) is kept behind the M4A's edit, as ffmpeg keeps it.
    const skipTicks = Math.max(0, layout.startTicks);
    if (skipTicks >= layout.mediaTicks) return 'all of the sound is before 0';
    await copyMp4Audio({
      layout,
      sourceFd: source.fd,
      write: (bytes, position) =>
        writeAll(handle, bytes, position).catch((error: unknown) => {
          throw writeFailure(partial, error);
        }),
      skipTicks,
      checkCanceled: () => {
        if (signal?.aborted) throw abortError();
      },
      progress,
    });
    return undefined;
  } finally {
    await source.close().catch(() => undefined);
  }
}

export async function extractAudioTrack(
  sourcePath: string,
  partial: string,
  signal: AbortSignal | undefined,
  progress: (fraction: number) => void,
  /** `byRanges: false` takes the general path for every file (tests compare the two). */
  options: { byRanges?: boolean } = {},
): Promise<ExtractResult> {
  const input = new Input({
    source: blockFileSource(sourcePath),
    formats: ALL_FORMATS,
  });
  let output: Output | undefined;
  let handle: FileHandle | undefined;
  let writeError: unknown;
  try {
    const track = await primaryAudioTrack(input);
    const codec = await track.getCodec();
    const target = codec ? COPY_TARGET_OF[codec] : undefined;
    if (!codec || !target) {
      throw new DiaristError('unsupported-file', prepareMessages.unsupportedSound(), {
        key: 'prepare.unsupportedSound',
        detail: `sound codec ${codec ?? 'unknown'} cannot be copied into an audio file`,
      });
    }
    const fileStart = await input.getFirstTimestamp();
    const trackStart = await track.getFirstTimestamp();
    // Sound starting before 0 (an AAC encoder's priming samples) is cut at 0, as players do.
    const start = Math.max(0, trackStart);
    const end = await input.computeDuration([track]);
    handle = await open(partial, 'w').catch((error: unknown) => {
      throw writeFailure(partial, error);
    });
    const result = {
      target,
      codec,
      // Relative to where the original's timeline starts (0 for files that start at or before 0).
      offsetSeconds: start - Math.max(0, fileStart),
      durationSeconds: Math.max(0, end - start),
    };
    let notByRanges = 'not an MP4 or QuickTime file';
    if (options.byRanges === false) notByRanges = 'asked for the general path';
    else if (target === 'm4a' && (await input.getFormat()) instanceof IsobmffInputFormat) {
      const why = await copiedByRanges(
        sourcePath,
        partial,
        handle,
        track.id,
        trackStart,
        signal,
        progress,
      );
      if (why === undefined) return { ...result, copiedBy: 'byte-ranges' };
      notByRanges = why;
    }
    let stop = (): void => undefined;
    output = new Output({
      format: outputFormat(target),
      target: partialFileTarget(handle, (error) => {
        writeError = error;
        stop();
      }),
    });
    const conversion = await Conversion.init({
      input,
      output,
      tracks: 'primary',
      video: { discard: true },
      audio: (candidate) => (candidate === track ? {} : { discard: true }),
      copy: { mode: 'forced' },
      trim: { start },
      tags: {},
      showWarnings: false,
    });
    if (!conversion.isValid || !conversion.utilizedTracks.includes(track)) {
      const reasons = conversion.discardedTracks.map((d) => `${d.track.type}: ${d.reason}`);
      throw new DiaristError('unsupported-file', prepareMessages.unsupportedSound(), {
        key: 'prepare.unsupportedSound',
        detail: `copy of ${codec} refused (${reasons.join(', ')})`,
      });
    }
    conversion.onProgress = (fraction) => progress(fraction);
    stop = () => void conversion.cancel().catch(() => undefined);
    const cancel = (): void => void conversion.cancel().catch(() => undefined);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      if (signal?.aborted) throw abortError();
      await conversion.execute();
    } catch (error) {
      if (writeError === undefined) throw error;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    if (signal?.aborted) throw abortError();
    if (writeError !== undefined) throw writeFailure(partial, writeError);
    return { ...result, copiedBy: 'mediabunny', notByRanges };
  } catch (error) {
    if (signal?.aborted) throw abortError();
    throw error;
  } finally {
    if (output && output.state !== 'finalized' && output.state !== 'canceled') {
      await output.cancel().catch(() => undefined);
    }
    await handle?.close().catch(() => undefined);
    input.dispose();
  }
}
