/** Content-derived `media://` keys, so the same recording is never uploaded twice in the storage window. */

import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { isValidMediaUrl } from '../../shared/media-url';
import { canceled } from '../retry/backoff';

const HASH_CHUNK_BYTES = 4 * 1024 * 1024;

export interface ContentHash {
  sha256: string;
  sizeBytes: number;
}

/** SHA-256 of a file, read in large chunks; reports bytes hashed and stops at once on cancel. */
export async function hashFile(
  path: string,
  options: { signal?: AbortSignal; onProgress?: (hashedBytes: number) => void } = {},
): Promise<ContentHash> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw canceled();
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: HASH_CHUNK_BYTES });
  const onAbort = () => stream.destroy(canceled());
  signal?.addEventListener('abort', onAbort, { once: true });
  let sizeBytes = 0;
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      sizeBytes += (chunk as Buffer).length;
      onProgress?.(sizeBytes);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/**
 * `media://diarist/<sha256>`: only lowercase hex, `/` and letters, so it matches the service's
 * key rule (and avoids `_`, which the service has been seen to reject). Keys are per team.
 */
export function mediaUrlForContent(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw new Error('mediaUrlForContent expects a SHA-256 hex digest');
  const url = `media://diarist/${sha256}`;
  if (!isValidMediaUrl(url)) throw new Error('media key rule violated');
  return url;
}
