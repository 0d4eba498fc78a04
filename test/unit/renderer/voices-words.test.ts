/**
 * Known voices in the page's words: a speaker's match ("Recognised (92 %)", "Check this match"
 * with the runner-up), the steps of "Remember this voice", how sure the option asks pyannoteAI to
 * be, the option's problems, the voices it looks for, and a run that looked for voices.
 */
import { describe, expect, it } from 'vitest';
import {
  chosenVoiceIds,
  fromDraft,
  problemWords,
  recognitionFrom,
  toDraft,
} from '../../../src/renderer/components/options-draft';
import { optionWords } from '../../../src/renderer/job-run-words';
import { settingsWords } from '../../../src/renderer/runs/run-words';
import { matchLevelWords, matchWords, phaseWords } from '../../../src/renderer/voices/voice-words';
import { DEFAULT_DIARIZE_OPTIONS, OPTION_MESSAGES } from '../../../src/shared/diarize-options';
import { localeFormat } from '../../../src/shared/i18n/format';
import {
  MATCH_LEVELS,
  MAX_VOICES_PER_RECOGNITION,
  REMEMBER_PHASES,
} from '../../../src/shared/voices';
import { jobsT, testI18n } from './jobs-i18n';

const LANGUAGES = ['en', 'fr', 'de', 'es'] as const;
const voicesT = (language: string) => testI18n.getFixedT(language, 'voices');
const id = (n: number) => `voice-${String(n).padStart(8, '0')}`;
const voices = (count: number) => Array.from({ length: count }, (_, n) => ({ id: id(n) }));

describe('a speaker matched to a known voice', () => {
  const en = voicesT('en');
  const format = localeFormat('en');

  it('says how sure pyannoteAI was, as the language writes a percentage', () => {
    const match = { speaker: 'SPEAKER_00', voiceId: id(1), name: 'Anna', confidence: 92 };
    expect(matchWords(en, format, match)).toEqual({
      kind: 'recognised',
      label: 'Recognised (92%)',
    });
    expect(matchWords(voicesT('fr'), localeFormat('fr'), match)?.label).toBe('Reconnu (92\u00a0%)');
  });

  it('keeps an unknown speaker as it is', () => {
    expect(matchWords(en, format, { speaker: 'SPEAKER_01', voiceId: null })).toBeUndefined();
    expect(matchWords(en, format, undefined)).toBeUndefined();
  });

  it('flags a weak match for the person to check', () => {
    const said = matchWords(en, format, {
      speaker: 'SPEAKER_00',
      voiceId: id(1),
      confidence: 41,
      review: 'weak',
    });
    expect(said?.kind).toBe('check');
    expect(said?.label).toBe('Check this match');
    expect(said?.detail).toMatch(/^pyannoteAI was not very sure \(41%\)\./);
  });

  it('names the runner-up of an ambiguous match, from the library when the match has no name', () => {
    const match = {
      speaker: 'SPEAKER_00',
      voiceId: id(1),
      confidence: 81,
      review: 'ambiguous' as const,
      runnerUp: { voiceId: id(2), confidence: 76 },
    };
    const library = [
      { id: id(1), name: 'Anna' },
      { id: id(2), name: 'Ben' },
    ];
    expect(matchWords(en, format, match, library)?.detail).toMatch(
      /^81%, but it could also be Ben \(76%\)\./,
    );
    expect(matchWords(en, format, match)?.detail).toMatch(/could also be another known voice/);
    const named = { ...match, runnerUp: { ...match.runnerUp, name: 'Bea' } };
    expect(matchWords(en, format, named, library)?.detail).toMatch(/could also be Bea \(76%\)/);
  });

  it('says every step and level in every language, with nothing left unfilled', () => {
    for (const language of LANGUAGES) {
      const t = voicesT(language);
      const said = [
        ...REMEMBER_PHASES.map((phase) => phaseWords(t, phase)),
        phaseWords(t, undefined),
        ...MATCH_LEVELS.map((level) => matchLevelWords(t, level)),
      ];
      for (const text of said) expect(text).not.toMatch(/\{\{|^remember\.|^option\./);
      expect(new Set(said).size).toBe(said.length);
    }
    expect(phaseWords(en, 'cutting')).toBe('Cutting a clip on this computer…');
    expect(phaseWords(en, 'uploading')).toBe('Sending the clip…');
    expect(phaseWords(en, 'printing')).toBe('Making the voiceprint…');
    expect(phaseWords(en, 'saving')).toBe('Saving…');
    expect(matchLevelWords(en, 'balanced')).toBe('fairly sure');
  });
});

describe('the voices "Recognise known voices" looks for', () => {
  it('takes every voice when none was chosen, at most 50', () => {
    expect(chosenVoiceIds(undefined, voices(3))).toEqual([id(0), id(1), id(2)]);
    expect(chosenVoiceIds(undefined, voices(60))).toHaveLength(MAX_VOICES_PER_RECOGNITION);
  });

  it('drops chosen voices that were deleted since, without a word', () => {
    expect(chosenVoiceIds([id(1), id(9)], voices(3))).toEqual([id(1)]);
    // None of them is left: every voice there is, rather than nothing.
    expect(chosenVoiceIds([id(8), id(9)], voices(2))).toEqual([id(0), id(1)]);
    // The person unticked them all: nothing (the schema then asks for one).
    expect(chosenVoiceIds([], voices(2))).toEqual([]);
  });

  it('asks for no recognition when it is off or no voice is saved', () => {
    const draft = { recognise: true, voiceIds: undefined, match: 'strict' as const };
    expect(recognitionFrom({ ...draft, recognise: false }, voices(2))).toBeUndefined();
    expect(recognitionFrom(draft, [])).toBeUndefined();
    expect(recognitionFrom(draft, voices(1))).toEqual({ voiceIds: [id(0)], match: 'strict' });
    // The library not read yet: the voices chosen as they are.
    expect(recognitionFrom({ ...draft, voiceIds: [id(5)] }, undefined)).toEqual({
      voiceIds: [id(5)],
      match: 'strict',
    });
  });

  it('keeps the saved choice through the form and back', () => {
    const saved = {
      ...DEFAULT_DIARIZE_OPTIONS,
      recognise: { voiceIds: [id(1), id(7)], match: 'lenient' as const },
    };
    const check = fromDraft(toDraft(saved), voices(3));
    expect(check).toEqual({
      ok: true,
      options: { ...saved, recognise: { voiceIds: [id(1)], match: 'lenient' } },
    });
  });
});

describe('the option\u2019s problems, next to it, in the page\u2019s words', () => {
  const batch = (language: string) => testI18n.getFixedT(language, 'batch');
  const base = toDraft(DEFAULT_DIARIZE_OPTIONS);

  it('refuses recognition with transcription, on the recognition field', () => {
    const check = fromDraft({ ...base, recognise: true, transcription: true }, voices(2));
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual({ recognise: OPTION_MESSAGES.recogniseTranscription });
  });

  it('says each of its problems in every language', () => {
    const tooMany = fromDraft(
      { ...base, recognise: true, voiceIds: voices(51).map((v) => v.id) },
      voices(60),
    );
    const none = fromDraft({ ...base, recognise: true, voiceIds: [] }, voices(2));
    const community = fromDraft({ ...base, model: 'community-1', recognise: true }, voices(2));
    const messages = [tooMany, none, community].map((check) =>
      check.ok ? '' : (check.problems.recognise ?? ''),
    );
    messages.push(OPTION_MESSAGES.recogniseTranscription);
    expect(messages).toEqual([
      'Choose at most 50 voices to recognise in one batch.',
      'Choose at least one voice to recognise.',
      OPTION_MESSAGES.recogniseModel,
      OPTION_MESSAGES.recogniseTranscription,
    ]);
    for (const message of messages)
      expect(problemWords(message, base, batch('en'), localeFormat('en'))).toBe(message);
    for (const language of ['fr', 'de', 'es']) {
      for (const message of messages) {
        const said = problemWords(message, base, batch(language), localeFormat(language));
        expect(said).not.toBe(message);
        expect(said).not.toContain('{{');
      }
    }
  });
});

describe('a run that looked for known voices', () => {
  const options = {
    ...DEFAULT_DIARIZE_OPTIONS,
    recognise: { voiceIds: [id(1), id(2), id(3)], match: 'balanced' as const },
  };
  it('says how many in the job row and the runs list', () => {
    expect(optionWords(jobsT('en'), localeFormat('en'), options)).toContain('Known voices: 3');
    expect(optionWords(jobsT('de'), localeFormat('de'), options)).toContain('Bekannte Stimmen: 3');
    expect(
      optionWords(jobsT('en'), localeFormat('en'), DEFAULT_DIARIZE_OPTIONS).join(),
    ).not.toMatch(/Known voices/);
    expect(settingsWords(testI18n.getFixedT('en', 'runs'), options)).toBe(
      'Precision-2, auto, known voices: 3',
    );
  });
});
