import { describe, expect, it } from 'vitest';
import {
  canRetry,
  chosenShown,
  selectionTargets,
  toggleAllShown,
  toggleOne,
  toggleRange,
} from '../../../src/renderer/store/job-selection';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobView } from '../../../src/shared/ipc-contract';

const shown = ['a', 'b', 'c', 'd', 'e'];
const sorted = (set: ReadonlySet<string>) => [...set].sort();

function job(id: string, state: JobView['state'], duplicateOf?: string): JobView {
  const at = '2026-12-04T12:00:00.000Z';
  return {
    id,
    revision: 1,
    batchId: 'b',
    createdAt: at,
    updatedAt: at,
    state,
    source: { name: `${id}.wav`, sizeBytes: 1, mtimeMs: 1 },
    options: DEFAULT_DIARIZE_OPTIONS,
    ...(duplicateOf === undefined ? {} : { duplicateOf }),
  };
}

describe('choosing several jobs', () => {
  it('toggles one job', () => {
    const one = toggleOne(new Set(), 'b');
    expect(sorted(one)).toEqual(['b']);
    expect(sorted(toggleOne(one, 'b'))).toEqual([]);
  });

  it('shift-click chooses every job shown between the last one clicked and this one', () => {
    expect(sorted(toggleRange(new Set(['b']), shown, 'b', 'd'))).toEqual(['b', 'c', 'd']);
    // Upwards too.
    expect(sorted(toggleRange(new Set(['d']), shown, 'd', 'a'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('shift-click on a chosen job un-chooses the range', () => {
    const all = new Set(shown);
    expect(sorted(toggleRange(all, shown, 'b', 'd'))).toEqual(['a', 'e']);
  });

  it('shift-click without a shown anchor toggles only the job clicked', () => {
    expect(sorted(toggleRange(new Set(), shown, undefined, 'c'))).toEqual(['c']);
    expect(sorted(toggleRange(new Set(), shown, 'gone', 'c'))).toEqual(['c']);
  });

  it('"Select all shown" chooses the jobs shown, and un-chooses them once all are', () => {
    const hidden = new Set(['z']);
    const all = toggleAllShown(hidden, shown);
    expect(sorted(all)).toEqual([...shown, 'z']);
    expect(sorted(toggleAllShown(all, shown))).toEqual(['z']);
    // Some chosen: all of them.
    expect(sorted(toggleAllShown(new Set(['a']), shown))).toEqual(shown);
  });

  it('acts only on the chosen jobs shown, in the order shown', () => {
    expect(chosenShown(new Set(['e', 'z', 'a']), shown)).toEqual(['a', 'e']);
  });
});

describe('what the selection bar’s actions apply to', () => {
  it('retries failed and canceled jobs, removes finished ones, exports those with a result, and leaves those under way', () => {
    const chosen = [
      job('done', 'succeeded'),
      job('failed', 'failed'),
      job('canceled', 'canceled'),
      job('running', 'processing'),
    ];
    const targets = selectionTargets(chosen, () => undefined);
    expect(targets.retry.map((j) => j.id)).toEqual(['failed', 'canceled']);
    expect(targets.remove.map((j) => j.id)).toEqual(['done', 'failed', 'canceled']);
    expect(targets.export.map((j) => j.id)).toEqual(['done']);
  });

  it('does not retry a copy while the job it copies is under way or done', () => {
    const copy = job('copy', 'canceled', 'original');
    expect(canRetry(copy, 'processing')).toBe(false);
    expect(canRetry(copy, 'succeeded')).toBe(false);
    expect(canRetry(copy, 'failed')).toBe(true);
    expect(canRetry(copy, undefined)).toBe(true);
    const states = new Map([['original', 'succeeded' as const]]);
    expect(selectionTargets([copy], (id) => states.get(id)).retry).toEqual([]);
  });
});
