/**
 * The words of an export that are not data: headings, labels, dates and lengths. Names, the
 * recording's name and the transcript are data and stay exactly as they are.
 */

import { localeFormat } from '../../shared/i18n/format';

export interface ExportWords {
  processedOn: string;
  length: string;
  note: string;
  speakersHeading(count: number): string;
  speakerColumn: string;
  talkTimeColumn: string;
  turnsColumn: string;
  turnsHeading: string;
  noSpeech: string;
  description: string;
  atLeast(length: string): string;
  duration(seconds: number): string;
  count(value: number): string;
  date(iso: string): string;
}

export function exportWords(): ExportWords {
  const format = localeFormat('en');
  return {
    processedOn: 'Processed on',
    length: 'Length',
    note: 'Note from pyannoteAI',
    speakersHeading: (count) => `Speakers (${format.count(count)})`,
    speakerColumn: 'Speaker',
    talkTimeColumn: 'Talk time',
    turnsColumn: 'Turns',
    turnsHeading: 'Who spoke when',
    noSpeech: 'No speech was found in this recording.',
    description: 'Who spoke when, from Diarist',
    atLeast: (length) => `at least ${length} (end of the last speech)`,
    duration: (seconds) => format.duration(seconds),
    count: (value) => format.count(value),
    date: (iso) => format.date(iso),
  };
}
