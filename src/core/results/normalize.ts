/** Turns the service's raw job output into the SavedResult that the view and every export read. */

import type { DiarizeOptions } from '../../shared/diarize-options';
import type { ResultSegment, SavedResult, TranscribedSegment } from '../../shared/result';
import { DiaristError } from '../errors';
import {
  diarizationOutputSchema,
  identificationOutputSchema,
  type Segment,
  type TranscriptionSegment,
} from '../pyannote/schemas';
import { buildMatches } from './matches';
import { cleanAndSort, cleanTimes } from './segments';
import { summarizeSpeakers } from './speakers';

export interface NormalizeInput {
  jobId: string;
  serviceJobId: string;
  source: { name: string; sizeBytes: number; durationSeconds?: number };
  options: DiarizeOptions;
  completedAt?: string;
  /** The job's `output` exactly as the service sent it; nothing about it is trusted yet. */
  output: unknown;
  /** Injected by tests; defaults to the current time. */
  now?: Date;
  /**
   * Seconds to add to every time the service sent, when what it analysed was a prepared copy
   * (only the sound) whose start is that far into the original (a video whose sound starts late).
   * Applied here, once, so the saved result, the timeline, playback and every export all use the
   * original file's timeline.
   */
  offsetSeconds?: number;
  /**
   * For a job that recognised known voices: voice id → name (see voiceNamesForResult). Matched
   * speakers are named after their voice in `speakerNames`.
   */
  voiceNames?: ReadonlyMap<string, string>;
}

/** How many schema problems to quote for support: enough to diagnose, short enough to show. */
const MAX_ISSUES_IN_DETAIL = 5;

export function normalizeResult(input: NormalizeInput): SavedResult {
  const parsed = diarizationOutputSchema.safeParse(input.output);
  const identified = input.options.recognise
    ? identificationOutputSchema.safeParse(input.output)
    : undefined;
  if (!parsed.success || identified?.success === false) {
    const issues = [
      ...(parsed.success ? [] : parsed.error.issues),
      ...(identified?.success === false ? identified.error.issues : []),
    ];
    // Paths and messages only: the values themselves may be transcript text.
    const quoted = issues
      .slice(0, MAX_ISSUES_IN_DETAIL)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    if (issues.length > MAX_ISSUES_IN_DETAIL) {
      quoted.push(`and ${issues.length - MAX_ISSUES_IN_DETAIL} more`);
    }
    throw new DiaristError(
      'bad-response',
      'pyannoteAI sent back a result Diarist cannot read, so it was not saved. Run the job again; if it keeps happening, copy the details for support.',
      {
        detail: `Job ${input.serviceJobId} output: ${quoted.join('; ')}`,
        retryable: false,
        key: 'results.unreadable',
      },
    );
  }
  const output = parsed.data;
  const offset =
    input.offsetSeconds !== undefined && Number.isFinite(input.offsetSeconds)
      ? input.offsetSeconds
      : 0;
  const toResult = (segment: Segment) => toResultSegment(segment, offset);
  const toTranscribed = (segment: TranscriptionSegment) => toTranscribedSegment(segment, offset);

  const segments = cleanAndSort(output.diarization, toResult);
  const exclusiveSegments = output.exclusiveDiarization
    ? cleanAndSort(output.exclusiveDiarization, toResult)
    : undefined;
  const transcription =
    output.turnLevelTranscription || output.wordLevelTranscription
      ? {
          turns: cleanAndSort(output.turnLevelTranscription ?? [], toTranscribed),
          words: cleanAndSort(output.wordLevelTranscription ?? [], toTranscribed),
        }
      : undefined;

  const result: SavedResult = {
    formatVersion: 1,
    jobId: input.jobId,
    serviceJobId: input.serviceJobId,
    source: copySource(input.source),
    options: structuredClone(input.options),
    savedAt: (input.now ?? new Date()).toISOString(),
    segments,
    speakers: summarizeSpeakers(segments, [
      exclusiveSegments ?? [],
      transcription?.turns ?? [],
      transcription?.words ?? [],
    ]),
    speakerNames: {},
  };
  if (input.completedAt !== undefined) result.completedAt = input.completedAt;
  if (exclusiveSegments) result.exclusiveSegments = exclusiveSegments;
  // A zero or negative resolution cannot place scores on a timeline, so such scores are useless.
  const confidence = output.confidence;
  if (confidence && Number.isFinite(confidence.resolution) && confidence.resolution > 0) {
    // Kept by reference when not shifted: copying millions of numbers would cost time and memory.
    // Shifted, the frames before the prepared sound's start hold no speech (score 0).
    const frames = Math.round(offset / confidence.resolution);
    const score =
      frames > 0
        ? [...new Array<number>(frames).fill(0), ...confidence.score]
        : frames < 0
          ? confidence.score.slice(-frames)
          : confidence.score;
    result.confidence = { resolution: confidence.resolution, score };
  }
  if (transcription) result.transcription = transcription;
  if (output.warning !== undefined) result.warning = output.warning;
  if (input.options.recognise && identified?.success) {
    const names = input.voiceNames ?? new Map<string, string>();
    result.matches = buildMatches({
      speakers: result.speakers.map((speaker) => speaker.label),
      output: identified.data,
      sent: input.options.recognise.voiceIds,
      names,
    });
    // A recognised speaker arrives with its voice's name; the others keep "Speaker N".
    for (const match of result.matches)
      if (match.name) result.speakerNames[match.speaker] = match.name;
  }
  return result;
}

// Built field by field so that extra keys the service adds never reach the saved file.
function toResultSegment(segment: Segment, offset: number): ResultSegment | null {
  const times = cleanTimes(segment.start + offset, segment.end + offset);
  if (!times) return null;
  const cleaned: ResultSegment = { speaker: segment.speaker, ...times };
  if (segment.confidence) cleaned.confidence = { ...segment.confidence };
  return cleaned;
}

function toTranscribedSegment(
  segment: TranscriptionSegment,
  offset: number,
): TranscribedSegment | null {
  const times = cleanTimes(segment.start + offset, segment.end + offset);
  return times ? { speaker: segment.speaker, ...times, text: segment.text } : null;
}

function copySource(source: NormalizeInput['source']): SavedResult['source'] {
  const copy: SavedResult['source'] = { name: source.name, sizeBytes: source.sizeBytes };
  if (source.durationSeconds !== undefined) copy.durationSeconds = source.durationSeconds;
  return copy;
}
