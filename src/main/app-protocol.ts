/**
 * Answers every app:// request: the built page's own files (with the CSP header) and the
 * recordings behind `app://diarist/media/<jobId>`, read in ranges. No Electron here, so the
 * whole handler runs under plain Node in tests; index.ts hands it to `protocol.handle`.
 */

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  resolveAppFile,
} from '../core/protocol/app-protocol-paths';
import { isMediaRequest, mediaJobIdFrom, planMediaResponse } from '../core/protocol/media-protocol';

export interface AppProtocolOptions {
  /** Folder of the built renderer. */
  rendererRoot: string;
  /** The recording behind a job (AppServices.recordingPath); undefined for unknown jobs. */
  recordingPath(jobId: string): string | undefined;
}

export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    if (isMediaRequest(request.url)) return serveRecording(request, options);
    return servePageFile(request, options.rendererRoot);
  };
}

async function servePageFile(request: Request, rendererRoot: string): Promise<Response> {
  const file = resolveAppFile(rendererRoot, request.url);
  const body = file ? await readFile(file).catch(() => undefined) : undefined;
  if (!file || !body) return new Response('Not found', { status: 404 });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    headers: {
      'Content-Type': contentTypeFor(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

async function serveRecording(request: Request, options: AppProtocolOptions): Promise<Response> {
  const jobId = mediaJobIdFrom(request.url);
  const path = jobId === undefined ? undefined : options.recordingPath(jobId);
  const info = path ? await stat(path).catch(() => undefined) : undefined;
  const size = info?.isFile() ? info.size : undefined;
  const plan = planMediaResponse(path, size, request.headers.get('range'));
  const body =
    plan.range && path && request.method === 'GET'
      ? // A web stream, so only the bytes asked for are read, and a seek that cancels the
        // request stops the read.
        (Readable.toWeb(createReadStream(path, plan.range)) as ReadableStream<Uint8Array>)
      : null;
  return new Response(body, { status: plan.status, headers: plan.headers });
}
