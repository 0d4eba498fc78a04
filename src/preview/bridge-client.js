// Browser-preview stand-in for the Electron preload: defines window.diarist over a loopback
// HTTP bridge guarded by a one-time token. Served only by the preview server; never packaged.
(() => {
  'use strict';
  const params = new URLSearchParams(location.search);
  const token = params.get('token') || sessionStorage.getItem('diarist-preview-token') || '';
  // Keep the token for reloads in this tab, but take it out of the address bar.
  sessionStorage.setItem('diarist-preview-token', token);
  if (params.has('token')) history.replaceState(null, '', location.pathname);

  const listeners = new Set();
  const events = new EventSource(`/__preview/events?token=${encodeURIComponent(token)}`);
  // Calls wait for the event stream, so app:ready never reaches the server before it can push.
  const connected = new Promise((resolve) => {
    events.addEventListener('open', resolve, { once: true });
    events.addEventListener('error', resolve, { once: true });
  });
  events.onmessage = (message) => {
    const event = JSON.parse(message.data);
    for (const listener of listeners) listener(event);
  };

  const invoke = async (channel, args) => {
    await connected;
    try {
      const response = await fetch(`/__preview/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Diarist-Token': token },
        body: JSON.stringify(args === undefined ? {} : args),
      });
      return await response.json();
    } catch {
      return { ok: false, error: { code: 'network', message: 'The preview server stopped.' } };
    }
  };

  const api = { onPush: (listener) => (listeners.add(listener), () => listeners.delete(listener)) };
  // Drops carry no paths in a browser; the preview accepts picks from its folder instead.
  api.dropFiles = async () => ({ ok: true, value: [] });
  // The server writes the contract's channel list here when it serves this file.
  for (const channel of /* CHANNELS */ []) api[channel] = (args) => invoke(channel, args);
  window.diarist = Object.freeze(api);
})();
