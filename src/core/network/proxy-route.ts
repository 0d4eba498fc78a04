/**
 * Where a request goes: straight to its host or through an HTTP(S) proxy, decided from a PAC-style
 * answer (Electron's `resolveProxy`, which covers the system's settings and PAC scripts) or from
 * the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, as curl and most CLIs read them).
 */

import { getProxyForUrl } from 'proxy-from-env';

export type ProxyRoute =
  | { kind: 'direct'; note?: string }
  | {
      kind: 'proxy';
      /** http: or https: URL of the proxy itself, credentials included. */ proxy: URL;
    };

/** Finds the route for a URL; never throws (a failure to decide goes direct, with a note). */
export type FindRoute = (url: string) => Promise<ProxyRoute>;

/** Resolves a URL to a PAC-style answer, e.g. Electron's `session.resolveProxy`. */
export type ResolveProxy = (url: string) => Promise<string>;

const DIRECT: ProxyRoute = { kind: 'direct' };

/** "proxy host:port" for logs: never the proxy's user name or password. */
export function describeRoute(route: ProxyRoute): string {
  return route.kind === 'direct' ? 'direct' : `${route.proxy.protocol}//${route.proxy.host}`;
}

/**
 * The first entry of a PAC answer ("PROXY a:1; HTTPS b:2; DIRECT") that Diarist can use. SOCKS
 * entries are skipped (no SOCKS support); when nothing else is left, the request goes direct and
 * the note says why.
 */
export function parsePacResult(result: string): ProxyRoute {
  const skipped: string[] = [];
  const entries = result
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return DIRECT;
  for (const entry of entries) {
    const [type = '', address, ...rest] = entry.split(/\s+/);
    const kind = type.toUpperCase();
    if (kind === 'DIRECT' && address === undefined) return DIRECT;
    const scheme = kind === 'PROXY' || kind === 'HTTP' ? 'http' : kind === 'HTTPS' ? 'https' : '';
    const proxy =
      scheme && address && rest.length === 0 ? parseProxyAddress(scheme, address) : null;
    if (proxy) return { kind: 'proxy', proxy };
    skipped.push(kind || entry);
  }
  return {
    kind: 'direct',
    note: `the system proxy setting names no usable proxy (${skipped.join(', ')}); going direct`,
  };
}

function parseProxyAddress(scheme: string, address: string): URL | null {
  // Only host[:port]; anything with a path, user or query is not a PAC proxy address.
  if (/[/@?#]/.test(address)) return null;
  try {
    const url = new URL(`${scheme}://${address}`);
    return url.hostname ? url : null;
  } catch {
    return null;
  }
}

/** The system's route (settings, PAC) through a PAC-style resolver such as Electron's. */
export function pacRoute(resolveProxy: ResolveProxy): FindRoute {
  return async (url) => {
    try {
      return parsePacResult(await resolveProxy(url));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        kind: 'direct',
        note: `the system proxy setting could not be read (${reason}); going direct`,
      };
    }
  };
}

/**
 * The route from HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY in this process's environment
 * (either case), with proxy-from-env's rules: the same ones axios and many Node tools follow.
 */
export const envRoute: FindRoute = async (url) => {
  const value = getProxyForUrl(url);
  if (!value) return DIRECT;
  let proxy: URL;
  try {
    proxy = new URL(value);
  } catch {
    return { kind: 'direct', note: 'the proxy variable is not a URL; going direct' };
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    return {
      kind: 'direct',
      note: `${proxy.protocol.slice(0, -1)} proxies are not supported; going direct`,
    };
  }
  return { kind: 'proxy', proxy };
};
