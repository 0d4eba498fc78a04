/**
 * When Diarist looks for a newer release and what it then tells the person: plain decisions over
 * plain data, so they are tested without Electron (updates.ts does the looking).
 */

import { NOTICE_ENGLISH } from '../core/notices';

/** At most one look a day. */
export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

/** Kept in the data folder between runs. */
export interface UpdateCheckState {
  /** When the last look started (ms since the epoch), whether or not it reached the feed. */
  lastCheckedAt?: number;
  /** The newest version the person was shown a desktop notification for. */
  lastNotifiedVersion?: string;
}

export function parseCheckState(text: string | undefined): UpdateCheckState {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const state: UpdateCheckState = {};
    if (typeof value.lastCheckedAt === 'number' && Number.isFinite(value.lastCheckedAt)) {
      state.lastCheckedAt = value.lastCheckedAt;
    }
    if (typeof value.lastNotifiedVersion === 'string') {
      state.lastNotifiedVersion = value.lastNotifiedVersion;
    }
    return state;
  } catch {
    // A damaged file only means one extra look.
    return {};
  }
}

export function isCheckDue(input: {
  enabled: boolean;
  now: number;
  state: UpdateCheckState;
}): boolean {
  if (!input.enabled) return false;
  const last = input.state.lastCheckedAt;
  if (last === undefined) return true;
  // A clock set back would otherwise keep the next look away for as long as it was off.
  if (last > input.now) return true;
  return input.now - last >= CHECK_EVERY_MS;
}

/**
 * Where releases are published (electron-updater's generic provider): DIARIST_UPDATE_FEED when
 * set, else the `publish` setting electron-builder wrote into app-update.yml. Only https, or
 * http to this machine (tests); anything else means no checks at all.
 */
export function resolveFeedUrl(input: {
  env?: string | undefined;
  appUpdateYml?: string | undefined;
}): string | undefined {
  const fromEnv = input.env?.trim();
  if (fromEnv) return usableFeedUrl(fromEnv);
  if (!input.appUpdateYml) return undefined;
  const field = (name: string) =>
    new RegExp(`^${name}:[ \\t]*(.*?)[ \\t]*$`, 'm')
      .exec(input.appUpdateYml ?? '')?.[1]
      ?.replace(/^(['"])(.*)\1$/, '$2');
  if (field('provider') !== 'generic') return undefined;
  const url = field('url');
  return url ? usableFeedUrl(url) : undefined;
}

function usableFeedUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return undefined;
  if (url.username || url.password) return undefined;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

interface ParsedVersion {
  core: [number, number, number];
  pre: string[];
}

function parseVersion(text: string): ParsedVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
    text.trim(),
  );
  if (!match) return undefined;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    pre: match[4] ? match[4].split('.') : [],
  };
}

/** Semantic-version order: negative when a is older than b. */
function compare(a: ParsedVersion, b: ParsedVersion): number {
  const coreOrder = a.core.map((part, i) => part - (b.core[i] ?? 0)).find((diff) => diff !== 0);
  if (coreOrder !== undefined) return coreOrder;
  // A release is newer than its own pre-releases.
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const [x, y] = [a.pre[i], b.pre[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const [xNumeric, yNumeric] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (xNumeric && yNumeric && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Whether `candidate` is a release this person should hear about: newer than what they run, and
 * not a pre-release unless they already run one. Anything unreadable is not.
 */
export function isNewerVersion(current: string, candidate: string): boolean {
  const [now, next] = [parseVersion(current), parseVersion(candidate)];
  if (!now || !next) return false;
  if (next.pre.length > 0 && now.pre.length === 0) return false;
  return compare(next, now) > 0;
}

/** File name endings of the download that suits this computer, best first. */
export function preferredDownloads(platform: string, arch: string, isAppImage: boolean): string[] {
  if (platform === 'win32') return ['.exe'];
  if (platform === 'darwin') return [`-${arch}.dmg`, '.dmg'];
  return isAppImage ? ['.AppImage'] : ['.deb', '.AppImage'];
}

/** What the feed says the newest release is (electron-updater's UpdateInfo, the part used). */
export interface LatestRelease {
  version: string;
  files: { url: string }[];
  path?: string;
}

export interface UpdateOffer {
  version: string;
  downloadUrl: string;
  /** For the window: what is new and where to get it. */
  message: string;
  /** A desktop notification too: only the first time this version is found. */
  notifyDesktop: boolean;
}

export function updateOffer(input: {
  currentVersion: string;
  latest: LatestRelease;
  feedUrl: string;
  preferred: string[];
  state: UpdateCheckState;
}): UpdateOffer | undefined {
  const { latest } = input;
  if (!isNewerVersion(input.currentVersion, latest.version)) return undefined;
  const names = latest.files.map((file) => file.url);
  const chosen =
    input.preferred.map((ending) => names.find((name) => name.endsWith(ending))).find(Boolean) ??
    names[0] ??
    latest.path;
  const downloadUrl = downloadAddress(chosen, input.feedUrl);
  return {
    version: latest.version,
    downloadUrl,
    message: NOTICE_ENGLISH['notices.updateAvailable']({
      version: latest.version,
      url: downloadUrl,
    }),
    notifyDesktop: input.state.lastNotifiedVersion !== latest.version,
  };
}

/**
 * The file's address next to the feed. Only on the feed's own server: the person is sent nowhere
 * the maintainers did not choose, whatever the feed file says. Else the feed folder itself.
 */
function downloadAddress(file: string | undefined, feedUrl: string): string {
  if (!file) return feedUrl;
  try {
    const url = new URL(file, feedUrl);
    return url.origin === new URL(feedUrl).origin ? url.href : feedUrl;
  } catch {
    return feedUrl;
  }
}
