/** The only bridge between the page and the app: exposes `window.diarist` and nothing else. */

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildDiaristApi } from './api';

contextBridge.exposeInMainWorld(
  'diarist',
  buildDiaristApi(ipcRenderer, (file) => webUtils.getPathForFile(file)),
);
