/** Decides where the page may go: nowhere inside the app, and only to pyannoteAI's sites outside it. */

import { PYANNOTE_LINKS } from '../shared/ipc-contract';

/**
 * Sites the person may be sent to, in their own browser: exactly the hosts of the one link table
 * (PYANNOTE_LINKS), so a link and its permission cannot drift apart.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set(
  Object.values(PYANNOTE_LINKS).map((url) => new URL(url).hostname),
);

export interface NavigationDecision {
  action: 'deny';
  /** Set when the URL may be opened in the person's browser instead. */
  openExternally?: string;
}

/**
 * The URL to hand to the browser, or undefined. Parsed with the WHATWG parser (the one Chromium
 * uses), so `https://dashboard.pyannote.ai@evil.com` is read as host evil.com and refused.
 */
export function allowedExternalUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  if (parsed.username || parsed.password || parsed.port) return undefined;
  if (!EXTERNAL_HOSTS.has(parsed.hostname)) return undefined;
  return parsed.href;
}

/** The page never navigates away from itself; a link to an allowed site opens in the browser. */
export function decideNavigation(url: string): NavigationDecision {
  return decideWindowOpen(url);
}

/** No new windows ever; an allowed site opens in the browser instead. */
export function decideWindowOpen(url: string): NavigationDecision {
  const external = allowedExternalUrl(url);
  return external ? { action: 'deny', openExternally: external } : { action: 'deny' };
}
