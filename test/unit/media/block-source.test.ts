import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_FORMATS, Input } from 'mediabunny';
import { BLOCK_BYTES, blockFileSource } from '../../../src/core/media/prepare/block-source';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diarist-block-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** mediabunny's CustomSource read, as its orchestrator calls it (sync value or promise). */
type Read = (start: number, end: number) => Uint8Array | Promise<Uint8Array>;
function reader(path: string): { size: () => Promise<number>; read: Read } {
  const source = blockFileSource(path) as unknown as {
    _options: { getSize(): Promise<number>; read: Read };
  };
  return { size: () => source._options.getSize(), read: source._options.read };
}

describe('the block-cached recording source', () => {
  it('gives the file’s bytes for any range: within a block, across blocks, larger than one', async () => {
    const bytes = randomBytes(BLOCK_BYTES * 2 + 12_345);
    const path = join(dir, 'data.bin');
    await writeFile(path, bytes);
    const { size, read } = reader(path);
    expect(await size()).toBe(bytes.length);
    const ranges: [number, number][] = [
      [0, 65_536],
      [65_536, 131_072],
      [BLOCK_BYTES - 100, BLOCK_BYTES + 100],
      [BLOCK_BYTES + 5, BLOCK_BYTES + 70_000],
      [10, BLOCK_BYTES + 50_000],
      [bytes.length - 1_000, bytes.length],
      [3, 9],
    ];
    for (const [start, end] of ranges) {
      const got = await read(start, end);
      expect(Buffer.from(got).equals(bytes.subarray(start, end)), `${start}-${end}`).toBe(true);
    }
  });

  it('answers from the block in memory without waiting, once the block is read', async () => {
    const path = join(dir, 'sync.bin');
    await writeFile(path, randomBytes(BLOCK_BYTES));
    const { size, read } = reader(path);
    await size();
    await read(0, 1_000);
    expect(read(1_000, 2_000)).toBeInstanceOf(Uint8Array);
  });

  it('fails plainly when the recording is cut while it is read', async () => {
    const path = join(dir, 'cut.bin');
    await writeFile(path, randomBytes(BLOCK_BYTES * 2));
    const { size, read } = reader(path);
    await size();
    await truncate(path, 1_000);
    await expect(Promise.resolve(read(BLOCK_BYTES, BLOCK_BYTES + 10))).rejects.toThrow(
      /ended early/,
    );
  });

  it('is what mediabunny reads media through: a real recording’s length comes out right', async () => {
    const input = new Input({
      source: blockFileSource(
        join(import.meta.dirname, '..', '..', 'fixtures', 'conversation.wav'),
      ),
      formats: ALL_FORMATS,
    });
    expect(await input.computeDuration()).toBeCloseTo(14.7, 0);
    input.dispose();
  });
});
