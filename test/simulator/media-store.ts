/** Per-team temporary media storage and the pre-signed upload/download URLs that point into it. */

import { randomBytes } from 'node:crypto';
import type { UploadInfo } from './types';

export interface StoredUpload {
  team: number;
  key: string;
  size: number;
  sha256: string;
  md5: string;
  uploadedAtMs: number;
  expiresAtMs: number;
  /** The full bytes when small enough to keep; otherwise undefined. */
  bytes?: Buffer;
  durationSeconds: number | null;
}

export interface UrlGrant {
  token: string;
  kind: 'upload' | 'download';
  team: number;
  key: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

/** Expired grants are kept this long so their URLs still answer "expired" rather than "unknown". */
const GRANT_MEMORY_MS = 7 * 24 * 60 * 60 * 1000;

function slot(team: number, key: string): string {
  return `${team}\u0000${key}`;
}

export function toUploadInfo(upload: StoredUpload): UploadInfo {
  return {
    key: upload.key,
    team: upload.team,
    size: upload.size,
    sha256: upload.sha256,
    uploadedAt: new Date(upload.uploadedAtMs).toISOString(),
    expiresAt: new Date(upload.expiresAtMs).toISOString(),
    durationSeconds: upload.durationSeconds,
  };
}

export class MediaStore {
  private readonly uploads = new Map<string, StoredUpload>();
  private readonly grants = new Map<string, UrlGrant>();

  grant(kind: UrlGrant['kind'], team: number, key: string, now: number, ttlMs: number): string {
    const token = randomBytes(24).toString('base64url');
    this.grants.set(token, { token, kind, team, key, issuedAtMs: now, expiresAtMs: now + ttlMs });
    return token;
  }

  grantOf(token: string): UrlGrant | undefined {
    return this.grants.get(token);
  }

  /** The upload stored under a key that is still retained at time `at`. */
  live(team: number, key: string, at: number): StoredUpload | undefined {
    const upload = this.uploads.get(slot(team, key));
    return upload && upload.uploadedAtMs <= at && at < upload.expiresAtMs ? upload : undefined;
  }

  /** Stores an upload, replacing any earlier one under the same key (re-declaring a key overwrites). */
  put(upload: StoredUpload): void {
    this.uploads.set(slot(upload.team, upload.key), upload);
  }

  liveUploads(team: number, now: number): StoredUpload[] {
    return [...this.uploads.values()].filter((u) => u.team === team && now < u.expiresAtMs);
  }

  /** Forgets expired media and old grants. Jobs must be settled first: they may still need the media. */
  sweep(now: number): void {
    for (const [id, upload] of this.uploads) if (upload.expiresAtMs <= now) this.uploads.delete(id);
    for (const [token, grant] of this.grants)
      if (grant.expiresAtMs + GRANT_MEMORY_MS <= now) this.grants.delete(token);
  }
}
