import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeResult } from '../../../src/core/jobs/result-files';
import { ResultsRepository } from '../../../src/core/results/repository';
import { withCorrections, type CorrectionEdit } from '../../../src/shared/corrections';
import type { SavedResult } from '../../../src/shared/result';
import { meeting } from '../exports/fixtures';

describe('corrections saved beside the result', () => {
  let dataDir: string;
  let original: SavedResult;
  const open = () => new ResultsRepository(dataDir, (id) => id === original.jobId);
  const fileOf = async () =>
    JSON.parse(
      await readFile(join(dataDir, 'results', `${original.jobId}.json`), 'utf8'),
    ) as SavedResult;
  const merge: CorrectionEdit = { kind: 'merge', from: 'SPEAKER_02', into: 'SPEAKER_01' };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'diarist-corrections-'));
    original = meeting();
    await writeResult(dataDir, original);
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the edits in the result’s file, never changing pyannoteAI’s turns, and reads them after a restart', async () => {
    const saved = await open().correct(original.jobId, { type: 'edit', edit: merge });
    expect(saved.corrections).toEqual({ edits: [merge], cursor: 1 });
    const file = await fileOf();
    expect(file.segments).toEqual(original.segments);
    expect(file.corrections).toEqual({ edits: [merge], cursor: 1 });
    // A new repository, as after quitting and opening the app again.
    const again = await open().get(original.jobId);
    expect(withCorrections(again!).speakers.map((s) => s.label)).not.toContain('SPEAKER_02');
  });

  it('undoes, redoes and reverts, and the file says so each time', async () => {
    const repo = open();
    await repo.correct(original.jobId, { type: 'edit', edit: merge });
    await repo.correct(original.jobId, { type: 'undo' });
    expect((await fileOf()).corrections).toEqual({ edits: [merge], cursor: 0 });
    await repo.correct(original.jobId, { type: 'redo' });
    expect((await fileOf()).corrections).toEqual({ edits: [merge], cursor: 1 });
    await repo.correct(original.jobId, { type: 'revert' });
    expect((await fileOf()).corrections).toEqual({ edits: [], cursor: 0 });
    expect((await fileOf()).segments).toEqual(original.segments);
  });

  it('applies quick changes one after another, so none is lost', async () => {
    const repo = open();
    const other = open();
    await Promise.all([
      repo.correct(original.jobId, { type: 'edit', edit: merge }),
      other.renameSpeaker(original.jobId, 'SPEAKER_00', 'Ada'),
      repo.correct(original.jobId, {
        type: 'edit',
        edit: { kind: 'merge', from: 'SPEAKER_03', into: 'SPEAKER_00' },
      }),
    ]);
    const file = await fileOf();
    expect(file.speakerNames).toEqual({ SPEAKER_00: 'Ada' });
    expect(file.corrections?.cursor).toBe(2);
    await Promise.all([
      repo.correct(original.jobId, { type: 'undo' }),
      other.correct(original.jobId, { type: 'undo' }),
    ]);
    expect((await fileOf()).corrections?.cursor).toBe(0);
  });

  it('refuses an edit that would change nothing, in plain words, and keeps the file as it was', async () => {
    const repo = open();
    const before = await readFile(join(dataDir, 'results', `${original.jobId}.json`), 'utf8');
    for (const edit of [
      { kind: 'merge', from: 'SPEAKER_09', into: 'SPEAKER_00' },
      { kind: 'move', turns: [{ speaker: 'SPEAKER_00', start: 1, end: 2 }], to: 'SPEAKER_01' },
      { kind: 'move', turns: [original.segments[0]!], to: 'someone' },
    ] satisfies CorrectionEdit[]) {
      await expect(repo.correct(original.jobId, { type: 'edit', edit })).rejects.toMatchObject({
        code: 'invalid-request',
        message: expect.stringMatching(/open it again/),
      });
    }
    await repo.correct(original.jobId, { type: 'edit', edit: merge });
    await expect(repo.correct(original.jobId, { type: 'edit', edit: merge })).rejects.toMatchObject(
      {
        code: 'invalid-request',
      },
    );
    expect((await fileOf()).corrections?.edits).toHaveLength(1);
    expect(before).toContain('"segments"');
  });

  it('names a speaker a correction added', async () => {
    const repo = open();
    const turn = original.segments[0]!;
    await repo.correct(original.jobId, {
      type: 'edit',
      edit: { kind: 'move', turns: [turn], to: 'SPEAKER_04' },
    });
    const named = await repo.renameSpeaker(original.jobId, 'SPEAKER_04', 'Grace');
    expect(named.speakerNames).toEqual({ SPEAKER_04: 'Grace' });
  });

  it('leaves out a log damaged on disk, showing pyannoteAI’s result', async () => {
    const path = join(dataDir, 'results', `${original.jobId}.json`);
    await writeFile(
      path,
      JSON.stringify({ ...original, corrections: { edits: [{ kind: 'x' }], cursor: 1 } }),
    );
    const read = await open().get(original.jobId);
    expect(read?.corrections).toBeUndefined();
    expect(read?.segments).toEqual(original.segments);
  });

  it('changes only its own jobs’ results', async () => {
    await expect(open().correct('other', { type: 'undo' })).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
