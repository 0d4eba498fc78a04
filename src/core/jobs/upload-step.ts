/** The upload step: hash the recording, reuse a recent upload of the same content, or stream it up. */

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MEDIA_RETENTION_MS } from '../../shared/limits';
import type { JobRecord } from '../../shared/jobs';
import { hashFile, mediaUrlForContent } from '../upload/media-key';
import type { Uploader, UploadRequest } from '../upload/uploader';
import { assertUnchanged, sourceError } from '../upload/source-file';
import type { EngineContext } from './context';
import type { Preparer } from './prepare-step';

/**
 * An upload is reused only while it will surely still be at the service when the job starts:
 * media is kept at least 24 h, and a queued job may wait a while before it reads the file.
 */
export const UPLOAD_REUSE_WINDOW_MS = MEDIA_RETENTION_MS - 6 * 60 * 60 * 1000;

export function uploadStillUsable(ctx: EngineContext, mediaUrl: string | undefined): boolean {
  if (!mediaUrl) return false;
  const at = ctx.store.uploadedAt(mediaUrl);
  return at !== undefined && ctx.now() - at < UPLOAD_REUSE_WINDOW_MS;
}

/**
 * Runs the whole step; resolves when the job is ready to submit, or with the job it duplicates
 * (nothing is uploaded then). Throws DiaristError otherwise. A job with a `preparation` first has
 * only its sound written to the prepared cache (`preparing`); that file is what is hashed and sent.
 */
export async function runUploadStep(
  ctx: EngineContext,
  uploader: Uploader,
  job: JobRecord,
  signal: AbortSignal,
  onRetry?: UploadRequest['onRetry'],
  waitBeforeRetry?: UploadRequest['waitBeforeRetry'],
  preparer?: Preparer,
): Promise<{ duplicateOf: JobRecord } | undefined> {
  const { source } = job;
  const current = await stat(source.path).catch((error: unknown) => {
    throw sourceError(error);
  });
  assertUnchanged(current, source);
  let { sha256, mediaUrl } = job;
  let sendPath = source.path;
  let expected = { sizeBytes: source.sizeBytes, mtimeMs: source.mtimeMs };
  if (job.preparation && preparer) {
    const progress = (fraction: number) =>
      ctx.update(job.id, {
        progress: {
          phase: 'preparing',
          doneBytes: Math.round(Math.min(1, Math.max(0, fraction)) * source.sizeBytes),
          totalBytes: source.sizeBytes,
        },
      });
    progress(0);
    const others = ctx.store.all().filter((other) => other.id !== job.id);
    const prepared = await preparer.prepare(job, others, signal, progress);
    if (prepared.file !== job.prepared?.file || prepared.sizeBytes !== job.prepared.sizeBytes) {
      // A new prepared file: its hash is not known yet.
      sha256 = undefined;
      mediaUrl = undefined;
      ctx.update(job.id, { prepared, sha256: undefined, mediaUrl: undefined });
    }
    sendPath = join(ctx.dataDir, prepared.file);
    const written = await stat(sendPath);
    expected = { sizeBytes: written.size, mtimeMs: written.mtimeMs };
  }
  if (!sha256 || !mediaUrl) {
    const totalBytes = expected.sizeBytes;
    ctx.update(job.id, { progress: { phase: 'hashing', doneBytes: 0, totalBytes } });
    const hashed = await hashFile(sendPath, {
      signal,
      onProgress: (doneBytes) =>
        ctx.update(job.id, { progress: { phase: 'hashing', doneBytes, totalBytes } }),
    });
    sha256 = hashed.sha256;
    mediaUrl = mediaUrlForContent(sha256);
  }
  const original = ctx.recordHash(job.id, { sha256, mediaUrl });
  if (original) return { duplicateOf: original };
  const reuse = uploadStillUsable(ctx, mediaUrl);
  // A run of a recording already sent says which it was: the row tells the person.
  if (job.runOf) ctx.update(job.id, { sentAgain: reuse ? 'reused' : 'uploaded' });
  if (reuse) return undefined;
  await uploader.upload({
    path: sendPath,
    mediaUrl,
    expected,
    signal,
    ...(onRetry ? { onRetry } : {}),
    ...(waitBeforeRetry ? { waitBeforeRetry } : {}),
    onProgress: ({ sentBytes, totalBytes }) =>
      ctx.update(job.id, { progress: { phase: 'sending', doneBytes: sentBytes, totalBytes } }),
  });
  ctx.store.recordUpload(mediaUrl, ctx.now());
  return undefined;
}
