/**
 * Corporate networks: the CLI and the app reach pyannoteAI and its storage through a real proxy
 * (Debian's tinyproxy), plain HTTP forwarding and CONNECT tunnels alike, and trust a network's
 * own TLS root (NODE_EXTRA_CA_CERTS for the CLI, extra `ca` for the app's agents).
 */

import { createHash } from 'node:crypto';
import { access, readFile, writeFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../src/cli/run';
import { createAppServices, type AppServices } from '../../src/core/app/services';
import { MemoryKeyStore, MemorySettingsStore } from '../../src/core/app/memory-stores';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import { isFinalState } from '../../src/shared/jobs';
import { createNetwork, type Network } from '../../src/core/network/agents';
import { createPyannoteClient } from '../../src/core/pyannote/client';
import { createUploader } from '../../src/core/upload/uploader';
import { isDiaristError } from '../../src/core/errors';
import { startTinyproxy, type ProxiedRequest, type Tinyproxy } from '../support/tinyproxy';
import { createTestCa, type TestCa } from '../support/test-ca';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { startCli, until } from '../support/cli-harness';
import { CANCELED_DIALOGS, QUIET_DESKTOP } from '../support/app-stubs';

/** Both spellings, so a proxy setting inherited from the machine running the tests cannot leak in. */
function proxyEnv(vars: { http?: string; https?: string; no?: string }): Record<string, string> {
  return {
    HTTP_PROXY: vars.http ?? '',
    http_proxy: vars.http ?? '',
    HTTPS_PROXY: vars.https ?? '',
    https_proxy: vars.https ?? '',
    ALL_PROXY: '',
    all_proxy: '',
    NO_PROXY: vars.no ?? '',
    no_proxy: vars.no ?? '',
  };
}

/** "POST /v1/diarize"-style lines, for readable assertions (tokens already cut). */
const lines = (requests: ProxiedRequest[]) =>
  requests.map((r) => `${r.method} ${r.method === 'CONNECT' ? r.origin : r.path}`);

const proxyThrough = (proxy: Tinyproxy): Network =>
  createNetwork({ findRoute: async () => ({ kind: 'proxy', proxy: new URL(proxy.url) }) });

describe('through an HTTP proxy (plain forwarding)', () => {
  let sim: Simulator;
  let proxy: Tinyproxy;
  let work: { path: string; remove: () => Promise<void> };
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    proxy = await startTinyproxy();
    work = await tempDir('diarist-proxy-');
  });
  afterEach(async () => {
    await proxy.close();
    await sim.close();
    await work.remove();
  });

  async function runCli(env: Record<string, string>) {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    const argv = [file!, '--data', join(work.path, 'data'), '--out', join(work.path, 'out')];
    const result = await startCli(sim, [...argv, '--formats', 'rttm', '--json'], env).done;
    expect(result.code, result.stderr).toBe(0);
    const [outcome] = JSON.parse(result.stdout) as FileOutcome[];
    expect(outcome!.status).toBe('succeeded');
  }

  it('the CLI sends every API call and the upload through HTTP_PROXY', async () => {
    await runCli(proxyEnv({ http: proxy.url }));
    const seen = sim.requestLog();
    await until(async () => (await proxy.requests()).length >= seen.length, 'the proxy log');
    const proxied = lines(await proxy.requests());
    expect(proxied).toContain('POST /v1/media/input');
    expect(proxied).toContain('PUT /_upload/<token>');
    expect(proxied).toContain('POST /v1/diarize');
    expect(proxied.some((line) => line.startsWith('GET /v1/jobs/'))).toBe(true);
    // Every request the simulator answered came through the proxy, none around it.
    expect(proxied).toHaveLength(seen.length);
    expect((await proxy.requests()).every((r) => r.origin === sim.baseUrl)).toBe(true);
  });

  it('the CLI goes direct for a host in NO_PROXY', async () => {
    await runCli(proxyEnv({ http: proxy.url, https: proxy.url, no: 'localhost,127.0.0.1' }));
    expect(sim.countRequests({ method: 'PUT' })).toBe(1);
    expect(await proxy.requests()).toEqual([]);
  });

  it('the app sends through the proxy its system resolver names, asking only about origins', async () => {
    const asked: string[] = [];
    const services: AppServices = await createAppServices({
      dataDir: join(work.path, 'app-data'),
      apiUrl: sim.baseUrl,
      version: 'test',
      shell: 'preview',
      keyStore: new MemoryKeyStore(),
      settings: new MemorySettingsStore(),
      dialogs: CANCELED_DIALOGS,
      desktop: QUIET_DESKTOP,
      engineOptions: { requestsPerMinute: 6_000 },
      resolveProxy: async (url) => {
        asked.push(url);
        return `PROXY 127.0.0.1:${proxy.port}; DIRECT`;
      },
    });
    try {
      await services.handlers['key:set']({ key: sim.apiKey });
      const [file] = await copyFixtures(work.path, ['conversation.wav']);
      const [picked] = await services.acceptPaths([file!]);
      const [job] = await services.handlers['jobs:add']({
        fileIds: [picked!.id],
        options: DEFAULT_DIARIZE_OPTIONS,
      });
      await until(
        async () => {
          const current = (await services.handlers['jobs:list']({})).find((j) => j.id === job!.id);
          return current !== undefined && isFinalState(current.state);
        },
        'the job to finish',
        20_000,
      );
      const done = (await services.handlers['jobs:list']({})).find((j) => j.id === job!.id);
      expect(done?.state).toBe('succeeded');
    } finally {
      await services.close();
    }
    const proxied = lines(await proxy.requests());
    expect(proxied).toContain('GET /v1/test');
    expect(proxied).toContain('PUT /_upload/<token>');
    expect(proxied).toContain('POST /v1/diarize');
    expect(proxied).toHaveLength(sim.requestLog().length);
    // The resolver (a PAC script, in the real app) never saw a path, so never a pre-signed URL.
    expect(new Set(asked)).toEqual(new Set([`${sim.baseUrl}/`]));
  });
});

describe('a large upload through the proxy', () => {
  let sim: Simulator;
  let proxy: Tinyproxy;
  let work: { path: string; remove: () => Promise<void> };
  let file: string;
  let sha: string;
  const SIZE = 48 * 1024 * 1024;
  beforeAll(async () => {
    sim = await startSimulator({ maxRetainedBytes: 1024 * 1024 });
    proxy = await startTinyproxy();
    work = await tempDir('diarist-proxy-upload-');
    file = join(work.path, 'long meeting.wav');
    const bytes = Buffer.alloc(SIZE);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    await writeFile(file, bytes);
    sha = createHash('sha256').update(bytes).digest('hex');
  });
  afterAll(async () => {
    await proxy.close();
    await sim.close();
    await work.remove();
  });

  it('still streams with Content-Length (the store refuses chunked) and arrives intact', async () => {
    const network = proxyThrough(proxy);
    try {
      const client = createPyannoteClient({
        baseUrl: sim.baseUrl,
        getApiKey: () => sim.apiKey,
        agentsFor: network.agentsFor,
      });
      const uploader = createUploader({ client, agentsFor: network.agentsFor, maxAttempts: 1 });
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      await uploader.upload({
        path: file,
        mediaUrl: 'media://diarist/proxied',
        onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
      });
      clearInterval(sampler);
      const stored = sim.uploads().get('media://diarist/proxied');
      expect(stored?.size).toBe(SIZE);
      expect(stored?.sha256).toBe(sha);
      expect(lines(await proxy.requests())).toEqual([
        'POST /v1/media/input',
        'PUT /_upload/<token>',
      ]);
      // A buffered body would add the whole 48 MiB (twice, with axios's copy); streaming adds
      // about a read chunk or two in flight.
      expect((peak - before) / 1024 / 1024).toBeLessThan(32);
    } finally {
      network.close();
    }
  });
});

describe('through a CONNECT tunnel to an HTTPS service signed by the network’s own root', () => {
  let ca: TestCa;
  let sim: Simulator;
  let proxy: Tinyproxy;
  let work: { path: string; remove: () => Promise<void> };
  beforeAll(async () => {
    ca = await createTestCa();
    sim = await startSimulator({ ...FAST_SIM, tls: { key: ca.key, cert: ca.cert } });
    // Like a corporate proxy: CONNECT allowed only to the service's port.
    proxy = await startTinyproxy({ connectPorts: [sim.port] });
    work = await tempDir('diarist-proxy-tls-');
  });
  afterAll(async () => {
    await proxy.close();
    await sim.close();
    await work.remove();
    await ca.remove();
  });

  it('the CLI tunnels through HTTPS_PROXY and trusts NODE_EXTRA_CA_CERTS', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    const argv = [file!, '--data', join(work.path, 'data'), '--out', join(work.path, 'out')];
    const env = { ...proxyEnv({ https: proxy.url }), NODE_EXTRA_CA_CERTS: ca.caFile };
    const result = await startCli(sim, [...argv, '--formats', 'rttm', '--json'], env).done;
    expect(result.code, result.stderr).toBe(0);
    const [outcome] = JSON.parse(result.stdout) as FileOutcome[];
    expect(outcome!.status).toBe('succeeded');
    await access(outcome!.outputs.rttm!);
    const proxied = await proxy.requests();
    const target = `127.0.0.1:${sim.port}`;
    // Only tunnels: the proxy never saw a path, a key or a pre-signed URL in the clear.
    expect(proxied.length).toBeGreaterThan(0);
    expect(proxied.every((r) => r.method === 'CONNECT' && r.origin === target)).toBe(true);
    expect(sim.countRequests({ method: 'PUT' })).toBe(1);
  });

  it('without the root the connection is refused as untrusted, not sent', async () => {
    // This test process was started without NODE_EXTRA_CA_CERTS.
    const network = proxyThrough(proxy);
    try {
      const client = createPyannoteClient({
        baseUrl: sim.baseUrl,
        getApiKey: () => sim.apiKey,
        agentsFor: network.agentsFor,
      });
      const error = await client.testKey().catch((e: unknown) => e);
      expect(isDiaristError(error)).toBe(true);
      expect((error as Error).message).toMatch(/does not trust the secure connection/);
      expect((error as Error & { detail?: string }).detail).toMatch(
        /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/,
      );
    } finally {
      network.close();
    }
  });

  it('the app’s agents trust extra CA certificates inside the tunnel', async () => {
    // What the app does with the operating system's store where the runtime can read it.
    const network = createNetwork({
      findRoute: async () => ({ kind: 'proxy', proxy: new URL(proxy.url) }),
      ca: [...rootCertificates, ca.caPem],
    });
    try {
      const client = createPyannoteClient({
        baseUrl: sim.baseUrl,
        getApiKey: () => sim.apiKey,
        agentsFor: network.agentsFor,
      });
      await client.testKey();
      const uploader = createUploader({ client, agentsFor: network.agentsFor, maxAttempts: 1 });
      const fixture = join(import.meta.dirname, '..', 'fixtures', 'conversation.wav');
      await uploader.upload({ path: fixture, mediaUrl: 'media://diarist/tls' });
      const bytes = await readFile(fixture);
      expect(sim.uploads().get('media://diarist/tls')?.size).toBe(bytes.length);
    } finally {
      network.close();
    }
  });
});
