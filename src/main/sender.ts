/** Tells whether an IPC message comes from our own page: the main frame, at our own origin. */

export interface SenderFrame {
  url: string;
  /** Null or absent for a main frame; any subframe (an injected iframe) is refused. */
  parent?: unknown;
}

export function isTrustedSender(
  frame: SenderFrame | null | undefined,
  expectedOrigin: string,
): boolean {
  try {
    if (!frame || (frame.parent !== null && frame.parent !== undefined)) return false;
    const url = new URL(frame.url);
    if (url.username || url.password) return false;
    // Compared by scheme and host: URL.origin is "null" for custom schemes under Node.
    return `${url.protocol}//${url.host}` === expectedOrigin;
  } catch {
    // A frame that navigated away or was destroyed throws when read: not ours any more.
    return false;
  }
}
