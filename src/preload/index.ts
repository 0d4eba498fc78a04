/** The only bridge between the page and the app: exposes `window.diarist` and nothing else. */

import { contextBridge } from 'electron';

// Operations are added here from the shared IPC contract as the desktop app grows (issue 4).
contextBridge.exposeInMainWorld('diarist', Object.freeze({ bridge: 'electron' }));
