/** Time formatting on whole milliseconds, so every format rounds a given time the same way. */

/** Rounding once to integer milliseconds avoids float formatting surprises such as 1.0005 → "1.000". */
export function toMs(seconds: number): number {
  return Math.max(0, Math.round(seconds * 1000));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** "HH:MM:SS" plus `separator` and milliseconds; hours grow past two digits rather than wrap. */
export function clockMs(ms: number, separator: ',' | '.'): string {
  const whole = Math.max(0, Math.trunc(ms));
  return `${clock(Math.floor(whole / 1000))}${separator}${pad(whole % 1000, 3)}`;
}

/** "HH:MM:SS" for a whole number of seconds. */
export function clock(totalSeconds: number): string {
  const whole = Math.max(0, Math.trunc(totalSeconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(whole % 60, 2)}`;
}

/** Seconds with exactly three decimals, e.g. 83.5 → "83.500". */
export function decimalSeconds(ms: number): string {
  const whole = Math.max(0, Math.trunc(ms));
  return `${Math.floor(whole / 1000)}.${pad(whole % 1000, 3)}`;
}
