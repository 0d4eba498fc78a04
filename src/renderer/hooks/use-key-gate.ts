/**
 * What needs pyannoteAI (Start, Retry) asks for the key first when none is set: the main window
 * works without one (saved results open, export and rename), and only sending says it needs it.
 */

import { createContext, useContext } from 'react';

/** Runs `action` at once when a key is set; otherwise asks for the key, then runs it. */
export type WithKey = (action: () => void) => void;

export const KeyGateContext = createContext<WithKey>((action) => action());

export function useWithKey(): WithKey {
  return useContext(KeyGateContext);
}
