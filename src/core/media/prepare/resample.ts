/**
 * PCM sound (a WAV file, or PCM inside a video) -> 16 kHz mono 16-bit WAV, streamed disk to disk.
 *
 * WAV data is read in fixed 1 MiB chunks, the next one read while the current one is converted.
 * The output header is written last, once the sizes are known.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { ALL_FORMATS, EncodedPacketSink, Input } from 'mediabunny';
import { DiaristError } from '../../errors';
import { primaryAudioTrack } from './extract';
import { Mono16kEncoder, TARGET_SAMPLE_RATE } from './mono16k';
import { blockFileSource } from './block-source';
import { prepareMessages, throwIfAborted, writeAll, writeFailure } from './output-file';
import { encodingFromCodec, WAV_HEADER_BYTES, wavHeader, type PcmFormat } from './pcm';
import { readWavLayout } from './wav';

export const READ_CHUNK_BYTES = 1 << 20;

export interface ResampleResult {
  samples: number;
  /** Seconds from the original's start to the sound's first sample. */
  offsetSeconds: number;
}

interface Progress {
  (fraction: number, final?: boolean): void;
}

/** The partial output: a placeholder header, then samples appended, then the real header. */
class WavOut {
  private position = WAV_HEADER_BYTES;
  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {}

  static async create(path: string): Promise<WavOut> {
    try {
      const handle = await open(path, 'w');
      await handle.write(new Uint8Array(WAV_HEADER_BYTES), 0, WAV_HEADER_BYTES, 0);
      return new WavOut(handle, path);
    } catch (error) {
      throw writeFailure(path, error);
    }
  }

  readonly write = async (bytes: Uint8Array): Promise<void> => {
    try {
      await writeAll(this.handle, bytes, this.position);
      this.position += bytes.length;
    } catch (error) {
      throw writeFailure(this.path, error);
    }
  };

  async finish(samples: number): Promise<void> {
    try {
      await this.handle.write(
        wavHeader(TARGET_SAMPLE_RATE, 1, samples * 2),
        0,
        WAV_HEADER_BYTES,
        0,
      );
    } catch (error) {
      throw writeFailure(this.path, error);
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

export async function resampleWavFile(
  sourcePath: string,
  partial: string,
  signal: AbortSignal | undefined,
  progress: Progress,
): Promise<ResampleResult> {
  const source = await open(sourcePath, 'r');
  let out: WavOut | undefined;
  try {
    const { size } = await source.stat();
    const layout = await readWavLayout(source, size);
    const encoder = new Mono16kEncoder(layout.format);
    out = await WavOut.create(partial);
    const chunk = Math.max(1, Math.floor(READ_CHUNK_BYTES / layout.blockAlign)) * layout.blockAlign;
    let current = Buffer.allocUnsafe(chunk);
    let next = Buffer.allocUnsafe(chunk);
    const end = layout.dataOffset + layout.dataBytes;
    const readInto = async (buffer: Buffer, position: number): Promise<number> => {
      const length = Math.min(chunk, end - position);
      if (length <= 0) return 0;
      const { bytesRead } = await source.read(buffer, 0, length, position);
      return bytesRead;
    };
    let position = layout.dataOffset;
    // A read still running when the loop stops early must not become an unhandled rejection.
    const quiet = (read: Promise<number>): Promise<number> => {
      read.catch(() => undefined);
      return read;
    };
    let pending = quiet(readInto(current, position));
    for (;;) {
      const read = await pending;
      if (read === 0) break;
      position += read;
      // Read the next chunk while this one is converted and written.
      pending = quiet(readInto(next, position));
      throwIfAborted(signal);
      await encoder.push(current.subarray(0, read), out.write);
      progress((position - layout.dataOffset) / Math.max(1, layout.dataBytes));
      [current, next] = [next, current];
    }
    await encoder.finish(out.write);
    await out.finish(encoder.samples);
    return { samples: encoder.samples, offsetSeconds: 0 };
  } finally {
    await out?.close();
    await source.close().catch(() => undefined);
  }
}

/** PCM inside a video container (MOV, MKV, MP4): mediabunny hands out the raw packets, no codec. */
export async function resamplePcmTrack(
  sourcePath: string,
  partial: string,
  signal: AbortSignal | undefined,
  progress: Progress,
): Promise<ResampleResult> {
  const input = new Input({ source: blockFileSource(sourcePath), formats: ALL_FORMATS });
  let out: WavOut | undefined;
  try {
    const track = await primaryAudioTrack(input);
    const codec = (await track.getCodec()) ?? 'unknown';
    const encoding = encodingFromCodec(codec);
    if (!encoding) {
      throw new DiaristError('unsupported-file', prepareMessages.unsupportedSound(), {
        key: 'prepare.unsupportedSound',
        detail: `sound codec ${codec} is not PCM`,
      });
    }
    const format: PcmFormat = {
      encoding,
      channels: await track.getNumberOfChannels(),
      sampleRate: await track.getSampleRate(),
    };
    if (format.channels < 1 || !Number.isInteger(format.sampleRate) || format.sampleRate < 1) {
      throw new DiaristError('source-unreadable', prepareMessages.unreadable(), {
        key: 'prepare.unreadable',
        detail: `PCM track with ${format.channels} channels at ${format.sampleRate} Hz`,
      });
    }
    const fileStart = Math.max(0, await input.getFirstTimestamp());
    const trackStart = await track.getFirstTimestamp();
    const duration = Math.max(1e-6, (await input.computeDuration([track])) - trackStart);
    const encoder = new Mono16kEncoder(format);
    out = await WavOut.create(partial);
    for await (const packet of new EncodedPacketSink(track).packets()) {
      throwIfAborted(signal);
      if (packet.data.byteLength > 0) await encoder.push(packet.data, out.write);
      progress((packet.timestamp + packet.duration - trackStart) / duration);
    }
    await encoder.finish(out.write);
    await out.finish(encoder.samples);
    return { samples: encoder.samples, offsetSeconds: trackStart - fileStart };
  } finally {
    await out?.close();
    input.dispose();
  }
}
