/**
 * The `voices:*` operations of the IPC contract, over the voice library and "Remember this voice".
 * One remember runs at a time for a job and speaker; its progress goes out as `voice-progress`.
 */

import type { PushEvent } from '../../shared/ipc-contract';
import type { Handlers } from '../app/invoke';
import type { VoiceLibrary } from './library';
import type { VoiceView } from '../../shared/voices';

type VoiceChannel =
  | 'voices:list'
  | 'voices:consent'
  | 'voices:remember'
  | 'voices:cancel-remember'
  | 'voices:rename'
  | 'voices:remove'
  | 'voices:remove-all';

export type VoiceHandlers = Pick<Handlers, VoiceChannel>;

export interface RememberRequest {
  jobId: string;
  speaker: string;
  name: string;
  signal: AbortSignal;
  push: (event: PushEvent) => void;
}

export interface VoiceServiceOptions {
  library: VoiceLibrary;
  push: (event: PushEvent) => void;
  /** Cuts, sends and prints the speaker's voice, then adds it to the library. */
  remember: (request: RememberRequest) => Promise<VoiceView>;
}

export interface VoiceService {
  handlers: VoiceHandlers;
  /** Stops every remember under way (the app is closing). */
  cancelAll(): void;
}

export function createVoiceService(options: VoiceServiceOptions): VoiceService {
  const { library } = options;
  /** The remembers under way, by job and speaker. */
  const running = new Map<string, { controller: AbortController; done: Promise<VoiceView> }>();
  const keyOf = (jobId: string, speaker: string) => `${jobId}\u0000${speaker}`;

  const handlers: VoiceHandlers = {
    'voices:list': () => library.state(),
    'voices:consent': () => library.consent(),
    'voices:remember': ({ jobId, speaker, name }) => {
      const key = keyOf(jobId, speaker);
      // A second click while one runs waits for the same answer instead of paying twice.
      const under = running.get(key);
      if (under) return under.done;
      const controller = new AbortController();
      const done = options
        .remember({ jobId, speaker, name, signal: controller.signal, push: options.push })
        .finally(() => {
          if (running.get(key)?.controller === controller) running.delete(key);
        });
      running.set(key, { controller, done });
      return done;
    },
    'voices:cancel-remember': async ({ jobId, speaker }) => {
      const under = running.get(keyOf(jobId, speaker));
      if (!under) return false;
      under.controller.abort();
      await under.done.catch(() => undefined);
      return true;
    },
    'voices:rename': ({ id, name }) => library.rename(id, name),
    'voices:remove': ({ id }) => library.remove(id),
    'voices:remove-all': () => library.removeAll(),
  };

  return {
    handlers,
    cancelAll() {
      for (const { controller } of running.values()) controller.abort();
    },
  };
}
