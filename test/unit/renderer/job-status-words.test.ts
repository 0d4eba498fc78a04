/** The page says a job's status in its language, and in English exactly what the command line says. */
import { describe, expect, it } from 'vitest';
import { duplicateNote } from '../../../src/core/jobs/duplicates';
import { CANCELED_AT_SERVICE_NOTE } from '../../../src/core/jobs/messages';
import {
  jobStatusWords,
  noteWords,
  preparationWords,
  sizeWords,
} from '../../../src/renderer/job-status-words';
import { AUTO_EXPORT_NO_FOLDER_NOTE, autoExportNote } from '../../../src/shared/auto-export-notes';
import { describeJobState, describePreparation } from '../../../src/shared/job-status-text';
import type { JobRecord } from '../../../src/shared/jobs';
import { jobsT } from './jobs-i18n';

type StateFields = Parameters<typeof describeJobState>[0];
const progress = (phase: 'preparing' | 'hashing' | 'sending') => ({
  phase,
  doneBytes: 42,
  totalBytes: 100,
});
const error = { code: 'server-error', message: 'pyannoteAI could not process this.' } as const;

const STATES: StateFields[] = [
  { state: 'checking' },
  { state: 'waiting' },
  { state: 'waiting', note: 'Connection problem; retrying the upload (attempt 2)…' },
  { state: 'uploading' },
  { state: 'uploading', progress: progress('preparing') },
  { state: 'uploading', progress: progress('hashing') },
  { state: 'uploading', progress: progress('sending') },
  { state: 'submitting' },
  { state: 'queued' },
  { state: 'processing' },
  { state: 'succeeded' },
  { state: 'failed', error: { ...error, retryable: true } },
  { state: 'failed' },
  { state: 'canceled' },
  { state: 'canceled', note: CANCELED_AT_SERVICE_NOTE },
  {
    state: 'canceled',
    duplicateOf: 'a',
    note: 'Same recording as “a.wav” (already in the list); sent once.',
  },
] as StateFields[];

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('jobStatusWords', () => {
  it('says in English what the command line says, for every state', () => {
    for (const job of STATES) expect(jobStatusWords(jobsT('en'), job)).toBe(describeJobState(job));
  });

  it('says the status in French, German and Spanish', () => {
    const uploading: StateFields = { state: 'uploading', progress: progress('sending') };
    expect(nbsp(jobStatusWords(jobsT('fr'), uploading))).toBe('Envoi 42 %');
    expect(jobStatusWords(jobsT('de'), { state: 'succeeded' })).toBe('Fertig');
    expect(jobStatusWords(jobsT('es'), { state: 'checking' })).toBe('Comprobando el archivo');
    expect(
      nbsp(jobStatusWords(jobsT('fr'), { state: 'canceled', note: CANCELED_AT_SERVICE_NOTE })),
    ).toMatch(/^Annulé : pyannoteAI ne peut plus arrêter/);
  });

  it('keeps a failure’s message as the core wrote it, in the page’s sentence', () => {
    const failed: StateFields = { state: 'failed', error: { ...error, retryable: true } };
    expect(jobStatusWords(jobsT('de'), failed)).toBe(`Fehlgeschlagen: ${error.message}`);
    expect(jobStatusWords(jobsT('es'), { state: 'failed' })).toBe('Error: motivo desconocido');
  });
});

describe('noteWords', () => {
  const original = (state: JobRecord['state']) =>
    ({ state, source: { name: 'Réunion “A”.wav' } }) as JobRecord;
  const NOTES = [
    CANCELED_AT_SERVICE_NOTE,
    duplicateNote(original('succeeded')),
    duplicateNote(original('processing')),
    // Written by src/core/jobs/engine.ts:
    'pyannoteAI canceled this job. Retry to run it again.',
    'Connection problem; retrying the upload (attempt 3)…',
    'Problem with pyannoteAI’s storage service; retrying the upload (attempt 2)…',
    'Upload will be retried: The connection dropped.',
    // Written by src/core/app/services.ts (automatic export):
    autoExportNote(['call.docx', 'call.txt'], 'Minutes'),
    AUTO_EXPORT_NO_FOLDER_NOTE,
    'Not saved automatically: There is no room left on the disk.',
  ];

  it('recognises every note the engine writes, and says each as it is in English', () => {
    for (const note of NOTES) {
      expect(noteWords(jobsT('en'), note)).toBe(note);
      for (const language of ['fr', 'de', 'es'])
        expect(noteWords(jobsT(language), note), `${language}: ${note}`).not.toBe(note);
    }
  });

  it('keeps the file name and the attempt, and leaves an unknown note as it is', () => {
    expect(nbsp(noteWords(jobsT('fr'), duplicateNote(original('processing'))))).toBe(
      'Même enregistrement que « Réunion “A”.wav » (déjà dans la liste) : envoyé une seule fois.',
    );
    expect(noteWords(jobsT('de'), NOTES[4] ?? '')).toContain('(Versuch 3)');
    expect(noteWords(jobsT('es'), 'Something new.')).toBe('Something new.');
    expect(noteWords(jobsT('fr'), autoExportNote(['a.docx'], 'Comptes rendus'))).toBe(
      'Enregistré sous a.docx dans Comptes rendus',
    );
  });
});

describe('preparationWords', () => {
  const video = {
    source: { sizeBytes: 1.8 * 1024 ** 3 },
    preparation: {
      action: 'extract-audio' as const,
      recipe: 'extract-copy@1:aac>m4a',
      estimatedBytes: 30e6,
    },
  };

  it('says in English what the command line says', () => {
    const en = sizeWords('en');
    for (const job of [
      video,
      { ...video, preparation: { ...video.preparation, estimatedBytes: 2 * 1024 ** 3 } },
      { ...video, preparation: { ...video.preparation, action: 'downmix-resample' as const } },
      { ...video, preparation: undefined },
    ])
      expect(preparationWords(jobsT('en'), en, job)).toBe(describePreparation(job));
  });

  it('writes sizes as the language does', () => {
    expect(nbsp(preparationWords(jobsT('fr'), sizeWords('fr'), video) ?? '')).toBe(
      'Seul le son est envoyé (environ 29 Mo sur 1,8 Go)',
    );
    expect(sizeWords('en')(194)).toBe('194 bytes');
    expect(nbsp(sizeWords('de')(1.5 * 1024 ** 3))).toBe('1,5 GB');
  });
});
