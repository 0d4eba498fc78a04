/**
 * The browser preview's transport for `window.diarist`: operations as token-guarded POSTs to the
 * preview server, pushes over its event stream. Drops carry no paths in a browser, so there is
 * no dropFiles (the preview's picks come from its folder instead).
 */

import type { BridgeTransport } from '../../preload/bridge';
import type { PushEvent, Reply } from '../../shared/ipc-contract';

/** The parts of fetch and EventSource the transport uses (the page's own, or a test's). */
export interface PreviewTransportDeps {
  token: string;
  fetch(
    url: string,
    init: { method: 'POST'; headers: Record<string, string>; body: string },
  ): Promise<{ json(): Promise<unknown> }>;
  openEvents(url: string): EventsLike;
}
export interface EventsLike {
  addEventListener(type: 'open' | 'error', listener: () => void, options?: { once: boolean }): void;
  addEventListener(type: 'message', listener: (message: { data: string }) => void): void;
}

export function previewTransport(deps: PreviewTransportDeps): BridgeTransport {
  const events = deps.openEvents(`/__preview/events?token=${encodeURIComponent(deps.token)}`);
  // Calls wait for the event stream, so app:ready never reaches the server before it can push.
  const connected = new Promise<void>((resolve) => {
    events.addEventListener('open', () => resolve(), { once: true });
    events.addEventListener('error', () => resolve(), { once: true });
  });
  const listeners = new Set<(event: PushEvent) => void>();
  events.addEventListener('message', (message) => {
    const event = JSON.parse(message.data) as PushEvent;
    for (const listener of listeners) listener(event);
  });
  return {
    async invoke(channel, arg) {
      await connected;
      try {
        const response = await deps.fetch(`/__preview/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Diarist-Token': deps.token },
          body: JSON.stringify(arg === undefined ? {} : arg),
        });
        return (await response.json()) as Reply<unknown>;
      } catch {
        return { ok: false, error: { code: 'network', message: 'The preview server stopped.' } };
      }
    },
    onPush(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
