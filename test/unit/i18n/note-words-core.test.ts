/**
 * A job's notes and the window's notices (issue 15): the page's English for every key is the
 * core's English for the same values, word for word, so the catalogue and the core cannot drift
 * apart; the other languages say them in their own words, with the values in place. Built here
 * the way the core builds them (notes.ts, notices.ts, and main's own notices).
 */

import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { duplicateNote } from '../../../src/core/jobs/duplicates';
import { CANCELED_AT_SERVICE_NOTE } from '../../../src/core/jobs/messages';
import { jobNote, NO_NOTE, NOTE_ENGLISH } from '../../../src/core/jobs/notes';
import { noticeInfo, NOTICE_ENGLISH } from '../../../src/core/notices';
import { settingsSetAsideNotice } from '../../../src/main/settings-recovery';
import { updateOffer } from '../../../src/main/updates-policy';
import { errorWords, type ErrorWords } from '../../../src/renderer/error-words';
import { noticeWords } from '../../../src/renderer/notice-words';
import { jobStatusWords, noteWords } from '../../../src/renderer/job-status-words';
import { sourceError } from '../../../src/core/upload/source-file';
import { toErrorInfo } from '../../../src/core/errors';
import { LANGUAGES } from '../../../src/shared/i18n/languages';
import { NAMESPACES, RESOURCES } from '../../../src/shared/i18n/resources';
import type { JobRecord } from '../../../src/shared/jobs';
import {
  NOTE_KEYS,
  NOTICE_KEYS,
  type NoteKey,
  type NoticeKey,
} from '../../../src/shared/note-keys';

const instance = i18next.createInstance();
void instance.init({
  resources: RESOURCES,
  lng: 'en',
  fallbackLng: 'en',
  ns: [...NAMESPACES],
  defaultNS: 'jobs',
  interpolation: { escapeValue: false },
  initAsync: false,
});
const jobsT = (language: string) => instance.getFixedT(language, 'jobs');
const errorsOf = (language: string): ErrorWords => {
  const context = {
    t: instance.getFixedT(language, 'errors') as never,
    language,
  };
  return {
    error: (reported) => errorWords(context, reported),
    call: () => '',
    wait: () => '',
    status: () => ({}) as never,
  };
};

/** An error the core reports, to say inside a note or a notice. */
const reason = (() => {
  const { message, key, params } = toErrorInfo(
    sourceError(Object.assign(new Error('gone'), { code: 'ENOENT' })),
  );
  return { message, ...(key ? { key } : {}), ...(params ? { params } : {}) };
})();

/** Values for each note, as the engine gives them (a reason where the note carries one). */
const NOTE_CASES: Record<NoteKey, { params?: Record<string, string | number>; reason?: boolean }> =
  {
    'notes.canceledAtService': {},
    'notes.canceledByService': {},
    'notes.sameAsDone': { params: { name: 'Réunion “A”.wav' } },
    'notes.sameAsListed': { params: { name: 'Board meeting.m4a' } },
    'notes.retryingConnection': { params: { attempt: 3 } },
    'notes.retryingStorage': { params: { attempt: 2 } },
    'notes.uploadRetried': { reason: true },
    'notes.resultNotSaved': { reason: true },
    'notes.autoSaved': { params: { files: 'call.docx, call.txt', folder: 'Minutes' } },
    'notes.autoSaveNoFolder': {},
    'notes.autoSaveFailed': { reason: true },
  };

describe('job notes by key', () => {
  it('say in English exactly what the core writes, and in every other language something else', () => {
    for (const key of NOTE_KEYS) {
      const { params, reason: withReason } = NOTE_CASES[key];
      const fields = jobNote(key, params, withReason ? reason : undefined);
      expect(fields.noteKey).toBe(key);
      expect(fields.note, key).toBe(NOTE_ENGLISH[key]({ ...params, message: reason.message }));
      expect(noteWords(jobsT('en'), fields, errorsOf('en').error), key).toBe(fields.note);
      for (const language of LANGUAGES.filter((l) => l !== 'en')) {
        const words = noteWords(jobsT(language), fields, errorsOf(language).error);
        expect(words, `${language}:${key}`).not.toBe(fields.note);
        expect(words, `${language}:${key}`).not.toMatch(/\{\{|\}\}/);
        for (const value of Object.values(params ?? {}))
          expect(words, `${language}:${key}`).toContain(String(value));
        // The reason inside is said in the page's language too.
        if (withReason)
          expect(words, `${language}:${key}`).toContain(errorsOf(language).error(reason));
      }
    }
  });

  it('are the ones the engine writes (duplicates, canceled at the service)', () => {
    const original = (state: JobRecord['state']) =>
      ({ state, source: { name: 'Réunion “A”.wav' } }) as JobRecord;
    expect(duplicateNote(original('succeeded'))).toEqual(
      jobNote('notes.sameAsDone', { name: 'Réunion “A”.wav' }),
    );
    expect(duplicateNote(original('queued'))).toEqual(
      jobNote('notes.sameAsListed', { name: 'Réunion “A”.wav' }),
    );
    expect(CANCELED_AT_SERVICE_NOTE).toBe(jobNote('notes.canceledAtService').note);
    // Cleared together: no key is left behind a note that went.
    expect(Object.keys(NO_NOTE).sort()).toEqual(
      Object.keys(jobNote('notes.uploadRetried', {}, reason)).sort(),
    );
  });

  it('are said by key in the status line, whatever the English', () => {
    const job = { state: 'canceled' as const, ...jobNote('notes.canceledByService') };
    expect(jobStatusWords(jobsT('en'), job)).toBe(`Canceled: ${job.note}`);
    // The English changed since (say): the key still speaks.
    expect(noteWords(jobsT('de'), { ...job, note: 'Something else.' })).toBe(
      noteWords(jobsT('de'), job),
    );
  });
});

const NOTICE_CASES: Record<NoticeKey, { params?: Record<string, string>; reason?: boolean }> = {
  'notices.jobListSetAside': { params: { movedTo: '/data/jobs.damaged-2026-01-01.json' } },
  'notices.saveFailed': { reason: true },
  'notices.settingsSetAside': { params: { movedTo: '/data/settings.damaged-2026.json' } },
  'notices.updateAvailable': {
    params: { version: '9.9.9', url: 'https://example.invalid/Diarist-9.9.9.dmg' },
  },
  'notices.voicesSetAside': { params: { movedTo: '/data/voices.damaged-2026-01-01.bin' } },
};

describe('notices by key', () => {
  it('say in English exactly what the core and main write', () => {
    for (const key of NOTICE_KEYS) {
      const { params, reason: withReason } = NOTICE_CASES[key];
      const notice = noticeInfo(key, params, withReason ? reason : undefined);
      expect(notice.message, key).toBe(NOTICE_ENGLISH[key]({ ...params, message: reason.message }));
      const words = noticeWords(notice);
      expect(words, key).toBeDefined();
      expect(words!(jobsT('en'), errorsOf('en')), key).toBe(notice.message);
      for (const language of LANGUAGES.filter((l) => l !== 'en')) {
        const said = words!(jobsT(language), errorsOf(language));
        expect(said, `${language}:${key}`).not.toBe(notice.message);
        expect(said, `${language}:${key}`).not.toMatch(/\{\{|\}\}/);
        for (const value of Object.values(params ?? {}))
          expect(said, `${language}:${key}`).toContain(value);
      }
    }
  });

  it('are the words main writes for its own notices', () => {
    const movedTo = '/data/settings.damaged-2026.json';
    expect(settingsSetAsideNotice(movedTo)).toBe(
      noticeInfo('notices.settingsSetAside', { movedTo }).message,
    );
    const offer = updateOffer({
      currentVersion: '1.0.0',
      latest: { version: '9.9.9', path: 'Diarist-9.9.9.dmg', files: [] },
      feedUrl: 'https://updates.example.invalid/latest.yml',
      preferred: [],
      state: {},
    });
    expect(offer).toBeDefined();
    expect(offer!.message).toBe(
      noticeInfo('notices.updateAvailable', { version: '9.9.9', url: offer!.downloadUrl }).message,
    );
  });

  it('without a key (an older main) are shown as their English', () => {
    expect(noticeWords({ message: 'Something.' })).toBeUndefined();
  });
});
