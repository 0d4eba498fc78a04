import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../src/shared/settings';
import { settingsStoreSchema } from '../../../src/main/settings-json-schema';
import {
  isUsableSettingsText,
  openWithRecovery,
  setAsideName,
} from '../../../src/main/settings-recovery';

/** The validator electron-store (conf) builds: Ajv's 2020-12 dialect over `schema` + `rootSchema`. */
function storeValidator() {
  const { properties, rootSchema } = settingsStoreSchema();
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true });
  return ajv.compile({ ...rootSchema, type: 'object', properties });
}

const samples: [string, unknown][] = [
  ['the defaults', DEFAULT_SETTINGS],
  [
    'exact speakers',
    {
      ...DEFAULT_SETTINGS,
      defaultOptions: { ...DEFAULT_SETTINGS.defaultOptions, speakers: { kind: 'exact', count: 3 } },
    },
  ],
  [
    'a speaker range',
    {
      ...DEFAULT_SETTINGS,
      defaultOptions: { ...DEFAULT_SETTINGS.defaultOptions, speakers: { kind: 'range', min: 2 } },
    },
  ],
  [
    'exact without a count',
    {
      ...DEFAULT_SETTINGS,
      defaultOptions: { ...DEFAULT_SETTINGS.defaultOptions, speakers: { kind: 'exact' } },
    },
  ],
  [
    'an unknown model',
    { ...DEFAULT_SETTINGS, defaultOptions: { ...DEFAULT_SETTINGS.defaultOptions, model: 'nope' } },
  ],
  ['too many uploads at once', { ...DEFAULT_SETTINGS, uploadConcurrency: 9 }],
  ['a fractional count', { ...DEFAULT_SETTINGS, uploadConcurrency: 1.5 }],
  ['a string where a number goes', { ...DEFAULT_SETTINGS, uploadConcurrency: '2' }],
  ['an unknown key', { ...DEFAULT_SETTINGS, telemetry: true }],
  [
    'a missing key',
    { defaultOptions: DEFAULT_SETTINGS.defaultOptions, uploadConcurrency: 2, exportFolder: '' },
  ],
];

describe('the settings file schema', () => {
  it.each(samples)('agrees with the zod schema on %s', (_name, value) => {
    const validate = storeValidator();
    expect(validate(structuredClone(value))).toBe(settingsSchema.safeParse(value).success);
  });

  it('compiles under Ajv strict mode (no keyword electron-store would choke on)', () => {
    expect(() => storeValidator()).not.toThrow();
  });
});

describe('isUsableSettingsText', () => {
  it('accepts a file missing keys the store fills in from the defaults', () => {
    expect(isUsableSettingsText(JSON.stringify({ uploadConcurrency: 4 }))).toBe(true);
    expect(
      isUsableSettingsText(JSON.stringify({ ...DEFAULT_SETTINGS, __internal__: { x: 1 } })),
    ).toBe(true);
  });

  it.each([
    ['broken JSON', '{"uploadConcurrency": 4'],
    ['an empty file', ''],
    ['an array', '[]'],
    ['null', 'null'],
    ['a bad value', JSON.stringify({ uploadConcurrency: 99 })],
  ])('refuses %s', (_why, text) => {
    expect(isUsableSettingsText(text)).toBe(false);
  });
});

describe('openWithRecovery', () => {
  let dir: string;
  let file: string;
  const now = () => new Date('2025-03-04T05:06:07.890Z');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'diarist-settings-'));
    file = join(dir, 'settings.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Stands in for electron-store: throws on a file it cannot use, as the real one does. */
  const openStore = () => {
    if (existsSync(file) && !isUsableSettingsText(readFileSync(file, 'utf8'))) {
      throw new SyntaxError('The config file is not valid JSON.');
    }
    return 'store';
  };

  it('opens a healthy store without a notice', () => {
    writeFileSync(file, JSON.stringify(DEFAULT_SETTINGS));
    expect(openWithRecovery({ file, open: openStore, now })).toEqual({ value: 'store' });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('sets a damaged file aside with a timestamp, starts again, and says where it went', () => {
    writeFileSync(file, '{"uploadConcurrency": 4');
    const result = openWithRecovery({ file, open: openStore, now });
    const movedTo = join(dir, 'settings.damaged-2025-03-04T05-06-07-890Z.json');
    expect(result.value).toBe('store');
    expect(result.notice).toContain(movedTo);
    expect(result.notice).toMatch(/settings were damaged/);
    // Kept, byte for byte, for the person or support to look at.
    expect(readFileSync(movedTo, 'utf8')).toBe('{"uploadConcurrency": 4');
    expect(existsSync(file)).toBe(false);
  });

  it('does not touch a good file when opening fails for another reason', () => {
    writeFileSync(file, JSON.stringify(DEFAULT_SETTINGS));
    const open = () => {
      throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    };
    expect(() => openWithRecovery({ file, open, now })).toThrow(/EBUSY/);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('passes on an error when there is no file to blame', () => {
    const open = () => {
      throw new Error('EACCES: permission denied, mkdir');
    };
    expect(() => openWithRecovery({ file, open, now })).toThrow(/EACCES/);
  });

  it('names the set-aside file next to the original', () => {
    expect(setAsideName('/data/settings.json', now())).toBe(
      join('/data', 'settings.damaged-2025-03-04T05-06-07-890Z.json'),
    );
  });
});
