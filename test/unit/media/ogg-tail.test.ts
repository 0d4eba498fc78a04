/** The Ogg last-page reader: granule position, CRC and completeness checks on the real fixtures. */
import { describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { findLastPage, readOggLastPage } from '../../../src/core/media/ogg-tail';

const opusPath = fileURLToPath(new URL('../../fixtures/conversation.opus', import.meta.url));
const vorbisPath = fileURLToPath(new URL('../../fixtures/conversation.ogg', import.meta.url));

describe('findLastPage', () => {
  it('reads the end-of-stream page of an Opus file (48 kHz granule)', async () => {
    const page = findLastPage(await readFile(opusPath));
    expect(page?.endOfStream).toBe(true);
    expect(Number(page?.granule) / 48_000).toBeCloseTo(14.71, 1);
  });

  it('reads a Vorbis file in samples at its own rate', async () => {
    const page = await readOggLastPage(vorbisPath, (await stat(vorbisPath)).size);
    expect(Number(page?.granule) / 16_000).toBeCloseTo(14.7, 1);
  });

  it('skips a last page whose checksum does not match', async () => {
    const bytes = Buffer.from(await readFile(opusPath));
    const last = bytes.lastIndexOf('OggS');
    const good = findLastPage(bytes);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    const page = findLastPage(bytes);
    expect(page?.endOfStream).toBe(false);
    expect(page && good && page.granule < good.granule).toBe(true);
    expect(findLastPage(bytes.subarray(last))).toBeUndefined();
  });

  it('skips a last page that was cut off', async () => {
    const bytes = await readFile(opusPath);
    const page = findLastPage(bytes.subarray(0, bytes.length - 10));
    expect(page?.endOfStream).toBe(false);
  });

  it('only accepts pages of the requested stream', async () => {
    const bytes = await readFile(opusPath);
    const serial = findLastPage(bytes)?.serial ?? 0;
    expect(findLastPage(bytes, serial)?.serial).toBe(serial);
    expect(findLastPage(bytes, serial + 1)).toBeUndefined();
  });

  it('finds nothing in bytes that are not Ogg', () => {
    expect(findLastPage(Buffer.from('OggS but not really a page'))).toBeUndefined();
    expect(findLastPage(Buffer.alloc(0))).toBeUndefined();
  });
});
