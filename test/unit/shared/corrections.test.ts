import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addEdit,
  applyCorrections,
  canRedo,
  canUndo,
  describeEdit,
  EMPTY_LOG,
  newSpeakerLabel,
  primaryTurns,
  redo,
  revert,
  splitText,
  undo,
  withCorrections,
  type CorrectionEdit,
  type CorrectionLog,
} from '../../../src/shared/corrections';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { ResultSegment, SavedResult } from '../../../src/shared/result';
import { meeting, transcribed } from '../exports/fixtures';

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
    speakers: labels.map((label) => ({
      label,
      totalSeconds: sorted
        .filter((s) => s.speaker === label)
        .reduce((t, s) => t + s.end - s.start, 0),
      turnCount: sorted.filter((s) => s.speaker === label).length,
    })),
    speakerNames: {},
  };
}

const speech = (segments: readonly { start: number; end: number }[]) =>
  segments.reduce((total, s) => total + (s.end - s.start), 0);

const strip = (list: readonly object[]) =>
  list.map((item) => {
    const { corrected: _c, correctedBy: _b, ...rest } = item as Record<string, unknown>;
    return rest;
  });

describe('corrections: the log', () => {
  const a: CorrectionEdit = { kind: 'merge', from: 'SPEAKER_01', into: 'SPEAKER_00' };
  const b: CorrectionEdit = { kind: 'merge', from: 'SPEAKER_02', into: 'SPEAKER_00' };
  const c: CorrectionEdit = { kind: 'merge', from: 'SPEAKER_03', into: 'SPEAKER_00' };

  it('undoes and redoes by moving the cursor, and keeps the edits to redo', () => {
    let log: CorrectionLog = addEdit(addEdit(EMPTY_LOG, a), b);
    expect(log).toEqual({ edits: [a, b], cursor: 2 });
    expect(canRedo(log)).toBe(false);
    log = undo(log);
    expect(log).toEqual({ edits: [a, b], cursor: 1 });
    expect(canUndo(log) && canRedo(log)).toBe(true);
    log = undo(undo(log));
    expect(log.cursor).toBe(0);
    expect(canUndo(log)).toBe(false);
    log = redo(redo(redo(log)));
    expect(log).toEqual({ edits: [a, b], cursor: 2 });
  });

  it('drops what could be redone when a new edit follows an undo', () => {
    const log = addEdit(undo(addEdit(addEdit(EMPTY_LOG, a), b)), c);
    expect(log).toEqual({ edits: [a, c], cursor: 2 });
    expect(canRedo(log)).toBe(false);
  });

  it('says what each edit did, in words', () => {
    const nameOf = (label: string) => (label === 'SPEAKER_00' ? 'Ada' : 'Speaker 3');
    const turn = { speaker: 'SPEAKER_00', start: 1, end: 2 };
    expect(describeEdit(b, nameOf)).toBe('Speaker 3 merged into Ada');
    expect(describeEdit({ kind: 'move', turns: [turn], to: 'SPEAKER_00' }, nameOf)).toBe(
      'a turn moved to Ada',
    );
    expect(describeEdit({ kind: 'move', turns: [turn, turn], to: 'SPEAKER_00' }, nameOf)).toBe(
      '2 turns moved to Ada',
    );
    expect(describeEdit({ kind: 'split', turn, at: 1.5 }, nameOf)).toBe(
      'a turn of Ada split in two',
    );
  });

  it('reverts to an empty log', () => {
    expect(revert()).toEqual({ edits: [], cursor: 0 });
  });

  it('treats a cursor out of range as the nearest end', () => {
    expect(undo({ edits: [a], cursor: 7 })).toEqual({ edits: [a], cursor: 0 });
    expect(redo({ edits: [a], cursor: -3 })).toEqual({ edits: [a], cursor: 1 });
  });
});

describe('corrections: applying edits', () => {
  it('merges a speaker into another in every list, and marks those turns', () => {
    const result = meeting();
    const corrected = applyCorrections(result, [
      { kind: 'merge', from: 'SPEAKER_02', into: 'SPEAKER_01' },
    ]);
    expect(corrected.segments.map((s) => s.speaker)).not.toContain('SPEAKER_02');
    expect(corrected.exclusiveSegments?.map((s) => s.speaker)).not.toContain('SPEAKER_02');
    const moved = corrected.segments.filter((s) => s.corrected);
    expect(moved).toEqual([
      expect.objectContaining({
        speaker: 'SPEAKER_01',
        start: 17.9,
        end: 24.012,
        correctedBy: [0],
      }),
    ]);
    expect(corrected.segments.filter((s) => !s.corrected)).toHaveLength(5);
    // Speaker 3 is gone from the talk time; Speaker 2 has both turns.
    expect(corrected.speakers.map((s) => s.label)).toEqual([
      'SPEAKER_00',
      'SPEAKER_01',
      'SPEAKER_03',
    ]);
    expect(corrected.speakers[1]).toEqual({
      label: 'SPEAKER_01',
      totalSeconds: Math.round((19.105 - 12.48 + 24.012 - 17.9) * 1000) / 1000,
      turnCount: 2,
    });
    // pyannoteAI's result itself is never changed.
    expect(result.segments.some((s) => s.speaker === 'SPEAKER_02')).toBe(true);
  });

  it('moves chosen turns, with their words and exclusive pieces, to another speaker', () => {
    const result = transcribed();
    const [first] = result.transcription!.turns;
    const corrected = applyCorrections(result, [
      {
        kind: 'move',
        turns: [{ speaker: first!.speaker, start: first!.start, end: first!.end }],
        to: 'SPEAKER_01',
      },
    ]);
    const turns = corrected.transcription!.turns;
    expect(turns.map((t) => [t.speaker, t.corrected])).toEqual([
      ['SPEAKER_01', true],
      ['SPEAKER_01', false],
      ['SPEAKER_00', false],
    ]);
    // The two words inside the turn move with it; the diarization turn 0.5–4.25 is longer, so stays.
    expect(corrected.transcription!.words.map((w) => w.speaker)).toEqual([
      'SPEAKER_01',
      'SPEAKER_01',
      'SPEAKER_01',
    ]);
    expect(corrected.segments[0]).toMatchObject({ speaker: 'SPEAKER_00', corrected: false });
  });

  it('moves to a speaker pyannoteAI did not find, who then has talk time', () => {
    const result = meeting();
    const label = newSpeakerLabel(result.speakers.map((s) => s.label));
    expect(label).toBe('SPEAKER_04');
    const turn = result.segments.at(-1)!;
    const corrected = applyCorrections(result, [{ kind: 'move', turns: [turn], to: label }]);
    expect(corrected.speakers.at(-1)).toEqual({
      label: 'SPEAKER_04',
      totalSeconds: Math.round((turn.end - turn.start) * 1000) / 1000,
      turnCount: 1,
    });
  });

  it('splits a transcript turn at a time, dividing its words', () => {
    const result = transcribed();
    const turn = result.transcription!.turns[0]!;
    const corrected = applyCorrections(result, [{ kind: 'split', turn, at: 0.9 }]);
    const turns = corrected.transcription!.turns;
    expect(turns.slice(0, 2)).toEqual([
      expect.objectContaining({ start: 0.5, end: 0.9, text: 'Good', corrected: true }),
      expect.objectContaining({ start: 0.9, end: 4.0, text: 'morning,', corrected: true }),
    ]);
    // The diarization turn of the same speaker that holds the split is cut too.
    expect(corrected.segments.slice(0, 2).map((s) => [s.start, s.end])).toEqual([
      [0.5, 4.25],
      [4.0, 9.75],
    ]);
  });

  it('splits a diarization turn at a time; the second piece can then move', () => {
    const result = meeting();
    const turn = result.segments[0]!;
    let log = addEdit(EMPTY_LOG, { kind: 'split', turn, at: 3 });
    const second = { speaker: turn.speaker, start: 3, end: turn.end };
    log = addEdit(log, { kind: 'move', turns: [second], to: 'SPEAKER_01' });
    const corrected = withCorrections({ ...result, corrections: log });
    expect(corrected.segments.slice(0, 2)).toEqual([
      expect.objectContaining({ speaker: 'SPEAKER_00', start: 0.52, end: 3, correctedBy: [0] }),
      expect.objectContaining({ speaker: 'SPEAKER_01', start: 3, end: 6.9, correctedBy: [0, 1] }),
    ]);
    expect(corrected.skipped).toEqual([]);
  });

  it('skips an edit whose turn is not there, and edits that change nothing', () => {
    const result = meeting();
    const corrected = applyCorrections(result, [
      { kind: 'move', turns: [{ speaker: 'SPEAKER_00', start: 1, end: 2 }], to: 'SPEAKER_01' },
      { kind: 'merge', from: 'SPEAKER_01', into: 'SPEAKER_01' },
      { kind: 'split', turn: result.segments[0]!, at: result.segments[0]!.start },
    ]);
    expect(corrected.skipped).toEqual([0, 1, 2]);
    expect(strip(corrected.segments)).toEqual(result.segments);
    expect(corrected.speakers).toEqual(result.speakers);
  });

  it('cuts text without word timings at the space nearest the same share of it', () => {
    expect(splitText('one two three four', { start: 0, end: 4 }, 2, [])).toEqual([
      'one two',
      'three four',
    ]);
    expect(splitText('single', { start: 0, end: 4 }, 1, [])).toEqual(['', 'single']);
  });
});

describe('corrections: properties', () => {
  const segmentArb = fc.record({
    speaker: fc.constantFrom('SPEAKER_00', 'SPEAKER_01', 'SPEAKER_02', 'SPEAKER_03'),
    start: fc.integer({ min: 0, max: 10_000 }).map((n) => n / 7),
    length: fc.integer({ min: 1, max: 2_000 }).map((n) => n / 13),
  });
  const resultArb = fc
    .array(segmentArb, { minLength: 1, maxLength: 30 })
    .map((items) =>
      resultWith(
        items.map((s) => ({ speaker: s.speaker, start: s.start, end: s.start + s.length })),
      ),
    );
  /** Edits chosen against the corrected state of the moment, as a person makes them. */
  const recipeArb = fc.record({
    kind: fc.constantFrom('merge', 'move', 'split'),
    pick: fc.nat(),
    other: fc.nat(),
    fraction: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  });

  type Recipe = typeof recipeArb extends fc.Arbitrary<infer R> ? R : never;

  function buildLog(result: SavedResult, recipes: readonly Recipe[]): CorrectionLog {
    let log: CorrectionLog = EMPTY_LOG;
    for (const recipe of recipes) {
      const now = withCorrections({ ...result, corrections: log });
      const turns = primaryTurns(now);
      const turn = turns[recipe.pick % turns.length]!;
      const ref = { speaker: turn.speaker, start: turn.start, end: turn.end };
      const labels = ['SPEAKER_00', 'SPEAKER_01', 'SPEAKER_02', 'SPEAKER_03', 'SPEAKER_04'].filter(
        (label) => label !== turn.speaker,
      );
      const other = labels[recipe.other % labels.length]!;
      let edit: CorrectionEdit;
      if (recipe.kind === 'merge') edit = { kind: 'merge', from: turn.speaker, into: other };
      else if (recipe.kind === 'move') edit = { kind: 'move', turns: [ref], to: other };
      else {
        const at = turn.start + (turn.end - turn.start) * recipe.fraction;
        if (!(at - turn.start > 1e-5 && turn.end - at > 1e-5)) continue;
        edit = { kind: 'split', turn: ref, at };
      }
      log = addEdit(log, edit);
    }
    return log;
  }

  it('keeps the total speech time through every merge, move and split, and applies every edit', () => {
    fc.assert(
      fc.property(resultArb, fc.array(recipeArb, { maxLength: 25 }), (result, recipes) => {
        const log = buildLog(result, recipes);
        for (let cursor = 0; cursor <= log.edits.length; cursor += 1) {
          const corrected = withCorrections({ ...result, corrections: { ...log, cursor } });
          expect(speech(corrected.segments)).toBeCloseTo(speech(result.segments), 6);
          const talk = corrected.speakers.reduce((t, s) => t + s.totalSeconds, 0);
          expect(talk).toBeCloseTo(speech(result.segments), 2);
          // Every edit named a turn that existed when it was made, so none is skipped.
          expect(corrected.skipped).toEqual([]);
          // A turn not marked as corrected is one of pyannoteAI's, unchanged.
          for (const segment of corrected.segments.filter((s) => !s.corrected)) {
            expect(result.segments).toContainEqual(strip([segment])[0]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('undoing every edit gives back pyannoteAI’s result, and redoing them gives back the corrections', () => {
    fc.assert(
      fc.property(
        resultArb,
        fc.array(recipeArb, { minLength: 1, maxLength: 25 }),
        (result, recipes) => {
          const log = buildLog(result, recipes);
          let undone: CorrectionLog = log;
          for (let i = 0; i < log.edits.length; i += 1) undone = undo(undone);
          expect(canUndo(undone)).toBe(false);
          const original = withCorrections({ ...result, corrections: undone });
          expect(strip(original.segments)).toEqual(result.segments);
          expect(original.segments.every((s) => !s.corrected)).toBe(true);
          expect(original.speakers).toEqual(result.speakers);
          let redone = undone;
          for (let i = 0; i < log.edits.length; i += 1) redone = redo(redone);
          expect(canRedo(redone)).toBe(false);
          expect(withCorrections({ ...result, corrections: redone })).toEqual(
            withCorrections({ ...result, corrections: log }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
