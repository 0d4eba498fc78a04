/**
 * The runs of one recording ("Try other settings"): a later run names the recording's first run
 * in `runOf`, and the first run names the one chosen as the recording's result in `chosenRun`.
 * Pure, so the page (the job list, the result view) and main decide the same way.
 */

import { activeEdits, withCorrections, type CorrectionEdit } from './corrections';
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
 * The merges a person made in one run ("Speaker 3 is the same person as Speaker 1"), said in
 * another run's labels: pyannoteAI's speakers of the two runs matched on shared speech, each
 * merge kept when both of its speakers have a match. Moves and splits name exact turns of their
 * run, which the other run cuts differently, so they are not carried.
 */
export function mergesToCarry(from: SavedResult, to: SavedResult): CorrectionEdit[] {
  const merges = activeEdits(from.corrections).filter((edit) => edit.kind === 'merge');
  if (merges.length === 0) return [];
  const toB = new Map<string, string>();
  for (const match of compareRuns(from.segments, to.segments).matches)
    if (match.b) toB.set(match.a, match.b);
  const carried: CorrectionEdit[] = [];
  for (const merge of merges) {
    const fromB = toB.get(merge.from);
    const intoB = toB.get(merge.into);
    if (fromB && intoB && fromB !== intoB)
      carried.push({ kind: 'merge', from: fromB, into: intoB });
  }
  return carried;
}
