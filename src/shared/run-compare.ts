/**
 * Comparing two runs of the same recording: each run names its speakers its own way (run A's
 * SPEAKER_00 may be run B's SPEAKER_02), so labels are first matched optimally, one to one, on the
 * speech time they share (maximum-weight assignment, Hungarian method), then the time line is
 * walked stretch by stretch to see where the two runs say the same thing.
 *
 * "Agree" on a stretch means: the set of speakers talking in run A is exactly the set talking in
 * run B once B's labels are translated to A's (silence in both is not speech and is not counted).
 */

/** One turn of one run; only label and times matter here (ResultSegment fits). */
export interface RunTurn {
  speaker: string;
  start: number;
  end: number;
}

export interface SpeakerMatch {
  /** Label in run A, and the label in run B matched to it (absent: nobody in B was matched). */
  a: string;
  b?: string;
  /** Seconds in which `a` (in A) and `b` (in B) both talk. */
  sharedSeconds: number;
}

export interface Disagreement {
  start: number;
  end: number;
  /** Who talks in this stretch according to each run, with each run's own labels, sorted. */
  a: string[];
  b: string[];
}

export interface RunComparison {
  /** Labels found by each run, sorted. */
  speakersA: string[];
  speakersB: string[];
  /** Every label of A with its match in B (if any), sorted by A's label. */
  matches: SpeakerMatch[];
  /** Labels of B that no label of A was matched to, sorted. */
  unmatchedB: string[];
  /** Seconds in which at least one run has someone talking. */
  speechSeconds: number;
  /** Of those, seconds on which both runs agree after matching. */
  agreedSeconds: number;
  /** agreedSeconds / speechSeconds, from 0 to 1 (1 when neither run has any speech). */
  agreement: number;
  /** Stretches where the runs disagree, in time order; neighbouring stretches that say the same are joined. */
  disagreements: Disagreement[];
}

/**
 * Maximum-weight assignment of rows to columns (Hungarian method, O(n³)) for a rectangular matrix
 * of non-negative weights. Returns, for each row, the column assigned to it, or -1 when the matrix
 * has fewer columns than rows and that row got none. A pair of weight 0 may be assigned; callers
 * that care drop those.
 */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): number[] {
  const rows = weights.length;
  const cols = rows === 0 ? 0 : Math.max(...weights.map((row) => row.length));
  const n = Math.max(rows, cols);
  if (n === 0) return [];
  let top = 0;
  for (const row of weights) for (const w of row) top = Math.max(top, w);
  // Minimise cost = top - weight on an n×n square; padding cells weigh 0.
  const cost = (i: number, j: number): number => top - (weights[i]?.[j] ?? 0);
  // Potentials and matching, 1-based, with index 0 as the free "virtual" row (e-maxx formulation).
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const rowOfCol = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    rowOfCol[0] = i;
    let col0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[col0] = true;
      const row0 = rowOfCol[col0] ?? 0;
      let delta = Infinity;
      let col1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const reduced = cost(row0 - 1, j - 1) - (u[row0] ?? 0) - (v[j] ?? 0);
        if (reduced < (minv[j] ?? Infinity)) {
          minv[j] = reduced;
          way[j] = col0;
        }
        if ((minv[j] ?? Infinity) < delta) {
          delta = minv[j] ?? Infinity;
          col1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          const r = rowOfCol[j] ?? 0;
          u[r] = (u[r] ?? 0) + delta;
          v[j] = (v[j] ?? 0) - delta;
        } else {
          minv[j] = (minv[j] ?? Infinity) - delta;
        }
      }
      col0 = col1;
    } while ((rowOfCol[col0] ?? 0) !== 0);
    do {
      const col1 = way[col0] ?? 0;
      rowOfCol[col0] = rowOfCol[col1] ?? 0;
      col0 = col1;
    } while (col0 !== 0);
  }
  const assigned = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= n; j++) {
    const row = (rowOfCol[j] ?? 0) - 1;
    if (row >= 0 && row < rows && j - 1 < cols) assigned[row] = j - 1;
  }
  return assigned;
}

/** A turn with a real length; empty or broken turns are no speech. */
function isSpeech(turn: RunTurn): boolean {
  return Number.isFinite(turn.start) && Number.isFinite(turn.end) && turn.end > turn.start;
}

/** Sorted labels of a run. */
function labelsOf(turns: readonly RunTurn[]): string[] {
  return [...new Set(turns.filter(isSpeech).map((t) => t.speaker))].sort();
}

interface Piece {
  start: number;
  end: number;
  a: Set<string>;
  b: Set<string>;
}

/** The time line cut at every turn boundary of either run, with who talks in each piece (one sweep). */
function pieces(a: readonly RunTurn[], b: readonly RunTurn[]): Piece[] {
  interface Edge {
    at: number;
    run: 'a' | 'b';
    speaker: string;
    delta: 1 | -1;
  }
  const edges: Edge[] = [];
  const add = (run: 'a' | 'b', turns: readonly RunTurn[]) => {
    for (const t of turns) {
      if (!isSpeech(t)) continue;
      edges.push({ at: t.start, run, speaker: t.speaker, delta: 1 });
      edges.push({ at: t.end, run, speaker: t.speaker, delta: -1 });
    }
  };
  add('a', a);
  add('b', b);
  edges.sort((x, y) => x.at - y.at);
  // A speaker may have overlapping turns of their own: count them, talking while the count is > 0.
  const active = { a: new Map<string, number>(), b: new Map<string, number>() };
  const out: Piece[] = [];
  let k = 0;
  while (k < edges.length) {
    const at = edges[k]?.at ?? 0;
    for (; k < edges.length && edges[k]?.at === at; k++) {
      const edge = edges[k];
      if (!edge) continue;
      const counts = active[edge.run];
      const next = (counts.get(edge.speaker) ?? 0) + edge.delta;
      if (next > 0) counts.set(edge.speaker, next);
      else counts.delete(edge.speaker);
    }
    const end = edges[k]?.at;
    if (end === undefined) break;
    out.push({ start: at, end, a: new Set(active.a.keys()), b: new Set(active.b.keys()) });
  }
  return out;
}

const sameSet = (x: ReadonlySet<string>, y: ReadonlySet<string>) =>
  x.size === y.size && [...x].every((item) => y.has(item));

/** Compares run B against run A; see the file comment for what "agree" means. */
export function compareRuns(a: readonly RunTurn[], b: readonly RunTurn[]): RunComparison {
  const speakersA = labelsOf(a);
  const speakersB = labelsOf(b);
  const parts = pieces(a, b);
  const shared = speakersA.map(() => speakersB.map(() => 0));
  const indexA = new Map(speakersA.map((label, i) => [label, i]));
  const indexB = new Map(speakersB.map((label, j) => [label, j]));
  for (const part of parts) {
    const seconds = part.end - part.start;
    for (const la of part.a) {
      for (const lb of part.b) {
        const row = shared[indexA.get(la) ?? -1];
        const j = indexB.get(lb) ?? -1;
        if (row) row[j] = (row[j] ?? 0) + seconds;
      }
    }
  }
  const assigned = maxWeightAssignment(shared);
  const bToA = new Map<string, string>();
  const matches: SpeakerMatch[] = speakersA.map((label, i) => {
    const j = assigned[i] ?? -1;
    const seconds = shared[i]?.[j] ?? 0;
    const matched = j >= 0 && seconds > 0 ? speakersB[j] : undefined;
    if (matched === undefined) return { a: label, sharedSeconds: 0 };
    bToA.set(matched, label);
    return { a: label, b: matched, sharedSeconds: seconds };
  });
  const unmatchedB = speakersB.filter((label) => !bToA.has(label));

  let speechSeconds = 0;
  let agreedSeconds = 0;
  const disagreements: Disagreement[] = [];
  for (const part of parts) {
    if (part.a.size === 0 && part.b.size === 0) continue;
    const seconds = part.end - part.start;
    speechSeconds += seconds;
    // An unmatched B label maps to nothing in A, so it can never agree.
    const translated = new Set([...part.b].map((label) => bToA.get(label) ?? `\u0000${label}`));
    if (sameSet(part.a, translated)) {
      agreedSeconds += seconds;
      continue;
    }
    const saysA = [...part.a].sort();
    const saysB = [...part.b].sort();
    const last = disagreements.at(-1);
    if (
      last &&
      last.end === part.start &&
      last.a.join('\n') === saysA.join('\n') &&
      last.b.join('\n') === saysB.join('\n')
    ) {
      last.end = part.end;
    } else {
      disagreements.push({ start: part.start, end: part.end, a: saysA, b: saysB });
    }
  }
  return {
    speakersA,
    speakersB,
    matches,
    unmatchedB,
    speechSeconds,
    agreedSeconds,
    agreement: speechSeconds > 0 ? agreedSeconds / speechSeconds : 1,
    disagreements,
  };
}
