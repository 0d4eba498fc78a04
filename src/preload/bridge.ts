/**
 * The one builder of `window.diarist`: one function per operation of the contract, a push
 * subscription that hands the page plain data only, and file drops, over whatever carries them.
 * The Electron preload passes ipcRenderer (api.ts); the browser preview passes its loopback
 * bridge (src/preview/browser), so the browser tests exercise the same object the app ships.
 *
 * Sandboxed preloads may load no module but electron: this file and channels.ts import types
 * only from the contract (which pulls in zod), and the channel names as plain data.
 */

import type { Channel, DiaristApi, PickedFile, PushEvent, Reply } from '../shared/ipc-contract';
import { PRELOAD_CHANNELS } from './channels';

/** What carries calls and pushes between the page and the app. */
export interface BridgeTransport {
  /** Sends one operation and answers main's Reply. */
  invoke(channel: Channel, arg: unknown): Promise<Reply<unknown>>;
  /** Subscribes to pushed events (plain data); returns the function that unsubscribes. */
  onPush(listener: (event: PushEvent) => void): () => void;
  /** Reads dropped files' paths and sends them; without it (a browser), drops add nothing. */
  dropFiles?(files: File[]): Promise<Reply<PickedFile[]>>;
}

export function createDiaristApi(transport: BridgeTransport): DiaristApi {
  const listeners = new Set<(event: PushEvent) => void>();
  // One subscription for the page's lifetime, shared by the page's listeners.
  transport.onPush((event) => {
    for (const listener of listeners) listener(event);
  });

  const operations = Object.fromEntries(
    PRELOAD_CHANNELS.map((channel) => [
      channel,
      (args?: unknown) => transport.invoke(channel, args),
    ]),
  );

  const api = {
    ...operations,
    onPush(listener: (event: PushEvent) => void) {
      if (typeof listener !== 'function') throw new TypeError('onPush needs a function');
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async dropFiles(files: File[]): Promise<Reply<PickedFile[]>> {
      if (!transport.dropFiles) return { ok: true, value: [] };
      return transport.dropFiles(files);
    },
  };
  return Object.freeze(api) as unknown as DiaristApi;
}
