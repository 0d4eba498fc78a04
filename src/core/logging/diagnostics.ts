/** The "Copy diagnostics" text: what support needs to help, and nothing secret. */

import type { KeyStatus } from '../../shared/ipc-contract';
import type { JobRecord } from '../../shared/jobs';
import type { Settings } from '../../shared/settings';
import { redact } from '../../shared/redact';

export interface DiagnosticsInput {
  appVersion: string;
  shell: string;
  apiUrl: string;
  versions: Record<string, string | undefined>;
  platform: string;
  settings: Settings;
  key: KeyStatus;
  engine: { offline: boolean; blocked?: string };
  jobs: readonly Pick<JobRecord, 'state'>[];
  logLines: readonly string[];
  now: Date;
  /** Exact values that must not appear (the key). */
  secrets: readonly (string | undefined)[];
}

export function buildDiagnostics(input: DiagnosticsInput): string {
  const counts = new Map<string, number>();
  for (const job of input.jobs) counts.set(job.state, (counts.get(job.state) ?? 0) + 1);
  const versions = Object.entries(input.versions)
    .filter(([, v]) => v)
    .map(([name, v]) => `${name} ${v}`)
    .join(', ');
  const text = [
    `Diarist diagnostics — ${input.now.toISOString()}`,
    `App: ${input.appVersion} (${input.shell}) on ${input.platform}`,
    `Runtime: ${versions}`,
    `Service: ${input.apiUrl}`,
    // Whether a key is set and how it is kept; never the key or any part of it.
    `API key: ${input.key.state}${input.key.reason ? ` — ${input.key.reason}` : ''}`,
    `Engine: ${input.engine.offline ? 'offline' : 'online'}${input.engine.blocked ? `, waiting for the person (${input.engine.blocked})` : ''}`,
    `Jobs: ${[...counts].map(([state, n]) => `${state} ${n}`).join(', ') || 'none'}`,
    `Settings: ${JSON.stringify(input.settings)}`,
    '',
    `Last ${input.logLines.length} log lines:`,
    ...input.logLines,
  ].join('\n');
  return redact(text, input.secrets);
}
