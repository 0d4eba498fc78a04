/**
 * The byte-range copy's writer and reader against each other, on synthetic sample tables: packets
 * scattered through a file come out in order and whole (across buffers, and one larger than a
 * buffer), the M4A's table reads back as it went in, and past 4 GiB the offsets and sizes take
 * their 64-bit forms. Real files against ffmpeg: test/integration/prepare-mp4-copy.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BATCH_BYTES,
  copyMp4Audio,
  ftypBox,
  mdatHeader,
  moovBox,
} from '../../../src/core/media/prepare/mp4-copy';
import {
  readMp4AudioLayout,
  type Mp4AudioLayout,
} from '../../../src/core/media/prepare/mp4-layout';
import { writeAll } from '../../../src/core/media/prepare/output-file';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diarist-mp4-copy-unit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An ISO mp4a entry (48 kHz stereo) with a stand-in esds, as the layout keeps it. */
function sampleEntry(): Uint8Array {
  const esds = Buffer.from('0000001465736473000000000102030405060708', 'hex');
  const entry = Buffer.alloc(36 + esds.length);
  entry.writeUInt32BE(entry.length, 0);
  entry.write('mp4a', 4, 'latin1');
  entry.writeUInt16BE(1, 14);
  entry.writeUInt16BE(2, 24);
  entry.writeUInt16BE(16, 26);
  entry.writeUInt32BE(48_000 * 0x10000, 32);
  esds.copy(entry, 36);
  return entry;
}

/** A layout for `sizes` (each packet 1024 ticks long) lying at `runs` in the source. */
function layoutOf(
  sizes: number[],
  runs: { offset: number; bytes: number }[],
  options: { delta?: number; startTicks?: number } = {},
): Mp4AudioLayout {
  const delta = options.delta ?? 1024;
  const stts = Buffer.alloc(16);
  stts.writeUInt32BE(1, 4);
  stts.writeUInt32BE(sizes.length, 8);
  stts.writeUInt32BE(delta, 12);
  const stsz = Buffer.alloc(12 + 4 * sizes.length);
  stsz.writeUInt32BE(sizes.length, 8);
  sizes.forEach((size, i) => stsz.writeUInt32BE(size, 12 + 4 * i));
  return {
    timescale: 48_000,
    language: 0x55c4, // 'und'
    sampleEntry: sampleEntry(),
    sampleCount: sizes.length,
    stts,
    mediaTicks: sizes.length * delta,
    stsz,
    runOffsets: Float64Array.from(runs, (run) => run.offset),
    runBytes: Float64Array.from(runs, (run) => run.bytes),
    runCount: runs.length,
    totalBytes: sizes.reduce((sum, size) => sum + size, 0),
    startTicks: options.startTicks ?? 0,
  };
}

async function layoutFrom(path: string): Promise<Mp4AudioLayout> {
  const handle = await open(path, 'r');
  try {
    const found = await readMp4AudioLayout(handle, (await handle.stat()).size, 1);
    if ('unsupported' in found) throw new Error(found.unsupported);
    return found.layout;
  } finally {
    await handle.close();
  }
}

describe('the byte-range copy', () => {
  it('copies scattered packets in order and whole, and its table reads back as it went in', async () => {
    // 3,000 packets in chunks of 1 to 3, with gaps of picture between most chunks (none
    // between some, which are then one range), and one packet larger than a buffer.
    const sizes = Array.from({ length: 3_000 }, (_, i) =>
      i === 1_500 ? BATCH_BYTES + 12_345 : 1 + ((i * 7_919) % 900),
    );
    const source = Buffer.alloc(32 * 1024 * 1024);
    const packets: Buffer[] = [];
    const runs: { offset: number; bytes: number }[] = [];
    let at = 1_000;
    for (let i = 0; i < sizes.length;) {
      const count = 1 + (i % 3);
      at += i % 5 === 0 ? 0 : 500 + ((i * 31) % 6_000);
      let bytes = 0;
      for (let j = 0; j < count && i < sizes.length; j += 1, i += 1) {
        const packet = randomBytes(sizes[i]!);
        packet.copy(source, at + bytes);
        packets.push(packet);
        bytes += packet.length;
      }
      const last = runs.at(-1);
      if (last && last.offset + last.bytes === at) last.bytes += bytes;
      else runs.push({ offset: at, bytes });
      at += bytes;
    }
    const sourcePath = join(dir, 'scattered.bin');
    await writeFile(sourcePath, source.subarray(0, at + 1_000));
    const layout = layoutOf(sizes, runs, { startTicks: 1024 });

    const outPath = join(dir, 'scattered.m4a');
    const src = await open(sourcePath, 'r');
    const out = await open(outPath, 'w');
    const seen: number[] = [];
    try {
      await copyMp4Audio({
        layout,
        sourceFd: src.fd,
        write: (bytes, position) => writeAll(out, bytes, position),
        skipTicks: 1024,
        checkCanceled: () => undefined,
        progress: (fraction) => seen.push(fraction),
      });
    } finally {
      await src.close();
      await out.close();
    }
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);

    const back = await layoutFrom(outPath);
    // Every packet one after the other in mdat: one range.
    expect(back.runCount).toBe(1);
    const written = await readFile(outPath);
    const data = written.subarray(back.runOffsets[0], back.runOffsets[0]! + back.totalBytes);
    expect(data.equals(Buffer.concat(packets))).toBe(true);
    expect(Buffer.from(back.stsz).equals(Buffer.from(layout.stsz))).toBe(true);
    expect(Buffer.from(back.stts).equals(Buffer.from(layout.stts))).toBe(true);
    expect(Buffer.from(back.sampleEntry).equals(Buffer.from(layout.sampleEntry))).toBe(true);
    expect(back).toMatchObject({
      timescale: 48_000,
      language: 0x55c4,
      sampleCount: 3_000,
      mediaTicks: 3_000 * 1024,
      totalBytes: layout.totalBytes,
      // The edit hides the first packet (priming), as it did in the source.
      startTicks: 1024,
    });
  });

  it('writes 64-bit sizes and offsets for more than 4 GiB of sound, and reads them back', async () => {
    // 1,100 packets of 4 MiB (4.3 GiB, a sparse file), each 4,000,000 ticks long (4.4e9 in all).
    const sizes = Array.from({ length: 1_100 }, () => 4 * 1024 * 1024);
    const layout = layoutOf(sizes, [{ offset: 0, bytes: sizes.length * 4 * 1024 * 1024 }], {
      delta: 4_000_000,
    });
    const head = Buffer.concat([ftypBox(), mdatHeader(layout.totalBytes)]);
    expect(head.toString('latin1', head.length - 12, head.length - 8)).toBe('mdat');
    const moov = moovBox(layout, head.length, 0);
    expect(Buffer.from(moov).includes('co64')).toBe(true);
    const path = join(dir, 'large.m4a');
    await writeFile(path, head);
    await truncate(path, head.length + layout.totalBytes);
    const handle = await open(path, 'r+');
    try {
      await writeAll(handle, moov, head.length + layout.totalBytes);
    } finally {
      await handle.close();
    }
    const back = await layoutFrom(path);
    expect(back).toMatchObject({
      sampleCount: 1_100,
      mediaTicks: 1_100 * 4_000_000,
      totalBytes: layout.totalBytes,
      runCount: 1,
      startTicks: 0,
    });
    expect(back.runOffsets[0]).toBe(head.length);
  });
});
