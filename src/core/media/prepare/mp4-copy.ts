/**
 * An MP4's AAC sound copied into an M4A by its byte ranges alone (see mp4-layout.ts): the
 * packets are read where the sample table says they are, many reads at a time, into a 1 MiB
 * buffer that is written while the next one fills; the picture between them is never read. The
 * M4A is `ftyp`, `mdat` (every packet, in order) and `moov` with the same packet sizes and
 * durations, and an edit that hides what plays before the prepared file's 0 (AAC's priming), as
 * ffmpeg and mediabunny write it.
 *
 * Memory: two buffers and the sample table (about 20 bytes a packet, kept by the layout).
 */

import { read } from 'node:fs';
import type { Mp4AudioLayout } from './mp4-layout';

export const BATCH_BYTES = 1024 * 1024;
/** Reads in flight at once: enough to keep the thread pool busy on small, scattered ranges. */
const READS_IN_FLIGHT = 64;
/** Packets per chunk of the M4A (about 21 s of 48 kHz AAC). */
const CHUNK_PACKETS = 1024;
/** Ranges a buffer is filled from at most (a buffer of tiny packets is written early). */
const MAX_RANGES = 16 * 1024;
const U32_MAX = 0xffffffff;

export interface Mp4CopyOptions {
  layout: Mp4AudioLayout;
  /** The recording, open for reading (its descriptor is read from directly). */
  sourceFd: number;
  /** Writes `bytes` at `position` of the prepared file, all of them, or throws. */
  write: (bytes: Uint8Array, position: number) => Promise<void>;
  /** Media ticks at the start that play before the prepared file's 0 (kept behind an edit). */
  skipTicks: number;
  /** Throws (an AbortError) when the copy is to stop; called between buffers. */
  checkCanceled: () => void;
  progress: (fraction: number) => void;
}

/** Reads `count` ranges into `target` at their places; settles once no read is pending. */
function readRanges(
  fd: number,
  target: Uint8Array,
  from: Float64Array,
  length: Float64Array,
  at: Float64Array,
  count: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let active = 0;
    let failure: unknown;
    const settle = (): void => {
      if (active > 0) return;
      if (failure !== undefined) reject(failure);
      else if (next >= count) resolve();
    };
    const start = (position: number, bytes: number, offset: number): void => {
      active += 1;
      read(fd, target, offset, bytes, position, (error, got) => {
        active -= 1;
        if (failure === undefined) {
          if (error) failure = error;
          else if (got === 0)
            failure = new Error('the recording ended early (it changed while read)');
          else if (got < bytes) start(position + got, bytes - got, offset + got);
        }
        pump();
      });
    };
    const pump = (): void => {
      while (failure === undefined && active < READS_IN_FLIGHT && next < count) {
        const i = next;
        next += 1;
        start(from[i] ?? 0, length[i] ?? 0, at[i] ?? 0);
      }
      settle();
    };
    pump();
  });
}

// --- boxes ---------------------------------------------------------------------------------

class Bytes {
  private parts: Uint8Array[] = [];
  size = 0;
  u8(value: number): this {
    return this.raw(Uint8Array.of(value));
  }
  u16(value: number): this {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, value);
    return this.raw(b);
  }
  u32(value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, value);
    return this.raw(b);
  }
  u64(value: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(value));
    return this.raw(b);
  }
  /** 32 or 64 bits, as the box's version says. */
  uv(version: number, value: number): this {
    return version === 1 ? this.u64(value) : this.u32(value);
  }
  zeros(count: number): this {
    return this.raw(new Uint8Array(count));
  }
  ascii(text: string): this {
    return this.raw(Uint8Array.from(text, (c) => c.charCodeAt(0)));
  }
  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.size += bytes.byteLength;
    return this;
  }
  join(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.byteLength;
    }
    return out;
  }
}

function box(type: string, ...children: Uint8Array[]): Uint8Array {
  const body = new Bytes();
  for (const child of children) body.raw(child);
  return new Bytes()
    .u32(8 + body.size)
    .ascii(type)
    .raw(body.join())
    .join();
}

function fullBox(type: string, version: number, flags: number, body: Bytes): Uint8Array {
  return box(type, new Bytes().u8(version).raw(u24(flags)).raw(body.join()).join());
}

function u24(value: number): Uint8Array {
  return Uint8Array.of((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
}

const MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];

function matrix(bytes: Bytes): Bytes {
  for (const value of MATRIX) bytes.u32(value);
  return bytes;
}

export function ftypBox(): Uint8Array {
  return box('ftyp', new Bytes().ascii('M4A ').u32(0x200).ascii('M4A isomiso2mp41').join());
}

/** The mdat header for `dataBytes` of packets (a 64-bit size when it does not fit 32 bits). */
export function mdatHeader(dataBytes: number): Uint8Array {
  if (dataBytes + 8 <= U32_MAX)
    return new Bytes()
      .u32(dataBytes + 8)
      .ascii('mdat')
      .join();
  return new Bytes()
    .u32(1)
    .ascii('mdat')
    .u64(dataBytes + 16)
    .join();
}

/** The M4A's moov, for packets written from `dataStart` on, in order. */
export function moovBox(layout: Mp4AudioLayout, dataStart: number, skipTicks: number): Uint8Array {
  const { timescale, mediaTicks, sampleCount } = layout;
  const shownTicks = mediaTicks - skipTicks;
  const v = (value: number): number => (value > U32_MAX ? 1 : 0);
  const movieVersion = v(mediaTicks);

  // Chunks of CHUNK_PACKETS packets, at their places in mdat.
  const sizes = new DataView(layout.stsz.buffer, layout.stsz.byteOffset, layout.stsz.byteLength);
  const chunkCount = Math.ceil(sampleCount / CHUNK_PACKETS);
  const offsets: number[] = [];
  let position = dataStart;
  for (let sample = 0; sample < sampleCount; sample += 1) {
    if (sample % CHUNK_PACKETS === 0) offsets.push(position);
    position += sizes.getUint32(12 + 4 * sample);
  }
  const wide = (offsets.at(-1) ?? 0) > U32_MAX;
  const chunkOffsets = new Bytes().u32(chunkCount);
  for (const offset of offsets) {
    if (wide) chunkOffsets.u64(offset);
    else chunkOffsets.u32(offset);
  }
  const last = sampleCount - (chunkCount - 1) * CHUNK_PACKETS;
  const stsc = new Bytes().u32(last === CHUNK_PACKETS || chunkCount === 1 ? 1 : 2);
  stsc
    .u32(1)
    .u32(chunkCount === 1 ? last : CHUNK_PACKETS)
    .u32(1);
  if (chunkCount > 1 && last !== CHUNK_PACKETS) stsc.u32(chunkCount).u32(last).u32(1);

  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, new Bytes().u32(1).raw(layout.sampleEntry)),
    box('stts', layout.stts),
    fullBox('stsc', 0, 0, stsc),
    box('stsz', layout.stsz),
    fullBox(wide ? 'co64' : 'stco', 0, 0, chunkOffsets),
  );
  const dinf = box(
    'dinf',
    fullBox('dref', 0, 0, new Bytes().u32(1).raw(fullBox('url ', 0, 1, new Bytes()))),
  );
  const minf = box('minf', fullBox('smhd', 0, 0, new Bytes().u16(0).u16(0)), dinf, stbl);
  const mdhd = fullBox(
    'mdhd',
    movieVersion,
    0,
    new Bytes()
      .uv(movieVersion, 0)
      .uv(movieVersion, 0)
      .u32(timescale)
      .uv(movieVersion, mediaTicks)
      .u16(layout.language)
      .u16(0),
  );
  const hdlr = fullBox(
    'hdlr',
    0,
    0,
    new Bytes().u32(0).ascii('soun').zeros(12).ascii('SoundHandler').u8(0),
  );
  const mdia = box('mdia', mdhd, hdlr, minf);
  const tkhd = fullBox(
    'tkhd',
    movieVersion,
    3,
    matrix(
      new Bytes()
        .uv(movieVersion, 0)
        .uv(movieVersion, 0)
        .u32(1)
        .u32(0)
        .uv(movieVersion, shownTicks)
        .zeros(8)
        .u16(0)
        .u16(0)
        .u16(0x0100)
        .u16(0),
    )
      .u32(0)
      .u32(0),
  );
  const trakParts = [tkhd];
  if (skipTicks > 0) {
    const elstVersion = v(Math.max(shownTicks, skipTicks));
    const elst = fullBox(
      'elst',
      elstVersion,
      0,
      new Bytes().u32(1).uv(elstVersion, shownTicks).uv(elstVersion, skipTicks).u16(1).u16(0),
    );
    trakParts.push(box('edts', elst));
  }
  trakParts.push(mdia);
  const mvhd = fullBox(
    'mvhd',
    movieVersion,
    0,
    matrix(
      new Bytes()
        .uv(movieVersion, 0)
        .uv(movieVersion, 0)
        .u32(timescale)
        .uv(movieVersion, shownTicks)
        .u32(0x10000)
        .u16(0x0100)
        .zeros(10),
    )
      .zeros(24)
      .u32(2),
  );
  return box('moov', mvhd, box('trak', ...trakParts));
}

/** Copies the packets and writes the M4A around them. */
export async function copyMp4Audio(options: Mp4CopyOptions): Promise<void> {
  const { layout, write, checkCanceled, progress } = options;
  checkCanceled();
  const head = new Bytes().raw(ftypBox()).raw(mdatHeader(layout.totalBytes)).join();
  await write(head, 0);
  const dataStart = head.byteLength;

  // Two buffers: one is written while the other fills.
  const buffers = [new Uint8Array(BATCH_BYTES), new Uint8Array(BATCH_BYTES)] as const;
  // One batch's reads: where from, how many bytes, where in the buffer.
  const from = new Float64Array(Math.min(MAX_RANGES, layout.runCount + 1));
  const length = new Float64Array(from.length);
  const at = new Float64Array(from.length);
  let ranges = 0;
  let filled = 0;
  let written = 0;
  let batch = 0;
  let pending: Promise<void> | undefined;
  let pendingError: unknown;

  const flush = async (): Promise<void> => {
    const buffer = buffers[batch % 2 === 0 ? 0 : 1];
    await readRanges(options.sourceFd, buffer, from, length, at, ranges);
    if (pending) await pending;
    if (pendingError !== undefined) throw pendingError;
    const position = dataStart + written;
    const bytes = buffer.subarray(0, filled);
    pending = write(bytes, position).catch((error: unknown) => {
      pendingError = error;
    });
    written += filled;
    batch += 1;
    ranges = 0;
    filled = 0;
    progress(written / layout.totalBytes);
    checkCanceled();
  };

  try {
    for (let run = 0; run < layout.runCount; run += 1) {
      let offset = layout.runOffsets[run] ?? 0;
      let left = layout.runBytes[run] ?? 0;
      while (left > 0) {
        if (filled === BATCH_BYTES || ranges === from.length) await flush();
        const take = Math.min(left, BATCH_BYTES - filled);
        from[ranges] = offset;
        length[ranges] = take;
        at[ranges] = filled;
        ranges += 1;
        filled += take;
        offset += take;
        left -= take;
      }
    }
    if (filled > 0) await flush();
  } finally {
    if (pending) await pending;
  }
  if (pendingError !== undefined) throw pendingError;
  await write(moovBox(layout, dataStart, options.skipTicks), dataStart + layout.totalBytes);
}
