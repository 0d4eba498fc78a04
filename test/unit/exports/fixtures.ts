/** Realistic service outputs and SavedResults shared by the export tests. */

import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { SavedResult } from '../../../src/shared/result';
import { normalizeResult } from '../../../src/core/results/normalize';

export const NOW = new Date('2025-03-14T09:26:53.000Z');

/**
 * A four-person meeting excerpt as pyannoteAI returns it (out of order, as JSON allows), with
 * overlapping speech (Bob and Carol talk over each other), an exclusive diarization and
 * per-turn confidence.
 */
export const meetingOutput = {
  diarization: [
    { speaker: 'SPEAKER_01', start: 12.48, end: 19.105, confidence: { SPEAKER_01: 91 } },
    { speaker: 'SPEAKER_00', start: 0.52, end: 6.9, confidence: { SPEAKER_00: 97 } },
    { speaker: 'SPEAKER_00', start: 7.26, end: 12.3, confidence: { SPEAKER_00: 88 } },
    { speaker: 'SPEAKER_02', start: 17.9, end: 24.012, confidence: { SPEAKER_02: 74 } },
    { speaker: 'SPEAKER_03', start: 24.5, end: 3671.25, confidence: { SPEAKER_03: 99 } },
    { speaker: 'SPEAKER_00', start: 3671.9, end: 3675.0004, confidence: { SPEAKER_00: 80 } },
  ],
  exclusiveDiarization: [
    { speaker: 'SPEAKER_00', start: 0.52, end: 6.9 },
    { speaker: 'SPEAKER_00', start: 7.26, end: 12.3 },
    { speaker: 'SPEAKER_01', start: 12.48, end: 17.9 },
    { speaker: 'SPEAKER_02', start: 17.9, end: 24.012 },
    { speaker: 'SPEAKER_03', start: 24.5, end: 3671.25 },
    { speaker: 'SPEAKER_00', start: 3671.9, end: 3675.0004 },
  ],
};

/** The same kind of meeting with a speaker-attributed transcript (precision-2 + STT). */
export const transcribedOutput = {
  diarization: [
    { speaker: 'SPEAKER_00', start: 0.5, end: 4.25 },
    { speaker: 'SPEAKER_01', start: 4.0, end: 9.75 },
    { speaker: 'SPEAKER_00', start: 10.1, end: 12.0 },
  ],
  turnLevelTranscription: [
    {
      speaker: 'SPEAKER_00',
      start: 0.5,
      end: 4.0,
      text: 'Good morning, everyone — shall we start?',
    },
    {
      speaker: 'SPEAKER_01',
      start: 4.0,
      end: 9.75,
      text: 'Yes. "Quarterly numbers" first,\nthen the roadmap.\n\nAny objections?',
    },
    {
      speaker: 'SPEAKER_00',
      start: 10.1,
      end: 12.0,
      text: '=SUM(A1:A9) is what <b>I</b> typed --> oops & more',
    },
  ],
  wordLevelTranscription: [
    { speaker: 'SPEAKER_00', start: 0.5, end: 0.9, text: 'Good' },
    { speaker: 'SPEAKER_00', start: 0.9, end: 1.3, text: 'morning,' },
    { speaker: 'SPEAKER_01', start: 4.0, end: 4.3, text: 'Yes.' },
  ],
};

export function resultFrom(
  output: unknown,
  overrides: { name?: string; durationSeconds?: number; transcription?: boolean } = {},
): SavedResult {
  return normalizeResult({
    jobId: 'job-local-1',
    serviceJobId: 'svc-123',
    source: {
      name: overrides.name ?? 'Team sync 2025-03-14.m4a',
      sizeBytes: 48_213_504,
      durationSeconds: overrides.durationSeconds ?? 3680.4,
    },
    options: {
      ...DEFAULT_DIARIZE_OPTIONS,
      exclusive: true,
      turnLevelConfidence: true,
      transcription: overrides.transcription ?? false,
    },
    completedAt: '2025-03-14T09:26:50.000Z',
    output,
    now: NOW,
  });
}

/** Names chosen to break each format's syntax if they were written unescaped. */
export const HOSTILE_NAMES: Record<string, string> = {
  SPEAKER_00: 'Smith, "Doc" John',
  SPEAKER_01: 'Zoë 李\nsecond line\ttab',
  SPEAKER_02: '<script>alert(1)</script> & co --> x',
  SPEAKER_03: "=cmd|' /C calc'!A0",
};

export function withNames(result: SavedResult, names: Record<string, string>): SavedResult {
  return { ...result, speakerNames: { ...names } };
}

export const meeting = (): SavedResult => resultFrom(meetingOutput);
export const transcribed = (): SavedResult =>
  resultFrom(transcribedOutput, { transcription: true, durationSeconds: 12.5 });
export const empty = (): SavedResult => resultFrom({ diarization: [] }, { durationSeconds: 30 });

/** A 3-hour meeting with 5,400 turns, some overlapping, for exports at realistic scale. */
export function longMeetingOutput(turns = 5400): { diarization: unknown[] } {
  const diarization = [];
  for (let i = 0; i < turns; i += 1) {
    const start = i * 2 + (i % 7) * 0.013;
    // Every fifth turn runs into the next one, as people talk over each other.
    const end = start + (i % 5 === 0 ? 2.4 : 1.7) + (i % 3) * 0.0007;
    diarization.push({ speaker: `SPEAKER_0${i % 6}`, start, end });
  }
  return { diarization };
}
