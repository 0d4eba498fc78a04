/** Exports of a result whose speakers were recognised as known voices. */
import { describe, expect, it } from 'vitest';
import { exportFile, exportResult, type JsonExport } from '../../../src/core/exports';
import { normalizeResult } from '../../../src/core/results/normalize';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { SavedResult } from '../../../src/shared/result';
import { docxParagraphs } from '../../support/docx-text';
import { meeting } from './fixtures';

const ANNA = 'voice-aaaa0001';
const BEN = 'voice-bbbb0002';

function recognised(): SavedResult {
  return normalizeResult({
    jobId: 'job-r',
    serviceJobId: 'svc-r',
    source: { name: 'meeting.wav', sizeBytes: 10, durationSeconds: 20 },
    options: { ...DEFAULT_DIARIZE_OPTIONS, recognise: { voiceIds: [ANNA, BEN], match: 'strict' } },
    output: {
      diarization: [
        { speaker: 'SPEAKER_00', start: 0, end: 5 },
        { speaker: 'SPEAKER_01', start: 5, end: 9 },
        { speaker: 'SPEAKER_02', start: 9, end: 12 },
      ],
      identification: [
        { diarizationSpeaker: 'SPEAKER_00', match: ANNA, start: 0, end: 5, speaker: ANNA },
        { diarizationSpeaker: 'SPEAKER_01', match: BEN, start: 5, end: 9, speaker: BEN },
        { diarizationSpeaker: 'SPEAKER_02', match: null, start: 9, end: 12, speaker: 'SPEAKER_02' },
      ],
      voiceprints: [
        { speaker: 'SPEAKER_00', match: ANNA, confidence: { [ANNA]: 93, [BEN]: 20 } },
        { speaker: 'SPEAKER_01', match: BEN, confidence: { [ANNA]: 77, [BEN]: 80 } },
      ],
    },
    now: new Date('2026-01-01T00:00:00Z'),
    voiceNames: new Map([
      [ANNA, 'Anna'],
      [BEN, 'Ben'],
    ]),
  });
}

describe('a result with recognised voices', () => {
  it('exports its matches in JSON, after the keys that came before, with the voices’ names', () => {
    const json = JSON.parse(exportResult(recognised(), 'json')) as JsonExport;
    expect(Object.keys(json).slice(-2)).toEqual(['corrections', 'matches']);
    expect(json.matches).toEqual([
      {
        speaker: 'SPEAKER_00',
        voiceId: ANNA,
        voiceName: 'Anna',
        confidence: 93,
        runnerUp: { voiceId: BEN, voiceName: 'Ben', confidence: 20 },
      },
      {
        speaker: 'SPEAKER_01',
        voiceId: BEN,
        voiceName: 'Ben',
        confidence: 80,
        review: 'ambiguous',
        runnerUp: { voiceId: ANNA, voiceName: 'Anna', confidence: 77 },
      },
      { speaker: 'SPEAKER_02', voiceId: null },
    ]);
    expect(json.speakers.map((s) => s.name)).toEqual(['Anna', 'Ben', 'Speaker 3']);
    expect(json.segments.map((s) => s.name)).toEqual(['Anna', 'Ben', 'Speaker 3']);
  });

  it('names the recognised speakers in every other export', () => {
    const result = recognised();
    for (const format of ['csv', 'txt', 'srt', 'vtt', 'rttm'] as const) {
      const text = exportResult(result, format);
      expect(text, format).toContain('Anna');
      expect(text, format).toContain('Ben');
      expect(text, format).not.toContain(ANNA);
    }
  });

  it('names them in the Word document too', async () => {
    const bytes = await exportFile(recognised(), 'docx');
    const text = docxParagraphs(bytes as Uint8Array).join('\n');
    expect(text).toContain('Anna');
    expect(text).toContain('Ben');
    expect(text).not.toContain(ANNA);
  });

  it('and a result without recognition has no matches key', () => {
    const json = JSON.parse(exportResult(meeting(), 'json')) as JsonExport;
    expect(json).not.toHaveProperty('matches');
  });
});
