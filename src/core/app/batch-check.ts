/**
 * The check behind Start: which chosen files are the same recording as another file of the batch,
 * and which were already done with the same options. Content means the SHA-256 the engine also
 * uses, but only files whose size matches another file or a saved result are read: a batch of
 * different recordings costs a `stat` per file, and a 100 MB copy takes well under a second.
 */

import { stat } from 'node:fs/promises';
import type { BatchCheck } from '../../shared/ipc-contract';
import type { DiarizeOptions } from '../../shared/diarize-options';
import type { JobRecord } from '../../shared/jobs';
import { optionsKey } from '../jobs/duplicates';
import { hashFile } from '../upload/media-key';

/** Hashes by path, size and modification time, so a second Start does not read the files again. */
export class HashCache {
  private readonly hashes = new Map<string, string>();
  constructor(private readonly limit = 10_000) {}

  async hash(path: string, sizeBytes: number, mtimeMs: number): Promise<string> {
    const key = `${path}\0${sizeBytes}\0${mtimeMs}`;
    const known = this.hashes.get(key);
    if (known) return known;
    const { sha256 } = await hashFile(path);
    if (this.hashes.size >= this.limit) this.hashes.clear();
    this.hashes.set(key, sha256);
    return sha256;
  }
}

export async function checkBatch(
  files: { fileId: string; path: string }[],
  options: DiarizeOptions,
  jobs: readonly JobRecord[],
  hashes: HashCache,
): Promise<BatchCheck> {
  const key = optionsKey(options);
  const results = new Map<string, JobRecord>(); // sha256 → the oldest succeeded job
  for (const job of jobs) {
    if (job.state !== 'succeeded' || !job.resultFile || !job.sha256 || job.duplicateOf) continue;
    if (optionsKey(job.options) !== key) continue;
    const known = results.get(job.sha256);
    if (!known || job.createdAt < known.createdAt) results.set(job.sha256, job);
  }
  const doneSizes = new Set([...results.values()].map((job) => job.source.sizeBytes));
  const sized = await Promise.all(
    files.map(async (file) => {
      const info = await stat(file.path).catch(() => undefined);
      return info?.isFile() ? { ...file, size: info.size, mtimeMs: info.mtimeMs } : undefined;
    }),
  );
  const perSize = new Map<number, number>();
  for (const file of sized) if (file) perSize.set(file.size, (perSize.get(file.size) ?? 0) + 1);

  const check: BatchCheck = { sameContent: [], done: [] };
  const firstWith = new Map<string, string>(); // sha256 → the first file id with it
  for (const file of sized) {
    if (!file || ((perSize.get(file.size) ?? 0) < 2 && !doneSizes.has(file.size))) continue;
    // A file that cannot be read is left to the engine's own check, which explains it.
    const sha256 = await hashes.hash(file.path, file.size, file.mtimeMs).catch(() => undefined);
    if (!sha256) continue;
    const sameAs = firstWith.get(sha256);
    if (sameAs) {
      check.sameContent.push({ fileId: file.fileId, sameAs });
      continue;
    }
    firstWith.set(sha256, file.fileId);
    const done = results.get(sha256);
    if (done) check.done.push({ fileId: file.fileId, jobId: done.id });
  }
  return check;
}
