import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRuns, maxWeightAssignment, type RunTurn } from '../../../src/shared/run-compare';

const turn = (speaker: string, start: number, end: number): RunTurn => ({ speaker, start, end });

/** Every way of giving each row a distinct column (or none when columns run out): the best total. */
function bruteForceBest(weights: number[][]): number {
  const cols = Math.max(0, ...weights.map((r) => r.length));
  const best = (row: number, taken: Set<number>): number => {
    if (row === weights.length) return 0;
    let top = best(row + 1, taken); // this row gets no column
    for (let j = 0; j < cols; j++) {
      if (taken.has(j)) continue;
      taken.add(j);
      top = Math.max(top, (weights[row]?.[j] ?? 0) + best(row + 1, taken));
      taken.delete(j);
    }
    return top;
  };
  return best(0, new Set());
}

const total = (weights: number[][], assigned: number[]) =>
  assigned.reduce((sum, j, i) => sum + (j >= 0 ? (weights[i]?.[j] ?? 0) : 0), 0);

describe('maxWeightAssignment', () => {
  it('finds the best pairs where taking the largest weight first would not', () => {
    // Greedy takes 10 (row 0 → col 0), then row 1 gets 0: total 10. Best is 9 + 9 = 18.
    const weights = [
      [10, 9],
      [9, 0],
    ];
    expect(maxWeightAssignment(weights)).toEqual([1, 0]);
  });

  it('handles more rows than columns and more columns than rows', () => {
    expect(maxWeightAssignment([[1], [5], [3]])).toEqual([-1, 0, -1]);
    expect(maxWeightAssignment([[1, 5, 3]])).toEqual([1]);
    expect(maxWeightAssignment([])).toEqual([]);
  });

  it('always reaches the best total, checked against trying every assignment', () => {
    const matrix = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
      .chain(([rows, cols]) =>
        fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: cols, maxLength: cols }), {
          minLength: rows,
          maxLength: rows,
        }),
      );
    fc.assert(
      fc.property(matrix, (weights) => {
        const assigned = maxWeightAssignment(weights);
        expect(assigned).toHaveLength(weights.length);
        const used = assigned.filter((j) => j >= 0);
        expect(new Set(used).size).toBe(used.length);
        expect(total(weights, assigned)).toBe(bruteForceBest(weights));
      }),
      { numRuns: 300 },
    );
  });
});

describe('compareRuns', () => {
  it('matches labels and measures agreement as computed by hand', () => {
    // Run A: S0 0–10, S1 10–20, S0 20–30. Run B: X 0–12, Y 12–24, X 24–30.
    // Shared time: S0&X = 10 + 6 = 16, S0&Y = 4, S1&X = 2, S1&Y = 8 → S0↔X, S1↔Y (24 > 6).
    // Disagree 10–12 (A: S1, B: X = S0) and 20–24 (A: S0, B: Y = S1): 6 of 30 s → 24/30 = 0.8.
    const a = [turn('S0', 0, 10), turn('S1', 10, 20), turn('S0', 20, 30)];
    const b = [turn('X', 0, 12), turn('Y', 12, 24), turn('X', 24, 30)];
    const result = compareRuns(a, b);
    expect(result.speakersA).toEqual(['S0', 'S1']);
    expect(result.speakersB).toEqual(['X', 'Y']);
    expect(result.matches).toEqual([
      { a: 'S0', b: 'X', sharedSeconds: 16 },
      { a: 'S1', b: 'Y', sharedSeconds: 8 },
    ]);
    expect(result.unmatchedB).toEqual([]);
    expect(result.speechSeconds).toBe(30);
    expect(result.agreedSeconds).toBe(24);
    expect(result.agreement).toBe(0.8);
    expect(result.disagreements).toEqual([
      { start: 10, end: 12, a: ['S1'], b: ['X'] },
      { start: 20, end: 24, a: ['S0'], b: ['Y'] },
    ]);
  });

  it('uses the optimal matching, not the greedy one, and counts a speaker only one run found', () => {
    // A: a1 0–19, a2 19–28. B: b1 0–10, b2 10–19, b1 19–28, c 30–32 (A silent there).
    // Shared: a1&b1 = 10, a1&b2 = 9, a2&b1 = 9, a2&b2 = 0. Greedy a1↔b1 would agree on 10 s;
    // the optimum a1↔b2, a2↔b1 agrees on 10–19 and 19–28 = 18 s. Silence 28–30 is no speech;
    // speech is 28 + 2 = 30 s, so agreement = 18/30 = 0.6; c is matched to nobody.
    const a = [turn('a1', 0, 19), turn('a2', 19, 28)];
    const b = [turn('b1', 0, 10), turn('b2', 10, 19), turn('b1', 19, 28), turn('c', 30, 32)];
    const result = compareRuns(a, b);
    expect(result.matches).toEqual([
      { a: 'a1', b: 'b2', sharedSeconds: 9 },
      { a: 'a2', b: 'b1', sharedSeconds: 9 },
    ]);
    expect(result.unmatchedB).toEqual(['c']);
    expect(result.speechSeconds).toBe(30);
    expect(result.agreedSeconds).toBe(18);
    expect(result.agreement).toBeCloseTo(0.6, 12);
    expect(result.disagreements).toEqual([
      { start: 0, end: 10, a: ['a1'], b: ['b1'] },
      { start: 30, end: 32, a: [], b: ['c'] },
    ]);
  });

  it('compares overlapping speech as sets of who talks', () => {
    // A: S0 0–10 with S1 5–10 (overlap). B: X 0–10 only: 5–10 disagrees (A two people, B one).
    const result = compareRuns([turn('S0', 0, 10), turn('S1', 5, 10)], [turn('X', 0, 10)]);
    expect(result.matches).toEqual([
      { a: 'S0', b: 'X', sharedSeconds: 10 },
      { a: 'S1', sharedSeconds: 0 },
    ]);
    expect(result.agreement).toBe(0.5);
    expect(result.disagreements).toEqual([{ start: 5, end: 10, a: ['S0', 'S1'], b: ['X'] }]);
  });

  it('joins neighbouring disagreeing stretches that say the same, and ignores empty turns', () => {
    // A: S0 0–3, S0 3–6, S1 6–20, S2 7–7 (empty). B: Y 0–20 → Y↔S1 (14 s), S0 unmatched.
    const result = compareRuns(
      [turn('S0', 0, 3), turn('S0', 3, 6), turn('S1', 6, 20), turn('S2', 7, 7)],
      [turn('Y', 0, 20)],
    );
    expect(result.speakersA).toEqual(['S0', 'S1']);
    expect(result.disagreements).toEqual([{ start: 0, end: 6, a: ['S0'], b: ['Y'] }]);
    expect(result.agreement).toBe(0.7);
  });

  it('says two empty runs agree fully', () => {
    expect(compareRuns([], [])).toMatchObject({
      agreement: 1,
      speechSeconds: 0,
      disagreements: [],
    });
  });

  const labels = ['S0', 'S1', 'S2', 'S3'];
  const runArb = fc.array(
    fc
      .tuple(
        fc.constantFrom(...labels),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 40 }),
      )
      .map(([speaker, start, length]) => turn(speaker, start / 4, (start + length) / 4)),
    { maxLength: 25 },
  );

  it('a run compared with itself under other labels agrees 100%', () => {
    fc.assert(
      fc.property(
        runArb,
        fc.shuffledSubarray(['P', 'Q', 'R', 'T'], { minLength: 4 }),
        (run, names) => {
          const rename = new Map(labels.map((label, i) => [label, names[i] ?? label]));
          const renamed = run.map((t) => ({ ...t, speaker: rename.get(t.speaker) ?? t.speaker }));
          const result = compareRuns(run, renamed);
          expect(result.agreement).toBe(1);
          expect(result.disagreements).toEqual([]);
          // Each label maps to its new name, or to one whose turns are exactly the same (two
          // speakers heard at the very same times cannot be told apart).
          const turnsOf = (turns: typeof run, speaker: string) =>
            JSON.stringify(turns.filter((t) => t.speaker === speaker).map((t) => [t.start, t.end]));
          for (const match of result.matches) {
            expect(match.b).toBeDefined();
            if (match.b !== rename.get(match.a))
              expect(turnsOf(renamed, match.b ?? '')).toBe(turnsOf(run, match.a));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splits speech time exactly into agreed time and disagreeing stretches', () => {
    fc.assert(
      fc.property(runArb, runArb, (a, b) => {
        const result = compareRuns(a, b);
        const disagreed = result.disagreements.reduce((sum, d) => sum + d.end - d.start, 0);
        expect(result.agreedSeconds + disagreed).toBeCloseTo(result.speechSeconds, 9);
        expect(result.agreement).toBeGreaterThanOrEqual(0);
        expect(result.agreement).toBeLessThanOrEqual(1);
        for (const d of result.disagreements) expect(d.end).toBeGreaterThan(d.start);
        // The matched pairs share at least as much time as any other one-to-one pairing, such as
        // pairing each label with the same label in the other run.
        const matched = result.matches.reduce((sum, m) => sum + m.sharedSeconds, 0);
        expect(matched + 1e-9).toBeGreaterThanOrEqual(sharedSameLabel(a, b));
      }),
      { numRuns: 300 },
    );
  });
});

/** Seconds in which the same label talks in both runs (the identity pairing's total). */
function sharedSameLabel(a: RunTurn[], b: RunTurn[]): number {
  let sum = 0;
  for (const label of new Set(a.map((t) => t.speaker))) {
    const grid = new Set<number>();
    for (const t of a)
      if (t.speaker === label) for (let q = t.start * 4; q < t.end * 4; q++) grid.add(q);
    const other = new Set<number>();
    for (const t of b)
      if (t.speaker === label) for (let q = t.start * 4; q < t.end * 4; q++) other.add(q);
    for (const q of grid) if (other.has(q)) sum += 0.25;
  }
  return sum;
}
