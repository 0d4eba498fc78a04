/** Durations in words, the same in the app, its messages and the command line. */

/** "14 s", "12 min 5 s", "26 h 40 min": precise enough to act on, quick to read. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h === 0) return s === 0 ? `${min} min` : `${min} min ${s} s`;
  return min === 0 ? `${h} h` : `${h} h ${min} min`;
}
