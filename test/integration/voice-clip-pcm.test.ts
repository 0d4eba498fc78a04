/**
 * A voice clip cut from PCM inside a video container (MOV): the packets' frames in the chosen
 * stretches, decoded and written as 16 kHz mono WAV. The sound is a staircase (its level says the
 * second it comes from), so the clip shows which stretches it holds.
 */

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipSeconds, cutClip } from '../../src/core/voices/clip';
import { tempDir } from '../support/engine-harness';

const run = promisify(execFile);

describe('a voice clip from PCM in a video container', () => {
  let work: { path: string; remove: () => Promise<void> };
  let mov: string;
  beforeAll(async () => {
    work = await tempDir('diarist-clip-pcm-');
    mov = join(work.path, 'steps.mov');
    // Level 0.1 × the whole second, stereo, 48 kHz, 16-bit PCM, beside a picture.
    await run(
      'ffmpeg',
      [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'color=c=gray:s=64x48:r=5',
        '-f',
        'lavfi',
        '-i',
        'aevalsrc=0.1*floor(t)|0.1*floor(t):s=48000:d=5',
        '-t',
        '5',
        '-map',
        '0:v',
        '-map',
        '1:a',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'pcm_s16le',
        mov,
      ],
      { timeout: 60_000 },
    );
  });
  afterAll(() => work.remove());

  it('holds exactly the chosen stretches, at 16 kHz mono', async () => {
    const clip = await cutClip(
      mov,
      [
        { start: 1.2, end: 1.8 },
        { start: 3.2, end: 3.8 },
      ],
      { dataDir: join(work.path, 'data') },
    );
    expect(clip.extension).toBe('.wav');
    expect(await clipSeconds(clip.path)).toBeCloseTo(1.2, 2);
    const bytes = await readFile(clip.path);
    expect(bytes.readUInt32LE(24)).toBe(16_000);
    expect(bytes.readUInt16LE(22)).toBe(1);
    const level = (second: number) =>
      bytes.readInt16LE(44 + Math.round(second * 16_000) * 2) / 32768;
    // The middle of each half: second 1 (0.1), then second 3 (0.3); nothing of seconds 0, 2 or 4.
    expect(level(0.3)).toBeCloseTo(0.1, 2);
    expect(level(0.9)).toBeCloseTo(0.3, 2);
  });
});
