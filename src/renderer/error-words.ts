/**
 * What the core and main report, in the page's language. They send a `code`, an English
 * `message` (the command line's and the log's words) and, for most messages, a `key` of the
 * `errors` catalogue with the message's values (`params`); here those become the sentence the
 * person reads, with sizes and durations written as their language writes them. A message
 * without a key, or with one the catalogue does not know, is shown in English as it came:
 * never blank.
 *
 * English is written with the core's own helpers (formatBytes, formatDuration), so the page's
 * English is the command line's, word for word (test/unit/i18n/error-words-core.test.ts).
 */

import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../shared/byte-size';
import { formatDuration } from '../shared/duration-words';
import type { EngineWait } from '../shared/engine-status';
import { ERROR_KEYS, WAIT_KEYS } from '../shared/error-keys';
import type { ErrorParams } from '../shared/errors';
import { localeFormat } from '../shared/i18n/format';
import { PSEUDO_LOCALE } from '../shared/i18n/languages';
import type { EngineStatusView } from '../shared/ipc-contract';
import { optionProblem } from '../shared/option-message-keys';
import { optionProblemWords } from './option-problem-words';

/** i18next's `t` for the `errors` namespace (as `useTranslation('errors')` gives it). */
export type ErrorsT = (key: string, options?: Record<string, unknown>) => string;

export interface ErrorWordsContext {
  t: ErrorsT;
  /** The page's language (`i18n.language`): en, fr, de, es, or the pseudo-locale. */
  language: string;
}

/**
 * Anything that carries words from the core: a job's `error` (ErrorInfo), a pre-flight refusal
 * (PreflightFailure, or the batch panel's FileCheck when not ok), the engine's `blocked` error,
 * a failed call's ReplyError or ApiError.
 */
export interface Reported {
  message: string;
  key?: string | undefined;
  params?: ErrorParams | undefined;
}

const KNOWN: ReadonlySet<string> = new Set([...ERROR_KEYS, ...WAIT_KEYS]);

interface Units {
  bytes(value: number): string;
  duration(seconds: number): string;
  number(value: number): string;
  /** "a.wav, b.wav and c.wav" */
  list(names: readonly string[]): string;
  /** A wait's length: "52 s", "3 min". */
  wait(seconds: number): string;
}

const ENGLISH: Units = {
  bytes: formatBytes,
  duration: formatDuration,
  number: String,
  list: (names) =>
    names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`,
  wait: (seconds) => (seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`),
};

const unitsCache = new Map<string, Units>();

function unitsFor(language: string): Units {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  if (language === PSEUDO_LOCALE || base === 'en') return ENGLISH;
  const known = unitsCache.get(language);
  if (known) return known;
  const format = localeFormat(language);
  const list = new Intl.ListFormat(language, { type: 'conjunction', style: 'long' });
  const made: Units = {
    bytes: (value) => format.bytes(value),
    duration: (seconds) => format.duration(seconds),
    number: (value) => format.count(value),
    list: (names) => list.format(names),
    wait: (seconds) => format.duration(seconds < 120 ? seconds : Math.round(seconds / 60) * 60),
  };
  unitsCache.set(language, made);
  return made;
}

/** `t` with the person's words only: a missing or empty translation gives `fallback`. */
function say(
  ctx: ErrorWordsContext,
  key: string,
  values: Record<string, unknown>,
  fallback: string,
): string {
  const text = ctx.t(key, {
    ...values,
    defaultValue: fallback,
    // React escapes what it renders; escaping here would show "&amp;" in folder names.
    interpolation: { escapeValue: false },
  });
  if (typeof text !== 'string' || text.trim() === '' || text === key) return fallback;
  // A value ending in an abbreviation's point before the sentence's own ("in 52 Sek.."): one.
  return text.replace(/(\p{L})\.\.(?!\.)/gu, '$1.');
}

/** The values written for the language: `…Bytes` as a size, `…Seconds` as a duration. */
function formatted(
  ctx: ErrorWordsContext,
  units: Units,
  key: string,
  params: ErrorParams,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') out[name] = value;
    else if (name.endsWith('Bytes')) out[name] = units.bytes(value);
    else if (name.endsWith('Seconds')) out[name] = units.duration(value);
    else out[name] = units.number(value);
  }
  // Over a limit by less than rounding shows: "just over 1 GB", never "1 GB, up to 1 GB".
  const justOver = (actual: string, limit: string, format: (value: number) => string) => {
    const value = params[actual];
    const max = params[limit];
    if (typeof value !== 'number' || typeof max !== 'number') return;
    if (format(value) === format(max))
      out[actual] = say(ctx, 'parts.justOver', { value: format(max) }, `just over ${format(max)}`);
  };
  if (key === 'preflight.tooLarge') justOver('sizeBytes', 'maxBytes', units.bytes);
  if (key === 'preflight.tooLong') justOver('durationSeconds', 'maxSeconds', units.duration);
  if (key.startsWith('save.') && params.folder === '')
    out.folder = say(ctx, 'parts.theFolderYouChose', {}, 'the folder you chose');
  return out;
}

/** The sentence for a job's error, a refusal, a blocked engine or a failed call. */
export function errorWords(ctx: ErrorWordsContext, reported: Reported): string {
  const { key, message } = reported;
  if (!key || !KNOWN.has(key)) return message;
  const params = reported.params ?? {};
  const units = unitsFor(ctx.language);
  const values: Record<string, unknown> = formatted(ctx, units, key, params);
  if (key === 'upload.failedTimes') {
    // The last attempt's own words, inside the count of attempts.
    const causeKey = typeof params.causeKey === 'string' ? params.causeKey : undefined;
    const causeMessage = typeof params.causeMessage === 'string' ? params.causeMessage : '';
    values.cause = errorWords(ctx, {
      message: causeMessage,
      ...(causeKey ? { key: causeKey } : {}),
      params,
    });
  }
  return say(ctx, key, values, message);
}

/** "a.wav, b.wav, c.wav and 2 more", as the language writes a list. */
function nameList(ctx: ErrorWordsContext, units: Units, names: readonly string[]): string {
  const shown = names.slice(0, 3);
  const more = names.length - shown.length;
  if (more <= 0) return units.list(shown);
  const joined = shown.join(', ');
  return say(ctx, 'waits.moreNames', { names: joined, count: more }, `${joined} and ${more} more`);
}

/** The wait still to go at `nowMs`, counted as the core counts it (waits.ts). */
function secondsLeft(wait: EngineWait, nowMs: number): number | undefined {
  if (wait.untilMs === undefined || wait.untilMs <= nowMs) return undefined;
  return Math.max(1, Math.ceil((wait.untilMs - nowMs) / 1000));
}

/**
 * One thing the engine waits for: "No connection to pyannoteAI: trying again in 52 s." The
 * wait is as long as when the engine told it; with `nowMs`, as long as it still is then (for a
 * banner that counts down).
 */
export function waitWords(ctx: ErrorWordsContext, wait: EngineWait, nowMs?: number): string {
  const key = wait.key as string | undefined;
  if (!key || !KNOWN.has(key)) return wait.message;
  const units = unitsFor(ctx.language);
  const seconds = nowMs === undefined ? wait.params?.waitSeconds : secondsLeft(wait, nowMs);
  const when =
    seconds === undefined
      ? say(ctx, 'waits.shortly', {}, 'shortly')
      : say(ctx, 'waits.in', { time: units.wait(seconds) }, `in ${units.wait(seconds)}`);
  const files = nameList(ctx, units, wait.files);
  const text = say(ctx, key, { when, files }, wait.message);
  if (text === wait.message) return text;
  // The API's waits name the recordings held up after the sentence.
  const held =
    (key === 'waits.offline' || key === 'waits.service') && wait.files.length > 0
      ? ` ${say(ctx, 'waits.held', { files }, `Waiting: ${files}.`)}`
      : '';
  return `${text}${held}`;
}

export type EngineStatusInput = Pick<EngineStatusView, 'blocked' | 'waits'> &
  Partial<Pick<EngineStatusView, 'offline'>>;

export interface EngineStatusWords {
  /** Why uploads and processing are paused (the key, the subscription), when they are. */
  blocked?: string;
  /** When pyannoteAI could not be reached lately. */
  offline?: string;
  /** One sentence per thing the engine waits for. */
  waits: string[];
}

/** The banner's words while pyannoteAI cannot be reached (Banners.tsx says the same today). */
const OFFLINE_WORDS =
  'Cannot reach pyannoteAI; Diarist keeps trying. Check the internet connection if this lasts.';

/** The engine's state for the banners: why work is paused (if it is), and what it waits for. */
export function engineStatusWords(
  ctx: ErrorWordsContext,
  status: EngineStatusInput,
): EngineStatusWords {
  const words: EngineStatusWords = {
    waits: (status.waits ?? []).map((wait) => waitWords(ctx, wait)),
  };
  if (status.blocked) words.blocked = errorWords(ctx, status.blocked);
  if (status.offline) words.offline = say(ctx, 'status.offline', {}, OFFLINE_WORDS);
  return words;
}

/**
 * What to show for anything caught from a call to main (what `messageOf` in api.ts shows, in
 * the page's language): an ApiError's words, another error's message, or "Something went wrong."
 */
export function callErrorWords(ctx: ErrorWordsContext, error: unknown): string {
  if (error instanceof Error) {
    const { key, params } = error as Error & Partial<Reported>;
    // Options main refused by the schemas' rules come back in their English, without a key.
    if (typeof key !== 'string' && optionProblem(error.message)) {
      const batch = ((name: string, values?: Record<string, unknown>) =>
        ctx.t(`batch:${name}`, values)) as unknown as TFunction<'batch'>;
      const format = localeFormat(ctx.language === PSEUDO_LOCALE ? 'en' : ctx.language);
      return optionProblemWords(error.message, batch, format, ctx.language);
    }
    return errorWords(ctx, {
      message: error.message,
      ...(typeof key === 'string' ? { key } : {}),
      ...(params && typeof params === 'object' ? { params } : {}),
    });
  }
  return say(ctx, 'calls.somethingWentWrong', {}, 'Something went wrong.');
}

export interface ErrorWords {
  /** A job's error, a pre-flight refusal (or FileCheck), the engine's `blocked`, a ReplyError. */
  error(reported: Reported): string;
  wait(wait: EngineWait, nowMs?: number): string;
  status(status: EngineStatusInput): EngineStatusWords;
  /** Anything caught from `unwrap(…)`: use instead of `messageOf`. */
  call(error: unknown): string;
}

/** The functions above in the page's language, for components; re-renders with the language. */
export function useErrorWords(): ErrorWords {
  const { t, i18n } = useTranslation('errors');
  const language = i18n.language;
  return useMemo(() => {
    const ctx: ErrorWordsContext = { t: t as unknown as ErrorsT, language };
    return {
      error: (reported) => errorWords(ctx, reported),
      wait: (wait, nowMs) => waitWords(ctx, wait, nowMs),
      status: (status) => engineStatusWords(ctx, status),
      call: (error) => callErrorWords(ctx, error),
    };
  }, [t, language]);
}
