/**
 * Gives every fault scenario a file to record its row in, and prints the summary table at the
 * end of the run from what the scenarios measured.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { FaultRow } from './support/record';

/** Order of the table: the catalogue's order, whatever order the files finished in. */
const FILE_ORDER = [
  'network',
  'lost-answers',
  'outage',
  'rate-limit-no-hint',
  'account',
  'local',
  'crash',
];

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function formatTable(rows: FaultRow[]): string {
  const sorted = [...rows].sort((a, b) => FILE_ORDER.indexOf(a.file) - FILE_ORDER.indexOf(b.file));
  const header = ['fault', 'runs', 'jobs', 'faults hit', 'lost', 'dup', 'secs', 'outcome'];
  const cells = sorted.map((row) => [
    row.fault,
    String(row.runs),
    String(row.jobs),
    String(row.injected),
    String(row.lost),
    String(row.duplicates),
    row.seconds.toFixed(1),
    `${row.skipped ? 'skipped' : row.passed ? 'PASS' : 'FAIL'} — ${row.outcome}`,
  ]);
  const widths = header.map((title, column) =>
    column === header.length - 1
      ? 0
      : Math.max(title.length, ...cells.map((line) => line[column]!.length)),
  );
  const line = (values: string[]) =>
    values.map((value, column) => pad(value, widths[column]!)).join(' │ ');
  const rule = widths.map((width) => '─'.repeat(width || 7)).join('─┼─');
  const total = (pick: (row: FaultRow) => number) =>
    sorted.reduce((sum, row) => sum + pick(row), 0);
  const failed = sorted.filter((row) => !row.passed && !row.skipped).length;
  const skipped = sorted.filter((row) => row.skipped).length;
  return [
    '',
    'FAULT CATALOGUE — measured from the simulator and the engine',
    line(header),
    rule,
    ...cells.map(line),
    rule,
    `${sorted.length} faults, ${total((r) => r.runs)} runs, ${total((r) => r.jobs)} jobs, ` +
      `${total((r) => r.injected)} faults hit, ${total((r) => r.lost)} lost, ` +
      `${total((r) => r.duplicates)} duplicates, ${sorted.length - failed - skipped} passed, ` +
      `${failed} failed, ${skipped} skipped`,
    '',
  ].join('\n');
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'diarist-faults-'));
  const file = join(dir, 'rows.jsonl');
  project.provide('faultRowsFile', file);
  return () => {
    let rows: FaultRow[];
    try {
      rows = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((text) => JSON.parse(text) as FaultRow);
    } catch {
      rows = [];
    }
    process.stdout.write(formatTable(rows));
    rmSync(dir, { recursive: true, force: true });
  };
}
