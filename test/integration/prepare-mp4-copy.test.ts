/**
 * AAC out of MP4 and QuickTime videos by the sound's byte ranges (mp4-layout.ts, mp4-copy.ts),
 * on real files made with ffmpeg at test time: the prepared M4A holds exactly ffmpeg's packets
 * (`ffmpeg -vn -c:a copy`: same bytes, same sizes, same durations), decodes to the same sound,
 * and gives the same times as the general path (mediabunny). Files of a shape it does not take
 * go through the general path, and a copy can be canceled mid-way.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractAudioTrack, type ExtractResult } from '../../src/core/media/prepare/extract';
import { BATCH_BYTES } from '../../src/core/media/prepare/mp4-copy';

const run = promisify(execFile);
let dir = '';
const at = (name: string): string => join(dir, name);

async function ffmpeg(...args: string[]): Promise<void> {
  await run('ffmpeg', ['-v', 'error', '-y', ...args], { timeout: 60_000 });
}

const PICTURE = ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10'];
const H264 = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p'];
const sine = (f: number, rate = 48_000, seconds = 3): string[] => [
  '-f',
  'lavfi',
  '-i',
  `sine=f=${f}:r=${rate}:d=${seconds}`,
];

/** Each file's ffmpeg arguments (after the inputs' own). */
const VIDEOS: Record<string, string[]> = {
  // AAC's 1024 priming samples, behind an edit list.
  'aac.mp4': [...PICTURE, ...sine(440), '-t', '3', ...H264, '-c:a', 'aac'],
  // The index first (as for the web).
  'fast.mp4': [
    ...PICTURE,
    ...sine(440),
    '-t',
    '3',
    ...H264,
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
  ],
  // The sound starts 2 s after the picture: an empty edit before it.
  'late.mp4': [
    ...PICTURE,
    '-itsoffset',
    '2',
    ...sine(440),
    '-t',
    '5',
    '-map',
    '0',
    '-map',
    '1',
    ...H264,
    '-c:a',
    'aac',
  ],
  // QuickTime: a version 1 sound description, its esds inside a `wave` box.
  'mono44.mov': [...PICTURE, ...sine(440, 44_100), '-t', '3', ...H264, '-c:a', 'aac', '-ac', '1'],
  'late.mov': [
    ...PICTURE,
    '-itsoffset',
    '2',
    ...sine(440),
    '-t',
    '5',
    '-map',
    '0',
    '-map',
    '1',
    ...H264,
    '-c:a',
    'aac',
  ],
  'clip.m4v': [...PICTURE, ...sine(440), '-t', '3', ...H264, '-c:a', 'aac'],
  'six.mp4': [...PICTURE, ...sine(440, 44_100), '-t', '3', ...H264, '-c:a', 'aac', '-ac', '6'],
  // Two sound tracks: the first is the recording's sound.
  'two.mp4': [
    ...PICTURE,
    ...sine(440),
    ...sine(880, 44_100),
    '-t',
    '3',
    '-map',
    '0',
    '-map',
    '1',
    '-map',
    '2',
    ...H264,
    '-c:a',
    'aac',
  ],
  // Fragmented (as some recorders write while recording): the general path's.
  'frag.mp4': [
    ...PICTURE,
    ...sine(440),
    '-t',
    '3',
    ...H264,
    '-c:a',
    'aac',
    '-movflags',
    'frag_keyframe+empty_moov',
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diarist-mp4-copy-'));
  await Promise.all(Object.entries(VIDEOS).map(([name, args]) => ffmpeg(...args, at(name))));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Packet {
  duration: string;
  size: string;
  data_hash: string;
}

/** The first sound track's packets as ffprobe reads them, each with an MD5 of its bytes. */
async function packets(path: string): Promise<Packet[]> {
  const { stdout } = await run(
    'ffprobe',
    [
      ...['-v', 'error', '-select_streams', 'a:0', '-show_data_hash', 'md5'],
      ...['-show_entries', 'packet=duration,size,data_hash', '-of', 'json', path],
    ],
    { timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return (JSON.parse(stdout) as { packets: Packet[] }).packets;
}

/** The first sound track decoded by ffmpeg (edit lists applied), as a hash of its samples. */
async function decoded(path: string): Promise<string> {
  const { stdout } = await run(
    'sh',
    ['-c', `ffmpeg -v error -i "${path}" -map 0:a:0 -f s16le - | md5sum`],
    { timeout: 30_000 },
  );
  return stdout.split(' ')[0]!;
}

async function streams(path: string): Promise<{ codec_type: string; start_time?: string }[]> {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'stream=codec_type,start_time', '-of', 'json', path],
    { timeout: 30_000 },
  );
  return (JSON.parse(stdout) as { streams: { codec_type: string; start_time?: string }[] }).streams;
}

async function extract(
  name: string,
  options: { byRanges?: boolean } = {},
): Promise<{ result: ExtractResult; path: string }> {
  const path = at(`${name}.${options.byRanges === false ? 'general' : 'ours'}.m4a`);
  const result = await extractAudioTrack(at(name), path, undefined, () => {}, options);
  return { result, path };
}

describe('AAC out of MP4 and QuickTime by its byte ranges', () => {
  const copied = Object.keys(VIDEOS).filter((name) => name !== 'frag.mp4');

  it.each(copied)(
    '%s: ffmpeg’s packets, ffmpeg’s sound, the general path’s times',
    async (name) => {
      const ours = await extract(name);
      expect(ours.result.copiedBy, ours.result.notByRanges).toBe('byte-ranges');
      const reference = at(`${name}.ffmpeg.m4a`);
      await ffmpeg('-i', at(name), '-map', '0:a:0', '-c:a', 'copy', reference);

      const got = await packets(ours.path);
      const want = await packets(reference);
      expect(got.length).toBeGreaterThan(100);
      expect(got.map((p) => `${p.size}:${p.data_hash}`)).toEqual(
        want.map((p) => `${p.size}:${p.data_hash}`),
      );
      // ffmpeg shortens the last packet to the edit's end; the source's own duration is kept here.
      expect(got.slice(0, -1).map((p) => p.duration)).toEqual(
        want.slice(0, -1).map((p) => p.duration),
      );
      expect(await decoded(ours.path)).toBe(await decoded(reference));

      // Only the sound, from 0; the same times and the same sound as through mediabunny.
      const [stream, ...more] = await streams(ours.path);
      expect(more).toEqual([]);
      expect(stream?.codec_type).toBe('audio');
      expect(Number(stream?.start_time)).toBeCloseTo(0, 3);
      const general = await extract(name, { byRanges: false });
      expect(general.result.copiedBy).toBe('mediabunny');
      expect(ours.result.offsetSeconds).toBe(general.result.offsetSeconds);
      expect(ours.result.durationSeconds).toBe(general.result.durationSeconds);
      expect(await decoded(ours.path)).toBe(await decoded(general.path));
    },
  );

  it('keeps the offset of sound that starts 2 s late (MP4 and MOV)', async () => {
    for (const name of ['late.mp4', 'late.mov']) {
      const { result } = await extract(name);
      expect(result.copiedBy, name).toBe('byte-ranges');
      // AAC's priming puts the first packet 21 ms before 2 s (ffmpeg's empty edit: 1978 ms).
      expect(result.offsetSeconds, name).toBeCloseTo(1.978, 6);
      expect(result.durationSeconds, name).toBeCloseTo(3, 1);
    }
  });

  it('leaves a fragmented MP4 and an edit it does not take to the general path', async () => {
    const frag = await extract('frag.mp4');
    expect(frag.result).toMatchObject({ copiedBy: 'mediabunny', notByRanges: 'fragmented' });
    expect(await decoded(frag.path)).toBe(await decoded(at('frag.mp4')));

    // The sound's edit made to play at twice the speed.
    const bytes = await readFile(at('aac.mp4'));
    const elst = bytes.lastIndexOf('elst');
    expect(elst).toBeGreaterThan(0);
    // elst: type, version and flags, count, then duration, media time, rate (16.16).
    bytes.writeUInt32BE(0x20000, elst + 4 + 4 + 4 + 4 + 4);
    await writeFile(at('fast-edit.mp4'), bytes);
    const edited = await extract('fast-edit.mp4');
    expect(edited.result).toMatchObject({
      copiedBy: 'mediabunny',
      notByRanges: 'edit at another speed',
    });
  });

  it('cancels mid-way: stops after the buffer being copied, nothing more written', async () => {
    // Ten minutes of 256 kbit/s sound (about 19 MB, many buffers), repeated without re-encoding.
    const clip = at('loud.mp4');
    await ffmpeg(...PICTURE, ...sine(440), '-t', '3', ...H264, '-c:a', 'aac', '-b:a', '256k', clip);
    const long = at('long.mp4');
    await ffmpeg('-stream_loop', '199', '-i', clip, '-c', 'copy', long);
    const partial = at('long.partial');
    const controller = new AbortController();
    const seen: number[] = [];
    let afterAbort = 0;
    let sizeAtAbort = 0;
    const canceled = extractAudioTrack(long, partial, controller.signal, (fraction) => {
      if (controller.signal.aborted) afterAbort += 1;
      seen.push(fraction);
      if (fraction > 0 && !controller.signal.aborted) {
        sizeAtAbort = statSync(partial).size;
        controller.abort();
      }
    });
    await expect(canceled).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeLessThan(0.2);
    expect(afterAbort).toBe(0);
    // One buffer (and the header) reached the file, far from the whole sound.
    const { size } = await stat(partial);
    expect(size).toBeLessThanOrEqual(2 * BATCH_BYTES + 64);
    expect(size).toBeGreaterThanOrEqual(sizeAtAbort);
    const whole = await extract('long.mp4');
    expect(whole.result.copiedBy).toBe('byte-ranges');
    expect((await stat(whole.path)).size).toBeGreaterThan(10 * BATCH_BYTES);
  });
});
