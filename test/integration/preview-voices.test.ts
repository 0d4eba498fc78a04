/**
 * Known voices in the browser preview: the `voices:*` operations over the preview's loopback
 * bridge, with the preview's own box (a key held in memory), from a result to a remembered voice.
 */

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../src/preview/server';
import { addEdit } from '../../src/shared/corrections';
import type { JobView, PickedFile, Reply, VoicesState } from '../../src/shared/ipc-contract';
import type { SavedResult } from '../../src/shared/result';
import type { VoiceView } from '../../src/shared/voices';
import { chooseClipRanges } from '../../src/core/voices/clip';
import { VOICE_LIBRARY_FILE } from '../../src/core/voices/library';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import {
  copyFixtures,
  FAST_SIM,
  FAST_TRACKING,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';

describe('known voices in the browser preview', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let preview: Preview;
  let dataDir: string;

  /** A call the way the preview page makes it: a POST to the bridge with the token. */
  async function call<T>(channel: string, args: unknown = {}): Promise<T> {
    const response = await fetch(`${preview.origin}/__preview/invoke/${channel}`, {
      method: 'POST',
      headers: { 'x-diarist-token': preview.token, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const reply = (await response.json()) as Reply<T>;
    if (!reply.ok)
      throw new Error(`${reply.error.key ?? reply.error.code}: ${reply.error.message}`);
    return reply.value;
  }

  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-preview-voices-');
    dataDir = join(work.path, 'data');
    const filesDir = join(work.path, 'files');
    await mkdir(filesDir);
    await copyFixtures(filesDir, ['conversation.wav']);
    const bridgeFile = join(work.path, 'bridge.js');
    await writeFile(bridgeFile, '// not used here');
    preview = await startPreview({
      rendererDir: join(work.path, 'renderer'),
      bridgeFile,
      dataDir,
      apiUrl: sim.baseUrl,
      filesDir,
      exportsDir: join(work.path, 'exports'),
      services: {
        clientTimeoutMs: 2_000,
        engineOptions: { requestsPerMinute: 3_000, tracking: FAST_TRACKING },
      },
    });
  });
  afterAll(async () => {
    await preview?.close();
    await sim.close();
    await work.remove();
  });

  it('remembers a voice and lists it, never as plain text on disk', async () => {
    expect(await call<VoicesState>('voices:list')).toEqual({ voices: [], storage: { ok: true } });
    await call('key:set', { key: sim.apiKey });
    const picked = await call<PickedFile[]>('files:pick');
    const [job] = await call<JobView[]>('jobs:add', {
      fileIds: picked.map((file) => file.id),
      options: DEFAULT_DIARIZE_OPTIONS,
    });
    await expect
      .poll(async () => (await call<JobView[]>('jobs:list')).find((j) => j.id === job!.id)?.state, {
        timeout: 20_000,
      })
      .toBe('succeeded');
    let result = await call<SavedResult>('results:get', { id: job!.id });
    // The simulator's turns are short: merge two speakers until one talks alone for 3 s.
    const enough = (r: SavedResult, label: string) => {
      try {
        return chooseClipRanges(r, label).seconds > 0;
      } catch {
        return false;
      }
    };
    const labels = result.speakers.map((s) => s.label);
    let speaker = labels.find((label) => enough(result, label));
    for (const into of labels) {
      for (const from of labels) {
        if (speaker || from === into) continue;
        const edit = { kind: 'merge' as const, from, into };
        if (!enough({ ...result, corrections: addEdit(result.corrections, edit) }, into)) continue;
        result = await call<SavedResult>('results:correct', {
          id: job!.id,
          change: { type: 'edit', edit },
        });
        speaker = into;
      }
    }
    expect(speaker).toBeDefined();

    await call('voices:consent');
    const voice = await call<VoiceView>('voices:remember', {
      jobId: job!.id,
      speaker,
      name: 'Chiara Rossi',
    });
    expect(voice.name).toBe('Chiara Rossi');
    const state = await call<VoicesState>('voices:list');
    expect(state.voices.map((v) => v.id)).toEqual([voice.id]);
    expect(state.consentedAt).toBeDefined();
    const sealed = await readFile(join(dataDir, VOICE_LIBRARY_FILE));
    expect(sealed.includes('Chiara Rossi')).toBe(false);
    expect(sealed.includes('voiceprint')).toBe(false);
    expect(preview.sentToPage.join('\n')).not.toMatch(/"voiceprint"/);

    expect(await call<number>('voices:remove-all')).toBe(1);
    expect((await call<VoicesState>('voices:list')).voices).toEqual([]);
  });
});
