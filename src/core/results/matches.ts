/**
 * What each speaker of an identification job was recognised as, from the service's
 * `identification` (who each turn is, after its threshold) and `voiceprints` (each speaker's score
 * per voice). Labels are voice ids; they become names here, on this computer.
 */

import { AMBIGUOUS_WITHIN, WEAK_MATCH_BELOW, type SpeakerMatch } from '../../shared/voices';
import type { IdentificationOutput } from '../pyannote/schemas';

export interface MatchInput {
  /** The diarization's speakers (their labels), one match each. */
  speakers: readonly string[];
  output: IdentificationOutput;
  /** The voice ids sent: any other label the service names (e.g. "unknown") is no match. */
  sent: readonly string[];
  /** Voice id → name, for the result. */
  names: ReadonlyMap<string, string>;
}

/**
 * One entry per speaker, sorted by speaker. The voice is the one `identification` names for most
 * of the speaker's time (`voiceprints[].match` when there is no identification for it); its score
 * and the runner-up's (the best other voice) come from `voiceprints[].confidence`. A match is
 * flagged `ambiguous` when the runner-up scored within AMBIGUOUS_WITHIN points of it (this wins,
 * as it names the other candidate), else `weak` when its score is below WEAK_MATCH_BELOW.
 */
export function buildMatches(input: MatchInput): SpeakerMatch[] {
  const sent = new Set(input.sent);
  const known = (label: string | null | undefined): label is string =>
    typeof label === 'string' && sent.has(label);
  const identified = new Map<string, Map<string, number>>();
  const mentioned = new Set<string>();
  for (const turn of input.output.identification ?? []) {
    mentioned.add(turn.diarizationSpeaker);
    if (!known(turn.match)) continue;
    const seconds =
      turn.start !== undefined && turn.end !== undefined ? Math.max(0, turn.end - turn.start) : 0;
    const byVoice = identified.get(turn.diarizationSpeaker) ?? new Map<string, number>();
    // Every turn counts a little, so turns without times still decide.
    byVoice.set(turn.match, (byVoice.get(turn.match) ?? 0) + seconds + 1e-6);
    identified.set(turn.diarizationSpeaker, byVoice);
  }
  const scored = new Map<string, { match?: string | null; scores: Map<string, number> }>();
  for (const entry of input.output.voiceprints ?? []) {
    if (scored.has(entry.speaker)) continue;
    const scores = new Map<string, number>();
    for (const [label, score] of Object.entries(entry.confidence ?? {}))
      if (known(label) && Number.isFinite(score) && score >= 0 && score <= 100)
        scores.set(label, score);
    scored.set(entry.speaker, { match: entry.match, scores });
  }

  return [...new Set(input.speakers)]
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((speaker): SpeakerMatch => {
      const byVoice = identified.get(speaker);
      const fromScores = scored.get(speaker);
      const [longest] = [...(byVoice ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      let voiceId: string | null = null;
      if (longest) voiceId = longest[0];
      else if (!mentioned.has(speaker) && known(fromScores?.match)) voiceId = fromScores.match;
      if (voiceId === null) return { speaker, voiceId: null };
      const match: SpeakerMatch = { speaker, voiceId };
      const name = input.names.get(voiceId);
      if (name) match.name = name;
      const scores = fromScores?.scores ?? new Map<string, number>();
      const confidence = scores.get(voiceId);
      if (confidence === undefined) return match;
      match.confidence = confidence;
      const [runner] = [...scores]
        .filter(([label]) => label !== voiceId)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      if (runner) {
        const runnerName = input.names.get(runner[0]);
        match.runnerUp = {
          voiceId: runner[0],
          ...(runnerName ? { name: runnerName } : {}),
          confidence: runner[1],
        };
      }
      if (runner && confidence - runner[1] <= AMBIGUOUS_WITHIN) match.review = 'ambiguous';
      else if (confidence < WEAK_MATCH_BELOW) match.review = 'weak';
      return match;
    });
}
