/**
 * The app's services start without waiting for the keychain: reading the saved key may mean an
 * unlock prompt, and the window has to be on screen before one can appear.
 */

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAppServices,
  handlersOnceReady,
  type AppServices,
} from '../../src/core/app/services';
import { MemoryKeyStore, MemorySettingsStore } from '../../src/core/app/memory-stores';
import { tempDir } from '../support/engine-harness';
import { CANCELED_DIALOGS, QUIET_DESKTOP } from '../support/app-stubs';

/** A key store whose keychain answers only when `unlock()` is called. */
class LockedKeyStore extends MemoryKeyStore {
  private unlocked!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.unlocked = resolve));
  reads = 0;
  unlock() {
    this.unlocked();
  }
  override async get() {
    this.reads++;
    await this.gate;
    return super.get();
  }
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('app services at start', () => {
  it('are ready while the keychain has not answered, and learn the key once it does', async () => {
    const work = await tempDir('diarist-start-');
    cleanup.push(work.remove);
    const keyStore = new LockedKeyStore();
    await keyStore.set('sk_saved_key_abcdefgh1234');
    const knownSecrets: string[] = [];
    const starting = createAppServices({
      dataDir: join(work.path, 'data'),
      apiUrl: 'http://127.0.0.1:9',
      version: 'test',
      shell: 'preview',
      keyStore,
      knownSecrets,
      settings: new MemorySettingsStore(),
      dialogs: CANCELED_DIALOGS,
      desktop: QUIET_DESKTOP,
    });
    const timeout = new Promise<'waiting for the keychain'>((resolve) =>
      setTimeout(() => resolve('waiting for the keychain'), 2_000),
    );
    const services = (await Promise.race([starting, timeout])) as AppServices | string;
    expect(services).not.toBe('waiting for the keychain');
    const running = services as AppServices;
    cleanup.push(() => running.close());
    expect(knownSecrets).toEqual([]);
    keyStore.unlock();
    await expect.poll(() => knownSecrets).toEqual(['sk_saved_key_abcdefgh1234']);
  });

  it("answers the page's first calls once the services have opened, not before and not never", async () => {
    let open!: (services: AppServices) => void;
    const ready = new Promise<AppServices>((resolve) => (open = resolve));
    const handlers = handlersOnceReady(ready);
    let answered = false;
    const info = handlers['app:info']({}).then((value) => {
      answered = true;
      return value;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    const value = { version: 'test', apiUrl: 'http://127.0.0.1:9', shell: 'electron' as const };
    open({ handlers: { 'app:info': async () => value } } as unknown as AppServices);
    await expect(info).resolves.toEqual(value);
  });
});
