/**
 * Which builds take the service and update feed from the environment: development and test
 * builds only, so a release never sends the key or its update checks to a host named there.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_BUILD_FIELD as PACKED_FIELD } from '../../../scripts/fuses-config.mjs';
import {
  TEST_BUILD_FIELD,
  endpointOverrides,
  isTestBuildApp,
  isTestBuildManifest,
} from '../../../src/main/build-kind';
import { resolveApiUrl } from '../../../src/core/pyannote/client';
import { resolveFeedUrl } from '../../../src/main/updates-policy';

const env = {
  PYANNOTE_API_URL: 'https://collector.example/',
  DIARIST_UPDATE_FEED: 'https://collector.example/feed/',
  HOME: '/home/ana',
};

describe('endpointOverrides', () => {
  it('ignores the environment in a packaged release', () => {
    const overrides = endpointOverrides(env, { isPackaged: true, isTestBuild: false });
    expect(overrides).toEqual({});
    expect(resolveApiUrl(overrides)).toBe('https://api.pyannote.ai');
    expect(resolveFeedUrl({ env: overrides.DIARIST_UPDATE_FEED })).toBeUndefined();
  });

  it('honours it in a packaged test build', () => {
    const overrides = endpointOverrides(env, { isPackaged: true, isTestBuild: true });
    expect(overrides).toEqual({
      PYANNOTE_API_URL: env.PYANNOTE_API_URL,
      DIARIST_UPDATE_FEED: env.DIARIST_UPDATE_FEED,
    });
    expect(resolveApiUrl(overrides)).toBe('https://collector.example');
  });

  it('honours it when running unpackaged (development)', () => {
    expect(endpointOverrides(env, { isPackaged: false, isTestBuild: false })).toEqual({
      PYANNOTE_API_URL: env.PYANNOTE_API_URL,
      DIARIST_UPDATE_FEED: env.DIARIST_UPDATE_FEED,
    });
  });

  it('hands over only the two endpoint variables, and only those that are set', () => {
    expect(
      endpointOverrides({ HOME: '/home/ana' }, { isPackaged: false, isTestBuild: false }),
    ).toEqual({});
  });
});

describe('isTestBuildManifest', () => {
  it('reads the field the pack command writes', () => {
    expect(TEST_BUILD_FIELD).toBe(PACKED_FIELD);
  });

  it('is a test build only when the packed package.json says diaristTestBuild: true', () => {
    expect(isTestBuildManifest({ name: 'diarist', diaristTestBuild: true })).toBe(true);
    expect(isTestBuildManifest({ name: 'diarist' })).toBe(false);
    expect(isTestBuildManifest({ diaristTestBuild: 'true' })).toBe(false);
    expect(isTestBuildManifest(undefined)).toBe(false);
    expect(isTestBuildManifest(null)).toBe(false);
  });
});

describe('isTestBuildApp', () => {
  it('reads the app folder’s package.json; a missing or damaged one means a release', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'diarist-build-kind-'));
    try {
      expect(isTestBuildApp(dir)).toBe(false);
      await writeFile(join(dir, 'package.json'), '{"name":"diarist","diaristTestBuild":true}');
      expect(isTestBuildApp(dir)).toBe(true);
      await writeFile(join(dir, 'package.json'), '{"name":"diarist","diaristTestBuild":tru');
      expect(isTestBuildApp(dir)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
