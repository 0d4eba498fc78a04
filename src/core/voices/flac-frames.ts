/**
 * FLAC frames carry their own position (the frame's number, or its first sample's) in their
 * header, guarded by a CRC-8 over the header and a CRC-16 over the whole frame. Frames copied from
 * several stretches of a recording into one clip are renumbered so they follow one another, as a
 * decoder (and the service) expects.
 */

function crc8(bytes: Uint8Array, end: number): number {
  let crc = 0;
  for (let i = 0; i < end; i++) {
    crc ^= bytes[i] as number;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function crc16(bytes: Uint8Array, end: number): number {
  let crc = 0;
  for (let i = 0; i < end; i++) {
    crc ^= (bytes[i] as number) << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/** FLAC's "UTF-8" coding of a frame or sample number (up to 36 bits). */
export function encodeFlacNumber(value: number): Uint8Array {
  if (value < 0x80) return Uint8Array.of(value);
  const limits = [0x800, 0x10000, 0x200000, 0x4000000, 0x80000000, 0x1000000000];
  const length = limits.findIndex((limit) => value < limit) + 2;
  if (length < 2) throw new Error('FLAC number too large');
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i > 0; i--) {
    out[i] = 0x80 | (rest % 64);
    rest = Math.floor(rest / 64);
  }
  const lead = length === 7 ? 0xfe : (0xff << (8 - length)) & 0xff;
  out[0] = lead | rest;
  return out;
}

function numberLength(first: number): number {
  if ((first & 0x80) === 0) return 1;
  let length = 0;
  while (length < 8 && first & (0x80 >> length)) length++;
  return length === 8 ? 7 : length;
}

/** Whether the frame counts samples (variable block size) rather than frames. */
export function flacCountsSamples(frame: Uint8Array): boolean {
  return ((frame[1] as number) & 0x01) === 1;
}

/**
 * The frame with its number replaced by `number` (a frame index, or a sample index when the
 * stream counts samples) and both checksums made again. A frame this cannot read comes back as it is.
 */
export function renumberFlacFrame(frame: Uint8Array, number: number): Uint8Array {
  if (frame.length < 8 || frame[0] !== 0xff || ((frame[1] as number) & 0xfe) !== 0xf8) return frame;
  const blockSizeCode = (frame[2] as number) >> 4;
  const rateCode = (frame[2] as number) & 0x0f;
  const oldLength = numberLength(frame[4] as number);
  const extra =
    (blockSizeCode === 6 ? 1 : blockSizeCode === 7 ? 2 : 0) +
    (rateCode === 12 ? 1 : rateCode === 13 || rateCode === 14 ? 2 : 0);
  const headerEnd = 4 + oldLength + extra; // the CRC-8 byte's place
  if (headerEnd + 3 > frame.length) return frame;
  const coded = encodeFlacNumber(number);
  const out = new Uint8Array(frame.length - oldLength + coded.length);
  out.set(frame.subarray(0, 4), 0);
  out.set(coded, 4);
  out.set(frame.subarray(4 + oldLength, headerEnd), 4 + coded.length);
  const crcAt = 4 + coded.length + extra;
  out[crcAt] = crc8(out, crcAt);
  out.set(frame.subarray(headerEnd + 1, frame.length - 2), crcAt + 1);
  const sum = crc16(out, out.length - 2);
  out[out.length - 2] = sum >> 8;
  out[out.length - 1] = sum & 0xff;
  return out;
}

/** Whether a frame's checksums hold (for tests). */
export function flacFrameIntact(frame: Uint8Array): boolean {
  const oldLength = numberLength(frame[4] as number);
  const blockSizeCode = (frame[2] as number) >> 4;
  const rateCode = (frame[2] as number) & 0x0f;
  const extra =
    (blockSizeCode === 6 ? 1 : blockSizeCode === 7 ? 2 : 0) +
    (rateCode === 12 ? 1 : rateCode === 13 || rateCode === 14 ? 2 : 0);
  const crcAt = 4 + oldLength + extra;
  const sum = crc16(frame, frame.length - 2);
  return (
    crc8(frame, crcAt) === frame[crcAt] &&
    sum === (((frame[frame.length - 2] as number) << 8) | (frame[frame.length - 1] as number))
  );
}
