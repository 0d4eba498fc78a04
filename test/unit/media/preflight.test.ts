/** Pre-flight checks against the committed real recordings and sparse temporary files. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMainThread } from 'node:worker_threads';
import {
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  open,
  readFile,
  rm,
  stat,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_DURATION_SECONDS, MAX_FILE_BYTES } from '../../../src/shared/limits';
import { checkRecording, checkRecordings } from '../../../src/core/media/preflight';
import type { PreflightReason, PreflightResult } from '../../../src/core/media/preflight';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const fixture = (name: string): string => join(fixtures, name);
const CONVERSATION_SECONDS = 14.7;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'diarist-preflight-'));
  // Searchable by everyone, so only each file's own mode decides who may read it.
  await chmod(tmp, 0o755);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Counts every byte read through a FileHandle (what music-metadata and the Ogg tail use). */
async function measureReads<T>(run: () => Promise<T>): Promise<{ result: T; bytes: number }> {
  type Read = (this: FileHandle, ...args: unknown[]) => Promise<{ bytesRead: number }>;
  const probe = await open(fixture('empty.wav'), 'r');
  const proto = Object.getPrototypeOf(probe) as { read: Read };
  await probe.close();
  const original = proto.read;
  let bytes = 0;
  proto.read = async function (...args) {
    const done = await original.apply(this, args);
    bytes += done.bytesRead;
    return done;
  };
  try {
    return { result: await run(), bytes };
  } finally {
    proto.read = original;
  }
}

/** A valid PCM WAV header for `dataBytes` of samples, the file then extended sparsely to size. */
async function sparseWav(
  name: string,
  dataBytes: number,
  sampleRate: number,
  bitsPerSample: number,
): Promise<string> {
  const blockAlign = bitsPerSample / 8;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bitsPerSample, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(dataBytes, 40);
  const path = join(tmp, name);
  const handle = await open(path, 'w');
  try {
    await handle.write(header, 0, header.length, 0);
    // The hole reads back as zeros: silence for 16-bit PCM, and nothing is written to disk.
    await handle.truncate(44 + dataBytes);
  } finally {
    await handle.close();
  }
  return path;
}

function expectOk(result: PreflightResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
  return result.info;
}

function expectFailure(result: PreflightResult, reason: PreflightReason) {
  if (result.ok) throw new Error(`expected ${reason}, got ok (${result.info.container})`);
  expect(result.reason).toBe(reason);
  // Plain language for office staff: a full sentence, no error names or codes.
  expect(result.message.length).toBeGreaterThan(60);
  expect(result.message).not.toMatch(/Error|ENOENT|EACCES|undefined|\bnull\b/);
  if (result.detail !== undefined) expect(result.message).not.toContain(result.detail);
  return result;
}

describe('accepted recordings', () => {
  const cases: {
    file: string;
    container: RegExp;
    codec: RegExp;
    hasVideo?: boolean;
    /** Bytes a check may read; the budget is the point of the test as much as the result. */
    maxBytesRead: number;
  }[] = [
    { file: 'conversation.wav', container: /^WAVE$/, codec: /PCM/, maxBytesRead: 1024 },
    { file: 'conversation-cbr.mp3', container: /^MPEG$/, codec: /Layer 3/, maxBytesRead: 8192 },
    { file: 'conversation-vbr.mp3', container: /^MPEG$/, codec: /Layer 3/, maxBytesRead: 8192 },
    { file: 'conversation-noxing.mp3', container: /^MPEG$/, codec: /Layer 3/, maxBytesRead: 8192 },
    { file: 'réunion équipe.m4a', container: /^M4A/, codec: /AAC/, maxBytesRead: 4096 },
    { file: 'conversation.flac', container: /^FLAC$/, codec: /FLAC/, maxBytesRead: 1024 },
    // Ogg: the header pass reads the first pages and the tail read takes up to 128 KB from the
    // end, which for these small fixtures is the whole file; see the long Ogg test below.
    { file: 'conversation.ogg', container: /^Ogg$/, codec: /Vorbis/, maxBytesRead: 90_000 },
    { file: 'conversation.opus', container: /^Ogg$/, codec: /Opus/, maxBytesRead: 80_000 },
    { file: 'conversation.webm', container: /webm/, codec: /opus/i, maxBytesRead: 8192 },
    {
      file: 'video-with-audio.mp4',
      container: /isom/,
      codec: /AAC/,
      hasVideo: true,
      maxBytesRead: 8192,
    },
  ];

  it.each(cases)('$file', async ({ file, container, codec, hasVideo = false, maxBytesRead }) => {
    const path = fixture(file);
    const { result, bytes } = await measureReads(() => checkRecording(path));
    const info = expectOk(result);
    expect(info.path).toBe(path);
    expect(info.name).toBe(file);
    expect(info.sizeBytes).toBe((await stat(path)).size);
    expect(Math.abs(info.durationSeconds - CONVERSATION_SECONDS)).toBeLessThan(0.2);
    expect(info.container).toMatch(container);
    expect(info.codec).toMatch(codec);
    expect(info.hasVideo).toBe(hasVideo);
    expect(info.sampleRate).toBe(16_000);
    expect(info.channels).toBeGreaterThanOrEqual(1);
    expect(bytes).toBeLessThanOrEqual(maxBytesRead);
  });

  it('reads about 100 bytes of a 600 MB WAV and still gets the exact duration', async () => {
    const dataBytes = 600 * 1000 * 1000;
    const path = await sparseWav('large silence.wav', dataBytes, 16_000, 16);
    const started = performance.now();
    const { result, bytes } = await measureReads(() => checkRecording(path));
    const elapsedMs = performance.now() - started;
    const info = expectOk(result);
    expect(info.durationSeconds).toBeCloseTo(dataBytes / 32_000, 3); // 5 h 12 min 30 s
    expect(info.sizeBytes).toBe(44 + dataBytes);
    expect(bytes).toBeLessThan(1024);
    expect(elapsedMs).toBeLessThan(1000);
    await rm(path);
  });

  it('takes an Ogg length from the last page, not by reading all 300 MB', async () => {
    // The real Opus fixture with its last page moved 300 MB further on (a sparse hole in
    // between): a full scan would have to read all of it.
    const source = await readFile(fixture('conversation.opus'));
    const lastPage = source.lastIndexOf('OggS');
    const path = join(tmp, 'long.opus');
    const handle = await open(path, 'w');
    try {
      await handle.write(source, 0, lastPage, 0);
      const gap = 300 * 1000 * 1000;
      await handle.write(source, lastPage, source.length - lastPage, lastPage + gap);
    } finally {
      await handle.close();
    }
    const { result, bytes } = await measureReads(() => checkRecording(path));
    const info = expectOk(result);
    expect(Math.abs(info.durationSeconds - CONVERSATION_SECONDS)).toBeLessThan(0.2);
    expect(info.codec).toBe('Opus');
    // First pages (~33 KB) for the codec, then a 16 KB window at the end for the last page.
    expect(bytes).toBeLessThan(64 * 1024);
    await rm(path);
  });

  it('follows a symlink and reports the target’s facts under the link’s name', async () => {
    const target = fixture('conversation.flac');
    const link = join(tmp, 'link to flac.flac');
    await symlink(target, link);
    const info = expectOk(await checkRecording(link));
    expect(info.path).toBe(link);
    expect(info.name).toBe('link to flac.flac');
    expect(info.resolvedPath).toBe(target);
    expect(info.sizeBytes).toBe((await stat(target)).size);
    expect(info.mtimeMs).toBe((await stat(target)).mtimeMs);
    await rm(link);
  });

  it('accepts spaces, accents, CJK and emoji in names', async () => {
    const dir = join(tmp, 'Réunions 2024 — 会议');
    await mkdir(dir);
    const path = join(dir, '会议 录音 ☕ 😀.wav');
    await copyFile(fixture('conversation.wav'), path);
    const info = expectOk(await checkRecording(path));
    expect(info.name).toBe('会议 录音 ☕ 😀.wav');
    expect(info.container).toBe('WAVE');
    await rm(dir, { recursive: true });
  });
});

describe('rejected recordings', () => {
  it('missing path', async () => {
    const result = expectFailure(await checkRecording(join(tmp, 'gone.wav')), 'not-found');
    expect(result.detail).toMatch(/ENOENT/);
  });

  it('dangling symlink', async () => {
    const link = join(tmp, 'dangling.wav');
    await symlink(join(tmp, 'nowhere.wav'), link);
    expectFailure(await checkRecording(link), 'not-found');
    await rm(link);
  });

  it('directory', async () => {
    const dir = join(tmp, 'folder.wav');
    await mkdir(dir);
    const result = expectFailure(await checkRecording(dir), 'not-a-file');
    expect(result.message).toMatch(/folder/);
    await rm(dir, { recursive: true });
  });

  it.skipIf(process.platform === 'win32')('device', async () => {
    const result = expectFailure(await checkRecording('/dev/null'), 'not-a-file');
    expect(result.message).not.toMatch(/folder/);
  });

  // Root ignores file modes, so under root the check runs with the effective user id of
  // "nobody" (seteuid works in vitest's forked workers and can be switched back).
  const isRoot = process.getuid?.() === 0;
  const canDropPrivileges = isRoot && isMainThread && typeof process.seteuid === 'function';
  const permissionsTestable = process.platform !== 'win32' && (!isRoot || canDropPrivileges);
  it.skipIf(!permissionsTestable)(
    permissionsTestable
      ? 'unreadable file (mode 000)'
      : 'unreadable file (skip: running as root, permissions are not enforced)',
    async () => {
      const path = join(tmp, 'locked.wav');
      await copyFile(fixture('conversation.wav'), path);
      await chmod(path, 0o000);
      let result: PreflightResult;
      if (canDropPrivileges) {
        process.seteuid?.(65534);
        try {
          result = await checkRecording(path);
        } finally {
          process.seteuid?.(0);
        }
      } else {
        result = await checkRecording(path);
      }
      const failure = expectFailure(result, 'unreadable');
      expect(failure.detail).toMatch(/EACCES/);
      await rm(path);
    },
  );

  it('empty file', async () => {
    const path = fixture('empty.wav');
    const { result, bytes } = await measureReads(() => checkRecording(path));
    expect(expectFailure(result, 'empty').message).toMatch(/0 bytes/);
    expect(bytes).toBe(0);
  });

  it('WAV header with no samples', async () => {
    const path = await sparseWav('header only.wav', 0, 16_000, 16);
    expect(expectFailure(await checkRecording(path), 'empty').message).toMatch(/no sound/);
    await rm(path);
  });

  it('WAV cut inside its header', async () => {
    const path = join(tmp, 'cut header.wav');
    await writeFile(path, (await readFile(fixture('conversation.wav'))).subarray(0, 30));
    expectFailure(await checkRecording(path), 'damaged');
    await rm(path);
  });

  it('text file renamed to .wav', async () => {
    const result = expectFailure(await checkRecording(fixture('text-renamed.wav')), 'not-audio');
    expect(result.message).toMatch(/\.wav/);
  });

  it('random bytes', async () => {
    const result = expectFailure(await checkRecording(fixture('garbage.bin')), 'not-audio');
    expect(result.detail).toMatch(/determine/);
  });

  it('random bytes named .mp3 (the MP3 parser is chosen by extension)', async () => {
    const path = join(tmp, 'garbage.mp3');
    await copyFile(fixture('garbage.bin'), path);
    expectFailure(await checkRecording(path), 'not-audio');
    await rm(path);
  });

  it('MP3 cut after 2 KB whose header still claims the full length', async () => {
    const result = expectFailure(await checkRecording(fixture('truncated.mp3')), 'damaged');
    expect(result.message).toMatch(/incomplete: it says it lasts 15 s.*about 1 s of sound/);
  });

  it('M4A cut after 2 KB', async () => {
    const path = join(tmp, 'cut.m4a');
    await writeFile(path, (await readFile(fixture('réunion équipe.m4a'))).subarray(0, 2048));
    const result = expectFailure(await checkRecording(path), 'damaged');
    expect(result.detail).toBeTruthy();
    await rm(path);
  });

  it('video without a sound track', async () => {
    const result = expectFailure(
      await checkRecording(fixture('video-no-audio.mp4')),
      'no-audio-track',
    );
    expect(result.message).toMatch(/no sound track/);
  });

  it('just over 1 GB: rejected from its size alone, without reading a byte', async () => {
    const path = join(tmp, 'huge.wav');
    await writeFile(path, '');
    await truncate(path, MAX_FILE_BYTES + 1);
    const { result, bytes } = await measureReads(() => checkRecording(path));
    const failure = expectFailure(result, 'too-large');
    expect(failure.message).toContain('just over 1 GB; pyannoteAI accepts up to 1 GB');
    expect(bytes).toBe(0);
    await rm(path);
  });

  it('1.3 GB file says how big it is', async () => {
    const path = join(tmp, 'bigger.mp4');
    await writeFile(path, '');
    await truncate(path, Math.round(1.3 * MAX_FILE_BYTES));
    const { result, bytes } = await measureReads(() => checkRecording(path));
    expect(expectFailure(result, 'too-large').message).toMatch(/^This file is 1\.3 GB;.*MP3/);
    expect(bytes).toBe(0);
    await rm(path);
  });

  it('longer than 24 h (sparse 8 kHz 8-bit WAV, 691 MB)', async () => {
    const seconds = MAX_DURATION_SECONDS + 60;
    const path = await sparseWav('day and a minute.wav', seconds * 8000, 8000, 8);
    const { result, bytes } = await measureReads(() => checkRecording(path));
    const failure = expectFailure(result, 'too-long');
    expect(failure.message).toContain('lasts 24 h 1 min; pyannoteAI accepts up to 24 h');
    expect(bytes).toBeLessThan(1024);
    await rm(path);
  });

  it('exactly 24 h is still accepted', async () => {
    const path = await sparseWav('one day.wav', MAX_DURATION_SECONDS * 8000, 8000, 8);
    expect(expectOk(await checkRecording(path)).durationSeconds).toBe(MAX_DURATION_SECONDS);
    await rm(path);
  });
});

describe('checkRecordings', () => {
  const files = [
    'conversation.wav',
    'missing.mp3',
    'conversation-cbr.mp3',
    'garbage.bin',
    'réunion équipe.m4a',
    'conversation.ogg',
    'video-no-audio.mp4',
    'conversation.webm',
  ].map(fixture);

  it('keeps the input order and matches one-by-one checks', async () => {
    const oneByOne = [];
    for (const path of files) oneByOne.push(await checkRecording(path));
    const seen: number[] = [];
    const together = await checkRecordings(files, {
      concurrency: 3,
      onResult: (_, index) => seen.push(index),
    });
    expect(together).toEqual(oneByOne);
    expect(seen.sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
  });

  it('concurrency 1 checks strictly one after another', async () => {
    const seen: number[] = [];
    await checkRecordings(files, { concurrency: 1, onResult: (_, index) => seen.push(index) });
    expect(seen).toEqual(files.map((_, i) => i));
  });

  it('handles an empty list', async () => {
    expect(await checkRecordings([])).toEqual([]);
  });

  it('checks a folder of 1,000 recordings in under 5 s', async () => {
    const dir = join(tmp, 'folder of 1000');
    await mkdir(dir);
    const sources = [
      'conversation.wav',
      'conversation-cbr.mp3',
      'conversation-vbr.mp3',
      'réunion équipe.m4a',
      'conversation.flac',
      'conversation.ogg',
      'conversation.webm',
      'video-with-audio.mp4',
      'text-renamed.wav',
      'video-no-audio.mp4',
    ];
    const paths = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const source = sources[i % sources.length] ?? 'conversation.wav';
        const path = join(dir, `${String(i).padStart(4, '0')} ${source}`);
        await symlink(fixture(source), path);
        return path;
      }),
    );
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const results = await checkRecordings(paths);
    const cpu = process.cpuUsage(cpuBefore);
    const elapsedMs = performance.now() - started;
    expect(results.filter((r) => r.ok)).toHaveLength(800);
    // About 1.5 s on an idle 2-core machine. The budget is asserted on this process's CPU time,
    // which other test files and agents sharing the cores cannot inflate the way they inflate
    // wall time; the wall-clock bound only catches something gone badly wrong.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(5000);
    expect(elapsedMs).toBeLessThan(15_000);
    await rm(dir, { recursive: true });
  });
});
