/** Reads an upload's audio duration with music-metadata, the way the service would decode it. */

import { parseBuffer } from 'music-metadata';

/**
 * Returns the duration in seconds, or null when the bytes are not audio the parser understands.
 * `head` may be only the start of a larger upload (bytes are not kept beyond a limit); then the
 * duration is estimated from the stream's bitrate and the full size.
 */
export async function probeDuration(head: Buffer, totalSize: number): Promise<number | null> {
  if (head.length === 0) return null;
  try {
    const truncated = head.length < totalSize;
    const { format } = await parseBuffer(
      head,
      { size: totalSize },
      { duration: !truncated, skipCovers: true },
    );
    if (truncated) {
      return format.bitrate && format.bitrate > 0 ? (totalSize * 8) / format.bitrate : null;
    }
    const duration = format.duration;
    return duration !== undefined && Number.isFinite(duration) && duration >= 0 ? duration : null;
  } catch {
    return null;
  }
}
