import { describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import { DiaristError } from '../../../src/core/errors';
import { normalizeResult, type NormalizeInput } from '../../../src/core/results/normalize';

const NOW = new Date('2025-03-14T09:26:53.000Z');

const input = (output: unknown, patch: Partial<NormalizeInput> = {}): NormalizeInput => ({
  jobId: 'job-1',
  serviceJobId: 'svc-1',
  source: { name: 'interview.wav', sizeBytes: 1_024_000, durationSeconds: 60 },
  options: { ...DEFAULT_DIARIZE_OPTIONS, exclusive: true },
  completedAt: '2025-03-14T09:26:50.000Z',
  output,
  now: NOW,
  ...patch,
});

function thrown(fn: () => unknown): DiaristError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DiaristError) return error;
    throw error;
  }
  throw new Error('expected a DiaristError');
}

describe('normalizeResult', () => {
  it('builds a sorted SavedResult with totals per speaker, overlaps counting for each', () => {
    const result = normalizeResult(
      input({
        diarization: [
          { speaker: 'SPEAKER_01', start: 5, end: 9.5 },
          { speaker: 'SPEAKER_00', start: 0.5, end: 6 },
          { speaker: 'SPEAKER_00', start: 9.5, end: 12.25 },
          { speaker: 'SPEAKER_10', start: 9.5, end: 10 },
          { speaker: 'SPEAKER_02', start: 9.5, end: 10 },
        ],
        warning: 'Audio was resampled.',
      }),
    );
    expect(result).toEqual({
      formatVersion: 1,
      jobId: 'job-1',
      serviceJobId: 'svc-1',
      source: { name: 'interview.wav', sizeBytes: 1_024_000, durationSeconds: 60 },
      options: { ...DEFAULT_DIARIZE_OPTIONS, exclusive: true },
      completedAt: '2025-03-14T09:26:50.000Z',
      savedAt: '2025-03-14T09:26:53.000Z',
      segments: [
        { speaker: 'SPEAKER_00', start: 0.5, end: 6 },
        { speaker: 'SPEAKER_01', start: 5, end: 9.5 },
        { speaker: 'SPEAKER_02', start: 9.5, end: 10 },
        { speaker: 'SPEAKER_10', start: 9.5, end: 10 },
        { speaker: 'SPEAKER_00', start: 9.5, end: 12.25 },
      ],
      speakers: [
        { label: 'SPEAKER_00', totalSeconds: 8.25, turnCount: 2 },
        { label: 'SPEAKER_01', totalSeconds: 4.5, turnCount: 1 },
        { label: 'SPEAKER_02', totalSeconds: 0.5, turnCount: 1 },
        { label: 'SPEAKER_10', totalSeconds: 0.5, turnCount: 1 },
      ],
      speakerNames: {},
      warning: 'Audio was resampled.',
    });
  });

  it('drops zero- and negative-length segments and clamps starts before zero', () => {
    const result = normalizeResult(
      input({
        diarization: [
          { speaker: 'SPEAKER_00', start: 3, end: 3 },
          { speaker: 'SPEAKER_00', start: 4, end: 2 },
          { speaker: 'SPEAKER_01', start: -0.2, end: 1 },
          { speaker: 'SPEAKER_01', start: -2, end: -1 },
        ],
      }),
    );
    expect(result.segments).toEqual([{ speaker: 'SPEAKER_01', start: 0, end: 1 }]);
    expect(result.speakers).toEqual([{ label: 'SPEAKER_01', totalSeconds: 1, turnCount: 1 }]);
  });

  it('keeps exclusive segments (sorted), turn and frame confidence, and strips unknown keys', () => {
    const score = [10, 55.5, 99];
    const result = normalizeResult(
      input({
        diarization: [
          {
            speaker: 'SPEAKER_00',
            start: 0,
            end: 2,
            confidence: { SPEAKER_00: 90, SPEAKER_01: 4 },
            extra: 1,
          },
        ],
        exclusiveDiarization: [
          { speaker: 'SPEAKER_01', start: 2, end: 3 },
          { speaker: 'SPEAKER_00', start: 0, end: 2 },
        ],
        confidence: { score, resolution: 0.02, frames: 'ignored' },
        somethingNew: { nested: true },
      }),
    );
    expect(result.segments).toEqual([
      { speaker: 'SPEAKER_00', start: 0, end: 2, confidence: { SPEAKER_00: 90, SPEAKER_01: 4 } },
    ]);
    expect(result.exclusiveSegments).toEqual([
      { speaker: 'SPEAKER_00', start: 0, end: 2 },
      { speaker: 'SPEAKER_01', start: 2, end: 3 },
    ]);
    expect(result.confidence).toEqual({ resolution: 0.02, score });
    expect(result).not.toHaveProperty('somethingNew');
    // A label only the exclusive diarization knows is still a speaker someone can name.
    expect(result.speakers).toEqual([
      { label: 'SPEAKER_00', totalSeconds: 2, turnCount: 1 },
      { label: 'SPEAKER_01', totalSeconds: 0, turnCount: 0 },
    ]);
  });

  it('drops frame confidence whose resolution cannot place it on a timeline', () => {
    const result = normalizeResult(
      input({ diarization: [], confidence: { score: [1, 2], resolution: 0 } }),
    );
    expect(result).not.toHaveProperty('confidence');
  });

  it('keeps turn- and word-level transcription, sorted, and counts their speakers', () => {
    const result = normalizeResult(
      input({
        diarization: [{ speaker: 'SPEAKER_00', start: 0, end: 4 }],
        turnLevelTranscription: [
          { speaker: 'SPEAKER_01', start: 4, end: 5, text: 'Right.' },
          { speaker: 'SPEAKER_00', start: 0, end: 4, text: 'Hello, world — héllo.' },
        ],
        wordLevelTranscription: [
          { speaker: 'SPEAKER_00', start: 0.6, end: 1.1, text: 'world' },
          { speaker: 'SPEAKER_00', start: 0, end: 0.5, text: 'Hello,' },
          { speaker: 'SPEAKER_00', start: 1.1, end: 1.1, text: '—' },
        ],
      }),
    );
    expect(result.transcription).toEqual({
      turns: [
        { speaker: 'SPEAKER_00', start: 0, end: 4, text: 'Hello, world — héllo.' },
        { speaker: 'SPEAKER_01', start: 4, end: 5, text: 'Right.' },
      ],
      words: [
        { speaker: 'SPEAKER_00', start: 0, end: 0.5, text: 'Hello,' },
        { speaker: 'SPEAKER_00', start: 0.6, end: 1.1, text: 'world' },
      ],
    });
    expect(result.speakers.map((s) => s.label)).toEqual(['SPEAKER_00', 'SPEAKER_01']);
  });

  it('accepts an empty diarization and leaves optional parts out', () => {
    const result = normalizeResult(
      input({ diarization: [] }, { completedAt: undefined, now: undefined }),
    );
    expect(result.segments).toEqual([]);
    expect(result.speakers).toEqual([]);
    for (const key of [
      'exclusiveSegments',
      'confidence',
      'transcription',
      'warning',
      'completedAt',
    ]) {
      expect(result).not.toHaveProperty(key);
    }
    expect(Number.isNaN(Date.parse(result.savedAt))).toBe(false);
  });

  it('does not share the caller’s options object', () => {
    const options = { ...DEFAULT_DIARIZE_OPTIONS, speakers: { kind: 'exact' as const, count: 2 } };
    const result = normalizeResult(input({ diarization: [] }, { options }));
    options.speakers.count = 5;
    expect(result.options.speakers).toEqual({ kind: 'exact', count: 2 });
  });

  it.each([
    ['not an object', 'nope'],
    ['null', null],
    ['no diarization (a failed job’s output)', { error: 'Audio could not be decoded' }],
    ['a segment without a speaker', { diarization: [{ start: 0, end: 1 }] }],
    ['a non-finite time', { diarization: [{ speaker: 'SPEAKER_00', start: 0, end: Infinity }] }],
    ['a string time', { diarization: [{ speaker: 'SPEAKER_00', start: '0', end: 1 }] }],
  ])('throws a non-retryable bad-response for %s', (_, output) => {
    const error = thrown(() => normalizeResult(input(output)));
    expect(error.code).toBe('bad-response');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/cannot read/);
    expect(error.detail).toContain('svc-1');
  });

  it('names the failing paths in the detail but never the values', () => {
    const error = thrown(() =>
      normalizeResult(
        input({
          diarization: [
            { speaker: 'SPEAKER_00', start: 0, end: 1 },
            { speaker: 42, start: 'secret words', end: 2 },
          ],
        }),
      ),
    );
    expect(error.detail).toContain('diarization.1.speaker');
    expect(error.detail).toContain('diarization.1.start');
    expect(error.detail).not.toContain('secret words');
  });

  it('caps the detail at a few issues', () => {
    const diarization = Array.from({ length: 50 }, () => ({ speaker: 1, start: 0, end: 1 }));
    const error = thrown(() => normalizeResult(input({ diarization })));
    expect(error.detail).toMatch(/and 45 more$/);
  });

  it('handles a 3-hour meeting with 5,400 turns and 2 million confidence frames quickly', () => {
    const turns = 5400;
    const diarization = Array.from({ length: turns }, (_, i) => ({
      speaker: `SPEAKER_0${(i * 7) % 6}`,
      // Reverse order makes the sort do real work.
      start: (turns - i) * 2,
      end: (turns - i) * 2 + 2.5,
      confidence: { [`SPEAKER_0${(i * 7) % 6}`]: 80 },
    }));
    const score = new Array<number>(2_000_000);
    for (let i = 0; i < score.length; i += 1) score[i] = i % 101;
    const turnLevelTranscription = diarization.map((d) => ({ ...d, text: 'words words words' }));
    const wordLevelTranscription = diarization.flatMap((d) =>
      [0, 1, 2].map((k) => ({
        speaker: d.speaker,
        start: d.start + k * 0.5,
        end: d.start + k * 0.5 + 0.4,
        text: 'w',
      })),
    );

    const started = performance.now();
    const result = normalizeResult(
      input({
        diarization,
        exclusiveDiarization: diarization,
        confidence: { score, resolution: 0.0054 },
        turnLevelTranscription,
        wordLevelTranscription,
      }),
    );
    const elapsed = performance.now() - started;

    expect(result.segments).toHaveLength(turns);
    expect(result.confidence?.score).toHaveLength(2_000_000);
    expect(result.transcription?.words).toHaveLength(turns * 3);
    for (let i = 1; i < result.segments.length; i += 1) {
      expect(result.segments[i]!.start).toBeGreaterThanOrEqual(result.segments[i - 1]!.start);
    }
    expect(result.speakers.reduce((sum, s) => sum + s.turnCount, 0)).toBe(turns);
    expect(result.speakers.reduce((sum, s) => sum + s.totalSeconds, 0)).toBeCloseTo(turns * 2.5, 6);
    // Generous for slow CI machines; an O(n²) step would take many seconds here.
    expect(elapsed).toBeLessThan(3000);
  });
});
