/**
 * prepareRecording on real media made with ffmpeg at test time (never committed): a video's sound
 * copied out without its picture, PCM made 16 kHz mono with a real low-pass filter, times kept in
 * line with the original, and nothing half-written left behind on cancel or failure.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  open,
  readFile,
  readdir,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiaristError } from '../../src/core/errors';
import { checkRecording } from '../../src/core/media/preflight';
import { extractAudioTrack } from '../../src/core/media/prepare/extract';
import { prepareMessages } from '../../src/core/media/prepare/output-file';
import {
  planPreparation,
  prepareRecording,
  type PreparationStep,
  type PreparedRecording,
} from '../../src/core/media/prepare';

const run = promisify(execFile);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diarist-prepare-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ffmpeg(...args: string[]): Promise<void> {
  await run('ffmpeg', ['-v', 'error', '-y', ...args], { timeout: 60_000 });
}

interface ProbeStream {
  codec_type: string;
  codec_name: string;
  sample_rate?: string;
  channels?: number;
  start_time?: string;
  duration?: string;
  bits_per_sample?: number;
}

async function probe(path: string): Promise<{ streams: ProbeStream[]; duration: number }> {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path],
    { timeout: 30_000 },
  );
  const parsed = JSON.parse(stdout) as { streams: ProbeStream[]; format: { duration?: string } };
  return { streams: parsed.streams, duration: Number(parsed.format.duration ?? Number.NaN) };
}

const at = (name: string): string => join(dir, name);
const resample: PreparationStep = {
  action: 'downmix-resample',
  recipe: 'pcm-16k-mono@1',
  estimatedBytes: 10 * 1024 * 1024,
};
const extract = (recipe: string): PreparationStep => ({
  action: 'extract-audio',
  recipe,
  estimatedBytes: 10 * 1024 * 1024,
});

/** A tiny moving picture, so the videos stay small but are real videos. */
const PICTURE = ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10'];

/** 16-bit mono samples of a canonical WAV as floats. */
async function wavSamples(path: string): Promise<Float64Array> {
  const bytes = await readFile(path);
  expect(bytes.toString('latin1', 36, 40)).toBe('data');
  const count = bytes.readUInt32LE(40) / 2;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = bytes.readInt16LE(44 + 2 * i) / 32768;
  return out;
}

function rmsOfMiddle(samples: Float64Array): number {
  const from = Math.floor(samples.length * 0.2);
  const to = Math.floor(samples.length * 0.8);
  let sum = 0;
  for (let i = from; i < to; i++) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

const db = (ratio: number): number => 20 * Math.log10(ratio);

async function leftovers(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.partial'));
}

/** A tone of amplitude 0.5 on every channel. */
async function toneWav(
  name: string,
  freq: number,
  options: { channels?: number; codec?: string; seconds?: number } = {},
): Promise<string> {
  const channels = options.channels ?? 2;
  const expr = Array.from({ length: channels }, () => `0.5*sin(2*PI*${freq}*t)`).join('|');
  const path = at(name);
  await ffmpeg(
    '-f',
    'lavfi',
    '-i',
    `aevalsrc=${expr}:s=48000:d=${options.seconds ?? 2}`,
    '-c:a',
    options.codec ?? 'pcm_s24le',
    path,
  );
  return path;
}

describe('downmix-resample: PCM WAV to 16 kHz mono 16-bit', () => {
  it('takes a 48 kHz stereo 24-bit (WAVE_FORMAT_EXTENSIBLE) WAV: 9 kHz attenuated ≥ 40 dB, 3 kHz within 0.5 dB', async () => {
    const levels: Record<number, number> = {};
    for (const freq of [9_000, 3_000]) {
      const source = await toneWav(`tone-${freq}.wav`, freq);
      const head = await readFile(source);
      // ffmpeg writes 24-bit as WAVE_FORMAT_EXTENSIBLE: the case field recorders produce.
      expect(head.readUInt16LE(20)).toBe(0xfffe);
      const dest = at(`tone-${freq}.prepared.wav`);
      const result = await prepareRecording(source, resample, dest);
      expect(result).toMatchObject({
        path: dest,
        recipe: 'pcm-16k-mono@1',
        mimeType: 'audio/wav',
        extension: '.wav',
        offsetSeconds: 0,
      });
      expect(result.durationSeconds).toBeCloseTo(2, 2);
      expect(result.sizeBytes).toBe((await stat(dest)).size);
      const info = await probe(dest);
      expect(info.streams).toHaveLength(1);
      expect(info.streams[0]).toMatchObject({
        codec_name: 'pcm_s16le',
        sample_rate: '16000',
        channels: 1,
      });
      const samples = await wavSamples(dest);
      expect(samples.length).toBe(32_000);
      levels[freq] = db(rmsOfMiddle(samples) / (0.5 / Math.SQRT2));
    }
    expect(levels[9_000]).toBeLessThanOrEqual(-40);
    expect(Math.abs(levels[3_000] ?? Number.NaN)).toBeLessThanOrEqual(0.5);
    expect(await leftovers()).toEqual([]);
  });

  it('takes 32-bit float and 6-channel WAVs, keeping the level and the length', async () => {
    for (const [name, codec, channels] of [
      ['float.wav', 'pcm_f32le', 2],
      ['six.wav', 'pcm_s16le', 6],
      ['six24.wav', 'pcm_s24le', 6],
    ] as const) {
      const source = await toneWav(name, 1_000, { codec, channels });
      const dest = at(`${name}.prepared.wav`);
      await prepareRecording(source, resample, dest);
      const samples = await wavSamples(dest);
      expect(samples.length, name).toBe(32_000);
      expect(Math.abs(db(rmsOfMiddle(samples) / (0.5 / Math.SQRT2))), name).toBeLessThan(0.2);
    }
  });

  it('reports progress from 0 to 1, never going back, and cancels with nothing left behind', async () => {
    // 5 minutes of 48 kHz stereo 24-bit silence (86 MB, sparse): long enough to cancel mid-way.
    const source = at('long.wav');
    const frames = 48_000 * 300;
    await ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'anullsrc=r=48000:cl=stereo',
      '-t',
      '0.01',
      '-c:a',
      'pcm_s24le',
      source,
    );
    const head = await readFile(source);
    const dataAt = head.indexOf('data') + 8;
    head.writeUInt32LE(frames * 6, dataAt - 4);
    await writeFile(source, head.subarray(0, dataAt));
    await truncate(source, dataAt + frames * 6);

    const seen: number[] = [];
    const controller = new AbortController();
    let partialSize = 0;
    let afterAbort = 0;
    const dest = at('long.prepared.wav');
    const canceled = prepareRecording(source, resample, dest, {
      signal: controller.signal,
      onProgress: (fraction) => {
        seen.push(fraction);
        if (controller.signal.aborted) afterAbort += 1;
        else if (fraction > 0) {
          partialSize = statSync(`${dest}.partial`).size;
          controller.abort();
        }
      },
    });
    await expect(canceled).rejects.toMatchObject({ name: 'AbortError' });
    // Canceled mid-way: something was written, and the work stopped there (no more progress).
    expect(partialSize).toBeGreaterThan(44);
    expect(afterAbort).toBe(0);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBeLessThan(0.5);
    await expect(stat(dest)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await leftovers()).toEqual([]);

    // The same file, not canceled: progress climbs to 1, at most ~10 times a second.
    const progress: { at: number; value: number }[] = [];
    const started = Date.now();
    await prepareRecording(source, resample, dest, {
      onProgress: (value) => progress.push({ at: Date.now(), value }),
    });
    const seconds = (Date.now() - started) / 1000;
    expect(progress.at(-1)?.value).toBe(1);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.value).toBeGreaterThan(progress[i - 1]?.value ?? 1);
    }
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 3);
    expect((await stat(dest)).size).toBe(44 + 300 * 16_000 * 2);
  });

  it('refuses a disk without room before writing anything, in plain words', async () => {
    const source = await toneWav('small.wav', 1_000, { seconds: 0.2 });
    const dest = at('small.prepared.wav');
    const huge = { ...resample, estimatedBytes: 1e18 };
    const error = await prepareRecording(source, huge, dest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiaristError);
    expect(error).toMatchObject({ code: 'disk-full' });
    expect((error as Error).message).toMatch(
      /^The disk holding Diarist’s data is full: .* Free at least .* try again\.$/,
    );
    await expect(stat(dest)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await leftovers()).toEqual([]);
  });
});

describe('extract-audio: only the sound of a video, copied', () => {
  async function extracted(
    name: string,
    recipe: string,
  ): Promise<{ result: PreparedRecording; streams: ProbeStream[]; duration: number }> {
    const dest = at(`${name}.prepared`);
    const result = await prepareRecording(at(name), extract(recipe), dest);
    const { streams, duration } = await probe(dest);
    return { result, streams, duration };
  }

  beforeAll(async () => {
    const sound = (f: number, seconds: number): string[] => [
      '-f',
      'lavfi',
      '-i',
      `sine=f=${f}:r=48000:d=${seconds}`,
    ];
    await Promise.all([
      ffmpeg(
        ...PICTURE,
        ...sound(440, 3),
        '-t',
        '3',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        at('aac.mp4'),
      ),
      ffmpeg(
        ...PICTURE,
        ...sound(440, 3),
        '-t',
        '3',
        '-c:v',
        'libvpx',
        '-c:a',
        'libopus',
        at('opus.webm'),
      ),
      ffmpeg(
        ...PICTURE,
        ...sound(440, 3),
        '-t',
        '3',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'libopus',
        at('opus.mkv'),
      ),
      // The sound starts 2 s after the picture.
      ffmpeg(
        ...PICTURE,
        '-itsoffset',
        '2',
        ...sound(440, 3),
        '-t',
        '5',
        '-map',
        '0',
        '-map',
        '1',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        at('late.mp4'),
      ),
      ffmpeg(...PICTURE, '-t', '3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', at('silent.mp4')),
    ]);
  });

  it('copies AAC out of an MP4 into an M4A with no video track', async () => {
    const { result, streams, duration } = await extracted('aac.mp4', 'extract-copy@1:aac>m4a');
    expect(streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(['audio:aac']);
    expect(result).toMatchObject({
      mimeType: 'audio/mp4',
      extension: '.m4a',
      recipe: 'extract-copy@1:aac>m4a',
    });
    expect(result.offsetSeconds).toBeCloseTo(0, 2);
    expect(duration).toBeCloseTo(3, 1);
    expect(result.durationSeconds).toBeCloseTo(3, 1);
    expect(result.sizeBytes).toBeLessThan((await stat(at('aac.mp4'))).size);
  });

  it('copies Opus out of WebM and MKV into Ogg', async () => {
    for (const name of ['opus.webm', 'opus.mkv']) {
      const { result, streams, duration } = await extracted(name, 'extract-copy@1:opus>ogg');
      expect(
        streams.map((s) => `${s.codec_type}:${s.codec_name}`),
        name,
      ).toEqual(['audio:opus']);
      expect(result.mimeType).toBe('audio/ogg');
      expect(duration, name).toBeCloseTo(3, 1);
    }
  });

  it('gives the offset of sound that starts 2 s late, and writes it from 0', async () => {
    const { result, streams } = await extracted('late.mp4', 'extract-copy@1:aac>m4a');
    expect(streams.map((s) => s.codec_type)).toEqual(['audio']);
    // AAC's 1024 priming samples put the first packet 21 ms before 2 s.
    expect(Math.abs(result.offsetSeconds - 2)).toBeLessThan(0.05);
    expect(Number(streams[0]?.start_time)).toBeCloseTo(0, 2);
    expect(result.durationSeconds).toBeCloseTo(3, 1);
  });

  it('cancels a copy mid-way, leaving nothing behind', async () => {
    // Ten minutes of Opus (30 000 packets), made by repeating a short video without re-encoding:
    // mediabunny's path. (An MP4's AAC is copied by its byte ranges, too fast for a 100 ms
    // progress step; its cancel is in prepare-mp4-copy.test.ts.)
    await ffmpeg('-stream_loop', '199', '-i', at('opus.mkv'), '-c', 'copy', at('long.mkv'));
    const dest = at('long.mkv.prepared');
    const controller = new AbortController();
    let afterAbort = 0;
    // The partial file exists while copying (mediabunny writes it in 4 MiB chunks).
    let partialSize = -1;
    const canceled = prepareRecording(at('long.mkv'), extract('extract-copy@1:opus>ogg'), dest, {
      signal: controller.signal,
      onProgress: (fraction) => {
        if (controller.signal.aborted) afterAbort += 1;
        else if (fraction > 0) {
          partialSize = statSync(`${dest}.partial`).size;
          controller.abort();
        }
      },
    });
    await expect(canceled).rejects.toMatchObject({ name: 'AbortError' });
    expect(partialSize).toBeGreaterThanOrEqual(0);
    expect(afterAbort).toBe(0);
    await expect(stat(dest)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a video without sound, in plain words', async () => {
    const error = await prepareRecording(
      at('silent.mp4'),
      extract('extract-copy@1:aac>m4a'),
      at('silent.prepared'),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unsupported-file' });
    expect((error as Error).message).toMatch(/no sound track/);
    expect(await leftovers()).toEqual([]);
  });

  it('rejects garbage and a truncated video with a plain message, leaving nothing behind', async () => {
    const garbage = at('garbage.mp4');
    await writeFile(garbage, Buffer.alloc(300_000, 0x5a));
    const cut = at('cut.mp4');
    const whole = await readFile(at('aac.mp4'));
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 3)));
    for (const [path, plan] of [
      [garbage, extract('extract-copy@1:aac>m4a')],
      [cut, extract('extract-copy@1:aac>m4a')],
      [garbage, resample],
    ] as const) {
      const dest = `${path}.prepared`;
      const error = await prepareRecording(path, plan, dest).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(DiaristError);
      expect(error, path).toMatchObject({ code: 'source-unreadable' });
      expect((error as Error).message).toMatch(/damaged or incomplete/);
      await expect(stat(dest)).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect(await leftovers()).toEqual([]);
  });
});

describe('extract-audio: when the prepared file cannot be written', () => {
  /** Unhandled rejections while `work` runs (mediabunny once let a write error escape as one). */
  async function escapes(work: () => Promise<unknown>): Promise<unknown[]> {
    const seen: unknown[] = [];
    const listener = (reason: unknown): void => void seen.push(reason);
    process.on('unhandledRejection', listener);
    try {
      await work();
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('unhandledRejection', listener);
    }
    return seen;
  }

  it('says the data folder cannot be written, not that the recording is gone', async () => {
    let error: unknown;
    const escaped = await escapes(async () => {
      error = await prepareRecording(
        at('aac.mp4'),
        extract('extract-copy@1:aac>m4a'),
        join(dir, 'no-such-folder', 'aac.prepared'),
      ).catch((e: unknown) => e);
    });
    expect(error).toMatchObject({ code: 'write-failed', message: prepareMessages.cannotWrite() });
    expect(escaped).toEqual([]);
  });

  it('says the disk became full while copying (a real 256 KiB tmpfs), and nothing escapes', async (ctx) => {
    // Three minutes of sound (about 3 MB of AAC): more than the disk holds.
    const long = at('three-minutes.mp4');
    await ffmpeg('-stream_loop', '59', '-i', at('aac.mp4'), '-c', 'copy', long);
    const disk = at('small-disk');
    await mkdir(disk, { recursive: true });
    try {
      await run('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]);
    } catch (mountError) {
      ctx.skip(`cannot mount a small filesystem here: ${String(mountError)}`);
    }
    try {
      // By the sound's byte ranges (an MP4's AAC), and through mediabunny.
      for (const byRanges of [true, false]) {
        let error: unknown;
        const partial = join(disk, `x-${byRanges}.partial`);
        const escaped = await escapes(async () => {
          error = await extractAudioTrack(long, partial, undefined, () => {}, { byRanges }).catch(
            (e: unknown) => e,
          );
        });
        expect(error, `byRanges: ${byRanges}`).toMatchObject({
          code: 'disk-full',
          message: prepareMessages.diskFullWhileWriting(),
        });
        expect(escaped).toEqual([]);
        await rm(partial, { force: true });
      }
    } finally {
      await run('umount', [disk]);
    }
  });
});

describe('downmix-resample: PCM inside a video', () => {
  it('takes PCM out of MOV and MKV, with the late start kept as the offset', async () => {
    await Promise.all([
      ffmpeg(
        ...PICTURE,
        '-f',
        'lavfi',
        '-i',
        'aevalsrc=0.5*sin(2*PI*1000*t)|0.5*sin(2*PI*1000*t):s=48000:d=3',
        '-t',
        '3',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'pcm_s16le',
        at('pcm.mov'),
      ),
      ffmpeg(
        ...PICTURE,
        '-itsoffset',
        '2',
        '-f',
        'lavfi',
        '-i',
        'aevalsrc=0.5*sin(2*PI*1000*t):s=44100:d=3',
        '-t',
        '5',
        '-map',
        '0',
        '-map',
        '1',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'pcm_s24le',
        at('pcm-late.mkv'),
      ),
    ]);
    const mov = await prepareRecording(at('pcm.mov'), resample, at('pcm.mov.prepared.wav'));
    expect(mov.offsetSeconds).toBeCloseTo(0, 2);
    expect(mov.durationSeconds).toBeCloseTo(3, 2);
    const mkv = await prepareRecording(at('pcm-late.mkv'), resample, at('pcm-late.prepared.wav'));
    expect(Math.abs(mkv.offsetSeconds - 2)).toBeLessThan(0.01);
    expect(mkv.durationSeconds).toBeCloseTo(3, 2);
    for (const path of [mov.path, mkv.path]) {
      const { streams } = await probe(path);
      expect(streams).toHaveLength(1);
      expect(streams[0]).toMatchObject({ codec_type: 'audio', sample_rate: '16000', channels: 1 });
      const samples = await wavSamples(path);
      expect(Math.abs(db(rmsOfMiddle(samples) / (0.5 / Math.SQRT2))), path).toBeLessThan(0.2);
    }
  });
});

// Keeps `open` used for a sanity read of the WAV header written last.
describe('the 16 kHz WAV header', () => {
  it('holds the final sizes', async () => {
    const source = await toneWav('header.wav', 500, { seconds: 0.5 });
    const dest = at('header.prepared.wav');
    await prepareRecording(source, resample, dest);
    const handle = await open(dest, 'r');
    try {
      const head = Buffer.alloc(44);
      await handle.read(head, 0, 44, 0);
      const { size } = await handle.stat();
      expect(head.readUInt32LE(4)).toBe(size - 8);
      expect(head.readUInt32LE(40)).toBe(size - 44);
      expect(head.readUInt32LE(24)).toBe(16_000);
      expect(head.readUInt16LE(22)).toBe(1);
      expect(head.readUInt16LE(34)).toBe(16);
    } finally {
      await handle.close();
    }
  });
});

describe('from real pre-flight facts to a prepared file', () => {
  it('plans each kind of recording as its codec allows, and each plan runs', async () => {
    const video = (name: string, codec: string[], seconds = 2): Promise<void> =>
      ffmpeg(
        ...PICTURE,
        '-f',
        'lavfi',
        '-i',
        `sine=f=440:r=48000:d=${seconds}`,
        '-t',
        String(seconds),
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        ...codec,
        at(name),
      );
    await Promise.all([
      video('p-aac.mp4', ['-c:a', 'aac']),
      video('p-mp3.mkv', ['-c:a', 'libmp3lame']),
      video('p-flac.mkv', ['-c:a', 'flac']),
      video('p-pcm.mkv', ['-c:a', 'pcm_s24le']),
      // 8-bit QuickTime sound ("raw "), which the check once called damaged.
      video('p-u8.mov', ['-c:a', 'pcm_u8']),
      video('p-ac3.mp4', ['-c:a', 'ac3']),
      ffmpeg(
        ...PICTURE,
        '-f',
        'lavfi',
        '-i',
        'sine=r=48000:d=2',
        '-t',
        '2',
        '-c:v',
        'libvpx',
        '-c:a',
        'libvorbis',
        at('p-vorbis.webm'),
      ),
      ffmpeg(
        '-f',
        'lavfi',
        '-i',
        'sine=r=48000:d=2',
        '-ac',
        '2',
        '-c:a',
        'pcm_s24le',
        at('p-24.wav'),
      ),
      ffmpeg('-f', 'lavfi', '-i', 'sine=r=16000:d=2', '-c:a', 'pcm_s16le', at('p-16k.wav')),
    ]);
    const expected: Record<string, string> = {
      'p-aac.mp4': 'extract-copy@1:aac>m4a',
      'p-mp3.mkv': 'extract-copy@1:mp3>mp3',
      'p-flac.mkv': 'extract-copy@1:flac>flac',
      'p-vorbis.webm': 'extract-copy@1:vorbis>ogg',
      'p-pcm.mkv': 'pcm-16k-mono@1',
      'p-u8.mov': 'pcm-16k-mono@1',
      'p-24.wav': 'pcm-16k-mono@1',
      'p-16k.wav': 'send-as-is',
      'p-ac3.mp4': 'refuse:unsupported',
    };
    for (const [name, want] of Object.entries(expected)) {
      const checked = await checkRecording(at(name));
      if (!checked.ok) throw new Error(`${name}: ${checked.message}`);
      const plan = planPreparation(checked.info, { webCodecs: false });
      const got =
        plan.action === 'send-as-is'
          ? 'send-as-is'
          : plan.action === 'refuse'
            ? `refuse:${plan.reason}`
            : plan.recipe;
      expect(got, name).toBe(want);
      if (plan.action !== 'extract-audio' && plan.action !== 'downmix-resample') continue;
      const prepared = await prepareRecording(at(name), plan, at(`${name}.planned`));
      expect(prepared.recipe, name).toBe(plan.recipe);
      expect(prepared.durationSeconds, name).toBeCloseTo(2, 0);
      const { streams } = await probe(prepared.path);
      expect(
        streams.map((s) => s.codec_type),
        name,
      ).toEqual(['audio']);
    }
  });
});
