/** The system's proxy for a URL (settings, WPAD, PAC scripts), as Chromium resolves it. */

import { session } from 'electron';
import type { ResolveProxy } from '../core/network/proxy-route';

/** Call after the app is ready: answers like "DIRECT" or "PROXY host:port; DIRECT". */
export const resolveSystemProxy: ResolveProxy = (url) => session.defaultSession.resolveProxy(url);
