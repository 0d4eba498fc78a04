import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JobRow, type JobActions } from '../../../src/renderer/components/JobRow';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobView } from '../../../src/shared/ipc-contract';
import type { JobState } from '../../../src/shared/jobs';

const noop = () => undefined;
const actions: JobActions = {
  cancel: noop,
  retry: noop,
  remove: noop,
  open: noop,
  showFile: noop,
  toggleDetails: noop,
};

/** A copy of "a.wav" merged into it: canceled, never sent, pointing at the original. */
const copy: JobView = {
  id: 'copy',
  revision: 2,
  batchId: 'b2',
  createdAt: '2026-12-03T08:00:00.000Z',
  updatedAt: '2026-12-03T08:00:00.000Z',
  state: 'canceled',
  duplicateOf: 'original',
  note: 'Same recording as “a.wav” (already in the list); sent once.',
  source: { name: 'b.wav', sizeBytes: 1000, mtimeMs: 1 },
  options: DEFAULT_DIARIZE_OPTIONS,
};

const buttonsFor = (originalState: JobState | undefined) => {
  const html = renderToStaticMarkup(
    createElement(JobRow, { job: copy, detailsOpen: false, actions, originalState }),
  );
  return [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]).filter(Boolean);
};

describe('a merged copy’s row', () => {
  it('opens the result once the original is done', () => {
    expect(buttonsFor('succeeded')).toContain('Open result');
    expect(buttonsFor('succeeded')).not.toContain('Retry');
  });

  it('offers Retry, not Open result, when the original failed, was canceled or removed', () => {
    for (const state of ['failed', 'canceled', undefined] as const) {
      expect(buttonsFor(state)).toContain('Retry');
      expect(buttonsFor(state)).not.toContain('Open result');
    }
  });

  it('offers neither while the original is still under way', () => {
    expect(buttonsFor('processing')).not.toContain('Retry');
    expect(buttonsFor('processing')).not.toContain('Open result');
  });
});
