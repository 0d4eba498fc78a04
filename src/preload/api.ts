/**
 * Builds `window.diarist` from the contract: one function per operation, a push subscription
 * that hands the page plain data only, and file drops. Takes ipcRenderer and webUtils as
 * parameters so it can be tested without Electron.
 */

import type { Channel, DiaristApi, PickedFile, PushEvent, Reply } from '../shared/ipc-contract';
import { PRELOAD_CHANNELS, PRELOAD_DROP_CHANNEL, PRELOAD_PUSH_CHANNEL } from './channels';

type PushListener = (event: unknown, data: PushEvent) => void;

/** The part of ipcRenderer the bridge uses. */
export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: PushListener): unknown;
  removeListener(channel: string, listener: PushListener): unknown;
}

export function buildDiaristApi(ipc: IpcLike, getPathForFile: (file: File) => string): DiaristApi {
  const listeners = new Set<(event: PushEvent) => void>();
  // One IPC listener for the page's lifetime; the page's listeners only ever see `data`, never
  // the IpcRendererEvent (which would hand the page `sender`, i.e. ipcRenderer itself). Main
  // sends nothing before the page's app:ready, so there is nothing to hold here.
  ipc.on(PRELOAD_PUSH_CHANNEL, (_event, data) => {
    for (const listener of listeners) listener(data);
  });

  const operations = Object.fromEntries(
    PRELOAD_CHANNELS.map((channel: Channel) => [
      channel,
      (args?: unknown) => ipc.invoke(channel, args),
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
    async dropFiles(files: File[]) {
      const paths: string[] = [];
      for (const file of Array.from(files ?? [])) {
        let path = '';
        try {
          path = getPathForFile(file);
        } catch {
          // Not a File from a drop (the page may pass anything): skipped, main never sees it.
        }
        if (path) paths.push(path);
      }
      // The only sender on this channel: the page can hand over File objects, never paths.
      return ipc.invoke(PRELOAD_DROP_CHANNEL, { paths }) as Promise<Reply<PickedFile[]>>;
    },
  };
  return Object.freeze(api) as unknown as DiaristApi;
}
