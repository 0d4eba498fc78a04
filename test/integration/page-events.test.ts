/**
 * Events raised before the page listens (a damaged job list set aside while the engine opens, a
 * menu command, an update) reach it exactly once, in order, when it calls app:ready.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../src/shared/ipc-contract';
import { PUSH_CHANNEL } from '../../src/shared/ipc-contract';
import { createAppServices } from '../../src/core/app/services';
import { invoke } from '../../src/core/app/invoke';
import { withPageReady } from '../../src/core/app/page-events';
import { MemoryKeyStore, MemorySettingsStore } from '../../src/core/app/memory-stores';
import { PushSender } from '../../src/main/ipc';
import { tempDir } from '../support/engine-harness';
import { CANCELED_DIALOGS, QUIET_DESKTOP } from '../support/app-stubs';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('events before the page is ready', () => {
  it('arrive exactly once after app:ready, in the order they were raised', async () => {
    const work = await tempDir('diarist-page-events-');
    cleanup.push(work.remove);
    const dataDir = join(work.path, 'data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'jobs.json'), 'not json at all');

    // Wired as src/main/index.ts wires them.
    const pushes = new PushSender();
    pushes.push({ type: 'notice', message: 'Your settings file was damaged.' });
    const services = await createAppServices({
      dataDir,
      apiUrl: 'http://127.0.0.1:9',
      version: 'test',
      shell: 'electron',
      keyStore: new MemoryKeyStore(),
      settings: new MemorySettingsStore(),
      dialogs: CANCELED_DIALOGS,
      desktop: QUIET_DESKTOP,
      listener: (event) => pushes.push(event),
    });
    cleanup.push(() => services.close());
    const handlers = withPageReady(services.handlers, pushes);

    const sent: PushEvent[] = [];
    pushes.attach({
      isDestroyed: () => false,
      send: (channel, event) => {
        expect(channel).toBe(PUSH_CHANNEL);
        sent.push(event);
      },
    });
    pushes.push({ type: 'menu', command: 'add-recordings' });
    // The page subscribes, asks for the list, and only then says it is ready.
    expect(await invoke(handlers, 'jobs:list', {}, true)).toEqual({ ok: true, value: [] });
    expect(sent).toEqual([]);

    expect(await invoke(handlers, 'app:ready', {}, true)).toEqual({ ok: true, value: null });
    expect(await invoke(handlers, 'app:ready', {}, true)).toEqual({ ok: true, value: null });
    pushes.push({ type: 'menu', command: 'settings' });

    expect(sent.map((event) => event.type)).toEqual(['notice', 'notice', 'menu', 'menu']);
    expect(sent[0]).toEqual({ type: 'notice', message: 'Your settings file was damaged.' });
    expect(sent[1]).toMatchObject({ type: 'notice', message: expect.stringMatching(/job list/i) });
    expect(sent.slice(2)).toEqual([
      { type: 'menu', command: 'add-recordings' },
      { type: 'menu', command: 'settings' },
    ]);
  });
});
