/**
 * Raw PCM as recorders and containers store it, turned into mono floats in one pass (decode and
 * down-mix fused, so no per-channel copies), and 16-bit WAV written back out.
 *
 * Every decoder reads bytes one by one (no typed-array views), so it works whatever the byte
 * offset of the data (container packets are not aligned) and whatever the machine's byte order.
 */

export type PcmEncoding =
  | 's8'
  | 'u8'
  | 's16le'
  | 's16be'
  | 's24le'
  | 's24be'
  | 's32le'
  | 's32be'
  | 'f32le'
  | 'f32be'
  | 'f64le'
  | 'f64be';

export interface PcmFormat {
  encoding: PcmEncoding;
  channels: number;
  sampleRate: number;
}

const BYTES: Record<PcmEncoding, number> = {
  s8: 1,
  u8: 1,
  s16le: 2,
  s16be: 2,
  s24le: 3,
  s24be: 3,
  s32le: 4,
  s32be: 4,
  f32le: 4,
  f32be: 4,
  f64le: 8,
  f64be: 8,
};

export function bytesPerSample(encoding: PcmEncoding): number {
  return BYTES[encoding];
}

export function frameBytes(format: PcmFormat): number {
  return BYTES[format.encoding] * format.channels;
}

/** mediabunny's PCM codec names, as its containers report them (PCM inside MOV, MKV, MP4). */
export function encodingFromCodec(codec: string): PcmEncoding | undefined {
  const map: Record<string, PcmEncoding> = {
    'pcm-s8': 's8',
    'pcm-u8': 'u8',
    'pcm-s16': 's16le',
    'pcm-s16be': 's16be',
    'pcm-s24': 's24le',
    'pcm-s24be': 's24be',
    'pcm-s32': 's32le',
    'pcm-s32be': 's32be',
    'pcm-f32': 'f32le',
    'pcm-f32be': 'f32be',
    'pcm-f64': 'f64le',
    'pcm-f64be': 'f64be',
  };
  return map[codec];
}

/**
 * Decodes `frames` whole frames of `bytes` (from byte `start`) into mono samples in [-1, 1),
 * the channels averaged, written to `out` from index 0.
 */
export function decodeToMono(
  format: PcmFormat,
  bytes: Uint8Array,
  start: number,
  frames: number,
  out: Float64Array,
): void {
  const ch = format.channels;
  switch (format.encoding) {
    case 's16le':
      return ch === 2
        ? s16leStereo(bytes, start, frames, out)
        : intLe(bytes, start, frames, ch, 2, out);
    case 's24le':
      return ch === 2
        ? s24leStereo(bytes, start, frames, out)
        : intLe(bytes, start, frames, ch, 3, out);
    case 's32le':
      return intLe(bytes, start, frames, ch, 4, out);
    case 's16be':
      return intBe(bytes, start, frames, ch, 2, out);
    case 's24be':
      return intBe(bytes, start, frames, ch, 3, out);
    case 's32be':
      return intBe(bytes, start, frames, ch, 4, out);
    case 's8':
    case 'u8':
      return eightBit(bytes, start, frames, ch, format.encoding === 'u8', out);
    case 'f32le':
    case 'f32be':
    case 'f64le':
    case 'f64be':
      return floats(bytes, start, frames, ch, format.encoding, out);
  }
}

function s16leStereo(b: Uint8Array, start: number, frames: number, out: Float64Array): void {
  const scale = 1 / 65536; // average of two, each over 32768
  let i = start;
  for (let f = 0; f < frames; f++) {
    const l = (((b[i] as number) | ((b[i + 1] as number) << 8)) << 16) >> 16;
    const r = (((b[i + 2] as number) | ((b[i + 3] as number) << 8)) << 16) >> 16;
    out[f] = (l + r) * scale;
    i += 4;
  }
}

function s24leStereo(b: Uint8Array, start: number, frames: number, out: Float64Array): void {
  const scale = 1 / 16777216; // average of two, each over 2^23
  let i = start;
  for (let f = 0; f < frames; f++) {
    const l =
      (((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16)) << 8) >> 8;
    const r =
      (((b[i + 3] as number) | ((b[i + 4] as number) << 8) | ((b[i + 5] as number) << 16)) << 8) >>
      8;
    out[f] = (l + r) * scale;
    i += 6;
  }
}

/** Little-endian signed integers of `width` bytes: shifted into the top of an int32, then scaled. */
function intLe(
  b: Uint8Array,
  start: number,
  frames: number,
  ch: number,
  width: number,
  out: Float64Array,
): void {
  const scale = 1 / (2147483648 * ch);
  const shift = 32 - 8 * width;
  let i = start;
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < ch; c++) {
      let v = 0;
      for (let k = width - 1; k >= 0; k--) v = (v << 8) | (b[i + k] as number);
      sum += v << shift;
      i += width;
    }
    out[f] = sum * scale;
  }
}

function intBe(
  b: Uint8Array,
  start: number,
  frames: number,
  ch: number,
  width: number,
  out: Float64Array,
): void {
  const scale = 1 / (2147483648 * ch);
  const shift = 32 - 8 * width;
  let i = start;
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < ch; c++) {
      let v = 0;
      for (let k = 0; k < width; k++) v = (v << 8) | (b[i + k] as number);
      sum += v << shift;
      i += width;
    }
    out[f] = sum * scale;
  }
}

function eightBit(
  b: Uint8Array,
  start: number,
  frames: number,
  ch: number,
  unsigned: boolean,
  out: Float64Array,
): void {
  const scale = 1 / (128 * ch);
  let i = start;
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < ch; c++) {
      const byte = b[i++] as number;
      sum += unsigned ? byte - 128 : (byte << 24) >> 24;
    }
    out[f] = sum * scale;
  }
}

function floats(
  b: Uint8Array,
  start: number,
  frames: number,
  ch: number,
  encoding: 'f32le' | 'f32be' | 'f64le' | 'f64be',
  out: Float64Array,
): void {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const little = encoding.endsWith('le');
  const wide = encoding.startsWith('f64');
  const width = wide ? 8 : 4;
  const scale = 1 / ch;
  let i = start;
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < ch; c++) {
      sum += wide ? view.getFloat64(i, little) : view.getFloat32(i, little);
      i += width;
    }
    out[f] = sum * scale;
  }
}

/**
 * Converts floats to 16-bit little-endian samples into `out` from byte 0 (rounded, clipped: a
 * resampled full-scale signal can overshoot 1 slightly). Returns the bytes written.
 */
export function encodeS16le(samples: Float64Array, count: number, out: Uint8Array): number {
  let o = 0;
  for (let n = 0; n < count; n++) {
    let v = Math.round((samples[n] as number) * 32768);
    if (v > 32767) v = 32767;
    else if (v < -32768) v = -32768;
    out[o] = v & 0xff;
    out[o + 1] = (v >> 8) & 0xff;
    o += 2;
  }
  return o;
}

export const WAV_HEADER_BYTES = 44;

/** A canonical 44-byte header of a 16-bit PCM WAV holding `dataBytes` of samples. */
export function wavHeader(sampleRate: number, channels: number, dataBytes: number): Uint8Array {
  const header = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (at: number, text: string): void => {
    for (let i = 0; i < text.length; i++) header[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return header;
}
