/**
 * The preview page's stand-in for the Electron preload: `window.diarist` from the preload's own
 * builder over the loopback bridge. Built by `node scripts/build.mjs preview` into
 * dist/preview/bridge.js, served only by the preview server, never packaged.
 */

import { createDiaristApi } from '../../preload/bridge';
import { previewTransport } from './transport';

const params = new URLSearchParams(location.search);
const token = params.get('token') || sessionStorage.getItem('diarist-preview-token') || '';
// Keep the token for reloads in this tab, but take it out of the address bar.
sessionStorage.setItem('diarist-preview-token', token);
if (params.has('token')) {
  // Only the token leaves the address: the browser tests' ?lang= stays for the page to read.
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', rest ? `${location.pathname}?${rest}` : location.pathname);
}

Object.defineProperty(window, 'diarist', {
  value: createDiaristApi(
    previewTransport({
      token,
      fetch: (url, init) => fetch(url, init),
      openEvents: (url) => new EventSource(url),
    }),
  ),
  // As contextBridge's: the page cannot replace or remove it.
  writable: false,
  configurable: false,
  enumerable: true,
});
