/** The batch panel's notes and questions: the same English as before, and in every language. */
import i18next from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import {
  alreadyListedMessage,
  doneQuestion,
  mergedMessage,
} from '../../../src/renderer/components/batch-review';
import { localeFormat } from '../../../src/shared/i18n/format';
import { LANGUAGES } from '../../../src/shared/i18n/languages';
import { RESOURCES } from '../../../src/shared/i18n/resources';

// batch-review falls back on the page's own i18n, which reads the computer's languages on load.
vi.hoisted(() => vi.stubGlobal('navigator', { languages: ['en-US'] }));

const i18n = i18next.createInstance();
void i18n.init({
  resources: RESOURCES,
  lng: 'en',
  initAsync: false,
  returnNull: false,
  interpolation: { escapeValue: false },
});
const en = i18n.getFixedT('en', 'batch');
const format = localeFormat('en');
const file = (n: number) => ({ id: `f${n}`, name: `talk ${n}.wav`, sizeBytes: 1 });

describe('the batch words in English', () => {
  it('merges copies', () => {
    const one = { sameContent: [{ fileId: 'b', sameAs: 'a' }], done: [] };
    expect(mergedMessage(one, en, format)).toBe(
      '2 files were the same recording; each will be sent once. Choose Start to send.',
    );
    const two = {
      sameContent: [
        { fileId: 'b', sameAs: 'a' },
        { fileId: 'd', sameAs: 'c' },
        { fileId: 'e', sameAs: 'c' },
      ],
      done: [],
    };
    expect(mergedMessage(two, en, format)).toBe(
      '5 files were copies of 2 recordings; each will be sent once. Choose Start to send.',
    );
    expect(mergedMessage({ sameContent: [], done: [] }, en, format)).toBeUndefined();
  });

  it('says files already listed', () => {
    expect(alreadyListedMessage(0, en, format)).toBeUndefined();
    expect(alreadyListedMessage(1, en, format)).toBe(
      '1 file was already in the list; it is listed once.',
    );
    expect(alreadyListedMessage(1234, en, format)).toBe(
      '1,234 files were already in the list; each is listed once.',
    );
    // Without t: the page's language as it is now.
    expect(alreadyListedMessage(3)).toBe('3 files were already in the list; each is listed once.');
  });

  it('asks about recordings already done', () => {
    expect(doneQuestion([file(1)], en, format)).toBe(
      '“talk 1.wav” was already done with these options. Open the result, or run it again?',
    );
    expect(doneQuestion([file(1), file(2)], en, format)).toBe(
      '2 recordings were already done with these options (“talk 1.wav”, “talk 2.wav”). Open the result, or run them again?',
    );
    expect(doneQuestion([1, 2, 3, 4, 5].map(file), en, format)).toBe(
      '5 recordings were already done with these options (“talk 1.wav”, “talk 2.wav”, “talk 3.wav” and 2 more). Open the result, or run them again?',
    );
  });
});

describe('the batch words in every language', () => {
  it('leaves no placeholder or key unsaid', () => {
    for (const language of LANGUAGES) {
      const t = i18n.getFixedT(language, 'batch');
      const f = localeFormat(language);
      const said = [
        mergedMessage({ sameContent: [{ fileId: 'b', sameAs: 'a' }], done: [] }, t, f),
        alreadyListedMessage(3, t, f),
        doneQuestion([1, 2, 3, 4].map(file), t, f),
        doneQuestion([file(1)], t, f),
      ];
      for (const text of said) {
        expect(text).toBeDefined();
        expect(text).not.toMatch(/\{\{|done\.|notes\./);
      }
    }
  });
});
