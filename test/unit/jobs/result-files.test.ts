import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteResult,
  readResult,
  resultFileFor,
  RESULTS_DIR,
  writeResult,
} from '../../../src/core/jobs/result-files';
import type { SavedResult } from '../../../src/shared/result';

const saved = (jobId: string) =>
  ({ formatVersion: 1, jobId, segments: [], speakers: [] }) as unknown as SavedResult;

describe('saved results on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'diarist-results-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes one private file per job under results/, and reads it back', async () => {
    const relative = await writeResult(dir, saved('job-1'));
    expect(relative).toBe(join('results', 'job-1.json'));
    expect(resultFileFor('job-1')).toBe(relative);
    expect(RESULTS_DIR).toBe('results');
    expect(JSON.parse(await readFile(join(dir, relative), 'utf8'))).toEqual(saved('job-1'));
    expect((await stat(join(dir, relative))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'results'))).mode & 0o777).toBe(0o700);
    expect(await readResult(dir, 'job-1')).toEqual(saved('job-1'));
  });

  it('has no result for a job never saved, and none once deleted', async () => {
    expect(await readResult(dir, 'nothing')).toBeUndefined();
    await writeResult(dir, saved('job-2'));
    await deleteResult(dir, 'job-2');
    expect(await readResult(dir, 'job-2')).toBeUndefined();
    await expect(deleteResult(dir, 'job-2')).resolves.toBeUndefined();
  });

  it.each([
    ['half-written JSON', '{"formatVersion": 1, "jobId": "j", "segm'],
    ['another format version', JSON.stringify({ ...saved('j'), formatVersion: 2 })],
    ['another job’s result', JSON.stringify(saved('other'))],
    ['no segments', JSON.stringify({ formatVersion: 1, jobId: 'j', segments: {} })],
    ['null', 'null'],
  ])('treats %s as no result, so it is fetched again', async (_, text) => {
    await mkdir(join(dir, 'results'), { recursive: true });
    await writeFile(join(dir, 'results', 'j.json'), text);
    expect(await readResult(dir, 'j')).toBeUndefined();
  });
});
