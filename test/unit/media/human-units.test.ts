/** Sizes and durations as office staff read them. */
import { describe, expect, it } from 'vitest';
import { MAX_DURATION_SECONDS, MAX_FILE_BYTES } from '../../../src/shared/limits';
import { describeExcess, formatBytes, formatDuration } from '../../../src/core/media/human-units';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1023 bytes'],
    [2048, '2 KB'],
    [1.5 * 1024 ** 2, '1.5 MB'],
    [250 * 1024 ** 2, '250 MB'],
    [MAX_FILE_BYTES, '1 GB'],
    [1.3 * MAX_FILE_BYTES, '1.3 GB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0.4, '0 s'],
    [14, '14 s'],
    [60, '1 min'],
    [725, '12 min 5 s'],
    [3600, '1 h'],
    [96_000, '26 h 40 min'],
    [MAX_DURATION_SECONDS, '24 h'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('describeExcess', () => {
  it('says "just over" when rounding hides the excess', () => {
    expect(describeExcess(MAX_FILE_BYTES + 1, MAX_FILE_BYTES, formatBytes)).toBe('just over 1 GB');
    expect(describeExcess(MAX_DURATION_SECONDS + 5, MAX_DURATION_SECONDS, formatDuration)).toBe(
      'just over 24 h',
    );
  });

  it('shows the value when it visibly differs', () => {
    expect(describeExcess(1.3 * MAX_FILE_BYTES, MAX_FILE_BYTES, formatBytes)).toBe('1.3 GB');
  });
});
