/**
 * Exports through the app's operations, as the page calls them, against the simulator: the
 * readable exports' headings follow the page's language.
 */

import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../src/shared/ipc-contract';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { addRecordings, finished, startApp, type TestApp } from '../support/app-harness';
import { docxParagraphs } from '../support/docx-text';

async function runOne(app: TestApp, dir: string, fixture: string): Promise<JobView> {
  const added = (await addRecordings(app, await copyFixtures(dir, [fixture]))) as {
    ok: true;
    value: JobView[];
  };
  const [job] = await finished(app, [added.value[0]!.id], 15_000);
  return job!;
}

describe('exports through the app', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  let job: JobView;
  const shown: string[] = [];
  const dialogFolders: string[] = [];
  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-exports-');
    // "The computer's language", on a computer main cannot ask: the page says which it speaks.
    app = await startApp(sim, join(work.path, 'data'), {
      settings: { language: 'system' },
      desktop: { showInFolder: (path) => void shown.push(path) },
      dialogs: {
        pickExportPath: async (name, folder) => {
          dialogFolders.push(folder);
          return app.picks.exportPath;
        },
      },
    });
    job = await runOne(app, work.path, 'conversation.wav');
  });
  afterAll(async () => {
    await app?.close();
    await sim?.close();
    await work?.remove();
  });

  it('writes TXT and DOCX headings in the page’s language', async () => {
    app.picks.exportPath = join(work.path, 'fr.txt');
    const txt = await app.call('results:export', { id: job.id, format: 'txt', language: 'fr' });
    expect(txt).toMatchObject({ ok: true });
    const text = await readFile(join(work.path, 'fr.txt'), 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Fichier : conversation.wav',
      expect.stringMatching(/^Durée : \d\d:\d\d:\d\d$/),
      expect.stringMatching(/^Intervenants : \d+$/),
    ]);
    app.picks.exportPath = join(work.path, 'de.docx');
    await app.call('results:export', { id: job.id, format: 'docx', language: 'de' });
    const paragraphs = docxParagraphs(await readFile(join(work.path, 'de.docx')));
    expect(paragraphs[0]).toBe('conversation.wav');
    expect(paragraphs[1]).toMatch(/^Verarbeitet am: /);
    expect(paragraphs).toContain('Wer wann spricht');
  });

  it('writes them in the settings’ language when the page says none, English for "system" here', async () => {
    app.picks.exportPath = join(work.path, 'plain.txt');
    await app.call('results:export', { id: job.id, format: 'txt' });
    expect(await readFile(join(work.path, 'plain.txt'), 'utf8')).toMatch(
      /^File: conversation\.wav\n/,
    );
    app.settings.update({ language: 'es' });
    await app.call('results:export', { id: job.id, format: 'txt' });
    expect(await readFile(join(work.path, 'plain.txt'), 'utf8')).toMatch(/^Archivo: conversation/);
    app.settings.update({ language: 'system' });
  });

  it('shows the exported file in its folder by the id it answered, never by a path from the page', async () => {
    app.picks.exportPath = join(work.path, 'minutes.docx');
    const reply = await app.call('results:export', { id: job.id, format: 'docx' });
    expect(reply).toMatchObject({ ok: true, value: { fileName: 'minutes.docx' } });
    const { exportId } = (reply as { value: { exportId: string } }).value;
    expect(exportId).not.toContain(work.path);
    expect(await app.call('exports:show', { exportId })).toEqual({ ok: true, value: null });
    expect(shown).toEqual([join(work.path, 'minutes.docx')]);
    // Moved or deleted since: said plainly, and nothing is shown.
    await rm(join(work.path, 'minutes.docx'));
    expect(await app.call('exports:show', { exportId })).toMatchObject({
      ok: false,
      error: { code: 'not-found', key: 'calls.exportGone' },
    });
    expect(await app.call('exports:show', { exportId: 'made-up' })).toMatchObject({
      ok: false,
      error: { key: 'calls.exportGone' },
    });
    expect(shown).toHaveLength(1);
  });

  it('opens the export dialog in the export folder chosen in Settings', async () => {
    app.picks.exportFolder = join(work.path, 'minutes');
    const picked = await app.call('files:pick-export-folder');
    expect(picked).toEqual({ ok: true, value: join(work.path, 'minutes') });
    await app.call('settings:update', { exportFolder: join(work.path, 'minutes') });
    app.picks.exportPath = undefined;
    expect(await app.call('results:export', { id: job.id, format: 'txt' })).toEqual({
      ok: true,
      value: null,
    });
    expect(dialogFolders.at(-1)).toBe(join(work.path, 'minutes'));
    app.picks.exportFolder = undefined;
    expect(await app.call('files:pick-export-folder')).toEqual({ ok: true, value: null });
  });
});
