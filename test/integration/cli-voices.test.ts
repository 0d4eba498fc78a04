/**
 * `diarize voices …` and `--recognise` (issue 13, item 3): a voice saved from one recording's
 * result is named in another, against the simulator's listen mode, which decides voices from
 * the sound (so a right name can be told from a wrong one).
 *
 * conversation.wav: SPEAKER_00 a British man, SPEAKER_01 an American woman, SPEAKER_02 a
 * Scottish man. voices-meeting.wav: SPEAKER_00 the Scottish man, SPEAKER_01 the British man,
 * SPEAKER_02 someone new, SPEAKER_03 the American woman (test/fixtures/README.md).
 */

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceView } from '../../src/shared/voices';
import type { JsonExport } from '../../src/core/exports';
import type { FileOutcome } from '../../src/cli/run';
import { CONSENT_TEXT } from '../../src/cli/voices';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { runInProcess } from '../support/cli-harness';

describe('diarize voices, and --recognise', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  let data: string[];
  let conversation: string;
  let meeting: string;
  const cli = (argv: string[], environment = env) => runInProcess([...argv, ...data], environment);
  const voices = async () =>
    JSON.parse((await cli(['voices', 'list', '--json'])).stdout) as VoiceView[];

  beforeAll(async () => {
    sim = await startSimulator({ ...FAST_SIM, listen: true });
    work = await tempDir('diarist-cli-voices-');
    env = { PYANNOTE_API_URL: sim.baseUrl, PYANNOTE_API_KEY: sim.apiKey };
    data = ['--data', join(work.path, 'data')];
    [conversation, meeting] = (await copyFixtures(work.path, [
      'conversation.wav',
      'voices-meeting.wav',
    ])) as [string, string];
    const first = await cli([conversation, '--out', join(work.path, 'out')]);
    expect(first.code, first.stderr).toBe(0);
  });
  afterAll(async () => {
    await sim.close();
    await work.remove();
  });

  it('asks once for the agreement, then saves a named voice from the saved result, with its steps', async () => {
    const refused = await cli([
      'voices',
      'add',
      conversation,
      '--speaker',
      'SPEAKER_00',
      '--name',
      'Arthur',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(CONSENT_TEXT);
    expect(await voices()).toEqual([]);
    expect(sim.jobs().filter((job) => job.kind === 'voiceprint')).toEqual([]);

    const added = await cli([
      'voices',
      'add',
      conversation,
      '--speaker',
      'SPEAKER_00',
      '--name',
      'Arthur',
      '--agree',
    ]);
    expect(added.code, added.stderr).toBe(0);
    const steps = [
      'Cutting a clip on this computer…',
      'Sending the clip…',
      'Making the voiceprint…',
      'Saving…',
    ];
    expect(steps.map((step) => added.stderr.indexOf(step))).toEqual(
      [...steps.map((step) => added.stderr.indexOf(step))].sort((a, b) => a - b),
    );
    for (const step of steps) expect(added.stderr).toContain(step);
    expect(added.stderr).toContain('Arthur’s voice is saved');
    // Agreed once: the next one needs no --agree. A speaker may be named by its number too.
    const second = await cli([
      'voices',
      'add',
      conversation,
      '--speaker',
      'Speaker 2',
      '--name',
      'Beatrice',
    ]);
    expect(second.code, second.stderr).toBe(0);
    const saved = await voices();
    expect(saved.map((v) => [v.name, v.fromSpeaker, v.fromRecording])).toEqual([
      ['Arthur', 'SPEAKER_00', 'conversation.wav'],
      ['Beatrice', 'SPEAKER_01', 'conversation.wav'],
    ]);
    expect(sim.jobs().filter((job) => job.kind === 'voiceprint')).toHaveLength(2);
    // Never plain text in the data folder: not the names, not the voiceprints.
    const folder = join(work.path, 'data');
    for (const name of await readdir(folder, { recursive: true })) {
      const bytes = await readFile(join(folder, name)).catch(() => undefined);
      if (!bytes) continue;
      expect(bytes.includes('Beatrice'), name).toBe(false);
    }
  });

  it('names the saved voices in another recording with --recognise, and nobody else', async () => {
    const out = join(work.path, 'out-meeting');
    const run = await cli([
      meeting,
      '--recognise',
      '--match',
      'strict',
      '--formats',
      'json',
      '--out',
      out,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [outcome] = JSON.parse(run.stdout) as FileOutcome[];
    const identify = sim.jobs().filter((job) => job.kind === 'identify');
    expect(identify).toHaveLength(1);
    const sent = identify[0]!.request as { voiceprints: { label: string }[]; matching: unknown };
    const ids = (await voices()).map((v) => v.id);
    expect(sent.voiceprints.map((v) => v.label)).toEqual(ids);
    expect(JSON.stringify(sent)).not.toContain('Arthur');
    expect(sent.matching).toEqual({ exclusive: true, threshold: 75 });
    const result = JSON.parse(await readFile(outcome!.outputs.json!, 'utf8')) as JsonExport;
    const named = Object.fromEntries(result.speakers.map((s) => [s.label, s.name]));
    expect(named).toEqual({
      SPEAKER_00: 'Speaker 1',
      SPEAKER_01: 'Arthur',
      SPEAKER_02: 'Speaker 3',
      SPEAKER_03: 'Beatrice',
    });
  });

  it('refuses what cannot be recognised before anything is sent', async () => {
    const before = sim.jobs().length;
    const nobody = await cli([meeting, '--voices', 'Nobody']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain(
      'No saved voice is called "Nobody"; `diarize voices list` shows them.',
    );
    const both = await cli([meeting, '--recognise', '--transcription']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      'Recognising known voices cannot be combined with transcription.',
    );
    const badSpeaker = await cli([
      'voices',
      'add',
      conversation,
      '--speaker',
      'SPEAKER_09',
      '--name',
      'X',
    ]);
    expect(badSpeaker.code).toBe(2);
    expect(badSpeaker.stderr).toContain(
      'no speaker "SPEAKER_09" in that result; it has SPEAKER_00 (Speaker 1)',
    );
    const noResult = await cli([
      'voices',
      'add',
      join(work.path, 'elsewhere.wav'),
      '--speaker',
      'SPEAKER_00',
      '--name',
      'X',
    ]);
    expect(noResult.code).toBe(2);
    expect(noResult.stderr).toContain('has no saved result in this data folder');
    expect(sim.jobs()).toHaveLength(before);
  });

  it('cannot read the library with another API key, and says so', async () => {
    const other = await cli(['voices', 'list'], { ...env, PYANNOTE_API_KEY: 'another-key-1234' });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/API key/);
    expect(await voices()).toHaveLength(2);
  });

  it('deletes a voice by name, then all of them', async () => {
    const one = await cli(['voices', 'remove', 'arthur']);
    expect(one.code, one.stderr).toBe(0);
    expect((await voices()).map((v) => v.name)).toEqual(['Beatrice']);
    const all = await cli(['voices', 'remove', '--all']);
    expect(all.code).toBe(0);
    expect(all.stderr).toContain('1 voice deleted.');
    expect(await voices()).toEqual([]);
    const none = await cli([meeting, '--recognise']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No voices are saved yet.');
  });
});
