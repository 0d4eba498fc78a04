/** Response values and the helpers that build and write them (JSON API errors, S3-style XML errors). */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A response computed before anything is written, so a fault can still drop it. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface FieldError {
  field: string;
  message: string;
}

export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

/** The service's `ApiError` shape, with a fresh request id like the real one. */
export function apiError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): SimResponse {
  return json(status, { message, requestId: randomUUID() }, headers);
}

/** The service's `ValidationErrorResponse` shape. */
export function validationError(errors: FieldError[]): SimResponse {
  return json(400, { message: 'Invalid request', errors });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An error body as S3 sends it for pre-signed URLs, since the real upload URL points at an object store. */
export function s3Error(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): SimResponse {
  const fields = Object.entries({
    Code: code,
    Message: message,
    ...extra,
    RequestId: s3RequestId(),
  })
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return {
    status,
    headers: { 'Content-Type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`,
  };
}

function s3RequestId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
}

export function writeResponse(res: ServerResponse, response: SimResponse): void {
  const body = response.body ?? '';
  res.writeHead(response.status, {
    ...response.headers,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

export type BodyResult =
  | { kind: 'complete'; bytes: Buffer }
  | { kind: 'too-large' }
  | { kind: 'reset' }
  | { kind: 'aborted' };

/**
 * Reads a small request body. With `resetAfterBytes` the socket is destroyed once that many bytes
 * arrived (or when the body ends first), emulating a connection that dies mid-request.
 */
export function readSmallBody(
  req: IncomingMessage,
  maxBytes: number,
  resetAfterBytes?: number,
): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const reset = (): void => {
      req.socket.destroy();
      finish({ kind: 'reset' });
    };
    if (resetAfterBytes !== undefined && resetAfterBytes <= 0) {
      reset();
      return;
    }
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      received += chunk.length;
      if (resetAfterBytes !== undefined && received >= resetAfterBytes) {
        reset();
        return;
      }
      if (received > maxBytes) {
        // Stop buffering but let node drain the rest so the 400 can still be delivered.
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (resetAfterBytes !== undefined) reset();
      else finish({ kind: 'complete', bytes: Buffer.concat(chunks) });
    });
    req.on('close', () => finish({ kind: 'aborted' }));
    req.on('error', () => finish({ kind: 'aborted' }));
  });
}
