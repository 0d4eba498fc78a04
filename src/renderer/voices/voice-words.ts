/**
 * Words about known voices that the page builds in code, in its language: how sure a match is
 * ("Recognised (92 %)", "Check this match"), the step a "Remember this voice" is at, and how sure
 * the batch option asks pyannoteAI to be.
 */

import type { TFunction } from 'i18next';
import type { LocaleFormat } from '../../shared/i18n/format';
import type { MatchLevel, RememberPhase, SpeakerMatch, VoiceView } from '../../shared/voices';

type VoicesT = TFunction<'voices'>;

/** A score of pyannoteAI (0–100) as the language writes a percentage ("92 %", "92%"). */
export function confidenceWords(format: Pick<LocaleFormat, 'percent'>, confidence: number): string {
  return format.percent(Math.max(0, Math.min(100, confidence)) / 100);
}

export interface MatchWords {
  /** "recognised": named with confidence; "check": flagged for the person to look at. */
  kind: 'recognised' | 'check';
  /** The short line: "Recognised (92 %)" or "Check this match". */
  label: string;
  /** Why it is flagged, with the runner-up for an ambiguous match. */
  detail?: string;
}

/**
 * What the speakers panel says about a speaker's match; undefined for a speaker no voice matched
 * (it keeps "Speaker N", as today). `voices` gives the names of voices a match names by id only.
 */
export function matchWords(
  t: VoicesT,
  format: Pick<LocaleFormat, 'percent'>,
  match: SpeakerMatch | undefined,
  voices: readonly Pick<VoiceView, 'id' | 'name'>[] = [],
): MatchWords | undefined {
  if (!match || match.voiceId === null) return undefined;
  const sure = match.confidence !== undefined ? confidenceWords(format, match.confidence) : '';
  const recognised = sure
    ? t('match.recognised', { confidence: sure })
    : t('match.recognisedNoScore');
  if (!match.review) return { kind: 'recognised', label: recognised };
  if (match.review === 'ambiguous' && match.runnerUp) {
    const runnerUp =
      match.runnerUp.name ??
      voices.find((voice) => voice.id === match.runnerUp?.voiceId)?.name ??
      t('match.anotherVoice');
    return {
      kind: 'check',
      label: t('match.check'),
      detail: t('match.ambiguous', {
        confidence: sure,
        runnerUp,
        runnerUpConfidence: confidenceWords(format, match.runnerUp.confidence),
      }),
    };
  }
  return {
    kind: 'check',
    label: t('match.check'),
    detail: sure ? t('match.weak', { confidence: sure }) : t('match.weakNoScore'),
  };
}

/** The step of "Remember this voice" ("Sending the clip…"); before the first step, "Starting…". */
export function phaseWords(t: VoicesT, phase: RememberPhase | undefined): string {
  switch (phase) {
    case 'cutting':
      return t('remember.phase.cutting');
    case 'uploading':
      return t('remember.phase.uploading');
    case 'printing':
      return t('remember.phase.printing');
    case 'saving':
      return t('remember.phase.saving');
    default:
      return t('remember.phase.starting');
  }
}

/** How sure, completing "Name a speaker when the match is …" ("fairly sure"), for the option. */
export function matchLevelWords(t: VoicesT, level: MatchLevel): string {
  return t(`option.levels.${level}`);
}
