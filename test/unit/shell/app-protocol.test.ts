import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../src/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/core/protocol/app-protocol-paths';
import { mediaUrlFor } from '../../../src/core/protocol/media-protocol';

let dir: string;
let handle: (request: Request) => Promise<Response>;
const JOB = '0b4c3b9e-1111-4222-8333-444455556666';
const MISSING_FILE_JOB = '0b4c3b9e-aaaa-4bbb-8ccc-dddddddddddd';
const recording = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diarist-protocol-'));
  const renderer = join(dir, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Diarist</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'outside the page folder');
  await writeFile(join(dir, 'call.wav'), recording);
  const paths: Record<string, string> = {
    [JOB]: join(dir, 'call.wav'),
    [MISSING_FILE_JOB]: join(dir, 'gone.wav'),
  };
  handle = createAppProtocolHandler({ rendererRoot: renderer, recordingPath: (id) => paths[id] });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) =>
  handle(new Request(url, { headers }));

describe('app:// page files', () => {
  it('serves the page with the strict CSP', async () => {
    const response = await get('app://diarist/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>Diarist</title>');
  });

  it('serves built scripts as JavaScript', async () => {
    const response = await get('app://diarist/assets/app.js');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for anything outside the page folder or missing', async () => {
    for (const url of [
      'app://diarist/..%2fsecret.txt',
      'app://diarist/%2e%2e/secret.txt',
      'app://diarist/missing.js',
      'app://other/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('outside');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handle(
      new Request('app://diarist/index.html', { method: 'POST', body: 'x' }),
    );
    expect(response.status).toBe(405);
  });
});

describe('app://diarist/media/<jobId>', () => {
  it('streams exactly the requested bytes for a seek', async () => {
    const response = await get(mediaUrlFor(JOB), { Range: 'bytes=1000-1999' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 1000-1999/4096');
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(recording.subarray(1000, 2000))).toBe(true);
  });

  it('serves an open-ended range to the end of the file', async () => {
    const response = await get(mediaUrlFor(JOB), { Range: 'bytes=4000-' });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).equals(recording.subarray(4000))).toBe(true);
  });

  it('streams the whole recording without a Range header', async () => {
    const response = await get(mediaUrlFor(JOB));
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe('4096');
    expect(Buffer.from(await response.arrayBuffer()).equals(recording)).toBe(true);
  });

  it('answers 416 for a range past the end', async () => {
    const response = await get(mediaUrlFor(JOB), { Range: 'bytes=5000-' });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */4096');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await handle(new Request(mediaUrlFor(JOB), { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('4096');
    expect(response.body).toBeNull();
  });

  it('answers 404 for an unknown job, a moved recording or a malformed id', async () => {
    expect((await get(mediaUrlFor('not-a-job'))).status).toBe(404);
    expect((await get(mediaUrlFor(MISSING_FILE_JOB))).status).toBe(404);
    expect((await get('app://diarist/media/..%2f..%2fsecret.txt')).status).toBe(404);
  });

  it('lets a seek cancel the read without an error', async () => {
    const response = await get(mediaUrlFor(JOB), { Range: 'bytes=0-' });
    await expect(response.body!.cancel()).resolves.toBeUndefined();
  });
});
