/** The diarization options a person can choose, as the pyannoteAI API documents them. */

export const MODELS = ['precision-2', 'community-1'] as const;
export type Model = (typeof MODELS)[number];

export const TRANSCRIPTION_MODELS = [
  'parakeet-tdt-0.6b-v3',
  'faster-whisper-large-v3-turbo',
] as const;
export type TranscriptionModel = (typeof TRANSCRIPTION_MODELS)[number];

/** How many speakers to look for: automatic, an exact count, or a range (either end optional). */
export type SpeakerCount =
  | { kind: 'auto' }
  | { kind: 'exact'; count: number }
  | { kind: 'range'; min?: number; max?: number };

export interface DiarizeOptions {
  model: Model;
  speakers: SpeakerCount;
  /** Also return a non-overlapping ("exclusive") diarization. */
  exclusive: boolean;
  /** Frame-level confidence scores (large output). */
  confidence: boolean;
  /** Per-turn confidence scores. */
  turnLevelConfidence: boolean;
  /** Speaker-attributed transcript; only with precision-2. */
  transcription: boolean;
  transcriptionModel?: TranscriptionModel;
}

export const DEFAULT_DIARIZE_OPTIONS: DiarizeOptions = {
  model: 'precision-2',
  speakers: { kind: 'auto' },
  exclusive: false,
  confidence: false,
  turnLevelConfidence: false,
  transcription: false,
};
