/**
 * When a job ran and with which options, in a few words under its name ("Today 14:02 ·
 * Precision-2 · 2 speakers"), so two runs of one recording can be told apart in the list.
 */

import type { TFunction } from 'i18next';
import type { DiarizeOptions, SpeakerCount } from '../shared/diarize-options';
import type { LocaleFormat } from '../shared/i18n/format';

type Words = TFunction<'jobs'>;
type Dates = Pick<LocaleFormat, 'time' | 'dateTime' | 'count'>;

/** Whole calendar days from `then` to `now`, on this computer's clock (0 today, 1 yesterday). */
export function daysAgo(then: Date, now: Date): number {
  const midnight = (date: Date) =>
    new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  return Math.round((midnight(now) - midnight(then)) / 86_400_000);
}

/** "Today 14:02", "Yesterday 09:15", else the date and time in the page's language. */
export function whenWords(t: Words, format: Dates, createdAt: string, now: Date): string {
  const then = new Date(createdAt);
  if (Number.isNaN(then.getTime())) return '';
  const days = daysAgo(then, now);
  if (days === 0) return t('run.today', { time: format.time(then) });
  if (days === 1) return t('run.yesterday', { time: format.time(then) });
  return format.dateTime(then);
}

export function speakerWords(t: Words, format: Dates, speakers: SpeakerCount): string {
  switch (speakers.kind) {
    case 'auto':
      return t('run.speakersAuto');
    case 'exact':
      return t('run.speakersExact', {
        count: speakers.count,
        n: format.count(speakers.count),
      });
    case 'range': {
      const { min, max } = speakers;
      if (min !== undefined && max !== undefined) {
        return min === max
          ? t('run.speakersExact', { count: min, n: format.count(min) })
          : t('run.speakersRange', { min: format.count(min), max: format.count(max) });
      }
      if (min !== undefined) return t('run.speakersAtLeast', { count: min, n: format.count(min) });
      if (max !== undefined) return t('run.speakersAtMost', { count: max, n: format.count(max) });
      return t('run.speakersAuto');
    }
  }
}

/** The options that tell runs apart: model, speakers, and what was asked for beyond turns. */
export function optionWords(t: Words, format: Dates, options: DiarizeOptions): string[] {
  const parts = [
    t(options.model === 'community-1' ? 'run.community1' : 'run.precision2'),
    speakerWords(t, format, options.speakers),
  ];
  if (options.transcription) parts.push(t('run.transcription'));
  if (options.exclusive) parts.push(t('run.exclusive'));
  // A run that looked for known voices says how many: "Known voices: 3".
  if (options.recognise) {
    const count = options.recognise.voiceIds.length;
    parts.push(t('run.knownVoices', { count, n: format.count(count) }));
  }
  return parts;
}

/** The whole line: when, then the options, joined by " · ". */
export function runWords(
  t: Words,
  format: Dates,
  job: { createdAt: string; options: DiarizeOptions },
  now: Date,
): string {
  const when = whenWords(t, format, job.createdAt, now);
  return [...(when ? [when] : []), ...optionWords(t, format, job.options)].join(' · ');
}
