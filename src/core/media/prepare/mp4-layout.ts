/**
 * Where an MP4's (or a QuickTime movie's) AAC sound track lies in the file: its sample table
 * (sizes, chunk offsets, durations), its sample description and its edit, read from the `moov`
 * box alone. With it, the sound's packets can be read straight from their byte ranges and the
 * picture's bytes never read at all (a 2 GiB meeting video holds about 24 MB of sound).
 *
 * Only the common shape is taken: one `moov`, not fragmented, an `mp4a` sample description (ISO
 * or QuickTime version 1) with its `esds`, a sample size per packet, and an edit list that is
 * empty or "some empty time, then the media from one point at normal speed". Anything else gives
 * `undefined`, and the caller takes the general path (mediabunny) instead.
 */

import type { FileHandle } from 'node:fs/promises';

export interface Mp4AudioLayout {
  /** Media timescale (ticks a second) of the sound track. */
  timescale: number;
  /** mdhd's packed ISO-639 language. */
  language: number;
  /** An ISO `mp4a` sample entry (version 0), with the source's `esds` as it is. */
  sampleEntry: Uint8Array;
  sampleCount: number;
  /** stts's body (version, flags, entries), to be copied: packet durations in media ticks. */
  stts: Uint8Array;
  /** The sum of the packet durations, in media ticks. */
  mediaTicks: number;
  /** stsz's body (version, flags, sample_size 0, count, one size a packet), to be copied. */
  stsz: Uint8Array;
  /**
   * The packets' bytes in the file, in decoding order: `runCount` ranges (chunks that follow
   * each other in the file merged), each `runBytes[i]` long from `runOffsets[i]`.
   */
  runOffsets: Float64Array;
  runBytes: Float64Array;
  runCount: number;
  totalBytes: number;
  /**
   * Media ticks before the track's time 0 (as mediabunny counts it: the edit's media time less
   * the empty edits before it): the first packet plays at `-startTicks / timescale` s.
   */
  startTicks: number;
}

interface Box {
  type: string;
  /** Where the box's body starts (after its header) and where the box ends. */
  body: number;
  end: number;
}

const MAX_BOX_READ = 256 * 1024 * 1024;

class Unsupported extends Error {}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

const view = (bytes: Uint8Array): DataView =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  if (length > MAX_BOX_READ) throw new Unsupported(`box of ${length} bytes`);
  const bytes = new Uint8Array(length);
  for (let done = 0; done < length;) {
    const { bytesRead } = await handle.read(bytes, done, length - done, position + done);
    if (bytesRead === 0) throw new Unsupported('file ends inside a box');
    done += bytesRead;
  }
  return bytes;
}

/** The boxes between `from` and `to` in the file, by their headers only. */
async function boxesIn(handle: FileHandle, from: number, to: number): Promise<Box[]> {
  const boxes: Box[] = [];
  const head = new Uint8Array(16);
  const dv = view(head);
  for (let at = from; at + 8 <= to;) {
    const { bytesRead } = await handle.read(head, 0, Math.min(16, to - at), at);
    if (bytesRead < 8) throw new Unsupported('short box header');
    let size = dv.getUint32(0);
    let header = 8;
    if (size === 1) {
      if (bytesRead < 16) throw new Unsupported('short large box header');
      size = Number(dv.getBigUint64(8));
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header || at + size > to) throw new Unsupported('box runs past its container');
    boxes.push({ type: fourcc(head, 4), body: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

/** Child boxes inside a body already in memory. */
function boxesOf(bytes: Uint8Array, from: number, to: number): Box[] {
  const dv = view(bytes);
  const boxes: Box[] = [];
  for (let at = from; at + 8 <= to;) {
    const size = dv.getUint32(at);
    // QuickTime ends some lists with a 4-byte zero terminator; a zero size ends the list here.
    if (size === 0) break;
    if (size < 8 || at + size > to) throw new Unsupported('inner box runs past its container');
    boxes.push({ type: fourcc(bytes, at + 4), body: at + 8, end: at + size });
    at += size;
  }
  return boxes;
}

const only = (boxes: Box[], type: string): Box | undefined => {
  const found = boxes.filter((box) => box.type === type);
  if (found.length > 1) throw new Unsupported(`${found.length} ${type} boxes`);
  return found[0];
};

const need = (boxes: Box[], type: string): Box => {
  const box = only(boxes, type);
  if (!box) throw new Unsupported(`no ${type}`);
  return box;
};

const bodyOf = (handle: FileHandle, box: Box): Promise<Uint8Array> =>
  readAt(handle, box.body, box.end - box.body);

/** A version 0 ISO `mp4a` entry with the source's `esds`, from an ISO or QuickTime v1 entry. */
function isoSampleEntry(stsd: Uint8Array): Uint8Array {
  const dv = view(stsd);
  if (stsd.byteLength < 16 || dv.getUint32(4) !== 1) throw new Unsupported('not one sound entry');
  const entrySize = dv.getUint32(8);
  if (entrySize < 36 || 8 + entrySize > stsd.byteLength) throw new Unsupported('bad sound entry');
  if (fourcc(stsd, 12) !== 'mp4a') throw new Unsupported(`sound entry ${fourcc(stsd, 12)}`);
  const entry = stsd.subarray(8, 8 + entrySize);
  const ev = view(entry);
  const version = ev.getUint16(16);
  const channels = ev.getUint16(24);
  const rate = ev.getUint32(32) >>> 16;
  if (version > 1) throw new Unsupported(`sound description version ${version}`);
  if (channels === 0 || rate === 0) throw new Unsupported('no channel count or rate');
  const childrenAt = version === 1 ? 52 : 36;
  const children = boxesOf(entry, childrenAt, entry.byteLength);
  let esds = only(children, 'esds');
  let holder = entry;
  if (!esds) {
    const wave = only(children, 'wave');
    if (wave) {
      holder = entry.subarray(wave.body, wave.end);
      esds = only(boxesOf(holder, 0, holder.byteLength), 'esds');
    }
  }
  if (!esds) throw new Unsupported('no esds');
  const esdsBox = holder.subarray(esds.body - 8, esds.end);
  const out = new Uint8Array(36 + esdsBox.byteLength);
  const ov = view(out);
  ov.setUint32(0, out.byteLength);
  out.set([0x6d, 0x70, 0x34, 0x61], 4); // 'mp4a'
  ov.setUint16(14, 1); // data reference index
  ov.setUint16(24, channels);
  ov.setUint16(26, 16);
  ov.setUint32(32, rate * 0x10000);
  out.set(esdsBox, 36);
  return out;
}

/** The edit as mediabunny reads it: empty edits, then one from `mediaTime` at rate 1. */
function editStart(
  elst: Uint8Array | undefined,
  movieTimescale: number,
  timescale: number,
): number {
  if (!elst) return 0;
  const dv = view(elst);
  const version = dv.getUint8(0);
  const count = dv.getUint32(4);
  const entryBytes = version === 1 ? 20 : 12;
  if (8 + count * entryBytes > elst.byteLength) throw new Unsupported('short edit list');
  let empty = 0;
  for (let i = 0; i < count; i += 1) {
    const at = 8 + i * entryBytes;
    const duration = version === 1 ? Number(dv.getBigUint64(at)) : dv.getUint32(at);
    const mediaTime = version === 1 ? Number(dv.getBigInt64(at + 8)) : dv.getInt32(at + 4);
    const rate = dv.getInt32(at + entryBytes - 4);
    if (mediaTime === -1) {
      empty += duration;
      continue;
    }
    if (rate !== 0x10000 || mediaTime < 0) throw new Unsupported('edit at another speed');
    if (i !== count - 1) throw new Unsupported('more than one edit');
    return mediaTime - Math.round((empty / movieTimescale) * timescale);
  }
  throw new Unsupported('edit list without media');
}

interface SampleTables {
  stts: Uint8Array;
  stsc: Uint8Array;
  stsz: Uint8Array;
  offsets: Uint8Array;
  wide: boolean;
}

function layoutOf(tables: SampleTables, fileSize: number) {
  const { stts, stsc, stsz, offsets, wide } = tables;
  const sz = view(stsz);
  if (stsz.byteLength < 12 || sz.getUint32(4) !== 0) throw new Unsupported('one size for all');
  const sampleCount = sz.getUint32(8);
  if (sampleCount === 0 || 12 + 4 * sampleCount > stsz.byteLength) throw new Unsupported('stsz');

  const st = view(stts);
  const sttsCount = st.getUint32(4);
  if (8 + 8 * sttsCount > stts.byteLength) throw new Unsupported('short stts');
  let timed = 0;
  let mediaTicks = 0;
  for (let i = 0; i < sttsCount; i += 1) {
    const count = st.getUint32(8 + 8 * i);
    timed += count;
    mediaTicks += count * st.getUint32(12 + 8 * i);
  }
  if (timed !== sampleCount) throw new Unsupported('stts and stsz disagree');

  const co = view(offsets);
  const chunkCount = co.getUint32(4);
  if (8 + chunkCount * (wide ? 8 : 4) > offsets.byteLength) throw new Unsupported('short stco');
  const sc = view(stsc);
  const runs = sc.getUint32(4);
  if (runs === 0 || 8 + 12 * runs > stsc.byteLength) throw new Unsupported('short stsc');

  const runOffsets = new Float64Array(chunkCount);
  const runBytes = new Float64Array(chunkCount);
  let runCount = 0;
  let runEnd = -1;
  let sample = 0;
  let totalBytes = 0;
  for (let run = 0; run < runs; run += 1) {
    const first = sc.getUint32(8 + 12 * run);
    const perChunk = sc.getUint32(12 + 12 * run);
    const description = sc.getUint32(16 + 12 * run);
    const next = run + 1 < runs ? sc.getUint32(20 + 12 * run) : chunkCount + 1;
    if (first < 1 || next <= first || next > chunkCount + 1 || perChunk === 0) {
      throw new Unsupported('stsc out of order');
    }
    if (description !== 1) throw new Unsupported('more than one sample description');
    if (run === 0 && first !== 1) throw new Unsupported('stsc does not start at chunk 1');
    for (let chunk = first; chunk < next; chunk += 1) {
      if (sample + perChunk > sampleCount) throw new Unsupported('more packets in chunks');
      const at = 8 + (chunk - 1) * (wide ? 8 : 4);
      const offset = wide ? Number(co.getBigUint64(at)) : co.getUint32(at);
      let bytes = 0;
      for (let i = 0; i < perChunk; i += 1) bytes += sz.getUint32(12 + 4 * (sample + i));
      if (offset + bytes > fileSize) throw new Unsupported('a chunk past the end of the file');
      if (offset === runEnd) {
        runBytes[runCount - 1] = (runBytes[runCount - 1] ?? 0) + bytes;
      } else {
        runOffsets[runCount] = offset;
        runBytes[runCount] = bytes;
        runCount += 1;
      }
      runEnd = offset + bytes;
      sample += perChunk;
      totalBytes += bytes;
    }
  }
  if (sample !== sampleCount) throw new Unsupported('fewer packets in chunks than sizes');
  return {
    sampleCount,
    mediaTicks,
    runOffsets: runOffsets.subarray(0, runCount),
    runBytes: runBytes.subarray(0, runCount),
    runCount,
    totalBytes,
  };
}

/**
 * The layout of the sound track whose tkhd id is `trackId`, or undefined (with why, for the
 * log) when the file is not one this reader takes.
 */
export async function readMp4AudioLayout(
  handle: FileHandle,
  fileSize: number,
  trackId: number,
): Promise<{ layout: Mp4AudioLayout } | { unsupported: string }> {
  try {
    const top = await boxesIn(handle, 0, fileSize);
    if (top.some((box) => box.type === 'moof')) throw new Unsupported('fragmented');
    const moov = need(top, 'moov');
    const inMoov = await boxesIn(handle, moov.body, moov.end);
    if (inMoov.some((box) => box.type === 'mvex' || box.type === 'cmov')) {
      throw new Unsupported('fragmented or compressed moov');
    }
    const mvhd = await bodyOf(handle, need(inMoov, 'mvhd'));
    const movieTimescale = view(mvhd).getUint32(mvhd[0] === 1 ? 20 : 12);
    for (const trak of inMoov.filter((box) => box.type === 'trak')) {
      const inTrak = await boxesIn(handle, trak.body, trak.end);
      const tkhd = await bodyOf(handle, need(inTrak, 'tkhd'));
      if (view(tkhd).getUint32(tkhd[0] === 1 ? 20 : 12) !== trackId) continue;
      const mdia = need(inTrak, 'mdia');
      const inMdia = await boxesIn(handle, mdia.body, mdia.end);
      const hdlr = await bodyOf(handle, need(inMdia, 'hdlr'));
      if (fourcc(hdlr, 8) !== 'soun') throw new Unsupported('not a sound track');
      const mdhd = await bodyOf(handle, need(inMdia, 'mdhd'));
      const md = view(mdhd);
      const timescale = md.getUint32(mdhd[0] === 1 ? 20 : 12);
      const language = md.getUint16(mdhd[0] === 1 ? 32 : 20);
      const minf = need(inMdia, 'minf');
      const stbl = need(await boxesIn(handle, minf.body, minf.end), 'stbl');
      const inStbl = await boxesIn(handle, stbl.body, stbl.end);
      if (only(inStbl, 'ctts') || only(inStbl, 'stz2')) throw new Unsupported('ctts or stz2');
      const co64 = only(inStbl, 'co64');
      const tables: SampleTables = {
        stts: await bodyOf(handle, need(inStbl, 'stts')),
        stsc: await bodyOf(handle, need(inStbl, 'stsc')),
        stsz: await bodyOf(handle, need(inStbl, 'stsz')),
        offsets: await bodyOf(handle, co64 ?? need(inStbl, 'stco')),
        wide: co64 !== undefined,
      };
      const sampleEntry = isoSampleEntry(await bodyOf(handle, need(inStbl, 'stsd')));
      const edts = only(inTrak, 'edts');
      const elstBox = edts && only(await boxesIn(handle, edts.body, edts.end), 'elst');
      const elst = elstBox && (await bodyOf(handle, elstBox));
      if (timescale === 0 || movieTimescale === 0) throw new Unsupported('no timescale');
      return {
        layout: {
          timescale,
          language,
          sampleEntry,
          stts: tables.stts,
          stsz: tables.stsz,
          startTicks: editStart(elst, movieTimescale, timescale),
          ...layoutOf(tables, fileSize),
        },
      };
    }
    throw new Unsupported(`no track ${trackId}`);
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
}
