/** A documented, stable JSON export for other programs; its shape is the JsonExport type below. */

import type { DiarizeOptions } from '../../shared/diarize-options';
import type { CorrectedResult } from '../../shared/corrections';
import { nameLookup } from './text';

export interface JsonSegment {
  /** The service's label, stable across renames. */
  speaker: string;
  /** The name a person gave, or "Speaker N". */
  name: string;
  /** Seconds from the start of the recording. */
  start: number;
  end: number;
  /** Per-turn confidence (0–100 per label), only when it was requested. */
  confidence?: Record<string, number>;
  /** A person changed this turn in Diarist (its speaker, start or end). */
  corrected: boolean;
}

export interface JsonTranscribedSegment {
  speaker: string;
  name: string;
  start: number;
  end: number;
  text: string;
  /** A person changed this turn in Diarist (its speaker, start or end). */
  corrected: boolean;
}

/** "Recognise known voices": what one speaker was recognised as. */
export interface JsonMatch {
  /** The service's label, as in `segments`. */
  speaker: string;
  /** Diarist's id of the recognised voice (stable across recordings), or null: nobody matched. */
  voiceId: string | null;
  /** The voice's name when the result was saved. */
  voiceName?: string;
  /** pyannoteAI's score for the match, 0–100. */
  confidence?: number;
  /** Flagged for a person to check: a weak score, or another voice scored nearly as high. */
  review?: 'weak' | 'ambiguous';
  /** The best other voice, with its score. */
  runnerUp?: { voiceId: string; voiceName?: string; confidence: number };
}

/**
 * Version 1 of the export. Fields are only ever added, never renamed or removed. Frame-level
 * confidence is left out on purpose: millions of numbers would bury everything else.
 */
export interface JsonExport {
  source: { name: string; sizeBytes: number; durationSeconds?: number };
  options: DiarizeOptions;
  /** Sorted by label; overlapping speech counts for each speaker. */
  speakers: { label: string; name: string; totalSeconds: number; turnCount: number }[];
  /** The full diarization, sorted by start; segments of different speakers may overlap. */
  segments: JsonSegment[];
  /** Present when the job asked for a non-overlapping diarization. */
  exclusiveSegments?: JsonSegment[];
  /** Present when the job asked for a transcription. */
  transcription?: { turns: JsonTranscribedSegment[]; words: JsonTranscribedSegment[] };
  /** How many corrections a person made in Diarist; 0 means this is pyannoteAI's result as sent. */
  corrections: number;
  /**
   * Present when the job recognised known voices: one entry per speaker pyannoteAI found (a
   * recognised speaker's `name` above is its voice's name unless a person renamed it).
   */
  matches?: JsonMatch[];
}

export function toJsonExport(result: CorrectedResult): JsonExport {
  const nameOf = nameLookup(result);
  const segment = (s: CorrectedResult['segments'][number]): JsonSegment => {
    const out: JsonSegment = {
      speaker: s.speaker,
      name: nameOf(s.speaker),
      start: s.start,
      end: s.end,
      corrected: s.corrected,
    };
    if (s.confidence) out.confidence = s.confidence;
    return out;
  };
  const transcribed = (
    t: NonNullable<CorrectedResult['transcription']>['turns'][number],
  ): JsonTranscribedSegment => ({
    speaker: t.speaker,
    name: nameOf(t.speaker),
    start: t.start,
    end: t.end,
    text: t.text,
    corrected: t.corrected,
  });

  const source: JsonExport['source'] = {
    name: result.source.name,
    sizeBytes: result.source.sizeBytes,
  };
  if (result.source.durationSeconds !== undefined) {
    source.durationSeconds = result.source.durationSeconds;
  }
  const out: Omit<JsonExport, 'corrections'> = {
    source,
    options: result.options,
    speakers: result.speakers.map((s) => ({
      label: s.label,
      name: nameOf(s.label),
      totalSeconds: s.totalSeconds,
      turnCount: s.turnCount,
    })),
    segments: result.segments.map(segment),
  };
  if (result.exclusiveSegments) out.exclusiveSegments = result.exclusiveSegments.map(segment);
  if (result.transcription) {
    out.transcription = {
      turns: result.transcription.turns.map(transcribed),
      words: result.transcription.words.map(transcribed),
    };
  }
  // Last, as keys added to the format later come after the earlier ones.
  const done: JsonExport = { ...out, corrections: result.editCount - result.skipped.length };
  if (result.matches) done.matches = result.matches.map(toJsonMatch);
  return done;
}

function toJsonMatch(match: NonNullable<CorrectedResult['matches']>[number]): JsonMatch {
  const out: JsonMatch = { speaker: match.speaker, voiceId: match.voiceId };
  if (match.name !== undefined) out.voiceName = match.name;
  if (match.confidence !== undefined) out.confidence = match.confidence;
  if (match.review) out.review = match.review;
  if (match.runnerUp) {
    const { voiceId, name, confidence } = match.runnerUp;
    out.runnerUp = { voiceId, ...(name !== undefined ? { voiceName: name } : {}), confidence };
  }
  return out;
}

export function toJson(result: CorrectedResult): string {
  return `${JSON.stringify(toJsonExport(result), null, 2)}\n`;
}
