/**
 * A recording on disk as mediabunny's input, read in 4 MiB blocks. mediabunny asks for 64 KiB
 * at a time (and, in a video whose sound is interleaved with the picture, for nearly every 64 KiB
 * of the file); a FileHandle read per request costs a trip to the thread pool each. Here most
 * requests are answered at once from the block in memory, and the next block is already being
 * read while this one is used, so the work is not held up by the disk and never blocks the event
 * loop. Memory: two blocks, plus what mediabunny's own cache keeps of them.
 */

import { open, type FileHandle } from 'node:fs/promises';
import { CustomSource } from 'mediabunny';

export const BLOCK_BYTES = 4 * 1024 * 1024;

interface Block {
  start: number;
  bytes: Promise<Uint8Array>;
  /** Set once read, so a request it covers is answered without waiting. */
  ready?: Uint8Array;
}

export function blockFileSource(path: string): CustomSource {
  let handle: FileHandle | undefined;
  let size = 0;
  let current: Block | undefined;
  let next: Block | undefined;

  const readBlock = (start: number, length = Math.min(BLOCK_BYTES, size - start)): Block => {
    const block: Block = { start, bytes: Promise.resolve(new Uint8Array(0)) };
    block.bytes = (async () => {
      if (!handle) throw new Error('the recording is not open');
      const bytes = new Uint8Array(length);
      for (let done = 0; done < length;) {
        const { bytesRead } = await handle.read(bytes, done, length - done, start + done);
        if (bytesRead === 0) throw new Error('the recording ended early (it changed while read)');
        done += bytesRead;
      }
      block.ready = bytes;
      return bytes;
    })();
    // A read-ahead nobody waits for must not be an unhandled rejection; the wait reports it.
    block.bytes.catch(() => undefined);
    return block;
  };

  const covering = (start: number, end: number): Block | undefined => {
    for (const block of [current, next]) {
      if (block && start >= block.start && end <= block.start + BLOCK_BYTES) return block;
    }
    return undefined;
  };

  return new CustomSource({
    getSize: async () => {
      handle = await open(path, 'r');
      size = (await handle.stat()).size;
      return size;
    },
    read: (start, end) => {
      // Larger than a block (a header read at once): read as asked.
      if (end - start > BLOCK_BYTES) return readBlock(start, end - start).bytes;
      let block = covering(start, end);
      if (!block) {
        block = next && next.start === start ? next : readBlock(start);
        next = undefined;
      }
      if (block !== current) {
        current = block;
        const after = block.start + BLOCK_BYTES;
        if (after < size && next?.start !== after) next = readBlock(after);
      }
      const from = start - block.start;
      const ready = block.ready;
      if (ready) return ready.subarray(from, from + end - start);
      return block.bytes.then((bytes) => bytes.subarray(from, from + end - start));
    },
    dispose: () => {
      void handle?.close().catch(() => undefined);
      handle = undefined;
    },
    prefetchProfile: 'fileSystem',
  });
}
