/** Builds job outputs shaped like the OpenAPI output schemas, deterministic for given audio and options. */

import { createHash } from 'node:crypto';
import { pick, randomBetween, randomInt, seededRandom } from './prng';
import { confidenceBetween, decodeVoiceprint, encodeVoiceprint, speakersOf } from './listen';
import type { Heard, VoiceFeature } from './listen';
import { exclusiveTurns, generateTurns, planSpeakers, speakerLabel } from './segments';
import type { SpeakerRequest, Turn } from './segments';
import type { JobKind } from './types';

/** What the worker knew about the audio when the job ran. */
export interface MediaSnapshot {
  sha256: string;
  durationSeconds: number;
  /** What listen mode heard in it, when it could listen (see `SimulatorOptions.listen`). */
  heard?: Heard;
}

type Params = Record<string, unknown>;
type Segment = { speaker: string; start: number; end: number; confidence?: Record<string, number> };

const CONFIDENCE_RESOLUTION = 0.02;
const WORDS_PER_SECOND = 2.5;
const VOCABULARY = [
  'so',
  'we',
  'the',
  'meeting',
  'agenda',
  'today',
  'is',
  'about',
  'budget',
  'and',
  'plan',
  'next',
  'quarter',
  'I',
  'think',
  'that',
  'sounds',
  'good',
  'right',
  'yes',
  'maybe',
  'should',
  'look',
  'at',
  'numbers',
  'again',
  'before',
  'Friday',
  'thanks',
  'everyone',
  'for',
  'joining',
  'let',
  'us',
  'start',
  'with',
  'a',
  'quick',
  'update',
  'okay',
] as const;

function numberParam(params: Params, name: string): number | undefined {
  const value = params[name];
  return typeof value === 'number' ? value : undefined;
}

function speakerRequest(params: Params): SpeakerRequest {
  return {
    numSpeakers: numberParam(params, 'numSpeakers'),
    minSpeakers: numberParam(params, 'minSpeakers'),
    maxSpeakers: numberParam(params, 'maxSpeakers'),
  };
}

/**
 * The seed covers the audio bytes and the options that change who speaks when, but not the
 * options that only add extra views (exclusive, confidence, transcription), so those views all
 * describe the same diarization.
 */
function seedOf(kind: JobKind, media: MediaSnapshot, params: Params): string {
  const relevant = {
    kind: kind === 'voiceprint' ? 'voiceprint' : 'speech',
    model: params['model'] ?? 'precision-2',
    ...speakerRequest(params),
  };
  return `${media.sha256}:${JSON.stringify(relevant)}`;
}

interface Diarized {
  labels: string[];
  turns: Turn[];
  exclusive: Turn[];
  warning?: string;
  /** Each speaker's voice, when the turns were heard rather than made up. */
  voices?: VoiceFeature[];
}

function diarizeHeard(heard: Heard, params: Params): Diarized {
  const { turns, voices, warning } = speakersOf(heard, speakerRequest(params));
  const labels = voices.map((_, i) => speakerLabel(i));
  return { labels, turns, exclusive: exclusiveTurns(turns), warning, voices };
}

function diarize(seed: string, media: MediaSnapshot, params: Params): Diarized {
  if (media.heard) return diarizeHeard(media.heard, params);
  const rng = seededRandom(`${seed}:turns`);
  const plan = planSpeakers(rng, media.durationSeconds, speakerRequest(params));
  const turns = generateTurns(rng, media.durationSeconds, plan.count);
  const used = new Set(turns.map((t) => t.speaker)).size;
  const wanted = numberParam(params, 'numSpeakers');
  let warning = plan.warning;
  if (!warning && wanted !== undefined && used < wanted)
    warning = `Could not find exactly ${Math.floor(wanted)} speakers.`;
  const labels = Array.from({ length: used }, (_, i) => speakerLabel(i));
  return { labels, turns, exclusive: exclusiveTurns(turns), warning };
}

function segments(turns: readonly Turn[]): Segment[] {
  return turns.map((t) => ({ speaker: speakerLabel(t.speaker), start: t.start, end: t.end }));
}

/** Per-turn scores: high for the turn's own speaker, low for the others. */
function withTurnConfidence(seed: string, list: Segment[], labels: readonly string[]): Segment[] {
  const rng = seededRandom(`${seed}:turn-confidence`);
  return list.map((segment) => ({
    ...segment,
    confidence: Object.fromEntries(
      labels.map((label) => [
        label,
        label === segment.speaker ? randomInt(rng, 70, 99) : randomInt(rng, 0, 30),
      ]),
    ),
  }));
}

function frameConfidence(seed: string, duration: number): { score: number[]; resolution: number } {
  const rng = seededRandom(`${seed}:confidence`);
  const frames = Math.ceil(duration / CONFIDENCE_RESOLUTION);
  const score = Array.from({ length: frames }, () => randomInt(rng, 55, 100));
  return { score, resolution: CONFIDENCE_RESOLUTION };
}

interface Transcript {
  wordLevelTranscription: { start: number; end: number; text: string; speaker: string }[];
  turnLevelTranscription: { start: number; end: number; text: string; speaker: string }[];
}

/** Words placed inside the non-overlapping turns, so the transcript reads one speaker at a time. */
function transcribe(seed: string, turns: readonly Turn[]): Transcript {
  const rng = seededRandom(`${seed}:words`);
  const transcript: Transcript = { wordLevelTranscription: [], turnLevelTranscription: [] };
  for (const turn of turns) {
    const speaker = speakerLabel(turn.speaker);
    const length = turn.end - turn.start;
    const count = Math.max(1, Math.round(length * WORDS_PER_SECOND));
    const slot = length / count;
    const words: string[] = [];
    for (let i = 0; i < count; i++) {
      let word: string = pick(rng, VOCABULARY);
      if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
      if (i === count - 1) word += '.';
      words.push(word);
      const start = Math.round((turn.start + i * slot) * 1000) / 1000;
      const end =
        Math.round((turn.start + i * slot + slot * randomBetween(rng, 0.6, 0.95)) * 1000) / 1000;
      transcript.wordLevelTranscription.push({ start, end, text: word, speaker });
    }
    transcript.turnLevelTranscription.push({
      start: turn.start,
      end: turn.end,
      text: words.join(' '),
      speaker,
    });
  }
  return transcript;
}

export function diarizationOutput(media: MediaSnapshot, params: Params): Record<string, unknown> {
  const seed = seedOf('diarize', media, params);
  const result = diarize(seed, media, params);
  let diarization = segments(result.turns);
  if (params['turnLevelConfidence'] === true)
    diarization = withTurnConfidence(seed, diarization, result.labels);
  const output: Record<string, unknown> = { diarization };
  if (params['exclusive'] === true) output['exclusiveDiarization'] = segments(result.exclusive);
  if (params['confidence'] === true)
    output['confidence'] = frameConfidence(seed, media.durationSeconds);
  if (params['transcription'] === true) Object.assign(output, transcribe(seed, result.exclusive));
  if (result.warning) output['warning'] = result.warning;
  return output;
}

interface VoiceprintParam {
  label: string;
  voiceprint: string;
}

function matchingOption(params: Params, name: string): unknown {
  const matching = params['matching'];
  return typeof matching === 'object' && matching !== null
    ? (matching as Record<string, unknown>)[name]
    : undefined;
}

export function identificationOutput(
  media: MediaSnapshot,
  params: Params,
): Record<string, unknown> {
  const seed = seedOf('identify', media, params);
  const result = diarize(seed, media, params);
  const given = (params['voiceprints'] as VoiceprintParam[] | undefined) ?? [];
  const labels = given.map((v) => v.label);
  const rng = seededRandom(`${seed}:identify:${JSON.stringify(labels)}`);
  const heardVoices = result.voices;
  let scores: number[][];
  if (heardVoices) {
    // Heard: by how close each speaker's voice is to each voiceprint's (0 for a voiceprint that
    // was not made by listening, as it says nothing about a voice).
    const prints = given.map((v) => decodeVoiceprint(v.voiceprint));
    scores = heardVoices.map((voice) =>
      prints.map((print) => (print ? confidenceBetween(voice, print) : 0)),
    );
  } else scores = result.labels.map(() => labels.map(() => randomInt(rng, 0, 100)));
  const exclusiveMatching = matchingOption(params, 'exclusive') !== false;
  const thresholdValue = matchingOption(params, 'threshold');
  const threshold = typeof thresholdValue === 'number' ? thresholdValue : 0;

  // Greedy best-score-first assignment; with exclusive matching a voiceprint is used once.
  const pairs = scores.flatMap((row, s) => row.map((score, v) => ({ s, v, score })));
  pairs.sort((a, b) => b.score - a.score || a.s - b.s || a.v - b.v);
  const matchOf = new Map<number, number>();
  const usedVoiceprints = new Set<number>();
  for (const { s, v, score } of pairs) {
    if (matchOf.has(s) || score < threshold) continue;
    if (exclusiveMatching && usedVoiceprints.has(v)) continue;
    matchOf.set(s, v);
    usedVoiceprints.add(v);
  }
  const matchLabel = (speaker: number): string | null => {
    const v = matchOf.get(speaker);
    return v === undefined ? null : (labels[v] ?? null);
  };

  let diarization = segments(result.turns);
  if (params['turnLevelConfidence'] === true)
    diarization = withTurnConfidence(seed, diarization, result.labels);
  const output: Record<string, unknown> = {
    diarization,
    identification: result.turns.map((t) => ({
      speaker: matchLabel(t.speaker) ?? speakerLabel(t.speaker),
      start: t.start,
      end: t.end,
      diarizationSpeaker: speakerLabel(t.speaker),
      match: matchLabel(t.speaker),
    })),
    voiceprints: [...matchOf.keys()]
      .sort((a, b) => a - b)
      .map((s) => ({
        speaker: speakerLabel(s),
        match: matchLabel(s),
        confidence: Object.fromEntries(labels.map((label, v) => [label, scores[s]?.[v] ?? 0])),
      })),
  };
  if (params['exclusive'] === true) output['exclusiveDiarization'] = segments(result.exclusive);
  if (params['confidence'] === true)
    output['confidence'] = frameConfidence(seed, media.durationSeconds);
  if (result.warning) output['warning'] = result.warning;
  return output;
}

/** An opaque voiceprint, stable for the same audio. */
export function voiceprintOutput(media: MediaSnapshot, params: Params): Record<string, unknown> {
  // Heard: the voice of the most talkative speaker, as the service does with several (the job
  // failed already when there was no speech at all).
  const voice = media.heard && mostTalkative(media.heard);
  if (voice) return { voiceprint: encodeVoiceprint(voice) };
  const seed = seedOf('voiceprint', media, params);
  const blocks = Array.from({ length: 8 }, (_, i) =>
    createHash('sha256').update(`${seed}:voiceprint:${i}`).digest(),
  );
  return { voiceprint: Buffer.concat(blocks).toString('base64') };
}

/** The voice of the speaker with the most voiced frames in the heard audio; undefined with no speech. */
export function mostTalkative(heard: Heard): VoiceFeature | undefined {
  const { voices } = speakersOf(heard);
  return voices.reduce<VoiceFeature | undefined>(
    (best, voice) => (!best || voice.frames > best.frames ? voice : best),
    undefined,
  );
}

export function jobOutput(
  kind: JobKind,
  media: MediaSnapshot,
  params: Params,
): Record<string, unknown> {
  if (kind === 'identify') return identificationOutput(media, params);
  if (kind === 'voiceprint') return voiceprintOutput(media, params);
  return diarizationOutput(media, params);
}
