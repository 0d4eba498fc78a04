import { readFile, stat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../src/core/logging/logger';
import { buildDiagnostics } from '../../../src/core/logging/diagnostics';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { tempDir } from '../../support/engine-harness';

const KEY = 'sk_0123456789abcdef0123456789abcdef';
const SIGNED =
  'https://bucket.example/upload/abc?X-Amz-Signature=deadbeefcafe&X-Amz-Credential=AKIA123';

/** electron-log writes asynchronously; wait until the file holds what was logged. */
async function waitForText(path: string, needle: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text.includes(needle)) return text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`"${needle}" never reached ${path}`);
}

describe('support log', () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir('diarist-log-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('never writes the key, a bearer token or a signed URL to disk', async () => {
    const file = join(dir.path, 'logs', 'diarist.log');
    const logger = createFileLogger({ file, secrets: () => [KEY] });
    logger.error('upload failed', {
      url: SIGNED,
      auth: `Bearer ${KEY}`,
      echoed: `the key was ${KEY}`,
    });
    logger.info('done marker');
    const text = await waitForText(file, 'done marker');
    expect(text).toContain('upload failed');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('deadbeefcafe');
    expect(text).not.toContain('AKIA123');
    expect(text).toContain('https://bucket.example/upload/abc?[redacted]');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('rotates by size, keeping one older file, and tails both', async () => {
    const file = join(dir.path, 'diarist.log');
    const logger = createFileLogger({ file, secrets: () => [], maxBytes: 2_000 });
    for (let i = 0; i < 60; i += 1) logger.info(`line ${i} ${'x'.repeat(60)}`);
    logger.info('last line');
    await waitForText(file, 'last line');
    expect((await readdir(dir.path)).sort()).toEqual(['diarist.log', 'diarist.old.log']);
    expect((await stat(file)).size).toBeLessThan(4_000);
    const tail = await logger.tail(5);
    expect(tail).toHaveLength(5);
    expect(tail.at(-1)).toContain('last line');
  });

  it('builds diagnostics with versions, settings and log lines but no secret', () => {
    const text = buildDiagnostics({
      appVersion: '0.1.0',
      shell: 'electron',
      apiUrl: 'https://api.pyannote.ai',
      versions: { electron: '45.4.1', node: '22.0.0' },
      platform: 'linux x64',
      settings: DEFAULT_SETTINGS,
      key: { state: 'stored', last4: KEY.slice(-4) },
      engine: { offline: true },
      jobs: [{ state: 'succeeded' }, { state: 'succeeded' }, { state: 'failed' }],
      logLines: [`[info] something with ${KEY}`],
      now: new Date('2026-11-24T12:00:00Z'),
      secrets: [KEY],
    });
    expect(text).toContain('electron 45.4.1');
    expect(text).toContain('Jobs: succeeded 2, failed 1');
    expect(text).toContain('API key: stored');
    expect(text).toContain('"uploadConcurrency":2');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(-8));
  });

  it("leaves recordings' names and folders out of the diagnostics, numbered instead", () => {
    const secret = 'Disciplinary hearing – J. Doe.m4a';
    const text = buildDiagnostics({
      appVersion: '0.1.0',
      shell: 'electron',
      apiUrl: 'https://api.pyannote.ai',
      versions: { node: '22.0.0' },
      platform: 'win32 x64',
      settings: { ...DEFAULT_SETTINGS, exportFolder: 'C:\\Users\\jdoe\\HR cases' },
      key: { state: 'missing' },
      engine: { offline: false },
      jobs: [
        { state: 'failed', source: { name: secret, path: `C:\\HR\\Doe case\\${secret}` } },
        { state: 'succeeded', source: { name: 'b.wav', path: '/home/x/b.wav' } },
      ],
      logLines: [
        `[warn] job failed {"file":${JSON.stringify(secret)},"path":${JSON.stringify(`C:\\HR\\Doe case\\${secret}`)}}`,
        '[info] job {"file":"b.wav","state":"succeeded"}',
      ],
      now: new Date('2026-11-24T12:00:00Z'),
      secrets: [],
    });
    expect(text).not.toContain('Doe');
    expect(text).not.toContain('jdoe');
    expect(text).not.toContain('b.wav');
    expect(text).toContain('"file":"‹recording 1›"');
    expect(text).toContain('"path":"‹recording 1›"');
    expect(text).toContain('"file":"‹recording 2›"');
    expect(text).toContain('Jobs: failed 1, succeeded 1');
  });
});
