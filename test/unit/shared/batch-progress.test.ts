import { describe, expect, it } from 'vitest';
import { batchProgress } from '../../../src/shared/batch-progress';
import type { JobState } from '../../../src/shared/jobs';

const job = (batchId: string, state: JobState) => ({ batchId, state });

describe('how far the work under way has come', () => {
  it('counts the final jobs of batches that still have work, and ignores finished batches', () => {
    const progress = batchProgress([
      job('old', 'succeeded'),
      job('old', 'failed'),
      job('new', 'succeeded'),
      job('new', 'canceled'),
      job('new', 'uploading'),
      job('new', 'waiting'),
      job('other', 'processing'),
    ]);
    expect(progress).toEqual({ done: 2, total: 5, fraction: 0.4 });
  });

  it('is undefined when nothing is under way, so the taskbar and title go back to rest', () => {
    expect(batchProgress([])).toBeUndefined();
    expect(batchProgress([job('a', 'succeeded'), job('b', 'failed')])).toBeUndefined();
  });
});
