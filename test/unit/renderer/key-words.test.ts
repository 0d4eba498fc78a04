/** The settings' line about the key: its end in quotes, never read as part of the sentence. */
import { describe, expect, it } from 'vitest';
import { describeKey } from '../../../src/renderer/key-words';

describe('describeKey', () => {
  it('quotes the last characters after "ending in" (not "Key set (…alid)")', () => {
    expect(describeKey({ state: 'stored', last4: 'alid' })).toBe(
      'Key ending in ‘alid’ saved on this computer.',
    );
    expect(describeKey({ state: 'session-only', last4: 'alid' })).toBe(
      'Key ending in ‘alid’ kept only until Diarist closes.',
    );
  });

  it('says plainly when there is no key, or no ending to show', () => {
    expect(describeKey({ state: 'missing' })).toBe('No key set.');
    expect(describeKey({ state: 'stored' })).toBe('Key saved on this computer.');
  });
});
