/**
 * Numbers, sizes, durations and dates as each locale writes them, with `Intl` only: "1.5 GB" in
 * English is "1,5 Go" in French and "1,5 GB" in German; a length of 1 h 2 min 5 s is
 * "1 h 2 min 5 s" in French and "1 Std., 2 Min. und 5 Sek." in German.
 */

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

export interface LocaleFormat {
  count(value: number): string;
  percent(fraction: number): string;
  /** Binary multiples labelled KB/MB/GB, as Explorer and Finder show them (see byte-size.ts). */
  bytes(bytes: number): string;
  /** "12 min 5 s"; hours, minutes and seconds, leaving out the zero parts. */
  duration(seconds: number): string;
  /** A turn's length, with one decimal under a minute where a tenth matters ("3.4 s"). */
  turnLength(seconds: number): string;
  dateTime(date: Date | string): string;
  date(date: Date | string): string;
  /** The time of day only ("14:02", "2:02 PM"). */
  time(date: Date | string): string;
}

const cache = new Map<string, LocaleFormat>();

/** One set of formatters per locale, made once: building Intl formatters is the slow part. */
export function localeFormat(locale: string): LocaleFormat {
  const known = cache.get(locale);
  if (known) return known;
  const made = makeFormat(locale);
  cache.set(locale, made);
  return made;
}

function makeFormat(locale: string): LocaleFormat {
  const count = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const unit = (name: string, digits: number, unitDisplay: 'short' | 'long' = 'short') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: name,
      unitDisplay,
      maximumFractionDigits: digits,
    });
  // Short bytes read "194 byte" in English: the long form is "194 bytes", "194 octets".
  const byte = unit('byte', 0, 'long');
  const kb = unit('kilobyte', 0);
  const mbSmall = unit('megabyte', 1);
  const mb = unit('megabyte', 0);
  const gb = unit('gigabyte', 1);
  const hours = unit('hour', 0);
  const minutes = unit('minute', 0);
  const seconds = unit('second', 0);
  const tenths = unit('second', 1);
  const list = new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const timeOnly = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const toDate = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);
  return {
    count: (value) => count.format(value),
    percent: (fraction) => percent.format(fraction),
    bytes(value) {
      if (value < KIB) return byte.format(value);
      // "KB" and "Ko", as Windows and macOS write them for files, not the SI "kB" and "ko".
      if (value < MIB) return kb.format(Math.round(value / KIB)).replace(/\bk([Bo])\b/, 'K$1');
      if (value < 10 * MIB) return mbSmall.format(value / MIB);
      if (value < GIB) return mb.format(value / MIB);
      return gb.format(value / GIB);
    },
    duration(value) {
      const total = Math.max(0, Math.round(value));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = total % 60;
      const parts: string[] = [];
      if (h > 0) parts.push(hours.format(h));
      if (m > 0) parts.push(minutes.format(m));
      if (s > 0 || parts.length === 0) parts.push(seconds.format(s));
      return list.format(parts);
    },
    turnLength(value) {
      return value < 60 ? tenths.format(Math.round(value * 10) / 10) : this.duration(value);
    },
    dateTime: (value) => dateTime.format(toDate(value)),
    date: (value) => dateOnly.format(toDate(value)),
    time: (value) => timeOnly.format(toDate(value)),
  };
}
