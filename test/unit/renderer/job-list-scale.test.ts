/**
 * The job list stays fast with hundreds or thousands of jobs: what it works out on every change
 * (which jobs are shown and in what order, which are chosen and what the bar's actions apply to)
 * grows with the number of jobs, not with its square. Counted, not timed, so it holds on a busy
 * machine: the lookups and comparisons for 8,000 jobs are at most about 8 × log₂ 8 times those
 * for 1,000 (n log n), where a quadratic step would make them 64 times as many.
 */

import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, nameCollator, visibleJobIds } from '../../../src/renderer/store/job-query';
import {
  chosenShown,
  selectionTargets,
  toggleAllShown,
  toggleRange,
} from '../../../src/renderer/store/job-selection';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobView } from '../../../src/shared/ipc-contract';
import { JOB_STATES } from '../../../src/shared/jobs';

/** A map that counts its lookups. */
class CountingMap<K, V> extends Map<K, V> {
  lookups = 0;
  override get(key: K): V | undefined {
    this.lookups += 1;
    return super.get(key);
  }
}

function jobs(n: number) {
  const byId = new CountingMap<string, JobView>();
  const order: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = `job-${i}`;
    const at = new Date(Date.UTC(2026, 11, 4, 0, 0, i)).toISOString();
    byId.set(id, {
      id,
      revision: 1,
      batchId: `batch-${Math.floor(i / 50)}`,
      createdAt: at,
      updatedAt: at,
      state: JOB_STATES[i % JOB_STATES.length] ?? 'failed',
      // Names in no particular order, some repeated (re-runs), all matching "meeting".
      source: {
        name: `meeting ${(i * 7919) % (n / 2)}.wav`,
        sizeBytes: 1,
        mtimeMs: 1,
        durationSeconds: (i * 104_729) % 3_600,
      },
      options: DEFAULT_DIARIZE_OPTIONS,
    });
    order.push(id);
  }
  return { byId, order };
}

/** Lookups and name comparisons for one pass of everything the list works out on a change. */
function work(n: number): number {
  const { byId, order } = jobs(n);
  const base = nameCollator('en');
  let comparisons = 0;
  const collator = {
    compare: (a: string, b: string) => {
      comparisons += 1;
      return base.compare(a, b);
    },
  } as Intl.Collator;
  for (const sort of ['newest', 'name', 'length', 'state'] as const) {
    for (const filter of ['all', 'failed'] as const) {
      const shown = visibleJobIds(byId, order, { filter, search: 'meeting', sort }, collator);
      expect(shown.length).toBeGreaterThan(0);
      const all = toggleAllShown(new Set(), shown);
      const range = toggleRange(all, shown, shown[0], shown[shown.length - 1] ?? '');
      const chosen = chosenShown(all, shown).flatMap((id) => byId.get(id) ?? []);
      selectionTargets(chosen, (id) => byId.get(id)?.state);
      expect(range.size).toBe(0);
    }
  }
  return byId.lookups + comparisons;
}

describe('the job list with a thousand jobs', () => {
  it('shows, sorts and chooses in about n log n steps, not n²', () => {
    const thousand = work(1_000);
    const eightThousand = work(8_000);
    const nLogN = (8_000 * Math.log2(8_000)) / (1_000 * Math.log2(1_000)); // ≈ 10.4
    expect(eightThousand / thousand).toBeLessThan(nLogN * 1.25);
  });

  it('takes a few milliseconds for a thousand jobs', () => {
    const { byId, order } = jobs(1_000);
    const collator = nameCollator('en');
    const started = performance.now();
    for (let i = 0; i < 10; i += 1) {
      visibleJobIds(
        byId,
        order,
        { ...DEFAULT_QUERY, search: `meeting ${i}`, sort: 'name' },
        collator,
      );
    }
    // Ten keystrokes' worth of searching and sorting by name, well inside a frame each.
    expect((performance.now() - started) / 10).toBeLessThan(16);
  });
});
