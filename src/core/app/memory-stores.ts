/** In-memory key and JSON-file settings stores, for the browser preview and tests. */

import type { KeyReasonKey, KeyStatus } from '../../shared/ipc-contract';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings';
import type { KeyStore, SettingsStore } from './ports';

export function last4(key: string): string {
  return key.slice(-4);
}

/** Keeps the key for this session only (the preview never writes it anywhere). */
export class MemoryKeyStore implements KeyStore {
  private key: string | undefined;
  constructor(
    private readonly reason?: string,
    private readonly reasonKey?: KeyReasonKey,
  ) {}

  async status(): Promise<KeyStatus> {
    if (!this.key) return { state: 'missing' };
    return {
      state: 'session-only',
      last4: last4(this.key),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.reasonKey ? { reasonKey: this.reasonKey } : {}),
    };
  }
  async get(): Promise<string | undefined> {
    return this.key;
  }
  async set(key: string): Promise<KeyStatus> {
    this.key = key;
    return this.status();
  }
  async clear(): Promise<KeyStatus> {
    this.key = undefined;
    return this.status();
  }
}

export class MemorySettingsStore implements SettingsStore {
  private value: Settings;
  constructor(initial: Settings = DEFAULT_SETTINGS) {
    this.value = structuredClone(initial);
  }
  get(): Settings {
    return structuredClone(this.value);
  }
  update(patch: Partial<Settings>): Settings {
    this.value = settingsSchema.parse({ ...this.value, ...patch });
    return this.get();
  }
}
