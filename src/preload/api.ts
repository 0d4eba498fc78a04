/**
 * The Electron preload's transport for `window.diarist` (built by createDiaristApi, bridge.ts):
 * ipcRenderer for operations and pushes, and file drops whose paths are read here. Takes
 * ipcRenderer and webUtils as parameters so it can be tested without Electron.
 */

import type { DiaristApi, PickedFile, PushEvent, Reply } from '../shared/ipc-contract';
import { createDiaristApi, type BridgeTransport } from './bridge';
import { PRELOAD_DROP_CHANNEL, PRELOAD_PUSH_CHANNEL } from './channels';

type PushListener = (event: unknown, data: PushEvent) => void;

/** The part of ipcRenderer the bridge uses. */
export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: PushListener): unknown;
  removeListener(channel: string, listener: PushListener): unknown;
}

export function ipcTransport(
  ipc: IpcLike,
  getPathForFile: (file: File) => string,
): BridgeTransport {
  return {
    invoke: (channel, arg) => ipc.invoke(channel, arg) as Promise<Reply<unknown>>,
    onPush(listener) {
      // The page's listeners only ever see `data`, never the IpcRendererEvent (which would hand
      // the page `sender`, i.e. ipcRenderer itself). Main sends nothing before the page's
      // app:ready, so nothing is held here.
      const forward: PushListener = (_event, data) => listener(data);
      ipc.on(PRELOAD_PUSH_CHANNEL, forward);
      return () => {
        ipc.removeListener(PRELOAD_PUSH_CHANNEL, forward);
      };
    },
    async dropFiles(files) {
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
}

/** `window.diarist` as the Electron preload exposes it. */
export function buildDiaristApi(ipc: IpcLike, getPathForFile: (file: File) => string): DiaristApi {
  return createDiaristApi(ipcTransport(ipc, getPathForFile));
}
