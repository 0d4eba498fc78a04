/**
 * Generated data for the UI benchmark: a job list of 10,000 jobs in every state, and the saved
 * result of a 3-hour meeting with 5,000 turns and 8 speakers (with a transcript, since that is
 * the heaviest result the view shows). Deterministic, so every run and both variants see the
 * same data. Runs in the page (bundled into the injected script), so it uses no Node API.
 */

import type { JobView } from '../src/shared/ipc-contract';
import type { JobState } from '../src/shared/jobs';
import type { ResultSegment, SavedResult, TranscribedSegment } from '../src/shared/result';

/** mulberry32: a tiny seeded PRNG; Math.random would make the two variants see different data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The job the benchmark opens: first in the list (newest batch), succeeded. */
export const OPENED_JOB_ID = 'job-00000';
export const OPENED_JOB_NAME = 'Board meeting 2026-11-23 (3 hours).m4a';

const KINDS = ['Board meeting', 'Team call', 'Interview', 'Client call', 'Workshop', 'Lecture'];
const EXTENSIONS = ['m4a', 'mp3', 'wav', 'mp4', 'ogg', 'webm', 'flac'];

/** Most of a long-used list is done; the rest is spread over every other state. */
const STATE_WEIGHTS: readonly [JobState, number][] = [
  ['succeeded', 0.7],
  ['failed', 0.08],
  ['canceled', 0.04],
  ['waiting', 0.05],
  ['uploading', 0.05],
  ['queued', 0.03],
  ['processing', 0.03],
  ['checking', 0.01],
  ['submitting', 0.01],
];

function pickState(r: number): JobState {
  let sum = 0;
  for (const [state, weight] of STATE_WEIGHTS) {
    sum += weight;
    if (r < sum) return state;
  }
  return 'succeeded';
}

export function generateJobs(count: number): JobView[] {
  const rnd = random(7);
  const jobs: JobView[] = [];
  const newest = Date.parse('2026-11-23T16:00:00.000Z');
  let batchIndex = 0;
  let batchLeft = 0;
  let batchStart = newest;
  let batchId = '';
  for (let i = 0; i < count; i += 1) {
    if (batchLeft === 0) {
      batchLeft = 1 + Math.floor(rnd() * 60);
      batchId = `batch-${String(batchIndex).padStart(4, '0')}`;
      // Batches go back in time: job 0 is in the newest batch, so it is first in the list.
      batchStart = newest - batchIndex * 3_600_000 * 2;
      batchIndex += 1;
    }
    batchLeft -= 1;
    const state: JobState = i === 0 ? 'succeeded' : pickState(rnd());
    const createdAt = new Date(batchStart + (i % 60)).toISOString();
    const sizeBytes = Math.floor(2e6 + rnd() * 4e8);
    const kind = KINDS[Math.floor(rnd() * KINDS.length)]!;
    const ext = EXTENSIONS[Math.floor(rnd() * EXTENSIONS.length)]!;
    const job: JobView = {
      id: `job-${String(i).padStart(5, '0')}`,
      revision: 1 + Math.floor(rnd() * 40),
      batchId,
      createdAt,
      updatedAt: createdAt,
      state,
      source: {
        name: i === 0 ? OPENED_JOB_NAME : `${kind} ${String(i).padStart(5, '0')}.${ext}`,
        sizeBytes,
        mtimeMs: batchStart - 86_400_000,
        ...(state === 'checking' ? {} : { durationSeconds: 60 + rnd() * 3 * 3600 }),
        container: ext.toUpperCase(),
      },
      options: {
        model: rnd() < 0.8 ? 'precision-2' : 'community-1',
        speakers: { kind: 'auto' },
        exclusive: false,
        confidence: false,
        turnLevelConfidence: false,
        transcription: rnd() < 0.3,
      },
    };
    if (state === 'succeeded') {
      job.resultFile = `results/${job.id}.json`;
      job.finishedAt = createdAt;
    }
    if (state === 'uploading') {
      job.progress = {
        phase: 'sending',
        doneBytes: Math.floor(rnd() * sizeBytes),
        totalBytes: sizeBytes,
      };
    }
    if (state === 'failed') {
      job.error = {
        code: 'unsupported-file',
        message: 'pyannoteAI could not read the recording. Check that it plays on this computer.',
        detail: 'POST /v1/diarize → job failed: could not load audio (request id 7f3a9c)',
        retryable: false,
      };
    }
    if (state === 'waiting' && rnd() < 0.3) job.note = 'Waiting: another upload is running';
    if (state === 'canceled' && rnd() < 0.5) job.note = 'you canceled it';
    jobs.push(job);
  }
  return jobs;
}

/** Ids of the jobs that receive live progress pushes: every uploading one. */
export function uploadingIds(jobs: readonly JobView[]): string[] {
  return jobs.filter((job) => job.state === 'uploading').map((job) => job.id);
}

const WORDS = (
  'so the budget for next year is on the table and we need to agree on the numbers before ' +
  'friday I think the marketing line is too high compared with what we spent last quarter ' +
  'could you send me the figures again please yes I will do that after the meeting okay ' +
  'let us move on to the next item on the agenda which is the new office in the city centre'
).split(' ');

/**
 * A 3-hour meeting: `turns` turns over 8 speakers (a chair who talks most, then the others),
 * with pauses and some overlapping speech, sorted as saved results are (start, end, speaker).
 */
export function generateResult(turns = 5000, speakers = 8, seconds = 3 * 3600): SavedResult {
  const rnd = random(11);
  const labels = Array.from(
    { length: speakers },
    (_, i) => `SPEAKER_${String(i).padStart(2, '0')}`,
  );
  const weights = labels.map((_, i) => (i === 0 ? 3 : 1 + (speakers - i) / speakers));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickSpeaker = () => {
    let r = rnd() * totalWeight;
    for (let i = 0; i < labels.length; i += 1) {
      r -= weights[i]!;
      if (r <= 0) return labels[i]!;
    }
    return labels[0]!;
  };
  const meanStep = seconds / turns;
  const segments: ResultSegment[] = [];
  const transcriptTurns: TranscribedSegment[] = [];
  const words: TranscribedSegment[] = [];
  let t = 2;
  for (let i = 0; i < turns; i += 1) {
    // The first turns go round the table, so every speaker shows among the first rows.
    const speaker = i < speakers ? labels[i]! : pickSpeaker();
    const length = Math.max(0.4, meanStep * (0.3 + rnd() * 1.1));
    const start = Math.round(t * 1000) / 1000;
    const end = Math.min(seconds, Math.round((t + length) * 1000) / 1000);
    const score = Math.round(30 + rnd() * 70);
    segments.push({ speaker, start, end, confidence: { [speaker]: score } });
    const count = Math.max(1, Math.round((end - start) * 2.4));
    const spoken: string[] = [];
    for (let w = 0; w < count; w += 1) {
      const word = WORDS[Math.floor(rnd() * WORDS.length)]!;
      spoken.push(word);
      const ws = start + ((end - start) * w) / count;
      words.push({ speaker, start: ws, end: ws + (end - start) / count, text: word });
    }
    transcriptTurns.push({ speaker, start, end, text: `${spoken.join(' ')}.` });
    // Mostly a pause before the next turn; sometimes the next speaker starts early (overlap).
    t += rnd() < 0.12 ? length * 0.7 : length + meanStep * 0.35 * rnd();
    if (t > seconds - 2) t = seconds - 2;
  }
  segments.sort((a, b) => a.start - b.start || a.end - b.end || (a.speaker < b.speaker ? -1 : 1));
  transcriptTurns.sort((a, b) => a.start - b.start || a.end - b.end);
  const summaries = labels.map((label) => {
    const own = segments.filter((s) => s.speaker === label);
    return {
      label,
      totalSeconds: own.reduce((sum, s) => sum + s.end - s.start, 0),
      turnCount: own.length,
    };
  });
  return {
    formatVersion: 1,
    jobId: OPENED_JOB_ID,
    serviceJobId: 'svc-7f3a9c',
    source: { name: OPENED_JOB_NAME, sizeBytes: 180_000_000, durationSeconds: seconds },
    options: {
      model: 'precision-2',
      speakers: { kind: 'auto' },
      exclusive: false,
      confidence: false,
      turnLevelConfidence: true,
      transcription: true,
      transcriptionModel: 'parakeet-tdt-0.6b-v3',
    },
    completedAt: '2026-11-23T19:10:00.000Z',
    savedAt: '2026-11-23T19:10:02.000Z',
    segments,
    transcription: { turns: transcriptTurns, words },
    speakers: summaries,
    speakerNames: {},
  };
}
