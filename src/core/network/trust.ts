/**
 * Which CA certificates our TLS connections trust. Node's default set already holds the bundled
 * Mozilla roots and NODE_EXTRA_CA_CERTS; the app adds the operating system's store (where a
 * company's TLS-inspection root lives) when the runtime can read it (Node 22.15+ / 23.5+).
 */

import * as tls from 'node:tls';

export interface CaSource {
  getCACertificates?: (type: 'default' | 'system') => string[];
}

export type Trust =
  { source: 'system'; ca: string[] } | { source: 'node-default'; ca: undefined; reason: string };

export function systemTrust(source: CaSource = tls as CaSource): Trust {
  if (typeof source.getCACertificates !== 'function') {
    return {
      source: 'node-default',
      ca: undefined,
      reason: `this runtime (Node ${process.versions.node}) cannot read the operating system's certificate store`,
    };
  }
  try {
    // `default` is what Node would use on its own (so NODE_EXTRA_CA_CERTS is kept).
    const ca = [
      ...new Set([...source.getCACertificates('default'), ...source.getCACertificates('system')]),
    ];
    return { source: 'system', ca };
  } catch (error) {
    return {
      source: 'node-default',
      ca: undefined,
      reason: `the operating system's certificate store could not be read (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
