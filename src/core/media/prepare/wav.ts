/**
 * Finds the samples in a WAV file (RIFF or RF64; PCM, IEEE float or WAVE_FORMAT_EXTENSIBLE) by
 * walking its chunks with small reads, so a 2 GB field recording is never read whole.
 */
import type { FileHandle } from 'node:fs/promises';
import type { PcmEncoding, PcmFormat } from './pcm';

export interface WavLayout {
  format: PcmFormat;
  /** Bytes of one frame (all channels), as the file stores it. */
  blockAlign: number;
  dataOffset: number;
  /** Bytes of samples, whole frames only. */
  dataBytes: number;
}

/** Not a WAV this code can read; the caller turns it into plain words. */
export class WavFormatError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'WavFormatError';
  }
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** True when the first bytes are a RIFF/RF64 WAVE header. */
export function looksLikeWav(head: Uint8Array): boolean {
  if (head.length < 12) return false;
  const tag = Buffer.from(head.subarray(0, 4)).toString('latin1');
  const wave = Buffer.from(head.subarray(8, 12)).toString('latin1');
  return (tag === 'RIFF' || tag === 'RF64') && wave === 'WAVE';
}

export async function readWavLayout(handle: FileHandle, fileSize: number): Promise<WavLayout> {
  const head = await readAt(handle, 0, 12);
  if (!looksLikeWav(head)) throw new WavFormatError('not a RIFF WAVE file');
  const rf64 = head.toString('latin1', 0, 4) === 'RF64';
  let rf64DataBytes: number | undefined;
  let format:
    { tag: number; channels: number; rate: number; blockAlign: number; bits: number } | undefined;
  let position = 12;
  // A chunk header is 8 bytes; walk until the data chunk (metadata chunks may come before it).
  for (let guard = 0; guard < 10_000 && position + 8 <= fileSize; guard++) {
    const chunk = await readAt(handle, position, 8);
    if (chunk.length < 8) break;
    const id = chunk.toString('latin1', 0, 4);
    let size = chunk.readUInt32LE(4);
    const body = position + 8;
    if (id === 'ds64' && rf64) {
      const ds64 = await readAt(handle, body, Math.min(size, 28));
      if (ds64.length >= 16) rf64DataBytes = Number(ds64.readBigUInt64LE(8));
    } else if (id === 'fmt ') {
      const fmt = await readAt(handle, body, Math.min(size, 40));
      if (fmt.length < 16) throw new WavFormatError('fmt chunk too short');
      let tag = fmt.readUInt16LE(0);
      if (tag === FORMAT_EXTENSIBLE) {
        // The sub-format GUID starts with the plain format tag (1 = PCM, 3 = float).
        if (fmt.length < 26) throw new WavFormatError('extensible fmt chunk too short');
        tag = fmt.readUInt16LE(24);
      }
      format = {
        tag,
        channels: fmt.readUInt16LE(2),
        rate: fmt.readUInt32LE(4),
        blockAlign: fmt.readUInt16LE(12),
        bits: fmt.readUInt16LE(14),
      };
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('data before fmt');
      if (rf64 && size === 0xffffffff && rf64DataBytes !== undefined) size = rf64DataBytes;
      // Recorders cut off mid-write leave 0 or a size past the end: take what is there.
      const available = fileSize - body;
      if (size === 0 || size === 0xffffffff || size > available) size = available;
      return layoutOf(format, body, size);
    }
    position = body + size + (size % 2);
  }
  throw new WavFormatError('no data chunk');
}

function layoutOf(
  f: { tag: number; channels: number; rate: number; blockAlign: number; bits: number },
  dataOffset: number,
  size: number,
): WavLayout {
  if (f.channels < 1 || f.rate < 1 || !Number.isInteger(f.rate)) {
    throw new WavFormatError(`bad fmt: ${f.channels} channels at ${f.rate} Hz`);
  }
  // The container size per sample decides the layout (24 valid bits may sit in 32).
  const width = f.blockAlign / f.channels;
  if (!Number.isInteger(width)) throw new WavFormatError(`bad block align ${f.blockAlign}`);
  let encoding: PcmEncoding | undefined;
  if (f.tag === FORMAT_PCM) {
    encoding = ({ 1: 'u8', 2: 's16le', 3: 's24le', 4: 's32le' } as Record<number, PcmEncoding>)[
      width
    ];
  } else if (f.tag === FORMAT_FLOAT) {
    encoding = ({ 4: 'f32le', 8: 'f64le' } as Record<number, PcmEncoding>)[width];
  }
  if (!encoding) throw new WavFormatError(`format tag ${f.tag}, ${f.bits} bits not PCM`);
  return {
    format: { encoding, channels: f.channels, sampleRate: f.rate },
    blockAlign: f.blockAlign,
    dataOffset,
    dataBytes: size - (size % f.blockAlign),
  };
}
