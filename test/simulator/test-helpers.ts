/** Plain-fetch helpers for tests that drive the simulator over HTTP (deliberately not the app's client). */

import type { Simulator } from './types';

export interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  /** API key to send; null sends no Authorization header. Defaults to the simulator's key. */
  key?: string | null;
  headers?: Record<string, string>;
}

/** One API call; JSON bodies are sent as application/json, strings as they are. */
export async function call<T = Record<string, unknown>>(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<Reply<T>> {
  const key = options.key === undefined ? sim.apiKey : options.key;
  const headers: Record<string, string> = { ...options.headers };
  if (key !== null) headers['Authorization'] = `Bearer ${key}`;
  let payload: string | undefined;
  if (typeof body === 'string') payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${sim.baseUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined; // not JSON (S3 XML, plain text): tests read `text`
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** Declares a media key and PUTs the bytes to the returned pre-signed URL; returns the PUT status. */
export async function uploadMedia(sim: Simulator, key: string, bytes: Buffer): Promise<number> {
  const declared = await call<{ url: string }>(sim, 'POST', '/v1/media/input', { url: key });
  if (declared.status !== 201) throw new Error(`media/input answered ${declared.status}`);
  const put = await fetch(declared.body.url, { method: 'PUT', body: bytes });
  await put.arrayBuffer();
  return put.status;
}

/** Submits a diarization and returns the job id. */
export async function submitDiarization(
  sim: Simulator,
  body: Record<string, unknown>,
): Promise<string> {
  const reply = await call<{ jobId: string }>(sim, 'POST', '/v1/diarize', body);
  if (reply.status !== 200) throw new Error(`diarize answered ${reply.status}: ${reply.text}`);
  return reply.body.jobId;
}

export interface JobView {
  jobId: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  output?: Record<string, unknown> & { error?: string };
}

export async function getJob(sim: Simulator, id: string): Promise<JobView> {
  const reply = await call<JobView>(sim, 'GET', `/v1/jobs/${id}`);
  if (reply.status !== 200) throw new Error(`GET job answered ${reply.status}`);
  return reply.body;
}
