/** The settings' line about the key: its end in quotes, never read as part of the sentence. */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeKey } from '../../../src/renderer/key-words';
import { NAMESPACES, RESOURCES } from '../../../src/shared/i18n/resources';

let en: TFunction<'settings'>;
let fr: TFunction<'settings'>;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: RESOURCES, lng: 'en', ns: [...NAMESPACES] });
  en = i18n.getFixedT('en', 'settings');
  fr = i18n.getFixedT('fr', 'settings');
});

describe('describeKey', () => {
  it('quotes the last characters after "ending in" (not "Key set (…alid)")', () => {
    expect(describeKey({ state: 'stored', last4: 'alid' }, en)).toBe(
      'Key ending in ‘alid’ saved on this computer.',
    );
    expect(describeKey({ state: 'session-only', last4: 'alid' }, en)).toBe(
      'Key ending in ‘alid’ kept only until Diarist closes.',
    );
  });

  it('says plainly when there is no key, or no ending to show', () => {
    expect(describeKey({ state: 'missing' }, en)).toBe('No key set.');
    expect(describeKey({ state: 'stored' }, en)).toBe('Key saved on this computer.');
  });

  it("quotes the end as the page's language does", () => {
    expect(describeKey({ state: 'stored', last4: 'alid' }, fr)).toBe(
      'Clé se terminant par « alid » enregistrée sur cet ordinateur.',
    );
  });
});
