import { describe, expect, it } from 'vitest';
import { applyCorrections, withCorrections } from '../../../src/shared/corrections';
import { buildLanes, buildTurns } from '../../../src/renderer/result/turns';
import { meeting } from '../exports/fixtures';

describe('the result view’s turns with corrections', () => {
  it('lists the corrected turns, marks them, and drops their low-confidence mark', () => {
    const result = meeting();
    const low = { ...result, options: { ...result.options, turnLevelConfidence: true } };
    // Speaker 3 (74 %) is above the mark; make its turn unsure to see the mark go.
    low.segments = low.segments.map((s) =>
      s.speaker === 'SPEAKER_02' ? { ...s, confidence: { SPEAKER_02: 20 } } : s,
    );
    expect(buildTurns(withCorrections(low)).filter((t) => t.lowConfidence)).toHaveLength(1);
    const corrected = applyCorrections(low, [
      { kind: 'merge', from: 'SPEAKER_02', into: 'SPEAKER_01' },
    ]);
    expect(buildTurns(corrected).filter((t) => t.lowConfidence)).toEqual([]);
    // Split, the turn keeps its speaker and score, but a person has listened to it.
    const unsure = low.segments.find((s) => s.speaker === 'SPEAKER_02')!;
    const split = applyCorrections(low, [{ kind: 'split', turn: unsure, at: 20 }]);
    expect(buildTurns(split).filter((t) => t.corrected)).toHaveLength(2);
    expect(buildTurns(split).filter((t) => t.lowConfidence)).toEqual([]);
    const turns = buildTurns(corrected);
    expect(turns.filter((t) => t.corrected).map((t) => [t.speaker, t.start])).toEqual([
      ['SPEAKER_01', 17.9],
    ]);
    // The timeline has one lane fewer, and Speaker 2's lane holds both turns.
    const lanes = buildLanes(corrected);
    expect(lanes).toHaveLength(3);
    expect(lanes[1]?.map((s) => s.start)).toEqual([12.48, 17.9]);
  });
});
