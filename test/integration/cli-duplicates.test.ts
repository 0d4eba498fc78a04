/** `diarize` sends each recording once: copies share one job, earlier results are reused. */

import { access, copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../src/cli/run';
import {
  FAST_SIM,
  FIXTURES,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { runInProcess } from '../support/cli-harness';
import { compareRuns, type RunTurn } from '../../src/shared/run-compare';

async function run(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; outcomes: FileOutcome[]; stderr: string }> {
  const { code, stdout, stderr } = await runInProcess([...argv, '--json'], env);
  return { code, outcomes: JSON.parse(stdout) as FileOutcome[], stderr };
}

describe('diarize and copies of the same recording', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  let common: string[];
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-cli-dupes-');
    env = { PYANNOTE_API_URL: sim.baseUrl, PYANNOTE_API_KEY: sim.apiKey };
    common = ['--data', join(work.path, 'data'), '--out', join(work.path, 'out')];
    for (const name of ['a.wav', 'b.wav', 'c.wav'])
      await copyFile(join(FIXTURES, 'conversation.wav'), join(work.path, name));
  });
  afterEach(async () => {
    await sim.close();
    await work.remove();
  });

  it('sends a file and its copy once, says so, and writes results for both', async () => {
    const a = join(work.path, 'a.wav');
    const b = join(work.path, 'b.wav');
    const { code, outcomes, stderr } = await run([a, b, ...common], env);
    expect(code).toBe(0);
    expect(sim.jobs()).toHaveLength(1);
    // Both were hashed side by side; whichever was known first is the one sent.
    const said = /(a|b)\.wav is the same recording as (a|b)\.wav; sent once\./.exec(stderr);
    expect(said, stderr).not.toBeNull();
    expect(said![1]).not.toBe(said![2]);
    expect(outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
    expect(outcomes[0]!.jobId).toBe(sim.jobs()[0]!.id);
    expect(outcomes[1]!.jobId).toBe(sim.jobs()[0]!.id);
    const [first, second] = outcomes.map((o) => o.outputs.rttm!);
    expect(first).not.toBe(second);
    expect(await readFile(second!, 'utf8')).toBe(
      (await readFile(first!, 'utf8')).replaceAll(/\ba\b/g, 'b'),
    );
  });

  it('reuses a result from an earlier run, for the same file and for a copy, unless --rerun', async () => {
    const a = join(work.path, 'a.wav');
    const c = join(work.path, 'c.wav');
    expect((await run([a, ...common], env)).code).toBe(0);
    expect(sim.jobs()).toHaveLength(1);

    const again = await run([a, c, ...common], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('a.wav already has a result with these options; reusing it');
    expect(again.stderr).toContain(
      'c.wav is the same recording as a.wav, which already has a result; reusing it (add --rerun to send it again).',
    );
    expect(again.outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
    for (const outcome of again.outcomes) await access(outcome.outputs.rttm!);
    expect(sim.jobs()).toHaveLength(1);

    const rerun = await run([a, '--rerun', ...common], env);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).not.toContain('reusing');
    expect(sim.jobs()).toHaveLength(2);
    expect(rerun.outcomes[0]!.jobId).toBe(sim.jobs()[1]!.id);
  });

  it('--rerun on a recording with a result makes a linked run: no second upload, compared with the result before', async () => {
    const a = join(work.path, 'a.wav');
    const first = await run([a, '--formats', 'json', ...common], env);
    expect(first.code).toBe(0);
    // Exports of the new run go elsewhere, so the result before stays readable.
    const rerun = await run(
      [
        a,
        '--rerun',
        '--speakers',
        '2',
        '--formats',
        'json',
        ...common,
        '--out',
        join(work.path, 'out2'),
      ],
      env,
    );
    expect(rerun.code).toBe(0);
    expect(sim.jobs()).toHaveLength(2);
    expect(sim.countRequests({ method: 'PUT' })).toBe(1);
    const [before, after] = await Promise.all(
      [first, rerun].map(
        async (r) =>
          JSON.parse(await readFile(r.outcomes[0]!.outputs.json!, 'utf8')) as {
            segments: RunTurn[];
          },
      ),
    );
    const speakers = (turns: RunTurn[]) => new Set(turns.map((t) => t.speaker)).size;
    const expected = compareRuns(before!.segments, after!.segments).agreement;
    expect(rerun.outcomes[0]!.comparedWith).toEqual({
      jobId: sim.jobs()[0]!.id,
      speakers: speakers(after!.segments),
      speakersBefore: speakers(before!.segments),
      agreement: expected,
      upload: 'reused',
    });
    expect(speakers(after!.segments)).toBe(2);
    const plain = await runInProcess([a, '--rerun', '--speakers', '3', ...common], env);
    expect(plain.stderr).toMatch(
      /A new run: \d+ speakers \(the result before: \d+\); the two agree on \d+ % of the speech\. The earlier upload was reused\./,
    );
  });

  it('sends the same recording again with other options', async () => {
    const a = join(work.path, 'a.wav');
    expect((await run([a, ...common], env)).code).toBe(0);
    const other = await run([join(work.path, 'b.wav'), '--exclusive', ...common], env);
    expect(other.code).toBe(0);
    expect(other.stderr).not.toContain('same recording');
    expect(sim.jobs()).toHaveLength(2);
  });
});
