/** The result view's words built in code: default speaker names and edits, in each language. */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { defaultName, describeEdit, shownName } from '../../../src/renderer/result/result-words';
import { RESOURCES } from '../../../src/shared/i18n/resources';

const i18n = i18next.createInstance();
void i18n.init({ resources: RESOURCES, lng: 'en', ns: ['result'], initAsync: false });
const tIn = (lng: string) => i18n.getFixedT(lng, 'result');
const turn = { speaker: 'SPEAKER_01', start: 1, end: 2 };

describe('result words', () => {
  it('names pyannoteAI’s speakers from 1, and keeps names a person typed as typed', () => {
    expect(defaultName(tIn('en'), 'SPEAKER_03')).toBe('Speaker 4');
    expect(defaultName(tIn('fr'), 'SPEAKER_00')).toBe('Intervenant 1');
    expect(defaultName(tIn('de'), 'SPEAKER_00')).toBe('Sprecher 1');
    expect(defaultName(tIn('es'), 'SPEAKER_00')).toBe('Hablante 1');
    expect(defaultName(tIn('fr'), 'guest')).toBe('guest');
    const names = { speakerNames: { SPEAKER_00: ' Ada ', SPEAKER_01: ' ' } };
    expect(shownName(tIn('de'), names, 'SPEAKER_00')).toBe('Ada');
    expect(shownName(tIn('de'), names, 'SPEAKER_01')).toBe('Sprecher 2');
  });

  it('says an edit as the English did, and in the other languages', () => {
    const t = tIn('en');
    const nameOf = (label: string) => defaultName(t, label);
    expect(describeEdit(t, { kind: 'merge', from: 'SPEAKER_01', into: 'SPEAKER_00' }, nameOf)).toBe(
      'Speaker 2 merged into Speaker 1',
    );
    expect(describeEdit(t, { kind: 'move', turns: [turn], to: 'SPEAKER_00' }, nameOf)).toBe(
      'a turn moved to Speaker 1',
    );
    expect(describeEdit(t, { kind: 'move', turns: [turn, turn], to: 'SPEAKER_00' }, nameOf)).toBe(
      '2 turns moved to Speaker 1',
    );
    expect(describeEdit(t, { kind: 'split', turn, at: 1.5 }, nameOf)).toBe(
      'a turn of Speaker 2 split in two',
    );
    const fr = tIn('fr');
    expect(
      describeEdit(fr, { kind: 'move', turns: [turn, turn], to: 'SPEAKER_00' }, (label) =>
        defaultName(fr, label),
      ),
    ).toBe('2 tours de parole déplacés vers Intervenant 1');
  });
});
