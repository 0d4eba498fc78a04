import { describe, expect, it } from 'vitest';
import { LANGUAGES, resolveLanguage } from '../../../src/shared/i18n/languages';
import { localeFormat } from '../../../src/shared/i18n/format';
import { pseudoText, type Catalogue } from '../../../src/shared/i18n/pseudo';
import { NAMESPACES, RESOURCES } from '../../../src/shared/i18n/resources';

/** "a.b_one" → "a.b": plural forms of one key count as that key. */
function keys(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix + key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of keys(value, `${path}.`)) out.set(k, v);
  }
  return out;
}
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{(\w+)\}\}|<(\d+)>/g)].map((m) => m[0]).sort();

describe('catalogues', () => {
  for (const ns of NAMESPACES) {
    const english = keys(RESOURCES.en[ns]);
    for (const language of LANGUAGES) {
      it(`${language}/${ns} has every English key with the same placeholders`, () => {
        const theirs = keys(RESOURCES[language][ns]);
        expect([...new Set([...theirs.keys()].map(base))].sort()).toEqual(
          [...new Set([...english.keys()].map(base))].sort(),
        );
        for (const [key, text] of theirs) {
          const englishText = english.get(key) ?? english.get(`${base(key)}_other`) ?? '';
          expect(placeholders(text), `${language}/${ns}:${key}`).toEqual(placeholders(englishText));
        }
      });
      it(`${language}/${ns} has every plural form its language needs`, () => {
        const theirs = [...keys(RESOURCES[language][ns]).keys()];
        const plural = new Set(theirs.filter((k) => k !== base(k)).map(base));
        const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        for (const key of plural) {
          for (const form of needed)
            expect(theirs, `${language}:${key}`).toContain(`${key}_${form}`);
        }
      });
    }
  }
});

describe('choosing the language', () => {
  it('follows the computer, then English', () => {
    expect(resolveLanguage('system', ['de-AT', 'en-US'])).toBe('de');
    expect(resolveLanguage('system', ['ja-JP', 'fr_CA'])).toBe('fr');
    expect(resolveLanguage('system', ['ja-JP'])).toBe('en');
    expect(resolveLanguage('es', ['de-DE'])).toBe('es');
  });
});

describe('local formats', () => {
  const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  it('writes 1 h 2 min 5 s, 1.5 GB and a date as each locale does', () => {
    const gb = 1.5 * 1024 ** 3;
    const day = new Date(Date.UTC(2026, 11, 3, 12));
    expect(nbsp(localeFormat('en').bytes(gb))).toBe('1.5 GB');
    expect(nbsp(localeFormat('fr').bytes(gb))).toBe('1,5 Go');
    expect(nbsp(localeFormat('de').bytes(gb))).toBe('1,5 GB');
    expect(nbsp(localeFormat('en').bytes(194))).toBe('194 bytes');
    expect(nbsp(localeFormat('fr').bytes(194))).toBe('194 octets');
    expect(nbsp(localeFormat('fr').duration(3725))).toBe('1 h 2 min 5 s');
    expect(nbsp(localeFormat('en').duration(3725))).toMatch(/^1 hr,? 2 min,? 5 sec$/);
    expect(nbsp(localeFormat('de').date(day))).toBe('3. Dezember 2026');
    expect(nbsp(localeFormat('es').date(day))).toBe('3 de diciembre de 2026');
  });
  it("writes a turn's length with one decimal under a minute, in words above", () => {
    expect(nbsp(localeFormat('fr').turnLength(3.44))).toBe('3,4 s');
    expect(nbsp(localeFormat('en').turnLength(3.44))).toBe('3.4 sec');
    expect(nbsp(localeFormat('fr').turnLength(125))).toBe('2 min 5 s');
  });
  it('pseudo-locale text is longer and keeps placeholders', () => {
    const text = pseudoText('Key ending in {{last}} saved');
    expect(text).toContain('{{last}}');
    expect(text.length).toBeGreaterThan('Key ending in {{last}} saved'.length * 1.3);
  });
});
