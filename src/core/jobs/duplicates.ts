/**
 * One job per recording and options. The same content (by its SHA-256, as the media key uses)
 * sent with the same options is billed once: a job whose hash matches another job that is still
 * under way, or already has a saved result, is not sent; it is canceled with a note that names the
 * other job (`duplicateOf`). Failed and canceled jobs do not count, so a copy can still run when
 * its original did not. A job added with `rerun` deliberately ignores saved results.
 */

import { jobNote, type NoteFields } from './notes';
import type { DiarizeOptions } from '../../shared/diarize-options';
import type { JobRecord } from '../../shared/jobs';

/** Canonical JSON: keys sorted at every level and undefined values left out, so equal options compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The voices to recognise are a set: the order they were chosen in does not make other options. */
export function optionsKey(options: DiarizeOptions): string {
  const { recognise } = options;
  return canonicalJson(
    recognise
      ? { ...options, recognise: { ...recognise, voiceIds: [...recognise.voiceIds].sort() } }
      : options,
  );
}

/** A job that counts as "this recording with these options is taken care of". */
function counts(other: JobRecord, forRerun: boolean): boolean {
  if (other.duplicateOf) return false;
  if (other.state === 'failed' || other.state === 'canceled') return false;
  if (other.state === 'succeeded') return !forRerun && other.resultFile !== undefined;
  return true;
}

/**
 * The job `job` would duplicate, if any: same hash and options, another job, still under way or
 * done. The oldest such job wins, so every copy points at the same original.
 */
export function findOriginal(
  jobs: Iterable<JobRecord>,
  job: Pick<JobRecord, 'id' | 'sha256' | 'options' | 'rerun'>,
): JobRecord | undefined {
  if (!job.sha256) return undefined;
  const key = optionsKey(job.options);
  let best: JobRecord | undefined;
  for (const other of jobs) {
    if (other.id === job.id || other.sha256 !== job.sha256) continue;
    if (!counts(other, job.rerun === true) || optionsKey(other.options) !== key) continue;
    if (!best || other.createdAt < best.createdAt) best = other;
  }
  return best;
}

/** What the copy's row says, in plain words and by key (notes.ts). */
export function duplicateNote(original: JobRecord): NoteFields {
  const name = original.source.name;
  return jobNote(original.state === 'succeeded' ? 'notes.sameAsDone' : 'notes.sameAsListed', {
    name,
  });
}
