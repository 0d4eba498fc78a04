import { describe, expect, it } from 'vitest';
import { KEY_REASONS } from '../../../src/main/app/secure-key-store';
import { KEY_REASON_KEYS } from '../../../src/shared/ipc-contract';
import { RESOURCES } from '../../../src/shared/i18n/resources';

describe('why the key cannot be saved, in the page language', () => {
  it('names every reason main gives, and the page says it in English exactly as main does', () => {
    const english = RESOURCES.en.settings.keyReasons as Record<string, string>;
    for (const [name, text] of Object.entries(KEY_REASONS)) {
      expect(KEY_REASON_KEYS).toContain(name);
      expect(english[name], name).toBe(text);
    }
    expect(Object.keys(english).sort()).toEqual([...KEY_REASON_KEYS].sort());
  });
});
