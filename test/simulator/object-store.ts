/** The object-store stand-in behind pre-signed URLs: S3-like PUT uploads and GET downloads. */

import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { probeDuration } from './audio-probe';
import { s3Error } from './http-io';
import type { SimResponse } from './http-io';
import type { UrlGrant } from './media-store';
import type { SimState } from './state';

export type Handled = SimResponse | 'reset' | 'aborted';

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** S3 binds the signature to the method and key, so any mismatch reads as a bad signature. */
function signatureMismatch(): SimResponse {
  return s3Error(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided.',
  );
}

function expired(grant: UrlGrant, now: number): SimResponse {
  return s3Error(403, 'AccessDenied', 'Request has expired', {
    'X-Amz-Expires': String(Math.round((grant.expiresAtMs - grant.issuedAtMs) / 1000)),
    Expires: iso(grant.expiresAtMs),
    ServerTime: iso(now),
  });
}

/** Default S3-style body for an injected status fault on the object store. */
export function objectStoreFault(status: number): SimResponse {
  if (status === 503) return s3Error(503, 'SlowDown', 'Please reduce your request rate.');
  if (status === 500)
    return s3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
  if (status === 403) return s3Error(403, 'AccessDenied', 'Access Denied');
  if (status >= 500)
    return s3Error(status, 'ServiceUnavailable', 'Service is unable to handle request.');
  // A 4xx without a transient code: the store refuses this request itself.
  return s3Error(status, 'InvalidRequest', 'The request is not valid for this object.');
}

interface Received {
  size: number;
  sha256: string;
  md5: string;
  head: Buffer;
}

/** How the body of one upload is received: where a fault cuts it, and how long the store waits. */
export interface ReceiveFaults {
  resetAfterBytes?: number | undefined;
  stallAfterBytes?: number | undefined;
}

/**
 * Streams the body through the hashes, keeping at most `keep` bytes in memory. A body that stops
 * arriving for `idleMs` ends in 'timeout', as S3 closes idle connections.
 */
function receive(
  req: IncomingMessage,
  keep: number,
  faults: ReceiveFaults,
  idleMs: number,
): Promise<Received | 'reset' | 'aborted' | 'timeout'> {
  const { resetAfterBytes, stallAfterBytes } = faults;
  return new Promise((resolve) => {
    const sha256 = createHash('sha256');
    const md5 = createHash('md5');
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let size = 0;
    let settled = false;
    let idle: NodeJS.Timeout | undefined;
    const finish = (result: Received | 'reset' | 'aborted' | 'timeout'): void => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      resolve(result);
    };
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => finish('timeout'), idleMs);
    };
    armIdle();
    const reset = (): void => {
      req.socket.destroy();
      finish('reset');
    };
    if (resetAfterBytes !== undefined && resetAfterBytes <= 0) {
      reset();
      return;
    }
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (resetAfterBytes !== undefined && size >= resetAfterBytes) {
        reset();
        return;
      }
      if (stallAfterBytes !== undefined && size >= stallAfterBytes) {
        // The rest of the body never comes: nothing more is read, the idle timer runs out.
        req.pause();
        return;
      }
      armIdle();
      sha256.update(chunk);
      md5.update(chunk);
      if (keptBytes < keep) {
        const part = chunk.subarray(0, keep - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
    });
    req.on('end', () => {
      // A reset rule larger than the body still kills the connection before the object is stored.
      if (resetAfterBytes !== undefined) reset();
      else
        finish({
          size,
          sha256: sha256.digest('hex'),
          md5: md5.digest('hex'),
          head: Buffer.concat(kept),
        });
    });
    req.on('close', () => finish('aborted'));
    req.on('error', () => finish('aborted'));
  });
}

export async function handleUpload(
  state: SimState,
  req: IncomingMessage,
  token: string,
  faults: ReceiveFaults,
): Promise<Handled> {
  const now = state.clock();
  const grant = state.media.grantOf(token);
  if (!grant || grant.kind !== 'upload' || req.method !== 'PUT') return signatureMismatch();
  if (now >= grant.expiresAtMs) return expired(grant, now);
  const lengthHeader = req.headers['content-length'];
  if (lengthHeader === undefined) {
    // S3 refuses chunked transfer encoding on a plain PUT: it needs the length up front.
    return s3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  const declared = Number(lengthHeader);
  const max = state.options.maxUploadBytes;
  if (max !== null && declared > max) {
    return s3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: String(declared),
      MaxSizeAllowed: String(max),
    });
  }
  const received = await receive(
    req,
    state.options.maxRetainedBytes,
    faults,
    state.options.uploadIdleTimeoutMs,
  );
  if (received === 'reset' || received === 'aborted') return received;
  if (received === 'timeout') {
    // S3 answers, then closes the connection; the rest of the body is read and thrown away so
    // that the client sees the answer rather than a reset.
    req.resume();
    const response = s3Error(
      400,
      'RequestTimeout',
      'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
    );
    return { ...response, headers: { ...response.headers, Connection: 'close' } };
  }
  if (received.size !== declared) {
    return s3Error(
      400,
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header.',
    );
  }
  const durationSeconds = await probeDuration(received.head, received.size);
  const at = state.clock();
  // Jobs that started before this moment must keep seeing the media as it was.
  state.jobs.settle(at);
  state.media.put({
    team: grant.team,
    key: grant.key,
    size: received.size,
    sha256: received.sha256,
    md5: received.md5,
    uploadedAtMs: at,
    expiresAtMs: at + state.options.mediaTtlMs,
    bytes: received.head.length === received.size ? received.head : undefined,
    durationSeconds,
  });
  return { status: 200, headers: { ETag: `"${received.md5}"` } };
}

export function handleDownload(state: SimState, method: string, token: string): SimResponse {
  const now = state.clock();
  const grant = state.media.grantOf(token);
  if (!grant || grant.kind !== 'download' || (method !== 'GET' && method !== 'HEAD'))
    return signatureMismatch();
  if (now >= grant.expiresAtMs) return expired(grant, now);
  state.jobs.settle(now);
  const upload = state.media.live(grant.team, grant.key, now);
  if (!upload) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
  if (!upload.bytes) {
    return s3Error(
      501,
      'NotImplemented',
      'The simulator kept only the hash of this large upload, not its bytes.',
    );
  }
  return {
    status: 200,
    headers: { 'Content-Type': 'application/octet-stream', ETag: `"${upload.md5}"` },
    body: upload.bytes,
  };
}
