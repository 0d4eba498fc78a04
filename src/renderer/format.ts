/** Numbers as office staff read them: clock times, file sizes and speaking time. */

import { formatDuration } from '../shared/duration-words';

/**
 * One formatter for counts, made when the app loads. The first locale-aware number format of a
 * page sets up ICU's locale data (about 14 ms here); made up front, that happens while the app
 * waits for its job list instead of between the list's arrival and its first paint, and a reused
 * formatter is also about ten times cheaper per number than `toLocaleString()`.
 */
const COUNT_FORMAT = new Intl.NumberFormat();

/** 12345 → "12,345" in the person's locale (exactly what `toLocaleString()` gives). */
export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}

/** 754.2 → "0:12:34": the job list's duration column, always h:mm:ss so it lines up. */
export function formatHms(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${pad(m)}:${pad(s)}`;
}

/** A moment in a recording: "12:34", or "1:02:03" once the recording passes an hour. */
export function formatClock(seconds: number, withHours = seconds >= 3600): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return withHours ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Sizes as Explorer and Finder show them ("194 bytes", "460 KB", "3.4 MB"); see src/shared. */
export { formatBytes } from '../shared/byte-size';

/** Speaking time as "14 s", "12 min 5 s" or "1 h 3 min" (the words the messages use too). */
export const formatSpan = formatDuration;

/** A turn's length with one decimal under a minute ("3.4 s"), where a tenth matters. */
export function formatTurnLength(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : formatSpan(seconds);
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
