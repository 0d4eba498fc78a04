/** Gives components the one voices store (see voices-store.ts) and a live view of it. */

import { createContext, useContext, useSyncExternalStore } from 'react';
import { api, unwrap } from '../api';
import type { VoicesBackend, VoicesSnapshot, VoicesStore } from './voices-store';

export const VoicesStoreContext = createContext<VoicesStore | null>(null);

/** The store's calls, through the bridge. */
export const bridgeVoices: VoicesBackend = {
  list: () => unwrap(() => api()['voices:list']()),
  consent: () => unwrap(() => api()['voices:consent']()),
  remember: (args) => unwrap(() => api()['voices:remember'](args)),
  cancelRemember: (args) => unwrap(() => api()['voices:cancel-remember'](args)),
  rename: (args) => unwrap(() => api()['voices:rename'](args)),
  remove: (args) => unwrap(() => api()['voices:remove'](args)),
  removeAll: () => unwrap(() => api()['voices:remove-all']()),
};

const EMPTY: VoicesSnapshot = { state: undefined, loadError: undefined, remembering: new Map() };
const noop = () => () => undefined;

/** The store; null outside a provider (a component rendered alone, in a unit test). */
export function useVoicesStore(): VoicesStore | null {
  return useContext(VoicesStoreContext);
}

export function useVoices(): VoicesSnapshot {
  const store = useVoicesStore();
  const read = store?.getSnapshot ?? (() => EMPTY);
  return useSyncExternalStore(store?.subscribe ?? noop, read, read);
}
