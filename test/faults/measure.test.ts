/**
 * What the catalogue counts as "not lost": a failed job the person can act on. Checked here on
 * hand-made records, so a measurement that accepts any long message fails this file.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorInfo } from '../../src/core/errors';
import { resultExpired, serviceFailure, submitUnconfirmed } from '../../src/core/jobs/messages';
import type { ErrorInfo } from '../../src/shared/errors';
import type { JobRecord } from '../../src/shared/jobs';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import { failureIsAccountedFor } from './support/world';

describe('a failed job counts as accounted for only when the person can act on it', () => {
  let dir: string;
  let present: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'diarist-measure-'));
    present = join(dir, 'talk.wav');
    await writeFile(present, Buffer.alloc(100));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const failed = (error: ErrorInfo | undefined, path = present, sizeBytes = 100): JobRecord => ({
    id: 'j',
    revision: 1,
    batchId: 'b',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    state: 'failed',
    source: { path, name: 'talk.wav', sizeBytes, mtimeMs: 0 },
    options: DEFAULT_DIARIZE_OPTIONS,
    ...(error ? { error } : {}),
  });

  it('accepts the engine’s mapped failures, with the recording there for Retry', async () => {
    for (const error of [
      serviceFailure('boom', 's1'),
      serviceFailure('Could not load audio', 's1'),
      resultExpired('s1'),
      submitUnconfirmed(2),
    ])
      expect(await failureIsAccountedFor(failed(error)), error.code).toBe(true);
  });

  it('accepts a failure about the recording itself, which asks for it to be added again', async () => {
    const missing: ErrorInfo = {
      code: 'source-missing',
      message:
        'The recording is no longer where it was added (moved, renamed or deleted). Add it again from its new place.',
      retryable: false,
    };
    expect(await failureIsAccountedFor(failed(missing, join(dir, 'gone.wav')))).toBe(true);
  });

  it('refuses the catch-all for errors nothing mapped, however long its message', async () => {
    const fallback = toErrorInfo(new TypeError('x is undefined'));
    expect(fallback.message.length).toBeGreaterThan(30);
    expect(await failureIsAccountedFor(failed(fallback))).toBe(false);
  });

  it('refuses a failure with no error, an unknown code, or no next step', async () => {
    expect(await failureIsAccountedFor(failed(undefined))).toBe(false);
    const noStep: ErrorInfo = {
      code: 'server-error',
      message: 'pyannoteAI had a problem with this recording and it did not work out.',
      retryable: false,
    };
    expect(await failureIsAccountedFor(failed(noStep))).toBe(false);
    const unknown = { ...resultExpired('s1'), code: 'oops' } as unknown as ErrorInfo;
    expect(await failureIsAccountedFor(failed(unknown))).toBe(false);
  });

  it('refuses a Retry that cannot work: the recording is gone or no longer the same', async () => {
    expect(await failureIsAccountedFor(failed(resultExpired('s1'), join(dir, 'gone.wav')))).toBe(
      false,
    );
    expect(await failureIsAccountedFor(failed(resultExpired('s1'), present, 99))).toBe(false);
  });
});
