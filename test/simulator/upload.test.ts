// The simulator's object-store stand-in: pre-signed PUTs, S3-style refusals, hashing and retention.
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../simulator/index';
import type { Simulator, SimulatorInit } from '../simulator/index';
import { call } from '../simulator/test-helpers';
import { makeWav } from '../simulator/wav';

let sim: Simulator | undefined;

async function start(init: SimulatorInit = {}): Promise<Simulator> {
  sim = await startSimulator({ rateLimit: null, ...init });
  return sim;
}

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function uploadUrl(s: Simulator, key: string): Promise<string> {
  const reply = await call<{ url: string }>(s, 'POST', '/v1/media/input', { url: key });
  expect(reply.status).toBe(201);
  return reply.body.url;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('PUT to the pre-signed URL', () => {
  it('stores the bytes without an API key and records size and sha256', async () => {
    const s = await start();
    const wav = makeWav({ seconds: 1.5 });
    const put = await fetch(await uploadUrl(s, 'media://rec'), { method: 'PUT', body: wav });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${createHash('md5').update(wav).digest('hex')}"`);
    expect(s.uploads().get('media://rec')).toMatchObject({
      key: 'media://rec',
      size: wav.length,
      sha256: sha256(wav),
      durationSeconds: 1.5,
    });
  });

  it('overwrites the media when a key is declared and uploaded again', async () => {
    const s = await start();
    await fetch(await uploadUrl(s, 'media://same'), {
      method: 'PUT',
      body: makeWav({ seconds: 1 }),
    });
    const second = makeWav({ seconds: 2 });
    await fetch(await uploadUrl(s, 'media://same'), { method: 'PUT', body: second });
    expect(s.uploads().get('media://same')?.sha256).toBe(sha256(second));
  });

  it('answers 403 AccessDenied XML once the URL has expired', async () => {
    const s = await start({ uploadUrlTtlMs: 60 * 60 * 1000 });
    const url = await uploadUrl(s, 'media://late');
    s.advanceTime(60 * 60 * 1000);
    const put = await fetch(url, { method: 'PUT', body: makeWav({ seconds: 1 }) });
    expect(put.status).toBe(403);
    expect(put.headers.get('content-type')).toBe('application/xml');
    const xml = await put.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('<Message>Request has expired</Message>');
    expect(xml).toContain('<X-Amz-Expires>3600</X-Amz-Expires>');
    expect(s.uploads().size).toBe(0);
  });

  it('refuses a chunked PUT without Content-Length with 411 MissingContentLength', async () => {
    const s = await start();
    const wav = makeWav({ seconds: 1 });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(wav.subarray(0, 1000));
        controller.enqueue(wav.subarray(1000));
        controller.close();
      },
    });
    const put = await fetch(await uploadUrl(s, 'media://chunked'), {
      method: 'PUT',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(put.status).toBe(411);
    expect(await put.text()).toContain('<Code>MissingContentLength</Code>');
    expect(s.uploads().size).toBe(0);
  });

  it('does not store a body shorter than its Content-Length', async () => {
    const s = await start();
    const url = new URL(await uploadUrl(s, 'media://short'));
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), '127.0.0.1', () => {
        socket.write(
          `PUT ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Length: 1000\r\n\r\n`,
        );
        socket.end(Buffer.alloc(100, 1));
      });
      socket.on('error', reject);
      socket.on('close', () => resolve());
      socket.resume();
    });
    await expect.poll(() => s.countRequests({ outcome: 'aborted' })).toBe(1);
    expect(s.uploads().size).toBe(0);
  });

  it('enforces the maximum upload size before reading the body', async () => {
    const s = await start({ maxUploadBytes: 1000 });
    const put = await fetch(await uploadUrl(s, 'media://big'), {
      method: 'PUT',
      body: Buffer.alloc(2000),
    });
    expect(put.status).toBe(400);
    const xml = await put.text();
    expect(xml).toContain('<Code>EntityTooLarge</Code>');
    expect(xml).toContain('<MaxSizeAllowed>1000</MaxSizeAllowed>');
    expect(s.uploads().size).toBe(0);
  });

  it('keeps only a hash of uploads beyond maxRetainedBytes, still estimating the duration', async () => {
    const s = await start({ maxRetainedBytes: 4096 });
    const wav = makeWav({ seconds: 3 });
    expect(
      (await fetch(await uploadUrl(s, 'media://huge'), { method: 'PUT', body: wav })).status,
    ).toBe(200);
    const info = s.uploads().get('media://huge');
    expect(info?.sha256).toBe(sha256(wav));
    expect(info?.size).toBe(wav.length);
    expect(info?.durationSeconds).toBeCloseTo(3, 1);
    const output = await call<{ url: string }>(s, 'POST', '/v1/media/output', {
      url: 'media://huge',
    });
    expect((await fetch(output.body.url)).status).toBe(501);
  });

  it('refuses other methods and unknown tokens like a bad S3 signature', async () => {
    const s = await start();
    const url = await uploadUrl(s, 'media://m');
    const get = await fetch(url);
    expect(get.status).toBe(403);
    expect(await get.text()).toContain('SignatureDoesNotMatch');
    const unknown = await fetch(`${s.baseUrl}/_upload/not-a-token`, { method: 'PUT', body: 'x' });
    expect(unknown.status).toBe(403);
    await unknown.text();
  });

  it('never puts pre-signed tokens into the request log', async () => {
    const s = await start();
    const url = await uploadUrl(s, 'media://logged');
    await fetch(url, { method: 'PUT', body: makeWav({ seconds: 1 }) });
    const token = url.split('/').pop() ?? '';
    const log = s.requestLog();
    expect(log.map((e) => e.path)).toEqual(['/v1/media/input', '/_upload/:token']);
    expect(JSON.stringify(log)).not.toContain(token);
    expect(log[1]).toMatchObject({
      route: 'PUT /_upload/:token',
      status: 200,
      outcome: 'answered',
    });
  });
});
