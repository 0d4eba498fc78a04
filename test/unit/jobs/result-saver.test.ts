import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultSaver, type SaveOutcome } from '../../../src/core/jobs/result-saver';
import { RESULTS_DIR } from '../../../src/core/jobs/result-files';
import type { SavedResult } from '../../../src/shared/result';

function result(jobId: string): SavedResult {
  return { formatVersion: 1, jobId, segments: [] } as unknown as SavedResult;
}

describe('result saver', () => {
  let dir: string;
  let clock: number;
  let told: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'diarist-saver-'));
    clock = 0;
    told = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const saver = () =>
    new ResultSaver({
      dataDir: dir,
      now: () => clock,
      onSaveFailed: (reason) => told.push(reason.message),
      retryMs: 5,
      maxRetryMs: 5,
    });

  it('writes the result and says where', async () => {
    const outcome = await saver().save('j1', result('j1'), () => undefined);
    expect(outcome).toEqual({ saved: true, resultFile: join(RESULTS_DIR, 'j1.json') });
    expect(JSON.parse(await readFile(join(dir, RESULTS_DIR, 'j1.json'), 'utf8')).jobId).toBe('j1');
  });

  it('when the disk refuses, says why, tries again by itself, and tells each problem once a minute', async () => {
    // A file where the results folder should be: every write fails, even for root.
    await writeFile(join(dir, RESULTS_DIR), 'in the way');
    const s = saver();
    let again = 0;
    let first: Promise<SaveOutcome> | undefined;
    const retried = new Promise<void>((resolve) => {
      first = s.save('j1', result('j1'), () => {
        again += 1;
        resolve();
      });
    });
    // Both writes run at once; either may fail first, so both outcomes are awaited.
    const [firstOutcome, second] = await Promise.all([
      first,
      s.save('j2', result('j2'), () => undefined),
    ]);
    expect(firstOutcome?.saved).toBe(false);
    expect(second.saved).toBe(false);
    expect(s.isSaving('j1') && s.isSaving('j2')).toBe(true);
    await retried;
    expect(again).toBe(1);
    expect(told).toHaveLength(1);
    clock += 61_000;
    await s.save('j3', result('j3'), () => undefined);
    expect(told).toHaveLength(2);
    await rm(join(dir, RESULTS_DIR));
    expect((await s.save('j2', result('j2'), () => undefined)).saved).toBe(true);
    expect(s.isSaving('j2')).toBe(false);
    s.close();
  });
});
