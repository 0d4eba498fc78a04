/** Plain-language sizes and durations for messages shown to non-technical staff. */

export { formatBytes } from '../../shared/byte-size';
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
