/**
 * https-proxy-agent with two gaps closed for the origin's TLS inside a CONNECT tunnel: its
 * constructor's TLS options (our `ca`) reach only the proxy connection, and an IP-literal origin
 * would be checked against the name "localhost" (it drops `host` and sets no servername for IPs).
 */

import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';

type ConnectArgs = Parameters<HttpsProxyAgent<string>['connect']>;

export class TunnelAgent extends HttpsProxyAgent<string> {
  private readonly originCa: string[] | undefined;

  constructor(proxy: URL, ca: string[] | undefined) {
    super(proxy, { keepAlive: true, ...(ca ? { ca } : {}) });
    this.originCa = ca;
  }

  override connect(
    req: ConnectArgs[0],
    opts: ConnectArgs[1],
  ): ReturnType<HttpsProxyAgent<string>['connect']> {
    if (!opts.secureEndpoint) return super.connect(req, opts);
    const host = opts.host;
    const ipOrigin = typeof host === 'string' && isIP(host) !== 0 && !opts.servername;
    return super.connect(req, {
      ...opts,
      ...(this.originCa && !opts.ca ? { ca: this.originCa } : {}),
      ...(ipOrigin
        ? {
            checkServerIdentity: (_name: string, cert: PeerCertificate) =>
              checkServerIdentity(host, cert),
          }
        : {}),
    });
  }
}
