/** What makes two jobs "the same recording with the same options". */

import { describe, expect, it } from 'vitest';
import { canonicalJson, findOriginal, optionsKey } from '../../../src/core/jobs/duplicates';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobRecord, JobState } from '../../../src/shared/jobs';

const job = (id: string, state: JobState, extra: Partial<JobRecord> = {}): JobRecord => ({
  id,
  revision: 1,
  batchId: 'b',
  createdAt: `2025-01-01T00:00:0${id.length}Z`,
  updatedAt: '2025-01-01T00:00:00Z',
  state,
  source: { path: `/r/${id}.wav`, name: `${id}.wav`, sizeBytes: 1, mtimeMs: 1 },
  options: DEFAULT_DIARIZE_OPTIONS,
  sha256: 'a'.repeat(64),
  ...extra,
});

describe('duplicate detection', () => {
  it('compares options whatever their key order, ignoring undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    const reversed = Object.fromEntries(Object.entries(DEFAULT_DIARIZE_OPTIONS).reverse());
    expect(optionsKey(reversed as typeof DEFAULT_DIARIZE_OPTIONS)).toBe(
      optionsKey(DEFAULT_DIARIZE_OPTIONS),
    );
    expect(optionsKey({ ...DEFAULT_DIARIZE_OPTIONS, exclusive: true })).not.toBe(
      optionsKey(DEFAULT_DIARIZE_OPTIONS),
    );
  });

  it('counts the voices to recognise and how sure, but not the order they were chosen in', () => {
    const recognise = (voiceIds: string[], match: 'balanced' | 'strict' = 'balanced') => ({
      ...DEFAULT_DIARIZE_OPTIONS,
      recognise: { voiceIds, match },
    });
    const [a, b] = ['voice-aaaa0001', 'voice-bbbb0002'];
    expect(optionsKey(recognise([a, b]))).toBe(optionsKey(recognise([b, a])));
    expect(optionsKey(recognise([a, b]))).not.toBe(optionsKey(recognise([a])));
    expect(optionsKey(recognise([a, b]))).not.toBe(optionsKey(recognise([a, b], 'strict')));
    expect(optionsKey(recognise([a]))).not.toBe(optionsKey(DEFAULT_DIARIZE_OPTIONS));
    const me = job('me', 'uploading', {
      createdAt: '2030-01-01T00:00:00Z',
      options: recognise([b, a]),
    });
    const done = { resultFile: 'r' };
    expect(
      findOriginal([me, job('x', 'succeeded', { ...done, options: recognise([a, b]) })], me)?.id,
    ).toBe('x');
    // The same recording done without recognition is not this job: it is sent.
    expect(findOriginal([me, job('x', 'succeeded', done)], me)).toBeUndefined();
  });

  it('finds a live or done job with the same hash and options, never a failed, canceled or copy', () => {
    const me = job('me', 'uploading', { createdAt: '2030-01-01T00:00:00Z' });
    expect(findOriginal([me, job('x', 'queued')], me)?.id).toBe('x');
    expect(findOriginal([me, job('x', 'succeeded', { resultFile: 'r' })], me)?.id).toBe('x');
    expect(findOriginal([me, job('x', 'failed')], me)).toBeUndefined();
    expect(findOriginal([me, job('x', 'canceled')], me)).toBeUndefined();
    expect(findOriginal([me, job('x', 'waiting', { duplicateOf: 'y' })], me)).toBeUndefined();
    expect(findOriginal([me, job('x', 'queued', { sha256: 'b'.repeat(64) })], me)).toBeUndefined();
    const other = { ...DEFAULT_DIARIZE_OPTIONS, model: 'community-1' as const };
    expect(findOriginal([me, job('x', 'queued', { options: other })], me)).toBeUndefined();
    expect(findOriginal([me, job('x', 'queued')], { ...me, sha256: undefined })).toBeUndefined();
  });

  it('lets a rerun ignore saved results but not a job under way; the oldest wins', () => {
    const me = job('me', 'uploading', { createdAt: '2030-01-01T00:00:00Z', rerun: true });
    expect(findOriginal([me, job('x', 'succeeded', { resultFile: 'r' })], me)).toBeUndefined();
    expect(findOriginal([me, job('x', 'processing')], me)?.id).toBe('x');
    expect(findOriginal([me, job('long', 'queued'), job('x', 'queued')], me)?.id).toBe('x');
  });
});
