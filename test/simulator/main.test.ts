// The standalone simulator (`npm run simulator`): one ready line, a working key, clean stop on SIGTERM.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

describe('standalone simulator', () => {
  it('prints exactly one ready line, serves the API with the printed key, and stops on SIGTERM', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'test/simulator/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        SIMULATOR_PORT: '0',
        SIMULATOR_API_KEY: 'sk_standalone',
        SIMULATOR_PENDING_MS: '10',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const lines: string[] = [];
    const ready = new Promise<string>((resolve, reject) => {
      createInterface({ input: proc.stdout }).on('line', (line) => {
        lines.push(line);
        if (lines.length === 1) resolve(line);
      });
      proc.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const line = await ready;
    const match = /^simulator: (http:\/\/127\.0\.0\.1:\d+) key: (\S+)$/.exec(line);
    expect(match?.[2]).toBe('sk_standalone');
    const reply = await fetch(`${match?.[1]}/v1/test`, {
      headers: { Authorization: 'Bearer sk_standalone' },
    });
    expect(reply.status).toBe(200);
    await reply.text();
    const exited = new Promise<number | null>((resolve) =>
      proc.once('exit', (code) => resolve(code)),
    );
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines).toEqual([line]);
  });
});
