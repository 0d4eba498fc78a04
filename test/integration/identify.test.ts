/**
 * "Recognise known voices" through the real engine against the simulator: what reaches
 * POST /v1/identify (voice ids as labels, the voiceprints the library gave, the threshold, no
 * names, no transcription), and what the saved result makes of the answer. The simulator's
 * matches are seeded random, so these tests check shapes and plumbing, not who was recognised.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../src/shared/diarize-options';
import type { SavedResult } from '../../src/shared/result';
import { MATCH_THRESHOLDS, type MatchLevel } from '../../src/shared/voices';
import type { JobEngine, VoiceprintLookup } from '../../src/core/jobs/engine';
import type { JsonExport } from '../../src/core/exports';
import { createPyannoteClient } from '../../src/core/pyannote/client';
import {
  copyFixtures,
  FAST_SIM,
  openEngine,
  startSimulator,
  tempDir,
  waitForFinal,
  type Simulator,
} from '../support/engine-harness';

const ANNA = 'voice-aaaa0001';
const BEN = 'voice-bbbb0002';
const CLARA = 'voice-cccc0003';

/** A voice library as the engine sees it: ids to names and voiceprints, changeable by the test. */
function library(voices: Record<string, string>) {
  const entries = new Map(
    Object.entries(voices).map(([id, name]) => [
      id,
      { name, voiceprint: Buffer.from(`print of ${id}`).toString('base64') },
    ]),
  );
  const asked: string[][] = [];
  const lookup: VoiceprintLookup = async (ids) => {
    asked.push([...ids]);
    return ids.flatMap((id) => {
      const entry = entries.get(id);
      return entry ? [{ id, ...entry }] : [];
    });
  };
  return { entries, asked, lookup };
}

const recognising = (voiceIds: string[], match: MatchLevel = 'lenient'): DiarizeOptions => ({
  ...DEFAULT_DIARIZE_OPTIONS,
  recognise: { voiceIds, match },
});

describe('jobs that recognise known voices', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let engine: JobEngine | undefined;
  const dataDir = () => join(work.path, 'data');
  const saved = async (resultFile: string) =>
    JSON.parse(await readFile(join(dataDir(), resultFile), 'utf8')) as SavedResult;

  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-identify-');
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await sim.close();
    await work.remove();
  });

  it('are sent to /v1/identify with voice ids as labels, and arrive with matches and names', async () => {
    const voices = library({ [ANNA]: 'Anna', [BEN]: 'Ben' });
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, dataDir(), { voiceprints: voices.lookup });
    const [job] = await engine.add([file!], { ...recognising([ANNA, BEN]), exclusive: true });
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('succeeded');

    const [sent] = sim.jobs();
    expect(sim.jobs()).toHaveLength(1);
    expect(sent!.kind).toBe('identify');
    expect(sim.diarizePosts).toBe(0);
    expect(sent!.request).toEqual({
      url: done!.mediaUrl,
      model: 'precision-2',
      exclusive: true,
      voiceprints: [
        { label: ANNA, voiceprint: voices.entries.get(ANNA)!.voiceprint },
        { label: BEN, voiceprint: voices.entries.get(BEN)!.voiceprint },
      ],
      matching: { exclusive: true, threshold: MATCH_THRESHOLDS.lenient },
    });
    // Names never leave the computer.
    expect(JSON.stringify(sent!.request)).not.toMatch(/Anna|Ben/);
    expect(done!.recognisedVoices).toEqual([
      { id: ANNA, name: 'Anna' },
      { id: BEN, name: 'Ben' },
    ]);

    const result = await saved(done!.resultFile!);
    expect(result.segments.length).toBeGreaterThan(0);
    expect(result.exclusiveSegments?.length).toBeGreaterThan(0);
    const names: Record<string, string> = { [ANNA]: 'Anna', [BEN]: 'Ben' };
    expect(result.matches?.map((m) => m.speaker)).toEqual(result.speakers.map((s) => s.label));
    for (const match of result.matches!) {
      if (match.voiceId === null) {
        expect(match).toEqual({ speaker: match.speaker, voiceId: null });
        expect(result.speakerNames[match.speaker]).toBeUndefined();
        continue;
      }
      expect([ANNA, BEN]).toContain(match.voiceId);
      expect(match.name).toBe(names[match.voiceId]);
      expect(result.speakerNames[match.speaker]).toBe(names[match.voiceId]);
      // The simulator honours the threshold that was sent.
      expect(match.confidence).toBeGreaterThanOrEqual(MATCH_THRESHOLDS.lenient);
    }
    // Exclusive matching: a voice names one speaker at most.
    const matched = result.matches!.flatMap((m) => (m.voiceId ? [m.voiceId] : []));
    expect(new Set(matched).size).toBe(matched.length);
    // With the lenient level the seeded simulator recognises someone, so the names were checked.
    expect(matched.length).toBeGreaterThan(0);

    const exported = await engine.exportJob(done!.id, 'json');
    const json = JSON.parse(String(exported.content)) as JsonExport;
    expect(json.matches?.map((m) => m.voiceId)).toEqual(result.matches!.map((m) => m.voiceId));
  });

  it('leave out voices deleted since the batch started, and never send transcription', async () => {
    const voices = library({ [ANNA]: 'Anna', [CLARA]: 'Clara' });
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, dataDir(), { voiceprints: voices.lookup });
    // The schema refuses recognition with transcription; the engine still never sends it.
    const options = { ...recognising([ANNA, BEN, CLARA], 'strict'), transcription: true };
    const [job] = await engine.add([file!], options);
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('succeeded');
    const request = sim.jobs()[0]!.request;
    expect((request['voiceprints'] as { label: string }[]).map((v) => v.label)).toEqual([
      ANNA,
      CLARA,
    ]);
    expect(request['matching']).toEqual({ exclusive: true, threshold: MATCH_THRESHOLDS.strict });
    expect(request).not.toHaveProperty('transcription');
    expect(request).not.toHaveProperty('transcriptionConfig');
    expect(done!.recognisedVoices?.map((v) => v.id)).toEqual([ANNA, CLARA]);
    // Looked up when checked, when sent, and for the names when saved.
    expect(voices.asked.slice(0, 2)).toEqual([
      [ANNA, BEN, CLARA],
      [ANNA, BEN, CLARA],
    ]);
    const result = await saved(done!.resultFile!);
    expect(result.matches?.some((m) => m.voiceId === BEN)).toBe(false);
  });

  it('fail in plain words, sending nothing, when every chosen voice was deleted', async () => {
    const voices = library({ [ANNA]: 'Anna' });
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, dataDir(), { voiceprints: voices.lookup });
    const [job] = await engine.add([file!], recognising([BEN, CLARA]));
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('failed');
    expect(done!.error).toMatchObject({
      code: 'invalid-request',
      key: 'voices.recogniseDeleted',
      message:
        'The voices chosen for this recording were deleted. Choose other voices and try again.',
      retryable: false,
    });
    expect(sim.jobs()).toEqual([]);
    expect(done!.submitIntent).toBeUndefined();
    // Known before anything was uploaded: nothing was.
    expect(sim.uploads().size).toBe(0);
    expect(done!.source.sizeBytes).toBeGreaterThan(0);
  });

  it('fail in plain words when the voices were deleted after the recording was checked', async () => {
    const voices = library({ [ANNA]: 'Anna' });
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, dataDir(), {
      voiceprints: async (ids) => {
        const found = await voices.lookup(ids);
        // Deleted right after the check looked: the send finds none.
        voices.entries.clear();
        return found;
      },
    });
    const [job] = await engine.add([file!], recognising([ANNA]));
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('failed');
    expect(done!.error?.key).toBe('voices.recogniseDeleted');
    expect(voices.asked).toHaveLength(2);
    expect(sim.uploads().size).toBe(1);
    expect(sim.jobs()).toEqual([]);
  });

  it('fail in plain words where there are no known voices at all', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, dataDir());
    const [job] = await engine.add([file!], recognising([ANNA]));
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('failed');
    expect(done!.error).toMatchObject({
      key: 'voices.recogniseUnavailable',
      message:
        'Known voices are not available here, so this recording was not sent. Run it again without recognising known voices.',
    });
    expect(sim.jobs()).toEqual([]);
    expect(sim.uploads().size).toBe(0);
  });

  it('fail in plain words when the library cannot be read, and can be retried', async () => {
    const voices = library({ [ANNA]: 'Anna' });
    let broken = true;
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, dataDir(), {
      voiceprints: async (ids) => {
        if (broken) throw new Error('keyring locked');
        return voices.lookup(ids);
      },
    });
    const [job] = await engine.add([file!], recognising([ANNA]));
    const [failed] = await waitForFinal(engine, [job!.id]);
    expect(failed!.error).toMatchObject({ key: 'voices.recogniseUnreadable' });
    expect(JSON.stringify(failed!.error)).not.toContain('keyring locked');
    broken = false;
    await engine.retry(job!.id);
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('succeeded');
    expect(sim.jobs().map((j) => j.kind)).toEqual(['identify']);
  });

  it('are found at the service, not sent again, when the submit answer is lost', async () => {
    const voices = library({ [ANNA]: 'Anna', [BEN]: 'Ben' });
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    sim.addFault({ kind: 'drop-after-handling', method: 'POST', path: '/v1/identify', times: 1 });
    engine = await openEngine(sim, dataDir(), { voiceprints: voices.lookup });
    const [job] = await engine.add([file!], recognising([ANNA, BEN]));
    const [done] = await waitForFinal(engine, [job!.id], 20_000);
    expect(done!.state).toBe('succeeded');
    expect(sim.jobs()).toHaveLength(1);
    expect(sim.countRequests({ route: 'POST /v1/identify' })).toBe(1);
    expect(done!.serviceJobId).toBe(sim.jobs()[0]!.id);
    const result = await saved(done!.resultFile!);
    expect(result.matches).toHaveLength(result.speakers.length);
  });

  it('wait out the service’s rate limit as diarize jobs do, and are sent once', async () => {
    const voices = library({ [ANNA]: 'Anna' });
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    sim.addFault({
      kind: 'status',
      status: 429,
      method: 'POST',
      path: '/v1/identify',
      times: 1,
      headers: { 'Retry-After': '1' },
    });
    engine = await openEngine(sim, dataDir(), { voiceprints: voices.lookup });
    const [job] = await engine.add([file!], recognising([ANNA]));
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('succeeded');
    expect(sim.countRequests({ route: 'POST /v1/identify', status: 429 })).toBe(1);
    expect(sim.jobs().map((j) => j.kind)).toEqual(['identify']);
  });

  it('are found after a lost answer although this app created another job meanwhile', async () => {
    // "Remember this voice" makes voiceprint jobs through the same client, outside the job list:
    // such a job, created while the answer was lost, is not taken for the lost one.
    const voices = library({ [ANNA]: 'Anna' });
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    sim.addFault({ kind: 'slow', method: 'POST', path: '/v1/identify', delayMs: 400, times: 1 });
    sim.addFault({ kind: 'drop-after-handling', method: 'POST', path: '/v1/identify', times: 1 });
    const client = createPyannoteClient({
      baseUrl: sim.baseUrl,
      getApiKey: () => sim.apiKey,
      timeoutMs: 1_000,
    });
    engine = await openEngine(sim, dataDir(), { client, voiceprints: voices.lookup });
    let other: Promise<unknown> | undefined;
    engine.subscribe((event) => {
      if (event.type === 'job' && event.job.submitIntent && !other)
        other = client.diarize('media://diarist/elsewhere', DEFAULT_DIARIZE_OPTIONS);
    });
    const [job] = await engine.add([file!], recognising([ANNA]));
    const [done] = await waitForFinal(engine, [job!.id], 20_000);
    await other;
    expect(
      sim
        .jobs()
        .map((j) => j.kind)
        .sort(),
    ).toEqual(['diarize', 'identify']);
    expect(done!.state).toBe('succeeded');
    expect(done!.serviceJobId).toBe(sim.jobs().find((j) => j.kind === 'identify')!.id);
  });

  it('name matched voices as the library names them when saved, or as when sent if deleted', async () => {
    const voices = library({ [ANNA]: 'Anna', [BEN]: 'Ben' });
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    // While pyannoteAI works on the job, one voice is renamed and the other deleted.
    sim.options.failJob = () => {
      voices.entries.get(ANNA)!.name = 'Anna Schmidt';
      voices.entries.delete(BEN);
      return undefined;
    };
    engine = await openEngine(sim, dataDir(), { voiceprints: voices.lookup });
    const [job] = await engine.add([file!], recognising([ANNA, BEN]));
    const [done] = await waitForFinal(engine, [job!.id]);
    const result = await saved(done!.resultFile!);
    const expected: Record<string, string> = { [ANNA]: 'Anna Schmidt', [BEN]: 'Ben' };
    const named = result.matches!.filter((match) => match.voiceId !== null);
    expect(named.length).toBeGreaterThan(0);
    for (const match of named)
      expect(result.speakerNames[match.speaker]).toBe(expected[match.voiceId!]);
  });

  it('are the same job only with the same voices and level; without recognition it is another', async () => {
    const voices = library({ [ANNA]: 'Anna', [BEN]: 'Ben' });
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, dataDir(), { voiceprints: voices.lookup });
    const [first] = await engine.add([file!], recognising([ANNA, BEN]));
    await waitForFinal(engine, [first!.id]);
    // The same voices chosen in another order: already done, not sent (billed once).
    const [again] = await engine.add([file!], recognising([BEN, ANNA]));
    const [copy] = await waitForFinal(engine, [again!.id]);
    expect(copy).toMatchObject({ state: 'canceled', duplicateOf: first!.id });
    // Another level, or no recognition: other options, so sent.
    const [strict] = await engine.add([file!], recognising([ANNA, BEN], 'strict'));
    const [plain] = await engine.add([file!], DEFAULT_DIARIZE_OPTIONS);
    const done = await waitForFinal(engine, [strict!.id, plain!.id]);
    expect(done.map((j) => j.state)).toEqual(['succeeded', 'succeeded']);
    expect(sim.jobs().map((j) => j.kind)).toEqual(['identify', 'identify', 'diarize']);
    const plainResult = await saved(done[1]!.resultFile!);
    expect(plainResult).not.toHaveProperty('matches');
    // A deliberate rerun with recognition is sent again.
    const [rerun] = await engine.add([file!], recognising([ANNA, BEN]), { rerun: true });
    const [rerunDone] = await waitForFinal(engine, [rerun!.id]);
    expect(rerunDone!.state).toBe('succeeded');
    expect(sim.jobs()).toHaveLength(4);
  });
});
