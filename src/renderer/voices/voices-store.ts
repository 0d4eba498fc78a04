/**
 * The page's one copy of the voice library (names, never voiceprints) and of every "Remember this
 * voice" under way, shared by the Voices page, the result view and the batch options. A remember
 * keeps running in main while the person looks elsewhere, so its step and outcome live here, not
 * in the component that started it.
 */

import type { VoicesState } from '../../shared/ipc-contract';
import type { RememberPhase, VoiceView } from '../../shared/voices';

/** Where one speaker's "Remember this voice" is. */
export type RememberState =
  | { step: 'running'; phase: RememberPhase | undefined; fraction?: number }
  | { step: 'done'; voice: VoiceView }
  | { step: 'canceled' }
  | { step: 'failed'; error: unknown };

export interface VoicesSnapshot {
  /** Undefined until the first `voices:list` answer. */
  readonly state: VoicesState | undefined;
  /** Why the library could not be read, when it could not. */
  readonly loadError: unknown;
  /** By `rememberKey(jobId, speaker)`. */
  readonly remembering: ReadonlyMap<string, RememberState>;
}

export const rememberKey = (jobId: string, speaker: string) => `${jobId}\u0000${speaker}`;

/** The operations the store calls; `api()` in the page, a stand-in in unit tests. */
export interface VoicesBackend {
  list(): Promise<VoicesState>;
  consent(): Promise<VoicesState>;
  remember(args: { jobId: string; speaker: string; name: string }): Promise<VoiceView>;
  cancelRemember(args: { jobId: string; speaker: string }): Promise<boolean>;
  rename(args: { id: string; name: string }): Promise<VoiceView>;
  remove(args: { id: string }): Promise<boolean>;
  removeAll(): Promise<number>;
}

export class VoicesStore {
  private snapshot: VoicesSnapshot = {
    state: undefined,
    loadError: undefined,
    remembering: new Map(),
  };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly backend: VoicesBackend) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): VoicesSnapshot => this.snapshot;

  private set(patch: Partial<VoicesSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  private setVoices(voices: VoiceView[]): void {
    const state = this.snapshot.state;
    if (state) this.set({ state: { ...state, voices } });
  }

  private setRemembering(key: string, value: RememberState | undefined): void {
    const remembering = new Map(this.snapshot.remembering);
    if (value) remembering.set(key, value);
    else remembering.delete(key);
    this.set({ remembering });
  }

  /** Reads the library again (at start, and when the Voices page opens). */
  async load(): Promise<void> {
    try {
      this.set({ state: await this.backend.list(), loadError: undefined });
    } catch (error) {
      this.set({ loadError: error });
    }
  }

  /** The person agreed to the terms; throws when main could not keep that. */
  async consent(): Promise<void> {
    this.set({ state: await this.backend.consent() });
  }

  /** Starts "Remember this voice"; its steps arrive through `progress`, its outcome here. */
  async remember(jobId: string, speaker: string, name: string): Promise<void> {
    const key = rememberKey(jobId, speaker);
    if (this.snapshot.remembering.get(key)?.step === 'running') return;
    this.setRemembering(key, { step: 'running', phase: undefined });
    try {
      const voice = await this.backend.remember({ jobId, speaker, name });
      const voices = this.snapshot.state?.voices ?? [];
      this.setVoices([...voices.filter((v) => v.id !== voice.id), voice]);
      this.setRemembering(key, { step: 'done', voice });
    } catch (error) {
      // A cancel the person asked for ends in an error from main: it is said as canceled.
      const canceled = this.snapshot.remembering.get(key)?.step === 'canceled';
      this.setRemembering(key, canceled ? { step: 'canceled' } : { step: 'failed', error });
    }
  }

  /** A `voice-progress` push. */
  progress(jobId: string, speaker: string, phase: RememberPhase, fraction?: number): void {
    const key = rememberKey(jobId, speaker);
    if (this.snapshot.remembering.get(key)?.step !== 'running') return;
    this.setRemembering(key, {
      step: 'running',
      phase,
      ...(fraction !== undefined ? { fraction } : {}),
    });
  }

  async cancelRemember(jobId: string, speaker: string): Promise<void> {
    const key = rememberKey(jobId, speaker);
    if (this.snapshot.remembering.get(key)?.step !== 'running') return;
    this.setRemembering(key, { step: 'canceled' });
    await this.backend.cancelRemember({ jobId, speaker }).catch(() => false);
  }

  /** Forgets how a remember ended (the person closed its message). */
  dismissRemember(jobId: string, speaker: string): void {
    const key = rememberKey(jobId, speaker);
    if (this.snapshot.remembering.get(key)?.step !== 'running') this.setRemembering(key, undefined);
  }

  async rename(id: string, name: string): Promise<VoiceView> {
    const voice = await this.backend.rename({ id, name });
    const voices = this.snapshot.state?.voices ?? [];
    this.setVoices(voices.map((v) => (v.id === id ? voice : v)));
    return voice;
  }

  async remove(id: string): Promise<void> {
    await this.backend.remove({ id });
    this.setVoices((this.snapshot.state?.voices ?? []).filter((v) => v.id !== id));
  }

  async removeAll(): Promise<number> {
    const count = await this.backend.removeAll();
    this.setVoices([]);
    return count;
  }
}

/** The voice remembered from this job's speaker, if one is in the library. */
export function voiceFrom(
  voices: readonly VoiceView[] | undefined,
  jobId: string,
  speaker: string,
): VoiceView | undefined {
  return voices?.find((voice) => voice.fromJobId === jobId && voice.fromSpeaker === speaker);
}
