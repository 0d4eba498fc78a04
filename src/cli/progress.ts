/** Progress on stderr: one live line on a terminal, plain lines when piped or logged. */

import type { JobRecord } from '../shared/jobs';
import { describeJobState, describePreparation } from '../shared/job-status-text';

export interface ProgressView {
  update(job: JobRecord): void;
  message(text: string): void;
  finish(): void;
}

export function createProgressView(
  stream: NodeJS.WriteStream,
  jobIds: ReadonlySet<string>,
): ProgressView {
  const latest = new Map<string, JobRecord>();
  const printed = new Map<string, string>();
  /** Jobs whose "Only the sound is sent (…)" line was printed: once, when the prepared size is known. */
  const toldPrepared = new Set<string>();
  const live = stream.isTTY === true;
  let lastDraw = 0;
  let drawn = false;

  const summary = () => {
    const jobs = [...latest.values()];
    // A copy of another file's recording is not a failure: it shares that file's job.
    const done = jobs.filter((j) => j.state === 'succeeded' || j.duplicateOf).length;
    const failed = jobs.filter(
      (j) => (j.state === 'failed' || j.state === 'canceled') && !j.duplicateOf,
    ).length;
    const active =
      jobs.find((j) => j.state === 'uploading') ??
      jobs.find(
        (j) => j.state === 'processing' || j.state === 'queued' || j.state === 'submitting',
      );
    const width = 24;
    const filled = Math.round(((done + failed) / Math.max(1, jobIds.size)) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    const current = active ? `  ${active.source.name}: ${describeJobState(active)}` : '';
    return `${bar} ${done + failed}/${jobIds.size} finished, ${failed} failed${current}`;
  };

  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const columns = stream.columns ?? 100;
    stream.write(`\r\x1b[2K${summary().slice(0, columns - 1)}`);
    drawn = true;
  };

  const view: ProgressView = {
    update(job) {
      if (!jobIds.has(job.id)) return;
      latest.set(job.id, job);
      if (job.prepared && !toldPrepared.has(job.id)) {
        toldPrepared.add(job.id);
        const line = describePreparation(job);
        if (line) view.message(`${job.source.name}: ${line}`);
      }
      if (live) {
        draw();
        return;
      }
      // Plain mode: one line per change of state, not per progress tick.
      const text = describeJobState({ ...job, progress: undefined });
      if (printed.get(job.id) === text) return;
      printed.set(job.id, text);
      stream.write(`${job.source.name}: ${text}\n`);
    },
    message(text) {
      if (live && drawn) stream.write('\r\x1b[2K');
      stream.write(`${text}\n`);
      if (live) draw(true);
    },
    finish() {
      if (live) {
        draw(true);
        stream.write('\n');
      }
    },
  };
  return view;
}
