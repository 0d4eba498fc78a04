import { describe, expect, it } from 'vitest';
import { daysAgo, runWords, speakerWords } from '../../../src/renderer/job-run-words';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import { localeFormat } from '../../../src/shared/i18n/format';
import { jobsT } from './jobs-i18n';

const en = jobsT('en');
const format = localeFormat('en-GB');
/** Local times, so "today" is today wherever the test runs. */
const at = (day: number, hour: number, minute: number) =>
  new Date(2026, 11, day, hour, minute).toISOString();
const now = new Date(2026, 11, 4, 9, 30);

describe('when a job ran and with which options', () => {
  it('says Today or Yesterday with the time, else the date and time', () => {
    const options = { ...DEFAULT_DIARIZE_OPTIONS, speakers: { kind: 'exact', count: 2 } as const };
    expect(runWords(en, format, { createdAt: at(4, 14, 2), options }, now)).toBe(
      'Today 14:02 · Precision-2 · 2 speakers',
    );
    expect(runWords(en, format, { createdAt: at(3, 23, 59), options }, now)).toBe(
      'Yesterday 23:59 · Precision-2 · 2 speakers',
    );
    expect(runWords(en, format, { createdAt: at(1, 8, 5), options }, now)).toBe(
      `${format.dateTime(new Date(2026, 11, 1, 8, 5))} · Precision-2 · 2 speakers`,
    );
  });

  it('counts calendar days, not 24-hour spans', () => {
    expect(daysAgo(new Date(2026, 11, 3, 23, 59), new Date(2026, 11, 4, 0, 1))).toBe(1);
    expect(daysAgo(new Date(2026, 11, 4, 0, 1), new Date(2026, 11, 4, 23, 59))).toBe(0);
    // Across the change to summer time (a 23-hour day in most of Europe).
    expect(daysAgo(new Date(2026, 2, 28, 12), new Date(2026, 2, 30, 12))).toBe(2);
  });

  it('tells two runs of one recording apart by their options', () => {
    const first = runWords(
      en,
      format,
      { createdAt: at(4, 9, 0), options: DEFAULT_DIARIZE_OPTIONS },
      now,
    );
    const again = runWords(
      en,
      format,
      {
        createdAt: at(4, 9, 0),
        options: { ...DEFAULT_DIARIZE_OPTIONS, model: 'community-1', exclusive: true },
      },
      now,
    );
    expect(first).toBe('Today 09:00 · Precision-2 · Any number of speakers');
    expect(again).toBe(
      'Today 09:00 · Community-1 · Any number of speakers · Non-overlapping turns',
    );
    const transcribed = runWords(
      en,
      format,
      { createdAt: at(4, 9, 0), options: { ...DEFAULT_DIARIZE_OPTIONS, transcription: true } },
      now,
    );
    expect(transcribed).toBe('Today 09:00 · Precision-2 · Any number of speakers · Transcription');
  });

  it('says every kind of speaker count', () => {
    expect(speakerWords(en, format, { kind: 'exact', count: 1 })).toBe('1 speaker');
    expect(speakerWords(en, format, { kind: 'range', min: 2, max: 4 })).toBe('2–4 speakers');
    expect(speakerWords(en, format, { kind: 'range', min: 3, max: 3 })).toBe('3 speakers');
    expect(speakerWords(en, format, { kind: 'range', min: 2 })).toBe('At least 2 speakers');
    expect(speakerWords(en, format, { kind: 'range', max: 1 })).toBe('At most 1 speaker');
    expect(speakerWords(en, format, { kind: 'range' })).toBe('Any number of speakers');
  });

  it('speaks the page’s language, dates included', () => {
    const fr = localeFormat('fr');
    const de = localeFormat('de');
    const options = { ...DEFAULT_DIARIZE_OPTIONS, speakers: { kind: 'exact', count: 2 } as const };
    expect(runWords(jobsT('fr'), fr, { createdAt: at(4, 14, 2), options }, now)).toBe(
      'Aujourd’hui 14:02 · Precision-2 · 2 intervenants',
    );
    expect(runWords(jobsT('de'), de, { createdAt: at(3, 14, 2), options }, now)).toBe(
      'Gestern 14:02 · Precision-2 · 2 Sprecher',
    );
    expect(
      runWords(jobsT('es'), localeFormat('es'), { createdAt: at(4, 14, 2), options }, now),
    ).toBe('Hoy 14:02 · Precision-2 · 2 hablantes');
    expect(runWords(jobsT('fr'), fr, { createdAt: at(1, 14, 2), options }, now)).toContain('déc.');
  });
});
