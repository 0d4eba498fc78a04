/**
 * The browser preview (`npm run preview`): serves the built renderer on 127.0.0.1 together with
 * the real core services behind the same IPC contract, over a loopback bridge guarded by a
 * random token. For development and the UI tests only; it is never part of the packaged app.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { PushEvent } from '../shared/ipc-contract';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  resolveAppFile,
  APP_ORIGIN,
} from '../core/protocol/app-protocol-paths';
import { createAppServices, type AppServices, type AppServicesOptions } from '../core/app/services';
import { invoke } from '../core/app/invoke';
import { PagePushes, withPageReady } from '../core/app/page-events';
import { MemoryKeyStore, MemorySettingsStore } from '../core/app/memory-stores';
import { previewDesktop, previewDialogs } from './ports';
import { previewSecretBox } from './secret-box';
import { createFileLogger } from '../core/logging/logger';
import { planMediaResponse } from '../core/protocol/media-protocol';

export interface PreviewOptions {
  rendererDir: string;
  dataDir: string;
  apiUrl: string;
  /** Folder whose recordings stand in for the file dialog (DIARIST_PREVIEW_FILES). */
  filesDir: string;
  /** Where exports are written without a save dialog. */
  exportsDir: string;
  port?: number;
  version?: string;
  /**
   * The page's window.diarist: the preload's builder over this server's bridge, built by
   * `node scripts/build.mjs preview`. Default: dist/preview/bridge.js beside rendererDir.
   */
  bridgeFile?: string;
  services?: Partial<AppServicesOptions>;
}

export interface Preview {
  /** The address to open, with the token. */
  url: string;
  origin: string;
  token: string;
  services: AppServices;
  /** What the stand-in desktop was asked to do (links opened, notifications), for tests. */
  desktopLog: string[];
  /** Every reply and pushed event the page received through the bridge, for secret scans in tests. */
  sentToPage: string[];
  close(): Promise<void>;
}

/** The preview's page may also talk to its own server (the bridge); everything else as in the app. */
const PREVIEW_CSP = CONTENT_SECURITY_POLICY.replace("connect-src 'none'", "connect-src 'self'");

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const bridgeFile = options.bridgeFile ?? join(options.rendererDir, '..', 'preview', 'bridge.js');
  const bridge = await readFile(bridgeFile, 'utf8').catch(() => {
    throw new Error(`${bridgeFile} is missing: build it with "node scripts/build.mjs preview".`);
  });
  const token = randomBytes(24).toString('base64url');
  const desktopLog: string[] = [];
  const sentToPage: string[] = [];
  let origin = '';
  // The preview keeps a real support log in its data folder, like the app.
  const knownSecrets: string[] = [];
  const logger = createFileLogger({
    file: join(options.dataDir, 'logs', 'diarist.log'),
    secrets: () => knownSecrets,
  });
  const streams = new Set<ServerResponse>();
  // As in the app: events wait for the page's app:ready (one bounded buffer), then go live.
  const pushes = new PagePushes((event: PushEvent) => {
    if (streams.size === 0) return false;
    const line = `data: ${JSON.stringify(event)}\n\n`;
    sentToPage.push(line);
    for (const stream of streams) stream.write(line);
    return true;
  });
  const services = await createAppServices({
    listener: (event) => pushes.push(event),
    logger,
    knownSecrets,
    dataDir: options.dataDir,
    apiUrl: options.apiUrl,
    version: options.version ?? '0.0.0-preview',
    shell: 'preview',
    keyStore: new MemoryKeyStore(
      'This is the browser preview: the key is kept in memory only.',
      'preview',
    ),
    settings: new MemorySettingsStore(),
    secretBox: previewSecretBox(),
    dialogs: previewDialogs(options.filesDir, options.exportsDir),
    desktop: previewDesktop(
      desktopLog,
      // <audio> cannot send headers, so its address carries the token.
      (jobId) => `${origin}/__preview/media/${encodeURIComponent(jobId)}?token=${token}`,
    ),
    ...options.services,
  });
  const handlers = withPageReady(services.handlers, pushes);

  const hasToken = (req: IncomingMessage, url: URL): boolean => {
    const given = String(req.headers['x-diarist-token'] ?? url.searchParams.get('token') ?? '');
    return given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token));
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    // Only this address, only pages of this origin: guards against DNS rebinding and other sites.
    if (
      req.headers.host !== new URL(origin).host ||
      (req.headers.origin && req.headers.origin !== origin)
    ) {
      res.writeHead(403).end();
      return;
    }
    if (url.pathname === '/__preview/bridge.js') {
      // The bridge script holds no secret: it reads the token from the page's own address.
      res
        .writeHead(200, {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-store',
        })
        .end(bridge);
      return;
    }
    if (url.pathname.startsWith('/__preview/')) {
      if (!hasToken(req, url)) {
        res.writeHead(403).end();
        return;
      }
      await handleBridge(req, res, url);
      return;
    }
    if (
      (url.pathname === '/' || url.pathname === '/index.html') &&
      url.searchParams.has('token') &&
      !hasToken(req, url)
    ) {
      res.writeHead(403).end();
      return;
    }
    const file = resolveAppFile(options.rendererDir, `${APP_ORIGIN}${url.pathname}`);
    const body = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!file || !body) {
      res.writeHead(404).end();
      return;
    }
    const headers = {
      'Content-Type': contentTypeFor(file),
      'Content-Security-Policy': PREVIEW_CSP,
      'Cache-Control': 'no-store',
    };
    if (file.endsWith('index.html')) {
      // The bridge loads before the app's own module script, as the preload does in Electron.
      const html = body
        .toString('utf8')
        .replace('<head>', '<head>\n    <script src="/__preview/bridge.js"></script>')
        // The page's own meta policy applies too; the preview page must reach its bridge.
        .replace("connect-src 'none'", "connect-src 'self'");
      res.writeHead(200, headers).end(html);
      return;
    }
    res.writeHead(200, headers).end(body);
  }

  async function handleBridge(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/__preview/events') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      // A page (a reload, a new tab) connects: events wait for its app:ready.
      pushes.pageGone();
      streams.add(res);
      req.on('close', () => {
        streams.delete(res);
        if (streams.size === 0) pushes.pageGone();
      });
      return;
    }
    const invokeMatch = /^\/__preview\/invoke\/([a-z:-]+)$/.exec(decodeURIComponent(url.pathname));
    if (invokeMatch && req.method === 'POST') {
      const raw = await readBody(req, 1024 * 1024);
      let args: unknown;
      try {
        args = JSON.parse(raw || '{}');
      } catch {
        args = undefined;
      }
      const reply = JSON.stringify(await invoke(handlers, invokeMatch[1], args, true, { logger }));
      sentToPage.push(reply);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(reply);
      return;
    }
    const mediaMatch = /^\/__preview\/media\/([A-Za-z0-9-]{1,64})$/.exec(url.pathname);
    if (mediaMatch && req.method === 'GET') {
      const path = services.recordingPath(mediaMatch[1] ?? '');
      const size = path ? (await stat(path).catch(() => undefined))?.size : undefined;
      const plan = planMediaResponse(path, size, req.headers.range);
      res.writeHead(plan.status, plan.headers);
      if (plan.range && path) createReadStream(path, plan.range).pipe(res);
      else res.end();
      return;
    }
    res.writeHead(404).end();
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    services,
    desktopLog,
    sentToPage,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
