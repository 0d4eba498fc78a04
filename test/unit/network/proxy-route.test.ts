import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  describeRoute,
  envRoute,
  pacRoute,
  parsePacResult,
  type ProxyRoute,
} from '../../../src/core/network/proxy-route';

const proxyOf = (route: ProxyRoute) => (route.kind === 'proxy' ? route.proxy.href : route.kind);

describe('a PAC-style answer from the system (Electron resolveProxy)', () => {
  it.each([
    ['DIRECT', 'direct'],
    ['', 'direct'],
    ['PROXY proxy.corp:8080', 'http://proxy.corp:8080/'],
    ['PROXY proxy.corp:8080; DIRECT', 'http://proxy.corp:8080/'],
    ['proxy proxy.corp:3128;DIRECT', 'http://proxy.corp:3128/'],
    ['HTTP 10.0.0.1:80', 'http://10.0.0.1/'],
    ['HTTPS secure.corp:443', 'https://secure.corp/'],
    ['PROXY [::1]:8080', 'http://[::1]:8080/'],
    ['PROXY proxy.corp', 'http://proxy.corp/'],
    ['DIRECT; PROXY proxy.corp:8080', 'direct'],
    // SOCKS is not supported: the next usable entry is taken.
    ['SOCKS5 socks.corp:1080; PROXY proxy.corp:8080', 'http://proxy.corp:8080/'],
    ['SOCKS socks.corp:1080; DIRECT', 'direct'],
    ['QUIC q.corp:443; HTTPS secure.corp:8443', 'https://secure.corp:8443/'],
  ])('%j → %s', (answer, expected) => {
    expect(proxyOf(parsePacResult(answer))).toBe(expected);
  });

  it('goes direct, with a note for the log, when nothing in the answer is usable', () => {
    const route = parsePacResult('SOCKS5 socks.corp:1080');
    expect(route).toEqual({ kind: 'direct', note: expect.stringMatching(/SOCKS5.*going direct/) });
  });

  it.each(['PROXY user:pw@proxy.corp:8080', 'PROXY proxy.corp:8080/path', 'PROXY a b', 'PROXY'])(
    'skips a malformed entry: %j',
    (answer) => {
      expect(parsePacResult(answer).kind).toBe('direct');
    },
  );

  it('goes direct with a note when the resolver fails', async () => {
    const route = await pacRoute(async () => {
      throw new Error('PAC script failed');
    })('https://api.pyannote.ai/');
    expect(route).toEqual({ kind: 'direct', note: expect.stringContaining('PAC script failed') });
  });
});

describe('the environment (the CLI)', () => {
  afterEach(() => vi.unstubAllEnvs());
  const clear = () => {
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY']) {
      vi.stubEnv(name, '');
      vi.stubEnv(name.toLowerCase(), '');
    }
  };

  it('takes HTTPS_PROXY for https: and HTTP_PROXY for http:, in either case', async () => {
    clear();
    vi.stubEnv('HTTPS_PROXY', 'http://tunnel.corp:3128');
    vi.stubEnv('http_proxy', 'http://forward.corp:8080');
    expect(proxyOf(await envRoute('https://api.pyannote.ai/'))).toBe('http://tunnel.corp:3128/');
    expect(proxyOf(await envRoute('http://127.0.0.1:9/'))).toBe('http://forward.corp:8080/');
  });

  it('goes direct for hosts in NO_PROXY (suffixes too) and with no variable set', async () => {
    clear();
    expect(proxyOf(await envRoute('https://api.pyannote.ai/'))).toBe('direct');
    vi.stubEnv('HTTPS_PROXY', 'http://tunnel.corp:3128');
    vi.stubEnv('NO_PROXY', 'localhost,.pyannote.ai');
    expect(proxyOf(await envRoute('https://api.pyannote.ai/'))).toBe('direct');
    expect(proxyOf(await envRoute('https://storage.example/'))).toBe('http://tunnel.corp:3128/');
  });

  it('goes direct with a note for a SOCKS proxy', async () => {
    clear();
    vi.stubEnv('ALL_PROXY', 'socks5://socks.corp:1080');
    expect(await envRoute('https://api.pyannote.ai/')).toEqual({
      kind: 'direct',
      note: expect.stringContaining('socks5'),
    });
  });

  it('describes a route for the log without the proxy’s credentials', async () => {
    clear();
    vi.stubEnv('HTTPS_PROXY', 'http://alice:s3cret@tunnel.corp:3128');
    const route = await envRoute('https://api.pyannote.ai/');
    expect(describeRoute(route)).toBe('http://tunnel.corp:3128');
    expect(route.kind === 'proxy' && route.proxy.password).toBe('s3cret');
  });
});
