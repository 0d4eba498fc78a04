/**
 * The clip a voiceprint is made from: which stretches are chosen (the speaker alone, longest
 * first, at most 30 s, at least 3 s), and the cut itself from real recordings (WAV decoded to
 * 16 kHz mono; AAC, Opus and FLAC copied packet by packet), probed with mediabunny.
 */

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_FORMATS, EncodedPacketSink, Input, type EncodedPacket } from 'mediabunny';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockFileSource } from '../../../src/core/media/prepare/block-source';
import {
  chooseClipRanges,
  CLIP_BUDGET_SECONDS,
  clipSeconds,
  cutClip,
  EDGE_TRIM_SECONDS,
  type ClipRange,
} from '../../../src/core/voices/clip';
import { flacFrameIntact } from '../../../src/core/voices/flac-frames';
import { addEdit } from '../../../src/shared/corrections';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { ResultSegment, SavedResult } from '../../../src/shared/result';
import { VOICE_CLIP_MAX_SECONDS } from '../../../src/shared/voices';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

function resultWith(segments: ResultSegment[]): SavedResult {
  const sorted = [...segments].sort((a, b) => a.start - b.start || a.end - b.end);
  const labels = [...new Set(sorted.map((s) => s.speaker))].sort();
  return {
    formatVersion: 1,
    jobId: 'job-1',
    serviceJobId: 'svc-1',
    source: { name: 'a.wav', sizeBytes: 1 },
    options: DEFAULT_DIARIZE_OPTIONS,
    savedAt: '2025-01-01T00:00:00.000Z',
    segments: sorted,
    speakers: labels.map((label) => ({ label, totalSeconds: 1, turnCount: 1 })),
    speakerNames: {},
  };
}
const turn = (speaker: string, start: number, end: number): ResultSegment => ({
  speaker,
  start,
  end,
});
const total = (ranges: readonly ClipRange[]) => ranges.reduce((t, r) => t + r.end - r.start, 0);
const T = EDGE_TRIM_SECONDS;

describe('choosing what to cut', () => {
  it('takes the speaker’s turns that overlap nobody, trimmed, longest first, in recording order', () => {
    const result = resultWith([
      turn('A', 0, 4), // alone: 4 s
      turn('B', 3.9, 6), // overlaps A's first turn only at its trimmed edge
      turn('A', 10, 20), // overlapped by B in the middle: left out
      turn('B', 14, 15),
      turn('A', 30, 32), // alone: 2 s
      turn('A', 40, 40.6), // too short once trimmed
    ]);
    const { ranges, seconds } = chooseClipRanges(result, 'A');
    expect(ranges).toEqual([
      { start: 0 + T, end: 4 - T },
      { start: 30 + T, end: 32 - T },
    ]);
    expect(seconds).toBeCloseTo(4 - 2 * T + 2 - 2 * T, 6);
  });

  it('stops just under 30 s, shortening the last stretch, and keeps the longest', () => {
    const result = resultWith([
      turn('A', 0, 12),
      turn('A', 20, 40), // 20 s: the longest
      turn('A', 50, 51.5),
      turn('A', 60, 69),
      turn('B', 100, 110),
    ]);
    const { ranges, seconds } = chooseClipRanges(result, 'A');
    expect(seconds).toBeCloseTo(CLIP_BUDGET_SECONDS, 6);
    expect(CLIP_BUDGET_SECONDS).toBeLessThanOrEqual(VOICE_CLIP_MAX_SECONDS);
    expect(CLIP_BUDGET_SECONDS).toBeGreaterThan(VOICE_CLIP_MAX_SECONDS - 1);
    expect(total(ranges)).toBeCloseTo(CLIP_BUDGET_SECONDS, 6);
    // 19.6 s of the 20 s turn, then the rest from the 12 s one (11.6 once trimmed).
    expect(ranges).toEqual([
      { start: T, end: expect.closeTo(T + CLIP_BUDGET_SECONDS - (20 - 2 * T), 6) },
      { start: 20 + T, end: 40 - T },
    ]);
  });

  it('refuses below 3 s in plain words, saying how long the speaker talks alone', () => {
    const result = resultWith([turn('A', 0, 2.4), turn('B', 1, 10), turn('A', 20, 22.4)]);
    expect(() => chooseClipRanges(result, 'A')).toThrow(
      expect.objectContaining({
        key: 'voices.tooLittleSpeech',
        params: { soloSeconds: 2, minSeconds: 3 },
        message: expect.stringContaining('only 2 s'),
      }),
    );
  });

  it('uses the result as corrected (a merge gives the speaker the other’s turns)', () => {
    const plain = resultWith([turn('A', 0, 2), turn('B', 10, 14)]);
    expect(() => chooseClipRanges(plain, 'A')).toThrow(
      expect.objectContaining({ key: 'voices.tooLittleSpeech' }),
    );
    const merged = {
      ...plain,
      corrections: addEdit(undefined, { kind: 'merge', from: 'B', into: 'A' }),
    };
    expect(chooseClipRanges(merged, 'A').ranges).toHaveLength(2);
    expect(() => chooseClipRanges(merged, 'B')).toThrow(
      expect.objectContaining({ key: 'voices.noSuchSpeaker' }),
    );
  });
});

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'diarist-clip-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const RANGES: ClipRange[] = [
  { start: 1, end: 3 },
  { start: 6.5, end: 9 },
];

async function packetsOf(path: string): Promise<EncodedPacket[]> {
  const input = new Input({ source: blockFileSource(path), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryAudioTrack();
    const packets: EncodedPacket[] = [];
    for await (const packet of new EncodedPacketSink(track!).packets()) packets.push(packet);
    return packets;
  } finally {
    input.dispose();
  }
}

describe('cutting the clip', () => {
  it('from WAV: 16 kHz mono WAV holding exactly the chosen samples', async () => {
    const source = join(FIXTURES, 'conversation.wav');
    const clip = await cutClip(source, RANGES, { dataDir });
    expect(clip.path).toMatch(/[\\/]prepared[\\/]voice-[0-9a-f]{16}\.wav$/);
    expect(clip.mimeType).toBe('audio/wav');
    expect(clip.seconds).toBeCloseTo(4.5, 6);
    expect(await clipSeconds(clip.path)).toBeCloseTo(4.5, 3);
    // The fixture is 16 kHz mono 16-bit already: the clip's samples are its own, byte for byte.
    const original = await readFile(source);
    const cut = await readFile(clip.path);
    const dataAt = original.indexOf('data') + 8;
    const expected = Buffer.concat(
      RANGES.map((r) => original.subarray(dataAt + r.start * 32_000, dataAt + r.end * 32_000)),
    );
    expect(cut.subarray(44).equals(expected)).toBe(true);
    expect(cut.subarray(0, 4).toString()).toBe('RIFF');
  });

  it('shifts the times onto a prepared file that starts later than the original', async () => {
    const source = join(FIXTURES, 'conversation.wav');
    const clip = await cutClip(source, [{ start: 2, end: 4 }], { dataDir, shiftSeconds: -1 });
    const original = await readFile(source);
    const dataAt = original.indexOf('data') + 8;
    const cut = await readFile(clip.path);
    expect(cut.subarray(44).equals(original.subarray(dataAt + 32_000, dataAt + 96_000))).toBe(true);
  });

  for (const [name, extension] of [
    ['réunion équipe.m4a', '.m4a'],
    ['conversation.opus', '.ogg'],
    ['conversation.flac', '.flac'],
    ['conversation-cbr.mp3', '.mp3'],
    ['video-with-audio.mp4', '.m4a'],
  ] as const) {
    it(`from ${name}: its packets of the chosen stretches only, copied into ${extension}`, async () => {
      const source = join(FIXTURES, name);
      const clip = await cutClip(source, RANGES, { dataDir });
      expect(clip.extension).toBe(extension);
      const seconds = await clipSeconds(clip.path);
      // Whole packets inside each stretch: at most one packet's length short at either end.
      expect(seconds).toBeGreaterThan(4.5 - 0.3);
      expect(seconds).toBeLessThanOrEqual(4.5 + 1e-3);
      expect(seconds).toBeCloseTo(clip.seconds, 1);

      const original = await packetsOf(source);
      const start = original[0]!.timestamp;
      const inside = original.filter((p) =>
        RANGES.some(
          (r) =>
            p.timestamp - start >= r.start - 1e-6 &&
            p.timestamp - start + p.duration <= r.end + 1e-6,
        ),
      );
      const cut = await packetsOf(clip.path);
      expect(cut.length).toBe(inside.length);
      // Contiguous from 0, in the original's order.
      let at = cut[0]!.timestamp;
      for (const packet of cut) {
        expect(packet.timestamp).toBeCloseTo(at, 3);
        at += packet.duration;
      }
      if (extension === '.flac') {
        // Renumbered, so the bytes differ; the frames' checksums hold.
        for (const packet of cut) expect(flacFrameIntact(packet.data)).toBe(true);
        expect(cut.map((p) => p.data.length)).toEqual(
          inside.map((p) => expect.closeTo(p.data.length, 2) as unknown as number),
        );
      } else {
        cut.forEach((packet, i) => {
          expect(Buffer.from(packet.data).equals(Buffer.from(inside[i]!.data)), `packet ${i}`).toBe(
            true,
          );
        });
      }
    });
  }

  it('refuses what is not sound in plain words, and leaves nothing behind', async () => {
    await expect(cutClip(join(FIXTURES, 'garbage.bin'), RANGES, { dataDir })).rejects.toMatchObject(
      { key: 'prepare.unreadable' },
    );
    await expect(
      cutClip(join(FIXTURES, 'video-no-audio.mp4'), RANGES, { dataDir }),
    ).rejects.toMatchObject({ key: 'preflight.noAudioTrack' });
    await expect(cutClip(join(dataDir, 'gone.wav'), RANGES, { dataDir })).rejects.toMatchObject({
      key: 'prepare.missing',
    });
    const left = await readdir(join(dataDir, 'prepared')).catch(() => []);
    expect(left).toEqual([]);
  });

  it('stops when canceled, and leaves nothing behind', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      cutClip(join(FIXTURES, 'conversation.opus'), RANGES, { dataDir, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const left = await readdir(join(dataDir, 'prepared')).catch(() => []);
    expect(left).toEqual([]);
  });
});
