/**
 * The runs of one recording ("Try other settings"): a later run names the recording's first run
 * in `runOf`, and the first run names the one chosen as the recording's result in `chosenRun`.
 * Pure, so the page (the job list, the result view) and main decide the same way.
 */

import {
  EMPTY_LOG,
  activeEdits,
  addEdit,
  newSpeakerLabel,
  withCorrections,
  type CorrectionEdit,
  type TurnRef,
} from './corrections';
import type { JobRecord } from './jobs';
import type { SavedResult } from './result';
import { compareRuns } from './run-compare';

type RunFields = Pick<JobRecord, 'id' | 'runOf' | 'chosenRun' | 'state' | 'createdAt'>;

/** The id that groups a recording's runs: its first run's. */
export function runGroupOf(job: Pick<JobRecord, 'id' | 'runOf'>): string {
  return job.runOf ?? job.id;
}

/** Every run of `job`'s recording, oldest first (the job alone when it was never run again). */
export function runsOf<J extends RunFields>(jobs: readonly J[], job: J): J[] {
  const group = runGroupOf(job);
  return jobs
    .filter((other) => runGroupOf(other) === group)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Which run is the recording's result: the one the person chose, else the first run. */
export function chosenRunOf<J extends RunFields>(jobs: readonly J[], job: J): J | undefined {
  const group = runGroupOf(job);
  const first = jobs.find((other) => other.id === group);
  if (!first) return undefined;
  const chosen = first.chosenRun ? jobs.find((other) => other.id === first.chosenRun) : undefined;
  return chosen && runGroupOf(chosen) === group ? chosen : first;
}

/**
 * Runs the job list leaves out: finished runs of a recording that are not its result, while the
 * chosen one is there to show instead. Runs under way, failed or canceled stay in the list, so
 * their progress and problems are seen. One pass over the list.
 */
export function hiddenRuns(jobs: readonly RunFields[]): Set<string> {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const grouped = new Set<string>();
  for (const job of jobs) if (job.runOf && byId.has(job.runOf)) grouped.add(job.runOf);
  const hidden = new Set<string>();
  for (const job of jobs) {
    const group = runGroupOf(job);
    if (!grouped.has(group) || job.state !== 'succeeded') continue;
    const first = byId.get(group);
    const chosenId = first?.chosenRun && byId.has(first.chosenRun) ? first.chosenRun : group;
    const chosen = byId.get(chosenId);
    if (chosenId !== job.id && chosen?.state === 'succeeded') hidden.add(job.id);
  }
  return hidden;
}

/**
 * The names a person gave in one run, for the speakers another run found too: labels matched on
 * shared speech (compareRuns), corrections of both in force. A speaker already named in `to`
 * keeps that name; a speaker with no match gets none.
 */
export function namesToCarry(from: SavedResult, to: SavedResult): Record<string, string> {
  const named = Object.entries(from.speakerNames).filter(([, name]) => name.trim() !== '');
  if (named.length === 0) return {};
  const comparison = compareRuns(withCorrections(from).segments, withCorrections(to).segments);
  const carried: Record<string, string> = {};
  for (const match of comparison.matches) {
    const name = from.speakerNames[match.a];
    if (!name || !match.b || to.speakerNames[match.b]) continue;
    carried[match.b] = name;
  }
  return carried;
}

/**
 * The corrections a person made in one run, said in another run's labels and turns, in the order
 * they were made, each against the other run as corrected so far (a turn is named by what it was
 * when its edit was made). pyannoteAI's speakers of the two runs are matched on shared speech.
 * - a merge carries when both of its speakers have a match;
 * - a move carries the other run's turns of the moved turns' speaker that lie mostly (over half
 *   of their length) inside a moved turn, to the target's match, or to a new speaker when the
 *   person moved them to a speaker pyannoteAI did not find;
 * - a split carries to the other run's turn of the same speaker that the split point falls in.
 * What does not carry (no match, nothing there to change) is left out.
 */
export function editsToCarry(from: SavedResult, to: SavedResult): CorrectionEdit[] {
  const edits = activeEdits(from.corrections);
  if (edits.length === 0) return [];
  const toB = new Map<string, string>();
  for (const match of compareRuns(from.segments, to.segments).matches)
    if (match.b) toB.set(match.a, match.b);
  const found = new Set(from.segments.map((segment) => segment.speaker));
  let log = to.corrections ?? EMPTY_LOG;
  const carried: CorrectionEdit[] = [];
  for (const edit of edits) {
    const now = withCorrections({ ...to, corrections: log }).segments;
    const next = carryEdit(edit, now, toB, found);
    if (!next) continue;
    carried.push(next);
    log = addEdit(log, next);
  }
  return carried;
}

const refOf = (turn: TurnRef): TurnRef => ({
  speaker: turn.speaker,
  start: turn.start,
  end: turn.end,
});
const shared = (a: TurnRef, b: TurnRef) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

function carryEdit(
  edit: CorrectionEdit,
  now: readonly TurnRef[],
  toB: Map<string, string>,
  found: ReadonlySet<string>,
): CorrectionEdit | undefined {
  if (edit.kind === 'merge') {
    const from = toB.get(edit.from);
    const into = toB.get(edit.into);
    return from && into && from !== into ? { kind: 'merge', from, into } : undefined;
  }
  if (edit.kind === 'split') {
    const speaker = toB.get(edit.turn.speaker);
    const turn = now.find((t) => t.speaker === speaker && t.start < edit.at && edit.at < t.end);
    return turn ? { kind: 'split', turn: refOf(turn), at: edit.at } : undefined;
  }
  let target = toB.get(edit.to);
  if (!target && !found.has(edit.to)) {
    // A speaker the person added in the other run: a new speaker here too, the same for later edits.
    target = newSpeakerLabel([...now.map((t) => t.speaker), ...toB.values()]);
    toB.set(edit.to, target);
  }
  if (!target) return undefined;
  const turns = now.filter(
    (turn) =>
      turn.speaker !== target &&
      edit.turns.some(
        (moved) =>
          toB.get(moved.speaker) === turn.speaker &&
          shared(turn, moved) > (turn.end - turn.start) / 2,
      ),
  );
  return turns.length > 0 ? { kind: 'move', turns: turns.map(refOf), to: target } : undefined;
}
