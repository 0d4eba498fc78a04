/**
 * The agents axios needs for one request: direct, or through the proxy that the route names
 * (plain forwarding for http:, a CONNECT tunnel for https:), trusting the given CA certificates.
 * One agent per route, so connections are pooled; routes are cached per origin for a short while.
 */

import type { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { HttpProxyAgent } from 'http-proxy-agent';
import type { FindRoute, ProxyRoute } from './proxy-route';
import { TunnelAgent } from './tunnel-agent';

/** Spread into an axios request config. `proxy: false` keeps axios from reading the env itself. */
export interface RequestAgents {
  httpAgent: HttpAgent | undefined;
  httpsAgent: HttpsAgent | undefined;
  proxy: false;
}

export type AgentsFor = (url: string) => Promise<RequestAgents>;

/** Node's own agents and no proxy: what a caller without a network gets. */
export const DIRECT_AGENTS: RequestAgents = {
  httpAgent: undefined,
  httpsAgent: undefined,
  proxy: false,
};

export interface NetworkOptions {
  findRoute: FindRoute;
  /** CA certificates for TLS; undefined keeps Node's default (bundled + NODE_EXTRA_CA_CERTS). */
  ca?: string[] | undefined;
  /** How long a route is reused for the same origin. */
  routeCacheMs?: number;
  now?: () => number;
  /** Told the first route of each origin and every change, for the support log. */
  onRoute?: (origin: string, route: ProxyRoute) => void;
}

export interface Network {
  agentsFor: AgentsFor;
  /** Closes pooled connections. */
  close(): void;
}

const DEFAULT_ROUTE_CACHE_MS = 30_000;

export function createNetwork(options: NetworkOptions): Network {
  const now = options.now ?? Date.now;
  const cacheMs = options.routeCacheMs ?? DEFAULT_ROUTE_CACHE_MS;
  const routes = new Map<string, { key: string; until: number; pending?: Promise<string> }>();
  const agents = new Map<string, RequestAgents>();
  const tls = options.ca ? { ca: options.ca } : {};

  function agentsOf(route: ProxyRoute): { key: string; agents: RequestAgents } {
    const key = route.kind === 'direct' ? 'direct' : route.proxy.href;
    let found = agents.get(key);
    if (!found) {
      if (route.kind === 'direct') {
        found = options.ca
          ? {
              httpAgent: undefined,
              httpsAgent: new HttpsAgent({ keepAlive: true, ...tls }),
              proxy: false,
            }
          : DIRECT_AGENTS;
      } else {
        // http: is forwarded as is; https: goes through a CONNECT tunnel. `ca` covers an HTTPS
        // proxy's own certificate and, for https:, the origin's inside the tunnel.
        found = {
          httpAgent: new HttpProxyAgent(route.proxy, { keepAlive: true, ...tls }),
          httpsAgent: new TunnelAgent(route.proxy, options.ca),
          proxy: false,
        };
      }
      agents.set(key, found);
    }
    return { key, agents: found };
  }

  async function routeKey(origin: string): Promise<string> {
    const cached = routes.get(origin);
    if (cached?.pending) return cached.pending;
    if (cached && cached.until > now()) return cached.key;
    // Only the origin is asked about: a pre-signed URL's path and query are secrets, and PAC
    // scripts (written by whoever runs the network) get to see what they are given.
    const pending = options.findRoute(`${origin}/`).then((route) => {
      const { key } = agentsOf(route);
      if (cached?.key !== key) options.onRoute?.(origin, route);
      routes.set(origin, { key, until: now() + cacheMs });
      return key;
    });
    routes.set(origin, { key: cached?.key ?? '', until: 0, pending });
    try {
      return await pending;
    } catch (error) {
      routes.delete(origin);
      throw error;
    }
  }

  return {
    async agentsFor(url) {
      const key = await routeKey(new URL(url).origin);
      return agents.get(key) ?? DIRECT_AGENTS;
    },
    close() {
      for (const entry of agents.values()) {
        entry.httpAgent?.destroy();
        entry.httpsAgent?.destroy();
      }
      agents.clear();
      routes.clear();
    },
  };
}
