/**
 * Light or dark. The colours are light-dark() pairs (styles.css) that follow the computer; a
 * choice in Settings fixes one through `data-theme` on the page's root, at once. In Electron main
 * also sets nativeTheme, so the window frame and native dialogs match.
 */

import type { Appearance } from '../shared/settings';

export function applyAppearance(choice: Appearance): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

/** Calls `changed` whenever the colours may have changed: the computer's setting or the choice. */
export function watchColourScheme(changed: () => void): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', changed);
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    media.removeEventListener('change', changed);
    observer.disconnect();
  };
}
