/**
 * Known voices through the app's services (issue 13, item 3): the voice library's operations as
 * the page calls them, and "Remember this voice" against the simulator.
 */

import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView, PushEvent, Reply, VoicesState } from '../../src/shared/ipc-contract';
import type { SavedResult } from '../../src/shared/result';
import { addEdit, withCorrections } from '../../src/shared/corrections';
import { VOICE_CLIP_MAX_SECONDS, type VoiceView } from '../../src/shared/voices';
import type { SecretBox } from '../../src/core/app/ports';
import { memorySecretBox } from '../../src/core/voices/aes-box';
import { chooseClipRanges } from '../../src/core/voices/clip';
import { VoiceLibrary, VOICE_LIBRARY_FILE } from '../../src/core/voices/library';
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

describe('the voice library through the services', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  const box = memorySecretBox();
  let seeded: VoiceView[];
  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-voices-');
    const dataDir = join(work.path, 'data');
    // Two voices saved earlier (the same box: the same keychain).
    const library = await VoiceLibrary.open({ file: join(dataDir, VOICE_LIBRARY_FILE), box });
    await library.consent();
    seeded = [];
    for (const name of ['Anna', 'Ben']) {
      seeded.push(
        await library.add({
          name,
          voiceprint: `print-of-${name}`,
          fromRecording: 'meeting.wav',
          fromSpeaker: 'SPEAKER_00',
          clipSeconds: 12,
          model: 'precision-2',
        }),
      );
    }
    app = await startApp(sim, dataDir, { secretBox: box });
  });
  afterAll(async () => {
    await app.close();
    await sim.close();
    await work.remove();
  });

  it('lists, renames, removes and removes all, never showing a voiceprint', async () => {
    const state = value<VoicesState>(await app.call('voices:list'));
    expect(state.storage).toEqual({ ok: true });
    expect(state.consentedAt).toBeDefined();
    expect(state.voices.map((v) => v.name)).toEqual(['Anna', 'Ben']);
    expect(JSON.stringify(state)).not.toContain('print-of');

    const renamed = value<VoiceView>(
      await app.call('voices:rename', { id: seeded[0]!.id, name: '  Anna S.  ' }),
    );
    expect(renamed).toMatchObject({ id: seeded[0]!.id, name: 'Anna S.' });
    const bad = await app.call('voices:rename', { id: 'SPEAKER_00', name: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const gone = await app.call('voices:rename', { id: 'voice-00000000', name: 'x' });
    expect(gone).toMatchObject({ ok: false, error: { key: 'voices.notFound' } });

    expect(value<boolean>(await app.call('voices:remove', { id: seeded[1]!.id }))).toBe(true);
    expect(value<boolean>(await app.call('voices:remove', { id: seeded[1]!.id }))).toBe(false);
    expect(value<number>(await app.call('voices:remove-all'))).toBe(1);
    expect(value<VoicesState>(await app.call('voices:list')).voices).toEqual([]);
    expect(
      value<boolean>(await app.call('voices:cancel-remember', { jobId: 'j', speaker: 'S' })),
    ).toBe(false);
  });
});

describe('voices where the shell has no secure storage', () => {
  it('says why, and consenting is refused in plain words', async () => {
    const sim = await startSimulator(FAST_SIM);
    const work = await tempDir('diarist-voices-nobox-');
    const app = await startApp(sim, join(work.path, 'data'), {
      secretBox: {
        available: async () => ({ ok: false, reason: 'No keyring.', reasonKey: 'linuxNoKeyring' }),
        encrypt: async () => Buffer.alloc(0),
        decrypt: async () => '',
      },
    });
    try {
      const state = value<VoicesState>(await app.call('voices:list'));
      expect(state.storage).toEqual({
        ok: false,
        reason: 'No keyring.',
        reasonKey: 'linuxNoKeyring',
      });
      expect(await app.call('voices:consent')).toMatchObject({
        ok: false,
        error: { key: 'voices.noStorage' },
      });
    } finally {
      await app.close();
      await sim.close();
      await work.remove();
    }
  });
});

/** Waits (outside a test, too) until the job has its result. */
async function succeeded(app: TestApp, id: string): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    const list = value<JobView[]>(await app.call('jobs:list'));
    const state = list.find((j) => j.id === id)?.state;
    if (state === 'succeeded') return;
    if (state === 'failed' || state === 'canceled') throw new Error(`the job ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the job did not finish');
}

/** Every file under `dir`, for the scans below. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The speakers of a result, most speech alone first (those with enough to remember). */
function soloSpeakers(result: SavedResult): string[] {
  return result.speakers
    .map(({ label }) => {
      try {
        return { label, seconds: chooseClipRanges(result, label).seconds };
      } catch {
        return { label, seconds: 0 };
      }
    })
    .filter((s) => s.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds)
    .map((s) => s.label);
}

/**
 * A speaker of the result with 3 s alone. The simulator's turns are short (a second or two), so
 * when none has enough, two speakers are merged as a person would ("Speaker 2 is Speaker 1"):
 * the first merge that gives one speaker enough speech alone.
 */
async function rememberable(
  app: TestApp,
  id: string,
  result: SavedResult,
): Promise<{ result: SavedResult; speaker: string }> {
  const ready = soloSpeakers(result)[0];
  if (ready) return { result, speaker: ready };
  const labels = result.speakers.map((s) => s.label);
  for (const into of labels) {
    for (const from of labels.filter((label) => label !== into)) {
      const edit = { kind: 'merge' as const, from, into };
      const merged = { ...result, corrections: addEdit(result.corrections, edit) };
      if (soloSpeakers(merged)[0] !== into) continue;
      const corrected = value<SavedResult>(
        await app.call('results:correct', { id, change: { type: 'edit', edit } }),
      );
      return { result: corrected, speaker: into };
    }
  }
  throw new Error('no speaker of the result can talk alone for 3 s');
}

describe('Remember this voice, against the simulator', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let dataDir: string;
  let app: TestApp;
  let job: JobView;
  let result: SavedResult;
  let speaker: string;
  const events: PushEvent[] = [];
  const box = memorySecretBox();

  const call = (channel: Parameters<TestApp['call']>[0], args?: unknown) => app.call(channel, args);
  const voiceprintJobs = () => sim.jobs().filter((j) => j.kind === 'voiceprint');
  const clipsLeft = async () =>
    (await readdir(join(dataDir, 'prepared')).catch(() => [] as string[])).filter((n) =>
      n.startsWith('voice-'),
    );

  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-remember-');
    dataDir = join(work.path, 'data');
    // A clip a crash left behind: swept at start like every unused prepared file.
    await mkdir(join(dataDir, 'prepared'), { recursive: true });
    await writeFile(join(dataDir, 'prepared', 'voice-0123456789abcdef.wav'), 'left over');
    await writeFile(join(dataDir, 'prepared', 'voice-0123456789abcdef.m4a.partial'), 'half');
    app = await startApp(sim, dataDir, { secretBox: box });
    app.services.subscribe((event) => void events.push(event));
    await mkdir(join(work.path, 'files'));
    const [recording] = await copyFixtures(join(work.path, 'files'), ['conversation.wav']);
    const added = await addRecordings(app, [recording!]);
    if (!added.ok) throw new Error(added.error.message);
    const id = (added.value as JobView[])[0]!.id;
    await succeeded(app, id);
    job = value<JobView[]>(await call('jobs:list')).find((j) => j.id === id)!;
    result = value<SavedResult>(await call('results:get', { id }));
    ({ result, speaker } = await rememberable(app, id, result));
    value(await call('results:rename-speaker', { id, label: speaker, name: 'Anna Schmidt' }));
  });
  afterAll(async () => {
    await app.close();
    await sim.close();
    await work.remove();
  });

  it('sweeps clips left by a crash at start', async () => {
    expect(await clipsLeft()).toEqual([]);
  });

  it('asks for the agreement first, and spends nothing without it', async () => {
    const reply = await call('voices:remember', { jobId: job.id, speaker, name: 'Anna Schmidt' });
    expect(reply).toMatchObject({ ok: false, error: { key: 'voices.noConsent' } });
    expect(voiceprintJobs()).toHaveLength(0);
  });

  it('cuts, sends and prints the voice, and the library lists it', async () => {
    value(await call('voices:consent'));
    const before = sim.requestLog().length;
    const voice = value<VoiceView>(
      await call('voices:remember', { jobId: job.id, speaker, name: ' Anna Schmidt ' }),
    );
    expect(voice).toMatchObject({
      name: 'Anna Schmidt',
      fromRecording: 'conversation.wav',
      fromSpeaker: speaker,
      fromJobId: job.id,
      model: 'precision-2',
    });
    expect(voice.clipSeconds).toBeGreaterThanOrEqual(3);
    expect(voice.clipSeconds).toBeLessThanOrEqual(VOICE_CLIP_MAX_SECONDS);

    // One voiceprint job, on a clip the service could read, of at most 30 s.
    const printed = voiceprintJobs();
    expect(printed).toHaveLength(1);
    expect(printed[0]!.request).toEqual({
      url: expect.stringMatching(/^media:\/\/diarist\/[0-9a-f]{64}$/),
      model: 'precision-2',
    });
    const bytes = sim.uploadedBytes(String(printed[0]!.request['url']));
    expect(bytes).toBeDefined();
    expect(bytes!.subarray(0, 4).toString('latin1')).toBe('RIFF');
    const input = new Input({ source: new BufferSource(bytes!), formats: ALL_FORMATS });
    const seconds = await input.computeDuration();
    const track = await input.getPrimaryAudioTrack();
    expect(await track!.getSampleRate()).toBe(16_000);
    expect(await track!.getNumberOfChannels()).toBe(1);
    input.dispose();
    expect(seconds).toBeCloseTo(voice.clipSeconds, 1);
    expect(seconds).toBeLessThanOrEqual(VOICE_CLIP_MAX_SECONDS);
    // Exactly what was chosen: the speaker's solo turns.
    expect(seconds).toBeCloseTo(chooseClipRanges(result, speaker).seconds, 2);
    const puts = sim
      .requestLog()
      .slice(before)
      .filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);

    const state = value<VoicesState>(await call('voices:list'));
    expect(state.voices).toEqual([voice]);
    // The steps, in order, each told to the page.
    const phases = events
      .filter(
        (e): e is Extract<PushEvent, { type: 'voice-progress' }> => e.type === 'voice-progress',
      )
      .map((e) => e.phase);
    expect([...new Set(phases)]).toEqual(['cutting', 'uploading', 'printing', 'saving']);
    expect(await clipsLeft()).toEqual([]);
  });

  it('never keeps the voice library readable as plain text on disk', async () => {
    const printed = voiceprintJobs()[0]!;
    const answer = await fetch(`${sim.baseUrl}/v1/jobs/${printed.id}`, {
      headers: { Authorization: `Bearer ${sim.apiKey}` },
    });
    const voiceprint = ((await answer.json()) as { output: { voiceprint: string } }).output
      .voiceprint;
    expect(voiceprint.length).toBeGreaterThan(16);
    const needles = [
      voiceprint,
      voiceprint.slice(0, 40),
      Buffer.from(voiceprint, 'base64').toString('latin1').slice(0, 24),
    ];
    const files = await filesUnder(dataDir);
    expect(files.some((f) => f.endsWith(VOICE_LIBRARY_FILE))).toBe(true);
    for (const file of files) {
      if ((await stat(file)).size > 50_000_000) continue;
      const content = await readFile(file);
      for (const needle of needles) {
        expect(
          content.includes(Buffer.from(needle, 'latin1')),
          `${file} holds the voiceprint`,
        ).toBe(false);
      }
      // The name is the speaker's name in the result too: only the library must not show it.
      if (file.endsWith(VOICE_LIBRARY_FILE)) {
        expect(content.includes('Anna Schmidt'), file).toBe(false);
        expect(content.includes('voiceprint'), file).toBe(false);
      }
    }
    // Nor is the voiceprint in anything the page was sent or the log.
    expect(app.logger.lines.join('\n')).not.toContain(voiceprint.slice(0, 40));
    expect(JSON.stringify(events)).not.toContain(voiceprint.slice(0, 40));
  });

  it('refuses a speaker with too little speech alone, in plain words, before anything is sent', async () => {
    // One short turn given to a new speaker: that is all the speech it has.
    const shortest = [...withCorrections(result).segments].sort(
      (a, b) => a.end - a.start - (b.end - b.start),
    )[0]!;
    expect(shortest.end - shortest.start).toBeLessThan(3);
    value(
      await call('results:correct', {
        id: job.id,
        change: {
          type: 'edit',
          edit: {
            kind: 'move',
            turns: [{ speaker: shortest.speaker, start: shortest.start, end: shortest.end }],
            to: 'SPEAKER_90',
          },
        },
      }),
    );
    const jobsBefore = voiceprintJobs().length;
    const reply = await call('voices:remember', {
      jobId: job.id,
      speaker: 'SPEAKER_90',
      name: 'Ben',
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { key: 'voices.tooLittleSpeech', message: expect.stringMatching(/only \d+ s/) },
    });
    expect(voiceprintJobs()).toHaveLength(jobsBefore);
    value(await call('results:correct', { id: job.id, change: { type: 'undo' } }));
  });

  it('refuses an unknown result or speaker, and a blank name', async () => {
    expect(
      await call('voices:remember', { jobId: 'no-such-job', speaker, name: 'Anna' }),
    ).toMatchObject({ ok: false, error: { key: 'voices.resultNotFound' } });
    expect(
      await call('voices:remember', { jobId: job.id, speaker: 'SPEAKER_77', name: 'Anna' }),
    ).toMatchObject({ ok: false, error: { key: 'voices.noSuchSpeaker' } });
    expect(await call('voices:remember', { jobId: job.id, speaker, name: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
  });

  it('says why pyannoteAI refused, in its words', async () => {
    sim.options.failJob = (j) =>
      j.kind === 'voiceprint' ? 'More than one speaker in the audio.' : undefined;
    try {
      const reply = await call('voices:remember', { jobId: job.id, speaker, name: 'Anna' });
      expect(reply).toMatchObject({
        ok: false,
        error: {
          key: 'voices.serviceFailedSaid',
          params: { reason: 'More than one speaker in the audio.' },
          message: expect.stringContaining('“More than one speaker in the audio.”'),
        },
      });
    } finally {
      sim.options.failJob = undefined;
    }
    expect(await clipsLeft()).toEqual([]);
    expect(value<VoicesState>(await call('voices:list')).voices).toHaveLength(1);
  });

  it('without a network, says to check the connection (and may be tried again)', async () => {
    sim.addFault({ kind: 'reset', method: 'POST', path: '/v1/voiceprint' });
    try {
      const reply = await call('voices:remember', { jobId: job.id, speaker, name: 'Anna' });
      expect(reply).toMatchObject({ ok: false, error: { key: 'voices.noNetwork' } });
    } finally {
      sim.clearFaults();
    }
    expect(await clipsLeft()).toEqual([]);
  }, 30_000);

  it('waits when pyannoteAI asks to slow down, then goes on', async () => {
    sim.addFault({
      kind: 'status',
      status: 429,
      method: 'GET',
      path: '/v1/jobs/*',
      times: 2,
      headers: { 'Retry-After': '1' },
    });
    try {
      const voice = value<VoiceView>(
        await call('voices:remember', { jobId: job.id, speaker, name: 'Anna again' }),
      );
      expect(voice.name).toBe('Anna again');
    } finally {
      sim.clearFaults();
    }
    value(
      await call('voices:remove', {
        id: value<VoicesState>(await call('voices:list')).voices[1]!.id,
      }),
    );
  }, 30_000);

  it('stops when canceled, and leaves no clip behind', async () => {
    sim.addFault({ kind: 'slow', delayMs: 1_500, method: 'POST', path: '/v1/voiceprint' });
    try {
      const from = events.length;
      const jobsBefore = voiceprintJobs().length;
      const running = call('voices:remember', { jobId: job.id, speaker, name: 'Anna' });
      await expect
        .poll(() =>
          events.slice(from).some((e) => e.type === 'voice-progress' && e.phase === 'printing'),
        )
        .toBe(true);
      const started = Date.now();
      expect(value<boolean>(await call('voices:cancel-remember', { jobId: job.id, speaker }))).toBe(
        true,
      );
      expect(await running).toMatchObject({ ok: false, error: { key: 'other.canceled' } });
      // At once: the request under way was dropped, not waited for.
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(voiceprintJobs().length).toBeLessThanOrEqual(jobsBefore + 1);
    } finally {
      sim.clearFaults();
    }
    expect(await clipsLeft()).toEqual([]);
    expect(value<VoicesState>(await call('voices:list')).voices).toHaveLength(1);
  });

  it('a second click while one runs waits for the same voice instead of paying twice', async () => {
    const jobsBefore = voiceprintJobs().length;
    const [a, b] = await Promise.all([
      call('voices:remember', { jobId: job.id, speaker, name: 'Twice' }),
      call('voices:remember', { jobId: job.id, speaker, name: 'Twice' }),
    ]);
    expect(value<VoiceView>(a).id).toBe(value<VoiceView>(b).id);
    expect(voiceprintJobs()).toHaveLength(jobsBefore + 1);
    value(await call('voices:remove', { id: value<VoiceView>(a).id }));
  });

  it('points to Locate file… when the recording was moved', async () => {
    const path = join(work.path, 'files', 'conversation.wav');
    await rename(path, `${path}.moved`);
    try {
      const reply = await call('voices:remember', { jobId: job.id, speaker, name: 'Anna' });
      expect(reply).toMatchObject({
        ok: false,
        error: { key: 'voices.recordingMoved', message: expect.stringContaining('Locate file…') },
      });
    } finally {
      await rename(`${path}.moved`, path);
    }
  });
});

describe('Remember this voice where it cannot be kept', () => {
  async function withApp(
    box: SecretBox,
    seed: (library: VoiceLibrary) => Promise<void>,
    check: (app: TestApp, sim: Simulator, jobId: string, speaker: string) => Promise<void>,
  ): Promise<void> {
    const sim = await startSimulator(FAST_SIM);
    const work = await tempDir('diarist-remember-limits-');
    const dataDir = join(work.path, 'data');
    await seed(await VoiceLibrary.open({ file: join(dataDir, VOICE_LIBRARY_FILE), box }));
    const app = await startApp(sim, dataDir, { secretBox: box });
    try {
      await mkdir(join(work.path, 'files'));
      const [recording] = await copyFixtures(join(work.path, 'files'), ['conversation.wav']);
      const added = await addRecordings(app, [recording!]);
      const id = value<JobView[]>(added)[0]!.id;
      await succeeded(app, id);
      const result = value<SavedResult>(await app.call('results:get', { id }));
      await check(app, sim, id, (await rememberable(app, id, result)).speaker);
    } finally {
      await app.close();
      await sim.close();
      await work.remove();
    }
  }

  it('a full library is refused before anything is cut or sent', async () => {
    const box = memorySecretBox();
    await withApp(
      box,
      async (library) => {
        await library.consent();
        for (let i = 0; i < 500; i++) {
          await library.add({
            name: `V${i}`,
            voiceprint: 'x',
            fromRecording: 'r',
            fromSpeaker: 'S',
            clipSeconds: 5,
            model: 'precision-2',
          });
        }
      },
      async (app, sim, jobId, speaker) => {
        const reply = await app.call('voices:remember', { jobId, speaker, name: 'One more' });
        expect(reply).toMatchObject({ ok: false, error: { key: 'voices.full' } });
        expect(sim.jobs().filter((j) => j.kind === 'voiceprint')).toHaveLength(0);
      },
    );
  }, 60_000);

  it('without secure storage, says so and sends nothing', async () => {
    const box: SecretBox = {
      available: async () => ({ ok: false, reason: 'No keyring.', reasonKey: 'linuxNoKeyring' }),
      encrypt: async () => Buffer.alloc(0),
      decrypt: async () => '',
    };
    await withApp(
      box,
      async () => undefined,
      async (app, sim, jobId, speaker) => {
        const reply = await app.call('voices:remember', { jobId, speaker, name: 'Anna' });
        expect(reply).toMatchObject({ ok: false, error: { key: 'voices.noStorage' } });
        expect(sim.jobs().filter((j) => j.kind === 'voiceprint')).toHaveLength(0);
      },
    );
  }, 30_000);
});
