/**
 * Tells the person when a newer Diarist is out: at most once a day, when the setting allows,
 * through electron-updater's generic feed. Never downloads or installs anything.
 */

import { app } from 'electron';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isCheckDue,
  parseCheckState,
  preferredDownloads,
  resolveFeedUrl,
  updateOffer,
  type LatestRelease,
  type UpdateCheckState,
} from './updates-policy';
import { writePrivateFileAtomic } from '../core/storage/files';
import type { Words } from '../core/app/words';
import { updateNotification } from './words';

export interface UpdateChecksOptions {
  dataDir: string;
  /** DIARIST_UPDATE_FEED, only where the build honours it (build-kind.ts); else undefined. */
  feedOverride: string | undefined;
  /** The person's "check for updates" setting, read at each look. */
  isEnabled(): boolean;
  /** A notice in the window. */
  notice(offer: { version: string; downloadUrl: string; message: string }): void;
  /** A desktop notification. */
  notify(title: string, body: string): void;
  /** The words in the person's language at the time of the notification. */
  words(): Words;
}

/** After startup has settled; then the policy is asked every hour (it allows one look a day). */
const FIRST_LOOK_AFTER_MS = 30_000;
const ASK_EVERY_MS = 60 * 60 * 1000;

/** Starts the checks; returns the function that stops them. No feed configured: no checks. */
export function startUpdateChecks(options: UpdateChecksOptions): () => void {
  const feedUrl = resolveFeedUrl({
    env: options.feedOverride,
    appUpdateYml: readAppUpdateConfig(),
  });
  if (!feedUrl) return () => undefined;
  const stateFile = join(options.dataDir, 'update-check.json');
  const save = (state: UpdateCheckState) =>
    writePrivateFileAtomic(stateFile, JSON.stringify(state));
  let looking = false;

  const look = async () => {
    if (looking) return;
    looking = true;
    try {
      const state = parseCheckState(await readFile(stateFile, 'utf8').catch(() => undefined));
      const now = Date.now();
      if (!isCheckDue({ enabled: options.isEnabled(), now, state })) return;
      // Recorded before asking, so a feed that cannot be reached is tried tomorrow, not hourly.
      const checked = { ...state, lastCheckedAt: now };
      await save(checked);
      const latest = await fetchLatestRelease(feedUrl);
      if (!latest) return;
      const offer = updateOffer({
        currentVersion: app.getVersion(),
        latest,
        feedUrl,
        preferred: preferredDownloads(process.platform, process.arch, !!process.env.APPIMAGE),
        state,
      });
      if (!offer) return;
      options.notice(offer);
      if (offer.notifyDesktop) {
        const { title, body } = updateNotification(options.words(), offer.version);
        options.notify(title, body);
        await save({ ...checked, lastNotifiedVersion: offer.version });
      }
    } catch {
      // Offline, or the feed is down: nothing to tell; the next look is tomorrow.
    } finally {
      looking = false;
    }
  };

  const first = setTimeout(() => void look(), FIRST_LOOK_AFTER_MS);
  const every = setInterval(() => void look(), ASK_EVERY_MS);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}

/** electron-builder writes the `publish` setting here (absent when none was given). */
function readAppUpdateConfig(): string | undefined {
  if (!app.isPackaged) return undefined;
  try {
    return readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return undefined;
  }
}

/** Asks the feed for its latest-*.yml; only reads, since autoDownload is off. */
async function fetchLatestRelease(feedUrl: string): Promise<LatestRelease | undefined> {
  // Loaded on the first look only, and never when no feed is configured.
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.logger = null;
  // Development runs look only when DIARIST_UPDATE_FEED names a feed (app-update.yml is absent).
  autoUpdater.forceDevUpdateConfig = !app.isPackaged;
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
  const result = await autoUpdater.checkForUpdates();
  return result?.updateInfo;
}
