/** Plain-language sizes and durations for messages shown to non-technical staff. */

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

/**
 * Sizes use binary multiples labelled GB/MB/KB, as Windows Explorer and macOS Finder's file info
 * do, so the 1 GiB service limit reads as "1 GB" and matches what staff see on their screen.
 */
export function formatBytes(bytes: number): string {
  if (bytes < KIB) return `${bytes} bytes`;
  if (bytes < MIB) return `${Math.round(bytes / KIB)} KB`;
  if (bytes < GIB) return `${trim(bytes / MIB, bytes < 10 * MIB ? 1 : 0)} MB`;
  return `${trim(bytes / GIB, 1)} GB`;
}

export { formatDuration } from '../../shared/duration-words';

/** "1.3 GB", or "just over 1 GB" when rounding would make an over-limit value look equal to it. */
export function describeExcess(
  actual: number,
  limit: number,
  format: (value: number) => string,
): string {
  const shown = format(actual);
  return shown === format(limit) ? `just over ${format(limit)}` : shown;
}

function trim(value: number, decimals: number): string {
  // "1.0 GB" reads as fussy; "1 GB" is what the limit is called everywhere else.
  return value.toFixed(decimals).replace(/\.0+$/, '');
}
