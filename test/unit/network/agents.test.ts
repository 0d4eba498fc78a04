import { describe, expect, it } from 'vitest';
import { HttpProxyAgent } from 'http-proxy-agent';
import { createNetwork, DIRECT_AGENTS } from '../../../src/core/network/agents';
import type { ProxyRoute } from '../../../src/core/network/proxy-route';
import { TunnelAgent } from '../../../src/core/network/tunnel-agent';

const PROXY: ProxyRoute = { kind: 'proxy', proxy: new URL('http://proxy.corp:3128') };

describe('agents per request', () => {
  it('asks about the origin only, never a path or query (pre-signed URLs are secrets)', async () => {
    const asked: string[] = [];
    const network = createNetwork({
      findRoute: async (url) => {
        asked.push(url);
        return PROXY;
      },
    });
    await network.agentsFor('https://storage.example/bucket/obj?X-Amz-Signature=abc');
    expect(asked).toEqual(['https://storage.example/']);
    network.close();
  });

  it('uses the proxy for both schemes: forwarding for http:, a CONNECT tunnel for https:', async () => {
    const network = createNetwork({ findRoute: async () => PROXY });
    const agents = await network.agentsFor('https://api.pyannote.ai/v1/test');
    expect(agents.proxy).toBe(false);
    expect(agents.httpAgent).toBeInstanceOf(HttpProxyAgent);
    expect(agents.httpsAgent).toBeInstanceOf(TunnelAgent);
    network.close();
  });

  it('goes direct with Node’s own agents unless CA certificates are given', async () => {
    const plain = createNetwork({ findRoute: async () => ({ kind: 'direct' }) });
    expect(await plain.agentsFor('https://api.pyannote.ai/')).toBe(DIRECT_AGENTS);
    const trusting = createNetwork({ findRoute: async () => ({ kind: 'direct' }), ca: ['PEM'] });
    const agents = await trusting.agentsFor('https://api.pyannote.ai/');
    expect(agents.httpsAgent?.options.ca).toEqual(['PEM']);
    plain.close();
    trusting.close();
  });

  it('reuses a route per origin for a while, then asks again; reports changes once', async () => {
    let now = 0;
    let answer: ProxyRoute = PROXY;
    let asked = 0;
    const reported: string[] = [];
    const network = createNetwork({
      findRoute: async () => {
        asked += 1;
        return answer;
      },
      now: () => now,
      routeCacheMs: 1_000,
      onRoute: (origin, route) => reported.push(`${origin} ${route.kind}`),
    });
    const first = await network.agentsFor('https://api.pyannote.ai/v1/test');
    const [second, third] = await Promise.all([
      network.agentsFor('https://api.pyannote.ai/v1/jobs/1'),
      network.agentsFor('https://api.pyannote.ai/v1/jobs/2'),
    ]);
    expect(asked).toBe(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
    now = 1_500;
    await network.agentsFor('https://api.pyannote.ai/v1/test');
    expect(asked).toBe(2);
    answer = { kind: 'direct' };
    now = 3_000;
    expect(await network.agentsFor('https://api.pyannote.ai/v1/test')).toBe(DIRECT_AGENTS);
    await network.agentsFor('https://storage.example/x');
    expect(reported).toEqual([
      'https://api.pyannote.ai proxy',
      'https://api.pyannote.ai direct',
      'https://storage.example direct',
    ]);
    network.close();
  });

  it('shares one agent (one connection pool) per proxy across origins', async () => {
    const network = createNetwork({ findRoute: async () => PROXY });
    const a = await network.agentsFor('https://api.pyannote.ai/');
    const b = await network.agentsFor('https://storage.example/');
    expect(b.httpsAgent).toBe(a.httpsAgent);
    network.close();
  });
});
