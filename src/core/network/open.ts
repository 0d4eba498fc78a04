/**
 * The network of the app and the CLI. The app passes the system's proxy resolver (settings and
 * PAC) and trusts the operating system's certificate store too; without a resolver (CLI, preview,
 * tests) HTTPS_PROXY / HTTP_PROXY / NO_PROXY and Node's certificates apply, as in curl.
 */

import type { Logger } from '../logging/logger';
import { createNetwork, type Network, type NetworkOptions } from './agents';
import { describeRoute, envRoute, pacRoute, type ResolveProxy } from './proxy-route';
import { systemTrust } from './trust';

export function openNetwork(
  logger: Pick<Logger, 'info' | 'warn'>,
  resolveProxy?: ResolveProxy,
): Network {
  // Origins only (never a pre-signed URL's path), and the proxy without its credentials.
  const onRoute: NetworkOptions['onRoute'] = (origin, route) =>
    logger.info('network route', {
      origin,
      route: describeRoute(route),
      ...(route.kind === 'direct' && route.note ? { note: route.note } : {}),
    });
  if (!resolveProxy) return createNetwork({ findRoute: envRoute, onRoute });
  const trust = systemTrust();
  if (trust.source === 'system') {
    logger.info('trusted certificates', {
      source: 'operating system and Node defaults',
      count: trust.ca.length,
    });
  } else {
    // Said once: behind TLS inspection this runtime then needs NODE_EXTRA_CA_CERTS.
    logger.warn('trusted certificates', {
      source: 'Node defaults and NODE_EXTRA_CA_CERTS only',
      reason: trust.reason,
    });
  }
  return createNetwork({ findRoute: pacRoute(resolveProxy), ca: trust.ca, onRoute });
}
