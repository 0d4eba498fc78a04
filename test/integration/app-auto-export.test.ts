/**
 * Automatic export (issue 14): with formats chosen in Settings, each result that arrives is also
 * written into the export folder by the core, and the job's row says where; against the simulator.
 */

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobView } from '../../src/shared/ipc-contract';
import type { Settings } from '../../src/shared/settings';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { addRecordings, startApp, type TestApp } from '../support/app-harness';
import { docxParagraphs } from '../support/docx-text';
import { errorWords } from '../../src/renderer/error-words';
import { noteWords } from '../../src/renderer/job-status-words';
import { errorsContext, jobsT } from '../unit/renderer/jobs-i18n';

describe('automatic export', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp | undefined;
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-auto-export-');
  });
  afterEach(async () => {
    await app?.close();
    await sim.close();
    await work.remove();
  });

  /** Runs one recording to the end and answers its row once the row has a note. */
  async function run(settings: Partial<Settings>): Promise<JobView> {
    app = await startApp(sim, join(work.path, 'data'), { settings });
    const added = (await addRecordings(
      app,
      await copyFixtures(work.path, ['conversation.wav']),
    )) as {
      ok: true;
      value: JobView[];
    };
    const id = added.value[0]!.id;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const jobs = ((await app.call('jobs:list')) as { value: JobView[] }).value;
      const job = jobs.find((j) => j.id === id);
      if (job?.state === 'succeeded' && job.note) return job;
      if (Date.now() > deadline) throw new Error(`no note in time: ${JSON.stringify(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('writes the chosen formats into the export folder, in the settings’ language, and says so', async () => {
    const folder = join(work.path, 'Minutes');
    await mkdir(folder);
    // A file of that name is already there: it is kept, the export takes the next free name.
    await writeFile(join(folder, 'conversation.txt'), 'mine');
    const job = await run({
      exportFolder: folder,
      autoExportFormats: ['txt', 'docx'],
      language: 'fr',
    });
    expect(job.note).toBe('Saved as conversation (2).txt, conversation.docx in Minutes');
    expect((await readdir(folder)).sort()).toEqual([
      'conversation (2).txt',
      'conversation.docx',
      'conversation.txt',
    ]);
    expect(await readFile(join(folder, 'conversation.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(folder, 'conversation (2).txt'), 'utf8')).toMatch(
      /^Fichier : conversation\.wav\n/,
    );
    const docx = docxParagraphs(await readFile(join(folder, 'conversation.docx')));
    expect(docx[0]).toBe('conversation.wav');
    expect(docx).toContain('Qui parle à quel moment');
  });

  it('says on the row that no export folder is chosen, and writes nothing', async () => {
    const job = await run({ exportFolder: '', autoExportFormats: ['txt'] });
    expect(job.note).toBe('Not saved automatically: choose an export folder in Settings.');
    expect(job.noteKey).toBe('notes.autoSaveNoFolder');
    expect(noteWords(jobsT('es'), job)).toBe(
      'No se guardó automáticamente: elija una carpeta de exportación en Ajustes.',
    );
  });

  it('keeps the notes by key, so the row says them in the page’s language', async () => {
    const folder = join(work.path, 'Minutes');
    await mkdir(folder);
    const saved = await run({ exportFolder: folder, autoExportFormats: ['txt'] });
    expect(saved.noteKey).toBe('notes.autoSaved');
    expect(saved.noteParams).toEqual({ files: 'conversation.txt', folder: 'Minutes' });
    expect(noteWords(jobsT('en'), saved)).toBe(saved.note);
    expect(noteWords(jobsT('fr'), saved)).toBe('Enregistré sous conversation.txt dans Minutes');
  });

  it('says why nothing was saved, in the page’s language too', async () => {
    // A file where the export folder should be: nothing can be written there.
    const folder = join(work.path, 'Minutes');
    await writeFile(folder, 'not a folder');
    const job = await run({ exportFolder: folder, autoExportFormats: ['txt'] });
    expect(job.note).toMatch(/^Not saved automatically: The file could not be saved there\./);
    expect(job.noteKey).toBe('notes.autoSaveFailed');
    expect(job.noteReason?.key).toMatch(/^save\./);
    const said = (language: string) =>
      noteWords(jobsT(language), job, (reason) => errorWords(errorsContext(language), reason));
    expect(said('en')).toBe(job.note);
    for (const language of ['fr', 'de', 'es']) {
      expect(said(language), language).not.toMatch(/Not saved|could not|\{\{/);
      expect(said(language), language).toContain(
        errorWords(errorsContext(language), job.noteReason!),
      );
    }
    expect(said('de')).toMatch(/^Nicht automatisch gespeichert: /);
  });

  it('does nothing when no format is chosen', async () => {
    const folder = join(work.path, 'Minutes');
    await mkdir(folder);
    app = await startApp(sim, join(work.path, 'data'), {
      settings: { exportFolder: folder, autoExportFormats: [] },
    });
    await addRecordings(app, await copyFixtures(work.path, ['conversation.wav']));
    const deadline = Date.now() + 15_000;
    let job: JobView | undefined;
    while (job?.state !== 'succeeded' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = ((await app.call('jobs:list')) as { value: JobView[] }).value[0];
    }
    expect(job?.state).toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await readdir(folder)).toEqual([]);
    expect(((await app.call('jobs:list')) as { value: JobView[] }).value[0]?.note).toBeUndefined();
  });
});
