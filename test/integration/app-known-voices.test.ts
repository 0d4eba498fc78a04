/**
 * Issue 13, item 5: a voice remembered from one fixture recording and recognised in another,
 * through the app's operations as the page calls them, against the simulator's listen mode
 * (which decides voices from the sound, so a right name can be told from a wrong one).
 *
 * conversation.wav: SPEAKER_00 a British man, SPEAKER_01 an American woman, SPEAKER_02 a
 * Scottish man. voices-meeting.wav: SPEAKER_00 the Scottish man, SPEAKER_01 the British man,
 * SPEAKER_02 someone new, SPEAKER_03 the American woman (test/fixtures/README.md).
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../src/shared/diarize-options';
import type { JobView, Reply } from '../../src/shared/ipc-contract';
import type { SavedResult } from '../../src/shared/result';
import { MATCH_THRESHOLDS, type VoiceView } from '../../src/shared/voices';
import type { JsonExport } from '../../src/core/exports';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { addRecordings, startApp, type TestApp } from '../support/app-harness';

const value = <T>(reply: Reply<unknown>): T => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
};

async function run(app: TestApp, path: string, options: DiarizeOptions): Promise<SavedResult> {
  const [job] = value<JobView[]>(await addRecordings(app, [path], options));
  for (let waited = 0; waited < 20_000; waited += 50) {
    const state = value<JobView[]>(await app.call('jobs:list')).find((j) => j.id === job!.id);
    if (state?.state === 'succeeded')
      return value<SavedResult>(await app.call('results:get', { id: job!.id }));
    if (state?.state === 'failed' || state?.state === 'canceled')
      throw new Error(`the job ${state.state}: ${state.error?.message ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the job did not finish');
}

describe('a voice remembered in one recording is named in the next', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  let anna: VoiceView;
  let ben: VoiceView;
  let meeting: SavedResult;

  beforeAll(async () => {
    sim = await startSimulator({ ...FAST_SIM, listen: true });
    work = await tempDir('diarist-known-voices-');
    app = await startApp(sim, join(work.path, 'data'));
    const [first, second] = await copyFixtures(work.path, [
      'conversation.wav',
      'voices-meeting.wav',
    ]);
    const conversation = await run(app, first!, DEFAULT_DIARIZE_OPTIONS);
    expect(conversation.speakers.map((s) => s.label)).toEqual([
      'SPEAKER_00',
      'SPEAKER_01',
      'SPEAKER_02',
    ]);
    value(await app.call('voices:consent'));
    const remember = (speaker: string, name: string) =>
      app.call('voices:remember', { jobId: conversation.jobId, speaker, name });
    anna = value<VoiceView>(await remember('SPEAKER_01', 'Anna'));
    ben = value<VoiceView>(await remember('SPEAKER_00', 'Ben'));
    meeting = await run(app, second!, {
      ...DEFAULT_DIARIZE_OPTIONS,
      recognise: { voiceIds: [anna.id, ben.id], match: 'balanced' },
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await sim?.close();
    await work?.remove();
  });

  it('sends the two voiceprints under their ids to /v1/identify', () => {
    const identify = sim.jobs().filter((j) => j.kind === 'identify');
    expect(identify).toHaveLength(1);
    const sent = identify[0]!.request;
    expect((sent['voiceprints'] as { label: string }[]).map((v) => v.label)).toEqual([
      anna.id,
      ben.id,
    ]);
    expect(sent['matching']).toEqual({ exclusive: true, threshold: MATCH_THRESHOLDS.balanced });
    expect(JSON.stringify(sent)).not.toMatch(/Anna|Ben/);
  });

  it('names the American woman Anna and the British man Ben, and nobody else', () => {
    expect(meeting.speakerNames).toEqual({ SPEAKER_01: 'Ben', SPEAKER_03: 'Anna' });
    const byspeaker = Object.fromEntries(meeting.matches!.map((m) => [m.speaker, m]));
    expect(Object.keys(byspeaker)).toEqual([
      'SPEAKER_00',
      'SPEAKER_01',
      'SPEAKER_02',
      'SPEAKER_03',
    ]);
    expect(byspeaker['SPEAKER_00']).toEqual({ speaker: 'SPEAKER_00', voiceId: null });
    expect(byspeaker['SPEAKER_02']).toEqual({ speaker: 'SPEAKER_02', voiceId: null });
    for (const [speaker, voice] of [
      ['SPEAKER_01', ben],
      ['SPEAKER_03', anna],
    ] as const) {
      const match = byspeaker[speaker]!;
      expect(match).toMatchObject({ voiceId: voice.id, name: voice.name });
      // A clear match: sure, and the other voice far behind, so nothing to check.
      expect(match.confidence).toBeGreaterThanOrEqual(80);
      expect(match.review).toBeUndefined();
      expect(match.runnerUp?.confidence).toBeLessThan(40);
    }
  });

  it('says so in the JSON export', async () => {
    app.picks.exportPath = join(work.path, 'meeting.json');
    value(await app.call('results:export', { id: meeting.jobId, format: 'json' }));
    const json = JSON.parse(await readFile(app.picks.exportPath, 'utf8')) as JsonExport;
    expect(json.matches?.filter((m) => m.voiceId).map((m) => [m.speaker, m.voiceName])).toEqual([
      ['SPEAKER_01', 'Ben'],
      ['SPEAKER_03', 'Anna'],
    ]);
    expect(json.speakers.map((s) => s.name)).toEqual(['Speaker 1', 'Ben', 'Speaker 3', 'Anna']);
  });
});
