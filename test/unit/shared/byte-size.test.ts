/** One way to write a file's size, wherever it shows (batch panel, job list, messages). */
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/shared/byte-size';
import { formatBytes as formatBytesInMessages } from '../../../src/core/media/human-units';
import { MAX_FILE_BYTES } from '../../../src/shared/limits';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [194, '194 bytes'],
    [2048, '2 KB'],
    [470_548, '460 KB'],
    [1.5 * 1024 ** 2, '1.5 MB'],
    [250 * 1024 ** 2, '250 MB'],
    [MAX_FILE_BYTES, '1 GB'],
  ])('%d → %s, as the messages say it', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
    expect(formatBytesInMessages(bytes)).toBe(text);
  });
});
