/** Applies the navigation rules to every web contents the app creates: no navigation, no windows, no webviews. */

import type { WebContents } from 'electron';
import { decideNavigation, decideWindowOpen } from './navigation';

export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** @param openExternal opens an allow-listed URL in the person's browser. */
export function hardenWebContents(
  contents: HardenableContents,
  openExternal: (url: string) => void,
): void {
  contents.on('will-frame-navigate', (details) => {
    details.preventDefault();
    const decision = decideNavigation(details.url);
    // Subframes are refused silently: only a link the person clicked in the page itself opens.
    if (details.isMainFrame && decision.openExternally) openExternal(decision.openExternally);
  });
  // Also on the older main-frame event, so a navigation is refused even if one is skipped.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) openExternal(decision.openExternally);
    return { action: 'deny' };
  });
}
