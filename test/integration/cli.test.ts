import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../src/cli/run';
import {
  DEFAULT_DIARIZE_OPTIONS,
  diarizeOptionsProblems,
  type DiarizeOptions,
} from '../../src/shared/diarize-options';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { runInProcess, savedJobs, startCli, until } from '../support/cli-harness';
import { documentXmlOf, paragraphsOf } from '../support/docx-text';

describe('the diarize command', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-cli-');
    env = { PYANNOTE_API_URL: sim.baseUrl, PYANNOTE_API_KEY: sim.apiKey };
  });
  afterEach(async () => {
    await sim.close();
    await work.remove();
  });

  it.each([
    [['--speakers', '0', 'a.wav'], /whole number/],
    [['--speakers', '2', '--min-speakers', '1', 'a.wav'], /either an exact number of speakers/],
    [['--formats', 'rttm,pdf', 'a.wav'], /Unknown format pdf/],
    [['--model', 'community-1', '--transcription', 'a.wav'], /precision-2/],
    [['--frobnicate', 'a.wav'], /Unknown option/],
    [[], /at least one recording/],
  ])('exits 2 with a plain message for a usage error: %j', async (argv, message) => {
    const { code, stderr } = await runInProcess(argv, env);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });

  it.each<[string[], Partial<DiarizeOptions>]>([
    [
      ['--min-speakers', '5', '--max-speakers', '2'],
      { speakers: { kind: 'range', min: 5, max: 2 } },
    ],
    [['--model', 'community-1', '--transcription'], { model: 'community-1', transcription: true }],
    [['--max-speakers', '101'], { speakers: { kind: 'range', max: 101 } }],
  ])(
    'refuses %j with the words the app shows for the same options, before sending anything',
    async (flags, options) => {
      const [file] = await copyFixtures(work.path, ['conversation.wav']);
      const argv = [file!, ...flags, '--data', join(work.path, 'data')];
      const { code, stderr } = await runInProcess(argv, env);
      const [problem] = diarizeOptionsProblems({ ...DEFAULT_DIARIZE_OPTIONS, ...options });
      expect(problem?.message).toBeTruthy();
      expect(code).toBe(2);
      expect(stderr.split('\n')[0]).toBe(`diarize: ${problem!.message}`);
      expect(sim.requestLog()).toEqual([]);
    },
  );

  it('exits 2 and says where to find the key when none is set', async () => {
    const { code, stderr } = await runInProcess(['a.wav'], { PYANNOTE_API_URL: sim.baseUrl });
    expect(code).toBe(2);
    expect(stderr).toMatch(/PYANNOTE_API_KEY/);
  });

  it('writes the requested exports and a JSON report; exit 1 when a file failed', async () => {
    const files = await copyFixtures(work.path, [
      'conversation.wav',
      'conversation-cbr.mp3',
      'empty.wav',
    ]);
    const out = join(work.path, 'out');
    const { code, stdout, stderr } = await runInProcess(
      [
        ...files,
        '--out',
        out,
        '--data',
        join(work.path, 'data'),
        '--formats',
        'rttm,srt,vtt',
        '--json',
        '--exclusive',
      ],
      env,
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as FileOutcome[];
    expect(report.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'failed']);
    expect(report[2]!.error?.code).toBe('unsupported-file');
    expect(report[0]!.outputs).toEqual({
      rttm: join(out, 'conversation.rttm'),
      srt: join(out, 'conversation.srt'),
      vtt: join(out, 'conversation.vtt'),
    });
    expect(await readFile(report[0]!.outputs.vtt!, 'utf8')).toMatch(/^WEBVTT/);
    expect(report[0]!.jobId).toBe(sim.jobs()[0]!.id);
    expect(stderr).toContain('conversation.wav: Done');
  });

  it('writes a Word document with the title, the speakers and the turns in order', async () => {
    const files = await copyFixtures(work.path, ['conversation.wav']);
    const out = join(work.path, 'out');
    const argv = [...files, '--out', out, '--data', join(work.path, 'data')];
    const { code, stdout } = await runInProcess([...argv, '--formats', 'docx,rttm', '--json'], env);
    expect(code).toBe(0);
    const [report] = JSON.parse(stdout) as FileOutcome[];
    expect(report!.outputs.docx).toBe(join(out, 'conversation.docx'));
    const text = paragraphsOf(documentXmlOf(report!.outputs.docx!));
    expect(text[0]).toBe('conversation.wav');
    // The same turns as the RTTM, in the same order, with the same names.
    const rttm = (await readFile(report!.outputs.rttm!, 'utf8')).trim().split('\n');
    const names = rttm.map((line) => line.split(' ')[7]!.replace(/_/g, ' '));
    const turns = text.slice(text.indexOf('Who spoke when') + 1);
    expect(turns.map((turn) => turn.split('  ')[1])).toEqual(names);
    for (const name of new Set(names)) expect(text).toContain(name);
  });

  it('exits 0 when every file succeeded, and a rerun reuses the results', async () => {
    const files = await copyFixtures(work.path, ['conversation.wav']);
    const argv = [...files, '--out', join(work.path, 'out'), '--data', join(work.path, 'data')];
    expect((await runInProcess(argv, env)).code).toBe(0);
    expect((await runInProcess(argv, env)).code).toBe(0);
    expect(sim.jobs()).toHaveLength(1);
  });

  it('refuses to run twice on the same data folder at the same time', async () => {
    sim.options.timing.pendingMs = 3_000;
    const files = await copyFixtures(work.path, ['conversation.wav']);
    const argv = [...files, '--data', join(work.path, 'data'), '--out', join(work.path, 'out')];
    const first = startCli(sim, argv);
    await until(
      async () => (await savedJobs(join(work.path, 'data'))).length > 0,
      'the first run to start',
    );
    const second = await runInProcess(argv, env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already working with this data folder/);
    expect((await first.done).code).toBe(0);
  });
});
