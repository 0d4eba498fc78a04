import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../../src/shared/ipc-contract';
import { JobsStore } from '../../../src/renderer/store/jobs-store';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';

function job(id: string, revision: number, state: JobView['state']): JobView {
  const at = '2026-11-24T12:00:00.000Z';
  return {
    id,
    revision,
    batchId: 'b',
    createdAt: at,
    updatedAt: at,
    state,
    source: { name: `${id}.wav`, sizeBytes: 1, mtimeMs: 1 },
    options: DEFAULT_DIARIZE_OPTIONS,
  };
}

describe('the job list store', () => {
  // The store batches changes per animation frame; under Node, flush() applies them directly.
  const frames = {
    request: globalThis.requestAnimationFrame,
    cancel: globalThis.cancelAnimationFrame,
  };
  beforeAll(() => {
    globalThis.requestAnimationFrame = () => 0;
    globalThis.cancelAnimationFrame = () => undefined;
  });
  afterAll(() => {
    globalThis.requestAnimationFrame = frames.request;
    globalThis.cancelAnimationFrame = frames.cancel;
  });

  it('keeps the newer record when an older answer arrives after a push (same millisecond)', () => {
    const store = new JobsStore();
    store.update(job('a', 3, 'failed')); // pushed: the check already failed
    store.flush();
    store.update(job('a', 1, 'checking')); // the jobs:add answer, sent earlier, arrives later
    store.flush();
    expect(store.getSnapshot().byId.get('a')?.state).toBe('failed');
  });

  it('keeps the newer record when an older answer arrives after a push in the same frame', () => {
    const store = new JobsStore();
    store.update(job('a', 1, 'checking')); // the job is known and checking
    store.flush();
    store.update(job('a', 3, 'failed')); // pushed: the check failed at once (an empty file)
    store.update(job('a', 2, 'checking')); // the Retry answer, sent earlier, arrives after it
    store.flush();
    expect(store.getSnapshot().byId.get('a')?.state).toBe('failed');
    expect(store.getSnapshot().counts).toMatchObject({ active: 0, failed: 1 });
  });

  it('keeps the newer record of a new job when both arrive before its first frame', () => {
    const store = new JobsStore();
    store.update(job('a', 2, 'failed'));
    store.update(job('a', 1, 'checking'));
    store.flush();
    expect(store.getSnapshot().byId.get('a')?.state).toBe('failed');
  });

  it('applies many updates of one frame as one change', () => {
    const store = new JobsStore();
    let notified = 0;
    store.subscribe(() => (notified += 1));
    for (let r = 1; r <= 200; r += 1) store.update(job('a', r, 'uploading'));
    store.flush();
    expect(notified).toBe(1);
    expect(store.getSnapshot().byId.get('a')?.revision).toBe(200);
  });
});
