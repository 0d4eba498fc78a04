/**
 * A real forward proxy for tests: Debian's tinyproxy on 127.0.0.1, a free port, a generated
 * config and its own log in a temp dir, stopped by `close()` (and killed if the test process
 * ends first). The log is how tests prove which requests went through it.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TINYPROXY = process.env.TINYPROXY_BIN ?? '/usr/bin/tinyproxy';

export interface ProxiedRequest {
  method: string;
  /** scheme://host:port for forwarded requests, host:port for CONNECT. */
  origin: string;
  /** The path with pre-signed tokens and queries cut, so a failed assertion never prints one. */
  path: string;
}

export interface Tinyproxy {
  /** http://127.0.0.1:port, for HTTP(S)_PROXY. */
  url: string;
  port: number;
  /** Every request the proxy accepted so far, oldest first. */
  requests(): Promise<ProxiedRequest[]>;
  close(): Promise<void>;
}

export interface TinyproxyOptions {
  /** Ports CONNECT may reach (tinyproxy allows every port when none is listed). */
  connectPorts?: number[];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** "PUT http://127.0.0.1:5/_upload/abc?x=1" → origin and a path without its secret parts. */
function parseTarget(method: string, target: string): ProxiedRequest {
  if (method === 'CONNECT') return { method, origin: target, path: '' };
  try {
    const url = new URL(target);
    const path = url.pathname.replace(/^\/(_upload|_download)\/[^/]+/, '/$1/<token>');
    return { method, origin: url.origin, path };
  } catch {
    return { method, origin: '?', path: '?' };
  }
}

export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  try {
    await access(TINYPROXY);
  } catch {
    throw new Error(`tinyproxy is not installed at ${TINYPROXY} (apt-get install tinyproxy)`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'diarist-tinyproxy-'));
  const logFile = join(dir, 'tinyproxy.log');
  // A port picked here may be taken before tinyproxy binds it: try a few.
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const port = await freePort();
    const config = [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 60',
      `LogFile "${logFile}"`,
      // Connect level logs each request line ("Request (file descriptor 5): PUT http://…").
      'LogLevel Connect',
      'MaxClients 64',
      'Allow 127.0.0.1',
      ...(options.connectPorts ?? []).map((p) => `ConnectPort ${p}`),
    ].join('\n');
    const configFile = join(dir, 'tinyproxy.conf');
    await writeFile(configFile, `${config}\n`);
    const child = spawn(TINYPROXY, ['-d', '-c', configFile], { stdio: 'ignore' });
    const started = await waitUntilListening(child, port);
    if (!started) continue;
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    let closed: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      async requests() {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        return [...log.matchAll(/Request \(file descriptor \d+\): (\S+) (\S+) HTTP\/1\.[01]/g)].map(
          (match) => parseTarget(match[1]!, match[2]!),
        );
      },
      close() {
        closed ??= (async () => {
          process.off('exit', killOnExit);
          await stop(child);
          await rm(dir, { recursive: true, force: true });
        })();
        return closed;
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error('tinyproxy did not start');
}

async function waitUntilListening(child: ChildProcess, port: number): Promise<boolean> {
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && !exited) {
    if (await accepts(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (!exited) await stop(child);
  return false;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}
