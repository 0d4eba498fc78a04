/** When Diarist looks for a newer release, and what it tells the person when there is one. */

import { describe, expect, it } from 'vitest';
import {
  CHECK_EVERY_MS,
  isCheckDue,
  isNewerVersion,
  parseCheckState,
  preferredDownloads,
  resolveFeedUrl,
  updateOffer,
  type LatestRelease,
} from '../../../src/main/updates-policy';

const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 24, 12);

describe('how often Diarist looks', () => {
  it('looks the first time', () => {
    expect(isCheckDue({ enabled: true, now: NOW, state: {} })).toBe(true);
  });

  it('looks at most once a day', () => {
    const state = { lastCheckedAt: NOW - 23 * HOUR };
    expect(isCheckDue({ enabled: true, now: NOW, state })).toBe(false);
    expect(isCheckDue({ enabled: true, now: NOW + HOUR, state })).toBe(true);
    expect(CHECK_EVERY_MS).toBe(24 * HOUR);
  });

  it('never looks when the person turned checks off', () => {
    expect(isCheckDue({ enabled: false, now: NOW, state: {} })).toBe(false);
    expect(isCheckDue({ enabled: false, now: NOW, state: { lastCheckedAt: 0 } })).toBe(false);
  });

  it('is not held back by a clock that was set back', () => {
    expect(
      isCheckDue({ enabled: true, now: NOW, state: { lastCheckedAt: NOW + 30 * 24 * HOUR } }),
    ).toBe(true);
  });

  it('remembers the last look across runs, and survives a damaged record', () => {
    const text = JSON.stringify({ lastCheckedAt: NOW, lastNotifiedVersion: '0.2.0' });
    expect(parseCheckState(text)).toEqual({ lastCheckedAt: NOW, lastNotifiedVersion: '0.2.0' });
    expect(parseCheckState('{"lastCheckedAt": "yesterday"}')).toEqual({});
    expect(parseCheckState('{not json')).toEqual({});
    expect(parseCheckState(undefined)).toEqual({});
  });
});

describe('which versions count as newer', () => {
  it.each([
    ['0.1.0', '0.2.0', true],
    ['0.1.0', '0.1.1', true],
    ['0.9.9', '1.0.0', true],
    ['0.10.0', '0.9.0', false],
    ['0.2.0', '0.2.0', false],
    ['0.2.0', '0.1.9', false],
    ['1.0.0-beta.1', '1.0.0', true],
    ['1.0.0-beta.2', '1.0.0-beta.10', true],
    ['1.0.0-beta.2', '1.0.0-beta.1', false],
    ['1.0.0-alpha', '1.0.0-beta', true],
    ['0.1.0', 'v0.2.0', true],
    ['0.1.0', '0.2.0+build.5', true],
  ])('%s → %s: %s', (current, candidate, newer) => {
    expect(isNewerVersion(current, candidate)).toBe(newer);
  });

  it('offers no pre-release to someone running a release', () => {
    expect(isNewerVersion('0.1.0', '0.2.0-beta.1')).toBe(false);
  });

  it('treats anything unreadable as not newer', () => {
    expect(isNewerVersion('0.1.0', 'latest')).toBe(false);
    expect(isNewerVersion('0.1.0', '')).toBe(false);
    expect(isNewerVersion('dev', '9.9.9')).toBe(false);
  });
});

describe('the feed', () => {
  it('comes from DIARIST_UPDATE_FEED first, then from the publish setting in app-update.yml', () => {
    const yml =
      'provider: generic\nurl: https://downloads.example.org/diarist\nupdaterCacheDirName: diarist-updater\n';
    expect(resolveFeedUrl({ env: 'https://mirror.example.org/d/', appUpdateYml: yml })).toBe(
      'https://mirror.example.org/d/',
    );
    expect(resolveFeedUrl({ env: '  ', appUpdateYml: yml })).toBe(
      'https://downloads.example.org/diarist/',
    );
    expect(
      resolveFeedUrl({ appUpdateYml: "provider: generic\nurl: 'https://x.example.org/a'\n" }),
    ).toBe('https://x.example.org/a/');
  });

  it('is absent, so nothing is checked, without a feed or with another provider', () => {
    expect(resolveFeedUrl({})).toBeUndefined();
    expect(
      resolveFeedUrl({ appUpdateYml: 'provider: github\nowner: x\nrepo: y\n' }),
    ).toBeUndefined();
  });

  it('must be https (plain http only to this machine, for tests)', () => {
    expect(resolveFeedUrl({ env: 'http://downloads.example.org/' })).toBeUndefined();
    expect(resolveFeedUrl({ env: 'ftp://downloads.example.org/' })).toBeUndefined();
    expect(resolveFeedUrl({ env: 'https://user:pw@downloads.example.org/' })).toBeUndefined();
    expect(resolveFeedUrl({ env: 'not a url' })).toBeUndefined();
    expect(resolveFeedUrl({ env: 'http://127.0.0.1:8123/feed' })).toBe(
      'http://127.0.0.1:8123/feed/',
    );
  });
});

describe('what the person is told', () => {
  const feedUrl = 'https://downloads.example.org/diarist/';
  const latest: LatestRelease = {
    version: '0.2.0',
    files: [
      { url: 'Diarist-0.2.0-arm64.dmg' },
      { url: 'Diarist-0.2.0-x64.dmg' },
      { url: 'Diarist-Setup-0.2.0.exe' },
      { url: 'Diarist-0.2.0-x86_64.AppImage' },
      { url: 'diarist_0.2.0_amd64.deb' },
    ],
  };
  const offer = (preferred: string[], state = {}, currentVersion = '0.1.0') =>
    updateOffer({ currentVersion, latest, feedUrl, preferred, state });

  it('names the new version and where to download it, in plain words', () => {
    expect(offer(preferredDownloads('win32', 'x64', false))).toEqual({
      version: '0.2.0',
      downloadUrl: 'https://downloads.example.org/diarist/Diarist-Setup-0.2.0.exe',
      message:
        'Diarist 0.2.0 is available: download it from https://downloads.example.org/diarist/Diarist-Setup-0.2.0.exe and install it over this version. Your recordings, results and key are kept.',
      notifyDesktop: true,
    });
  });

  it('says nothing when the feed has the same or an older version', () => {
    expect(offer(['.exe'], {}, '0.2.0')).toBeUndefined();
    expect(offer(['.exe'], {}, '0.3.0')).toBeUndefined();
  });

  it('points each computer at its own download', () => {
    expect(offer(preferredDownloads('darwin', 'arm64', false))?.downloadUrl).toMatch(/arm64\.dmg$/);
    expect(offer(preferredDownloads('darwin', 'x64', false))?.downloadUrl).toMatch(/x64\.dmg$/);
    expect(offer(preferredDownloads('linux', 'x64', true))?.downloadUrl).toMatch(/\.AppImage$/);
    expect(offer(preferredDownloads('linux', 'x64', false))?.downloadUrl).toMatch(/\.deb$/);
  });

  it('notifies on the desktop once per version, and keeps the notice in the window', () => {
    const seen = offer(['.exe'], { lastNotifiedVersion: '0.2.0' });
    expect(seen?.notifyDesktop).toBe(false);
    expect(seen?.message).toContain('Diarist 0.2.0 is available');
  });

  it('never sends the person to another server than the feed', () => {
    const elsewhere = updateOffer({
      currentVersion: '0.1.0',
      latest: { version: '0.2.0', files: [{ url: 'https://evil.example.com/Diarist-Setup.exe' }] },
      feedUrl,
      preferred: ['.exe'],
      state: {},
    });
    expect(elsewhere?.downloadUrl).toBe(feedUrl);
  });
});
