import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile, mediaUrlForContent } from '../../../src/core/upload/media-key';
import { isValidMediaUrl } from '../../../src/shared/media-url';

describe('content-derived media keys', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'diarist-key-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hashes the whole file and reports progress up to its size', async () => {
    const bytes = Buffer.alloc(9 * 1024 * 1024, 7);
    const path = join(dir, 'a.wav');
    await writeFile(path, bytes);
    const seen: number[] = [];
    const result = await hashFile(path, { onProgress: (n) => seen.push(n) });
    expect(result).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sizeBytes: bytes.length,
    });
    expect(seen.at(-1)).toBe(bytes.length);
    // Read in 4 MiB pieces: 4, 8, then 9 MiB (a progress line, not one per 64 KiB).
    expect(seen).toEqual([4, 8, 9].map((mib) => mib * 1024 * 1024));
  });

  it('gives the same key to the same content and different keys to different content', async () => {
    await writeFile(join(dir, 'x 1.wav'), 'same');
    await writeFile(join(dir, 'x 2.wav'), 'same');
    await writeFile(join(dir, 'y.wav'), 'other');
    const [a, b, c] = await Promise.all(
      ['x 1.wav', 'x 2.wav', 'y.wav'].map((n) => hashFile(join(dir, n))),
    );
    expect(mediaUrlForContent(a!.sha256)).toBe(mediaUrlForContent(b!.sha256));
    expect(mediaUrlForContent(a!.sha256)).not.toBe(mediaUrlForContent(c!.sha256));
  });

  it('always produces a key the service accepts, without underscores', async () => {
    const url = mediaUrlForContent(createHash('sha256').update('x').digest('hex'));
    expect(isValidMediaUrl(url)).toBe(true);
    expect(url).not.toContain('_');
  });

  it('refuses anything that is not a digest', () => {
    const digest = createHash('sha256').update('x').digest('hex');
    for (const bad of [
      '../etc/passwd',
      digest.toUpperCase(),
      digest.slice(1),
      `${digest}0`,
      `x${digest}`,
      `${digest}x`,
      `${digest.slice(0, 32)}/${digest.slice(33)}`,
    ]) {
      expect(() => mediaUrlForContent(bad), bad).toThrow(/SHA-256 hex digest/);
    }
  });

  it('stops at once when canceled while it hashes, reading no further', async () => {
    const path = join(dir, 'long.wav');
    await writeFile(path, Buffer.alloc(16 * 1024 * 1024, 3));
    const controller = new AbortController();
    const seen: number[] = [];
    const hashing = hashFile(path, {
      signal: controller.signal,
      onProgress: (n) => {
        seen.push(n);
        controller.abort();
      },
    });
    await expect(hashing).rejects.toMatchObject({ code: 'canceled' });
    expect(seen).toEqual([4 * 1024 * 1024]);
  });

  it('stops on cancel', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(hashFile(join(dir, 'a.wav'), { signal: controller.signal })).rejects.toMatchObject(
      { code: 'canceled' },
    );
  });
});
