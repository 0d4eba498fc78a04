/**
 * The words of the readable exports (TXT and DOCX) that are not data: headings, labels, dates,
 * lengths and the default "Speaker 2", in the person's language, from the `exports` keys of the
 * `app` catalogues (main's own words, src/core/app/words.ts). Names the person gave, the
 * recording's name and the transcript are data and stay exactly as they are. The data formats
 * (CSV, JSON, RTTM, subtitles) have no such words. The command line keeps English.
 */

import { appWords } from '../app/words';
import { localeFormat } from '../../shared/i18n/format';
import type { Language } from '../../shared/i18n/languages';

export interface ExportWords {
  language: Language;
  /** "Label: value", with the language's spacing ("Fichier : …" in French). */
  field(label: string, value: string): string;
  file: string;
  /** The TXT header's "Duration" (written as a clock there). */
  duration: string;
  /** The DOCX's "Length" (written in words there). */
  length: string;
  processedOn: string;
  note: string;
  speakers: string;
  speakersHeading(count: number): string;
  /** "00:00:15 speaking, 3 turns". */
  speakerLine(time: string, turns: number): string;
  speakerColumn: string;
  talkTimeColumn: string;
  turnsColumn: string;
  turnsHeading: string;
  noSpeech: string;
  description: string;
  atLeast(length: string): string;
  /** A label's name when the person gave none: "Speaker 2", "Intervenant 2". */
  defaultSpeaker(label: string): string;
  lengthInWords(seconds: number): string;
  count(value: number): string;
  date(iso: string): string;
}

const made = new Map<Language, ExportWords>();

export function exportWords(language: Language = 'en'): ExportWords {
  const known = made.get(language);
  if (known) return known;
  const t = appWords(language);
  const format = localeFormat(language);
  const words: ExportWords = {
    language,
    field: (label, value) => t('exports.field', { label, value }),
    file: t('exports.file'),
    duration: t('exports.duration'),
    length: t('exports.length'),
    processedOn: t('exports.processedOn'),
    note: t('exports.note'),
    speakers: t('exports.speakers'),
    speakersHeading: (count) => t('exports.speakersHeading', { number: format.count(count) }),
    speakerLine: (time, turns) =>
      t('exports.speakerLine', { count: turns, time, turns: format.count(turns) }),
    speakerColumn: t('exports.speakerColumn'),
    talkTimeColumn: t('exports.talkTimeColumn'),
    turnsColumn: t('exports.turnsColumn'),
    turnsHeading: t('exports.turnsHeading'),
    noSpeech: t('exports.noSpeech'),
    description: t('exports.description'),
    atLeast: (length) => t('exports.atLeast', { length }),
    defaultSpeaker: (label) => {
      const match = /^SPEAKER_(\d+)$/.exec(label);
      return match ? t('exports.defaultSpeaker', { number: Number(match[1]) + 1 }) : label;
    },
    lengthInWords: (seconds) => format.duration(seconds),
    count: (value) => format.count(value),
    date: (iso) => format.date(iso),
  };
  made.set(language, words);
  return words;
}
