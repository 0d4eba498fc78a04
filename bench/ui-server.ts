/** A static file server on 127.0.0.1 for the UI benchmark: one built renderer per server. */

import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeFor } from '../src/core/protocol/app-protocol-paths';

export interface StaticServer {
  url: string;
  /** Paths served since the last reset, in order (what a page load fetched). */
  served: string[];
  close(): Promise<void>;
}

export async function serveStatic(dir: string): Promise<StaticServer> {
  const served: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const relative = normalize(path === '/' ? '/index.html' : path).replace(/^[/\\]+/, '');
      const file = join(dir, relative);
      if (!file.startsWith(dir + sep)) {
        res.writeHead(403).end();
        return;
      }
      const body = await readFile(file).catch(() => undefined);
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      served.push(relative);
      res
        .writeHead(200, {
          'Content-Type': contentTypeFor(file),
          'Cache-Control': 'no-store',
          // Cross-origin isolation gives the page 5 µs timers instead of 100 µs, for frame timing.
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        })
        .end(body);
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
