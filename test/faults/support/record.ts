/**
 * One row of the fault catalogue's summary table per scenario. Each test measures what actually
 * happened (jobs lost, duplicate jobs at the service, faults the simulator really injected) and
 * appends it to a JSON-lines file; the global teardown prints the table from that file.
 */

import { appendFileSync } from 'node:fs';
import { inject, it } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** JSON-lines file the scenarios append their rows to. */
    faultRowsFile: string;
  }
}

export interface FaultRow {
  file: string;
  fault: string;
  /** How many times the scenario ran the faulted work (e.g. three kills in a tight window). */
  runs: number;
  /** Jobs the person added. */
  jobs: number;
  /** How often the fault actually hit (requests faulted, processes killed, writes refused…). */
  injected: number;
  lost: number;
  duplicates: number;
  outcome: string;
  /** Ran and held; false for a failed and for a skipped scenario. */
  passed: boolean;
  /** Could not run here (`outcome` says why); vitest counts it as skipped. */
  skipped: boolean;
  seconds: number;
}

/** Thrown by `ScenarioRecord.skip`: the wrapper records the row, then tells vitest to skip. */
class ScenarioSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** What a scenario fills in as it goes; the wrapper turns it into a row even when the test fails. */
export class ScenarioRecord {
  runs = 1;
  jobs = 0;
  injected = 0;
  lost = 0;
  duplicates = 0;
  outcome = '';
  measured = false;
  skipped = false;
  private readonly cleanups: (() => Promise<void> | void)[] = [];

  /** Runs `fn` when the scenario ends, pass or fail (last registered runs first). */
  defer(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  /** Adds one run's measurement (lost and duplicates add up over runs). */
  add(measure: { jobs: number; lost: number; duplicates: number }): void {
    this.jobs += measure.jobs;
    this.lost += measure.lost;
    this.duplicates += measure.duplicates;
    this.measured = true;
  }

  /**
   * This environment cannot inject the fault: stops the scenario here, and the runner counts it as
   * skipped (not passed) while the row gives the reason.
   */
  skip(reason: string): never {
    this.outcome = reason;
    this.skipped = true;
    throw new ScenarioSkipped(reason);
  }

  async cleanup(): Promise<void> {
    for (const fn of this.cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error('fault scenario cleanup failed:', error);
      }
    }
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? 'error'
  ).slice(0, 160);
}

/**
 * A catalogue entry: a vitest test that always records its row. It has its own deadline (a little
 * under vitest's) so that a hung scenario is still reported as failed and still cleans up.
 */
export function scenario(
  file: string,
  fault: string,
  body: (record: ScenarioRecord) => Promise<void>,
  timeoutMs = 60_000,
): void {
  it(
    fault,
    async (ctx) => {
      const record = new ScenarioRecord();
      const started = Date.now();
      let failure: unknown;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          body(record),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`scenario did not finish within ${timeoutMs / 1000} s`)),
              timeoutMs,
            );
          }),
        ]);
        if (!record.measured) throw new Error('the scenario measured nothing');
        if (record.lost > 0) throw new Error(`${record.lost} job(s) lost`);
        if (record.duplicates > 0)
          throw new Error(`${record.duplicates} duplicate job(s) at the service`);
      } catch (error) {
        if (!(error instanceof ScenarioSkipped)) failure = error;
      } finally {
        clearTimeout(timer);
        await record.cleanup();
      }
      const row: FaultRow = {
        file,
        fault,
        runs: record.runs,
        jobs: record.jobs,
        injected: record.injected,
        lost: record.lost,
        duplicates: record.duplicates,
        outcome: failure ? `FAILED: ${firstLine(failure)}` : record.outcome,
        passed: failure === undefined && !record.skipped,
        skipped: record.skipped,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      };
      appendFileSync(inject('faultRowsFile'), `${JSON.stringify(row)}\n`);
      if (failure) throw failure;
      if (record.skipped) ctx.skip(record.outcome);
    },
    timeoutMs + 15_000,
  );
}
