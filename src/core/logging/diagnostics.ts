/**
 * The "Copy diagnostics" text: what support needs to help, and nothing secret. Recordings' names
 * and folders stay out too (HR and legal recordings are named after people and cases): the log
 * on this computer keeps them, the copied text says "‹recording 3›" instead.
 */

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
  jobs: readonly (Pick<JobRecord, 'state'> & {
    source?: Pick<JobRecord['source'], 'name' | 'path'>;
  })[];
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
    `Settings: ${JSON.stringify({ ...input.settings, ...(input.settings.exportFolder ? { exportFolder: '‹a folder›' } : {}) })}`,
    '',
    `Last ${input.logLines.length} log lines:`,
    ...input.logLines,
  ].join('\n');
  return withoutNames(redact(text, input.secrets), input.jobs);
}

/** Each recording's path, folder and name replaced by a numbered stand-in, longest first. */
function withoutNames(text: string, jobs: DiagnosticsInput['jobs']): string {
  const stand = new Map<string, string>();
  jobs.forEach((job, index) => {
    if (!job.source) return;
    const { path, name } = job.source;
    const folder = path.slice(0, Math.max(0, path.length - name.length - 1));
    if (path) stand.set(path, `‹recording ${index + 1}›`);
    if (folder.length > 1) stand.set(folder, '‹a folder›');
    // A name of a letter or two would match inside other words; paths still cover it.
    if (name.length >= 3) stand.set(name, `‹recording ${index + 1}›`);
  });
  let out = text;
  const found = [...stand.keys()].sort((a, b) => b.length - a.length);
  for (const value of found) {
    // Log lines are JSON: a Windows path or a name with quotes appears escaped there.
    const escaped = JSON.stringify(value).slice(1, -1);
    for (const form of new Set([value, escaped]))
      out = out.split(form).join(stand.get(value) ?? '');
  }
  return out;
}
