/**
 * The clip a voiceprint is made from, cut on this computer in plain Node: up to 30 s of one
 * speaker talking alone (their turns, as corrected, that overlap nobody else's, longest first),
 * taken from the recording the job sent (its prepared sound when that is still there, else the
 * original).
 *
 * PCM (WAV, or PCM inside a video) is decoded and written as 16 kHz mono 16-bit WAV; compressed
 * sound (AAC, Opus, Vorbis, MP3, FLAC) is cut without decoding, by copying the encoded packets of
 * the chosen stretches, one after another, into the matching audio container. Anything else is
 * refused in plain words.
 */

import { randomBytes } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  ALL_FORMATS,
  EncodedAudioPacketSource,
  EncodedPacketSink,
  FlacOutputFormat,
  Input,
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
import { withCorrections } from '../../shared/corrections';
import { formatDuration } from '../../shared/duration-words';
import type { SavedResult } from '../../shared/result';
import { VOICE_CLIP_MAX_SECONDS, VOICE_CLIP_MIN_SECONDS } from '../../shared/voices';
import { DiaristError } from '../errors';
import { PREPARED_DIR } from '../jobs/prepared-files';
import { ensurePrivateDir } from '../storage/files';
import { blockFileSource } from '../media/prepare/block-source';
import { COPY_TARGET_OF, primaryAudioTrack, TARGET_FILE } from '../media/prepare/extract';
import { Mono16kEncoder, TARGET_SAMPLE_RATE } from '../media/prepare/mono16k';
import {
  abortError,
  commitPartial,
  isAbortError,
  partialPathOf,
  readFailure,
  removePartial,
  throwIfAborted,
  writeAll,
  writeFailure,
} from '../media/prepare/output-file';
import {
  encodingFromCodec,
  frameBytes,
  WAV_HEADER_BYTES,
  wavHeader,
  type PcmFormat,
} from '../media/prepare/pcm';
import type { CopyTarget } from '../media/prepare/plan';
import { looksLikeWav, readWavLayout } from '../media/prepare/wav';
import { flacCountsSamples, renumberFlacFrame } from './flac-frames';

/** A stretch of the recording, in seconds on the result's timeline. */
export interface ClipRange {
  start: number;
  end: number;
}

/** Each turn is taken this far inside its edges, where the model's boundaries are least sure. */
export const EDGE_TRIM_SECONDS = 0.2;
/**
 * What is chosen at most: a little under the service's 30 s, so a container's rounding or a
 * resampler's tail never takes the clip over its limit.
 */
export const CLIP_BUDGET_SECONDS = VOICE_CLIP_MAX_SECONDS - 0.5;
/** A shorter piece (after trimming) adds more cut than voice. */
export const MIN_PIECE_SECONDS = 0.5;

function tooLittleSpeech(soloSeconds: number): DiaristError {
  const params = { soloSeconds: Math.floor(soloSeconds), minSeconds: VOICE_CLIP_MIN_SECONDS };
  return new DiaristError(
    'invalid-request',
    `This speaker talks on their own for only ${formatDuration(params.soloSeconds)} in this recording; a voice needs at least ${formatDuration(params.minSeconds)} of speech with nobody else talking. Remember it from a recording where this person speaks longer on their own.`,
    { key: 'voices.tooLittleSpeech', params },
  );
}

/**
 * The stretches to cut for `speaker`, in the order they come in the recording: their turns (as
 * corrected) that overlap no other speaker's, trimmed a little inside their edges, longest first
 * until CLIP_BUDGET_SECONDS (the last one shortened to fit). Refuses below
 * VOICE_CLIP_MIN_SECONDS in plain words.
 */
export function chooseClipRanges(
  result: SavedResult,
  speaker: string,
): { ranges: ClipRange[]; seconds: number } {
  const { segments } = withCorrections(result);
  const own = segments.filter((segment) => segment.speaker === speaker);
  if (own.length === 0) {
    throw new DiaristError(
      'not-found',
      'This speaker is no longer in the result (it may have been merged into another). Choose a speaker the result shows.',
      { key: 'voices.noSuchSpeaker' },
    );
  }
  const others = segments.filter((segment) => segment.speaker !== speaker);
  const alone = own
    .map((turn) => ({ start: turn.start + EDGE_TRIM_SECONDS, end: turn.end - EDGE_TRIM_SECONDS }))
    .filter((piece) => piece.end - piece.start >= MIN_PIECE_SECONDS)
    .filter((piece) => !others.some((o) => o.start < piece.end && o.end > piece.start));
  // Longest first; equal lengths in the recording's order, so the choice is always the same.
  const byLength = [...alone].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const chosen: ClipRange[] = [];
  let seconds = 0;
  for (const piece of byLength) {
    const room = CLIP_BUDGET_SECONDS - seconds;
    if (room < MIN_PIECE_SECONDS) break;
    const length = Math.min(piece.end - piece.start, room);
    chosen.push({ start: piece.start, end: piece.start + length });
    seconds += length;
  }
  if (seconds < VOICE_CLIP_MIN_SECONDS) {
    const solo = alone.reduce((sum, piece) => sum + (piece.end - piece.start), 0);
    throw tooLittleSpeech(solo);
  }
  chosen.sort((a, b) => a.start - b.start);
  return { ranges: chosen, seconds };
}

export interface CutClip {
  path: string;
  mimeType: string;
  extension: string;
  /** Seconds of sound in the clip. */
  seconds: number;
}

export interface CutOptions {
  /** The data folder: the clip is written in its `prepared/` folder. */
  dataDir: string;
  /** Added to the ranges' times to find them in `sourcePath` (minus the prepared offset). */
  shiftSeconds?: number;
  signal?: AbortSignal;
}

/** `<dataDir>/prepared/voice-<random>.<ext>`: swept with the other prepared files at start. */
export function clipPathIn(dataDir: string, extension: string): string {
  return join(dataDir, PREPARED_DIR, `voice-${randomBytes(8).toString('hex')}${extension}`);
}

function cannotCut(detail: string): DiaristError {
  return new DiaristError(
    'unsupported-file',
    'Diarist cannot cut a voice out of this recording, because of the format its sound is stored in. Convert the recording to WAV or MP3 (for example with Audacity or VLC), add the converted copy, and remember the voice from its result.',
    { key: 'voices.cannotCut', detail },
  );
}

/**
 * Cuts `ranges` of `sourcePath` into a new file in `options.folder` and answers it. On cancel or
 * failure nothing is left behind (the partial file is removed).
 */
export async function cutClip(
  sourcePath: string,
  ranges: readonly ClipRange[],
  options: CutOptions,
): Promise<CutClip> {
  const { signal } = options;
  const shift = options.shiftSeconds ?? 0;
  const shifted = ranges
    .map((range) => ({ start: Math.max(0, range.start + shift), end: range.end + shift }))
    .filter((range) => range.end > range.start);
  throwIfAborted(signal);
  const head = await readHead(sourcePath);
  if (looksLikeWav(head)) {
    return writeWav(options.dataDir, signal, (encoder, write) =>
      pushWavRanges(sourcePath, shifted, encoder, write, signal),
    );
  }
  const input = new Input({ source: blockFileSource(sourcePath), formats: ALL_FORMATS });
  try {
    let track: InputAudioTrack;
    try {
      track = await primaryAudioTrack(input);
    } catch (error) {
      throw readFailure(error);
    }
    const codec = await track.getCodec();
    const encoding = codec ? encodingFromCodec(codec) : undefined;
    if (encoding) {
      const format: PcmFormat = {
        encoding,
        channels: await track.getNumberOfChannels(),
        sampleRate: await track.getSampleRate(),
      };
      if (format.channels < 1 || !Number.isInteger(format.sampleRate) || format.sampleRate < 1) {
        throw cannotCut(`PCM track with ${format.channels} channels at ${format.sampleRate} Hz`);
      }
      return await writeWav(options.dataDir, signal, (encoder, write) =>
        pushPcmPackets(track, format, shifted, encoder, write, signal),
      );
    }
    const target = codec ? COPY_TARGET_OF[codec] : undefined;
    if (!codec || !target) throw cannotCut(`sound codec ${codec ?? 'unknown'}`);
    return await copyPackets(track, codec, target, shifted, options.dataDir, signal);
  } finally {
    input.dispose();
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readFailure(error);
  }
  try {
    const head = new Uint8Array(12);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

type Write = (bytes: Uint8Array) => Promise<void>;

/** A 16 kHz mono WAV written through the partial file; `fill` pushes the chosen sound. */
async function writeWav(
  dataDir: string,
  signal: AbortSignal | undefined,
  fill: (encoder: (format: PcmFormat) => Mono16kEncoder, write: Write) => Promise<void>,
): Promise<CutClip> {
  const path = clipPathIn(dataDir, '.wav');
  const partial = partialPathOf(path);
  let handle: FileHandle | undefined;
  try {
    await ensurePrivateDir(dirname(path));
    handle = await open(partial, 'w').catch((error: unknown) => {
      throw writeFailure(partial, error);
    });
    const out = handle;
    let position = WAV_HEADER_BYTES;
    await writeAll(out, new Uint8Array(WAV_HEADER_BYTES), 0);
    const write: Write = async (bytes) => {
      try {
        await writeAll(out, bytes, position);
      } catch (error) {
        throw writeFailure(partial, error);
      }
      position += bytes.length;
    };
    let made: Mono16kEncoder | undefined;
    await fill((format) => (made ??= new Mono16kEncoder(format)), write);
    if (made) await made.finish(write);
    const samples = made?.samples ?? 0;
    await writeAll(out, wavHeader(TARGET_SAMPLE_RATE, 1, samples * 2), 0).catch((error) => {
      throw writeFailure(partial, error);
    });
    await out.close();
    handle = undefined;
    throwIfAborted(signal);
    await commitPartial(partial, path);
    return {
      path,
      mimeType: 'audio/wav',
      extension: '.wav',
      seconds: samples / TARGET_SAMPLE_RATE,
    };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await removePartial(partial);
    if (signal?.aborted || isAbortError(error)) throw abortError();
    throw readFailure(error);
  }
}

/** A WAV file's frames in the ranges, read straight from its data chunk. */
async function pushWavRanges(
  sourcePath: string,
  ranges: readonly ClipRange[],
  encoderFor: (format: PcmFormat) => Mono16kEncoder,
  write: Write,
  signal: AbortSignal | undefined,
): Promise<void> {
  const source = await open(sourcePath, 'r');
  try {
    const { size } = await source.stat();
    let layout;
    try {
      layout = await readWavLayout(source, size);
    } catch (error) {
      throw cannotCut(error instanceof Error ? error.message : 'unreadable WAV');
    }
    const encoder = encoderFor(layout.format);
    const rate = layout.format.sampleRate;
    const totalFrames = Math.floor(layout.dataBytes / layout.blockAlign);
    const chunkFrames = Math.max(1, Math.floor((1 << 20) / layout.blockAlign));
    const buffer = Buffer.allocUnsafe(chunkFrames * layout.blockAlign);
    for (const range of ranges) {
      let frame = Math.min(totalFrames, Math.round(range.start * rate));
      const endFrame = Math.min(totalFrames, Math.round(range.end * rate));
      while (frame < endFrame) {
        throwIfAborted(signal);
        const frames = Math.min(chunkFrames, endFrame - frame);
        const length = frames * layout.blockAlign;
        const { bytesRead } = await source.read(
          buffer,
          0,
          length,
          layout.dataOffset + frame * layout.blockAlign,
        );
        if (bytesRead === 0) break;
        await encoder.push(buffer.subarray(0, bytesRead), write);
        frame += Math.floor(bytesRead / layout.blockAlign);
      }
    }
  } finally {
    await source.close().catch(() => undefined);
  }
}

/** PCM inside a container: the packets' frames that fall in the ranges. */
async function pushPcmPackets(
  track: InputAudioTrack,
  format: PcmFormat,
  ranges: readonly ClipRange[],
  encoderFor: (format: PcmFormat) => Mono16kEncoder,
  write: Write,
  signal: AbortSignal | undefined,
): Promise<void> {
  const encoder = encoderFor(format);
  const frameSize = frameBytes(format);
  const trackStart = await track.getFirstTimestamp();
  const sink = new EncodedPacketSink(track);
  for (const range of ranges) {
    const first = await sink.getPacket(range.start + trackStart);
    const packets = sink.packets(first ?? undefined);
    for await (const packet of packets) {
      throwIfAborted(signal);
      const at = packet.timestamp - trackStart;
      if (at >= range.end) break;
      const frames = Math.floor(packet.data.byteLength / frameSize);
      const from = Math.max(0, Math.round((range.start - at) * format.sampleRate));
      const to = Math.min(frames, Math.round((range.end - at) * format.sampleRate));
      if (to > from)
        await encoder.push(packet.data.subarray(from * frameSize, to * frameSize), write);
    }
  }
}

function outputFormatOf(target: CopyTarget): OutputFormat {
  switch (target) {
    case 'm4a':
      return new Mp4OutputFormat({ fastStart: 'in-memory' });
    case 'ogg':
      return new OggOutputFormat();
    case 'mp3':
      return new Mp3OutputFormat();
    case 'flac':
      return new FlacOutputFormat();
  }
}

/**
 * Compressed sound: the encoded packets that lie wholly inside the ranges, given timestamps that
 * follow one another from 0, into the container its codec goes in. Nothing is decoded.
 */
async function copyPackets(
  track: InputAudioTrack,
  codec: AudioCodec,
  target: CopyTarget,
  ranges: readonly ClipRange[],
  dataDir: string,
  signal: AbortSignal | undefined,
): Promise<CutClip> {
  const { extension, mimeType } = TARGET_FILE[target];
  const path = clipPathIn(dataDir, extension);
  const partial = partialPathOf(path);
  const decoderConfig = await track.getDecoderConfig();
  if (!decoderConfig) throw cannotCut(`no decoder configuration for ${codec}`);
  const trackStart = await track.getFirstTimestamp();
  let handle: FileHandle | undefined;
  let output: Output | undefined;
  let writeError: unknown;
  try {
    await ensurePrivateDir(dirname(path));
    handle = await open(partial, 'w').catch((error: unknown) => {
      throw writeFailure(partial, error);
    });
    const out = handle;
    const writable = new WritableStream<StreamTargetChunk>({
      async write(chunk) {
        if (writeError !== undefined) return;
        try {
          await writeAll(out, chunk.data, chunk.position);
        } catch (error) {
          writeError = error;
        }
      },
    });
    output = new Output({ format: outputFormatOf(target), target: new StreamTarget(writable) });
    const source = new EncodedAudioPacketSource(codec);
    output.addAudioTrack(source);
    await output.start();
    const sink = new EncodedPacketSink(track);
    let timestamp = 0;
    let first = true;
    /** FLAC: the next frame's number in the clip (or first sample's, in a stream counting them). */
    let flacFrames = 0;
    let flacSamples = 0;
    for (const range of ranges) {
      const start = await sink.getPacket(range.start + trackStart);
      for await (const packet of sink.packets(start ?? undefined)) {
        throwIfAborted(signal);
        if (writeError !== undefined) throw writeFailure(partial, writeError);
        const at = packet.timestamp - trackStart;
        if (at + packet.duration > range.end + 1e-6) break;
        if (at < range.start - 1e-6) continue;
        let copy = packet.clone({ timestamp });
        if (codec === 'flac') {
          const samples = flacCountsSamples(packet.data);
          copy = copy.clone({
            data: renumberFlacFrame(packet.data, samples ? flacSamples : flacFrames),
          });
          flacFrames += 1;
          flacSamples += Math.round(packet.duration * (await track.getSampleRate()));
        }
        await source.add(copy, first ? { decoderConfig } : undefined);
        first = false;
        timestamp += packet.duration;
      }
    }
    if (first) throw cannotCut('no packets in the chosen stretches');
    source.close();
    await output.finalize();
    if (writeError !== undefined) throw writeFailure(partial, writeError);
    await out.close();
    handle = undefined;
    throwIfAborted(signal);
    await commitPartial(partial, path);
    return { path, mimeType, extension, seconds: timestamp };
  } catch (error) {
    if (output && output.state !== 'finalized' && output.state !== 'canceled') {
      await output.cancel().catch(() => undefined);
    }
    await handle?.close().catch(() => undefined);
    await removePartial(partial);
    if (signal?.aborted || isAbortError(error)) throw abortError();
    throw readFailure(error);
  }
}

/** How long a cut clip lasts, for checks (mediabunny reads its container). */
export async function clipSeconds(path: string): Promise<number> {
  await stat(path);
  const input = new Input({ source: blockFileSource(path), formats: ALL_FORMATS });
  try {
    return await input.computeDuration();
  } finally {
    input.dispose();
  }
}
