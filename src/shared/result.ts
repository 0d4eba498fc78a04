/** A saved diarization result: the single source for the result view and every export. */

import type { CorrectionLog } from './corrections';
import type { DiarizeOptions } from './diarize-options';
import type { SpeakerMatch } from './voices';

export interface ResultSegment {
  /** The service's label, e.g. `SPEAKER_00`; names live in `speakerNames`. */
  speaker: string;
  start: number;
  end: number;
  /** Per-turn confidence (0–100 per label), when turn-level confidence was requested. */
  confidence?: Record<string, number>;
}

export interface TranscribedSegment {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

export interface SpeakerSummary {
  label: string;
  /** Total speaking time in seconds (overlapping speech counts for each speaker). */
  totalSeconds: number;
  turnCount: number;
}

export interface SavedResult {
  formatVersion: 1;
  /** Diarist's own job id, and the service's. */
  jobId: string;
  serviceJobId: string;
  source: { name: string; sizeBytes: number; durationSeconds?: number };
  options: DiarizeOptions;
  /** When the service finished and when Diarist saved it (ISO 8601). */
  completedAt?: string;
  savedAt: string;
  /** Sorted by start, then end, then speaker. */
  segments: ResultSegment[];
  exclusiveSegments?: ResultSegment[];
  /** Frame-level confidence (0–100) every `resolution` seconds. */
  confidence?: { resolution: number; score: number[] };
  transcription?: { turns: TranscribedSegment[]; words: TranscribedSegment[] };
  /** Sorted by label. */
  speakers: SpeakerSummary[];
  /** Names people gave to labels; a label without a name is shown as "Speaker N". */
  speakerNames: Record<string, string>;
  /**
   * A person's corrections (merge, move, split) as a log of edits; `segments` and the other
   * lists stay exactly as pyannoteAI sent them. See `withCorrections` in corrections.ts.
   */
  corrections?: CorrectionLog;
  /**
   * "Recognise known voices": what each speaker was recognised as, one entry per diarization
   * speaker, sorted by speaker. Matched speakers are also named in `speakerNames` when saved.
   */
  matches?: SpeakerMatch[];
  warning?: string;
}

/** The formats written as text; DOCX is the one binary format. */
export const TEXT_EXPORT_FORMATS = ['rttm', 'json', 'csv', 'srt', 'vtt', 'txt'] as const;
export type TextExportFormat = (typeof TEXT_EXPORT_FORMATS)[number];
export const EXPORT_FORMATS = [...TEXT_EXPORT_FORMATS, 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** "SPEAKER_03" → "Speaker 4"; any other label stays as it is. */
export function defaultSpeakerName(label: string): string {
  const match = /^SPEAKER_(\d+)$/.exec(label);
  return match ? `Speaker ${Number(match[1]) + 1}` : label;
}

export function speakerName(result: Pick<SavedResult, 'speakerNames'>, label: string): string {
  const given = result.speakerNames[label]?.trim();
  return given ? given : defaultSpeakerName(label);
}
