/**
 * Words the result view builds in code, in the page's language: the name a speaker has until a
 * person gives one ("Speaker 4" for pyannoteAI's SPEAKER_03) and an edit in words for Undo and
 * Redo. Names a person typed are shown as typed.
 */

import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectionEdit } from '../../shared/corrections';
import type { SavedResult } from '../../shared/result';

type ResultT = TFunction<'result'>;

/** "SPEAKER_03" → "Speaker 4" (or "Intervenant 4"…); any other label stays as it is. */
export function defaultName(t: ResultT, label: string): string {
  const match = /^SPEAKER_(\d+)$/.exec(label);
  return match ? t('speaker.default', { number: Number(match[1]) + 1 }) : label;
}

/** The name a person gave the speaker, or its default name. */
export function shownName(
  t: ResultT,
  result: Pick<SavedResult, 'speakerNames'>,
  label: string,
): string {
  const given = result.speakerNames[label]?.trim();
  return given ? given : defaultName(t, label);
}

/** One edit in words, for Undo and Redo: "Speaker 3 merged into Speaker 1". */
export function describeEdit(
  t: ResultT,
  edit: CorrectionEdit,
  nameOf: (label: string) => string,
): string {
  switch (edit.kind) {
    case 'merge':
      return t('edit.merge', { from: nameOf(edit.from), into: nameOf(edit.into) });
    case 'move':
      return t('edit.move', { count: edit.turns.length, to: nameOf(edit.to) });
    case 'split':
      return t('edit.split', { speaker: nameOf(edit.turn.speaker) });
  }
}

/** A speaker's default name, for components: follows a change of language. */
export function useDefaultName(): (label: string) => string {
  const { t } = useTranslation('result');
  return useCallback((label: string) => defaultName(t, label), [t]);
}
