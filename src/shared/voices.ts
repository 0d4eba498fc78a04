/**
 * Known voices: voiceprints a person chose to remember from a named speaker of a result, kept on
 * this computer (encrypted with the same secure storage as the API key), and the batch option
 * that asks pyannoteAI to recognise them in new recordings (`POST /v1/identify`).
 *
 * Names never leave the computer: a voice is sent under its id (`label`), and the page turns the
 * matched ids back into names.
 */

import { z } from 'zod';

/** pyannoteAI accepts 1 to 50 voiceprints per identification job. */
export const MAX_VOICES_PER_RECOGNITION = 50;
/** The longest clip a voiceprint is made from (the service's limit is 30 s). */
export const VOICE_CLIP_MAX_SECONDS = 30;
/** Below this much speech with nobody else talking, a voiceprint would not be worth its cost. */
export const VOICE_CLIP_MIN_SECONDS = 3;
/** The library holds at most this many voices. */
export const MAX_VOICES = 500;
export const MAX_VOICE_NAME_LENGTH = 100;

/** How sure pyannoteAI must be before a speaker is named, in plain words; the numbers are its threshold (0–100). */
export const MATCH_LEVELS = ['lenient', 'balanced', 'strict'] as const;
export type MatchLevel = (typeof MATCH_LEVELS)[number];
export const MATCH_THRESHOLDS: Record<MatchLevel, number> = {
  lenient: 25,
  balanced: 50,
  strict: 75,
};
/** A match is flagged for review when its confidence is below this... */
export const WEAK_MATCH_BELOW = 60;
/** ...or when another voice scored within this many points of it. */
export const AMBIGUOUS_WITHIN = 10;

/** A voice id: what the service sees as the voiceprint's label (never `SPEAKER_…`). */
export const VOICE_ID_PATTERN = /^voice-[a-z0-9]{8,32}$/;
export const voiceIdSchema = z.string().regex(VOICE_ID_PATTERN);

/** The batch option "Recognise known voices". */
export interface RecognitionOptions {
  /** The voices to look for, 1 to 50, by id. */
  voiceIds: string[];
  match: MatchLevel;
}

const UNKNOWN_VOICE = 'One of the chosen voices is not a known voice. Choose the voices again.';

export const recognitionOptionsSchema = z.strictObject({
  voiceIds: z
    .array(z.string({ error: UNKNOWN_VOICE }).regex(VOICE_ID_PATTERN, { error: UNKNOWN_VOICE }))
    .min(1, { error: 'Choose at least one voice to recognise.' })
    .max(MAX_VOICES_PER_RECOGNITION, {
      error: `Choose at most ${MAX_VOICES_PER_RECOGNITION} voices to recognise in one batch.`,
    })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'A voice is chosen twice.' }),
  match: z.enum(MATCH_LEVELS, { error: 'Choose how sure a match must be.' }),
}) satisfies z.ZodType<RecognitionOptions>;

/** A remembered voice as the page sees it: never the voiceprint itself. */
export interface VoiceView {
  id: string;
  name: string;
  /** The recording's file name and the speaker label it was taken from. */
  fromRecording: string;
  fromSpeaker: string;
  /** The job whose result it was taken from (it may have been removed since). */
  fromJobId?: string;
  /** ISO 8601. */
  createdAt: string;
  /** Seconds of speech the voiceprint was made from. */
  clipSeconds: number;
  model: string;
}

/** What a speaker of an identification result was recognised as. */
export interface SpeakerMatch {
  /** The diarization label (`SPEAKER_01`). */
  speaker: string;
  /** The matched voice, or null when no voice matched (the speaker keeps its numbered name). */
  voiceId: string | null;
  /** The voice's name when the result was saved. */
  name?: string;
  /** 0–100, pyannoteAI's score for the matched voice. */
  confidence?: number;
  /** Flagged for the person to check: a weak score, or another voice scored nearly as high. */
  review?: 'weak' | 'ambiguous';
  /** The next best voice, when it scored (shown with an ambiguous match). */
  runnerUp?: { voiceId: string; name?: string; confidence: number };
}

/** The steps of "Remember this voice", pushed to the page while it runs. */
export const REMEMBER_PHASES = ['cutting', 'uploading', 'printing', 'saving'] as const;
export type RememberPhase = (typeof REMEMBER_PHASES)[number];
