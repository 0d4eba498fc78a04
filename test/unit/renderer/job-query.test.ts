import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUERY,
  nameCollator,
  searchText,
  visibleJobIds,
  type JobQuery,
} from '../../../src/renderer/store/job-query';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobView } from '../../../src/shared/ipc-contract';

function job(id: string, name: string, state: JobView['state'], durationSeconds?: number): JobView {
  const at = '2026-12-04T12:00:00.000Z';
  return {
    id,
    revision: 1,
    batchId: 'b',
    createdAt: at,
    updatedAt: at,
    state,
    source: {
      name,
      sizeBytes: 1,
      mtimeMs: 1,
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
    },
    options: DEFAULT_DIARIZE_OPTIONS,
  };
}

// The store's order: newest first. "c" and "a" are two runs of one recording.
const jobs = [
  job('c', 'Réunion équipe.m4a', 'succeeded', 600),
  job('b', 'interview 10.wav', 'failed', 30),
  job('a', 'Réunion équipe.m4a', 'processing', 600),
  job('d', 'interview 2.wav', 'canceled'),
  job('e', 'budget.mp3', 'uploading', 1200),
];
const byId = new Map(jobs.map((j) => [j.id, j]));
const order = jobs.map((j) => j.id);
const collator = nameCollator('en');
const show = (query: Partial<JobQuery>) =>
  visibleJobIds(byId, order, { ...DEFAULT_QUERY, ...query }, collator);

describe('the job list’s search', () => {
  it('finds names ignoring case and accents, as one types', () => {
    expect(show({ search: 'REUNION' })).toEqual(['c', 'a']);
    expect(show({ search: 'réu' })).toEqual(['c', 'a']);
    expect(show({ search: 'interview' })).toEqual(['b', 'd']);
    expect(show({ search: 'nothing like it' })).toEqual([]);
  });

  it('needs every word, in any order, and ignores spaces around them', () => {
    expect(show({ search: '  wav   2 ' })).toEqual(['d']);
    expect(show({ search: 'equipe reunion' })).toEqual(['c', 'a']);
    expect(searchText('  Réunion   Équipe ')).toBe('reunion equipe');
  });

  it('combines with the filter', () => {
    expect(show({ search: 'réunion', filter: 'done' })).toEqual(['c']);
    expect(show({ search: 'interview', filter: 'failed' })).toEqual(['b']);
  });

  it('shows the store’s order itself when nothing is filtered, searched or sorted', () => {
    expect(show({})).toBe(order);
    expect(show({ search: '   ' })).toBe(order);
  });
});

describe('the job list’s sort', () => {
  it('is newest first by default (the store’s order)', () => {
    expect(show({ sort: 'newest', filter: 'all', search: 'm' })).toEqual(['c', 'a', 'e']);
  });

  it('sorts by name as people read numbers, re-runs of one name newest first', () => {
    expect(show({ sort: 'name' })).toEqual(['e', 'd', 'b', 'c', 'a']);
  });

  it('sorts by length, longest first, unknown lengths last', () => {
    expect(show({ sort: 'length' })).toEqual(['e', 'c', 'a', 'b', 'd']);
  });

  it('sorts by status: failed, under way, done, canceled', () => {
    expect(show({ sort: 'state' })).toEqual(['b', 'a', 'e', 'c', 'd']);
  });
});
