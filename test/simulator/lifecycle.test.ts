// Job lifecycle in the simulator over real HTTP: statuses, output shapes, determinism, failures and expiry.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COULD_NOT_LOAD, PROCESSING_ERROR, startSimulator } from '../simulator/index';
import type { Simulator, SimulatorInit } from '../simulator/index';
import { validateSchema } from '../simulator/schemas';
import { call, getJob, submitDiarization, uploadMedia } from '../simulator/test-helpers';
import type { JobView } from '../simulator/test-helpers';
import { makeWav } from '../simulator/wav';

interface Segment {
  speaker: string;
  start: number;
  end: number;
  confidence?: Record<string, number>;
}

const HOUR = 60 * 60 * 1000;
/** Phases short enough that `advanceTime(PAST_END)` always reaches the end of a job. */
const TIMING = { createdMs: 20, pendingMs: 30, runningMs: 50, runningMsPerAudioSecond: 0 };
const PAST_END = 1000;

let sim: Simulator | undefined;

/**
 * The simulator's clock stands still unless a test moves it (advanceTime), so phases of a few
 * milliseconds cannot pass by themselves on a loaded machine; the real-clock test passes Date.now.
 */
async function start(init: SimulatorInit = {}): Promise<Simulator> {
  const frozenAt = Date.now();
  sim = await startSimulator({ rateLimit: null, timing: TIMING, now: () => frozenAt, ...init });
  return sim;
}

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function finished(s: Simulator, id: string): Promise<JobView> {
  s.advanceTime(PAST_END);
  return getJob(s, id);
}

function expectSorted(segments: Segment[]): void {
  for (let i = 1; i < segments.length; i++) {
    expect(segments[i]?.start).toBeGreaterThanOrEqual(segments[i - 1]?.start ?? 0);
  }
}

describe('lifecycle', () => {
  it('walks created → pending → running → succeeded on the real clock', async () => {
    // Long enough a running phase that a poll lands in it even on a busy machine.
    const s = await start({
      timing: { createdMs: 30, pendingMs: 60, runningMs: 200 },
      now: Date.now,
    });
    await uploadMedia(s, 'media://real-clock', makeWav({ seconds: 2 }));
    const id = await submitDiarization(s, { url: 'media://real-clock' });
    const seen: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const job = await getJob(s, id);
      if (seen[seen.length - 1] !== job.status) seen.push(job.status);
      if (job.status === 'succeeded') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(seen[seen.length - 1]).toBe('succeeded');
    const order = ['created', 'pending', 'running', 'succeeded'];
    expect(seen.every((status) => order.includes(status))).toBe(true);
    expect(seen.map((status) => order.indexOf(status))).toEqual(
      [...seen.map((status) => order.indexOf(status))].sort((a, b) => a - b),
    );
    expect(seen).toContain('running');
  });

  it('reports timestamps in ISO 8601 UTC and updatedAt at the last transition', async () => {
    const s = await start();
    await uploadMedia(s, 'media://times', makeWav({ seconds: 1 }));
    const id = await submitDiarization(s, { url: 'media://times' });
    const created = await getJob(s, id);
    expect(created.status).toBe('created');
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(created.updatedAt).toBe(created.createdAt);
    expect(created.output).toBeUndefined();
    const done = await finished(s, id);
    expect(Date.parse(done.updatedAt) - Date.parse(done.createdAt)).toBe(
      TIMING.createdMs + TIMING.pendingMs + TIMING.runningMs,
    );
  });

  it('scales the running time with the audio duration', async () => {
    const s = await start({ timing: { ...TIMING, runningMsPerAudioSecond: 1000 } });
    await uploadMedia(s, 'media://three-seconds', makeWav({ seconds: 3 }));
    const id = await submitDiarization(s, { url: 'media://three-seconds' });
    s.advanceTime(TIMING.createdMs + TIMING.pendingMs + TIMING.runningMs + 2900);
    expect((await getJob(s, id)).status).toBe('running');
    s.advanceTime(200);
    expect((await getJob(s, id)).status).toBe('succeeded');
  });

  it('lists created jobs for inspection with their request bodies', async () => {
    const s = await start();
    const body = { url: 'media://never', numSpeakers: null, exclusive: true };
    const id = await submitDiarization(s, body);
    expect(s.diarizePosts).toBe(1);
    expect(s.jobs()).toEqual([
      expect.objectContaining({ id, kind: 'diarize', team: 0, request: body, status: 'created' }),
    ]);
  });

  it('cancels an unfinished job', async () => {
    const s = await start();
    const id = await submitDiarization(s, { url: 'media://a' });
    expect(s.cancelJob(id)).toBe(true);
    expect((await finished(s, id)).status).toBe('canceled');
    expect(s.cancelJob(id)).toBe(false);
  });
});

describe('outputs', () => {
  it('returns only diarization when no option is set, valid per the official schema', async () => {
    const s = await start();
    await uploadMedia(s, 'media://plain', makeWav({ seconds: 6 }));
    const job = await finished(s, await submitDiarization(s, { url: 'media://plain' }));
    expect(job.status).toBe('succeeded');
    expect(Object.keys(job.output ?? {})).toEqual(['diarization']);
    expect(validateSchema('DiarizationJob', job)).toEqual([]);
    const segments = job.output?.['diarization'] as Segment[];
    expect(segments.length).toBeGreaterThan(0);
    expectSorted(segments);
    for (const segment of segments) {
      expect(segment.speaker).toMatch(/^SPEAKER_\d\d$/);
      expect(segment.end).toBeGreaterThan(segment.start);
      expect(segment.start).toBeGreaterThanOrEqual(0);
      expect(segment.end).toBeLessThanOrEqual(6);
      expect(segment.confidence).toBeUndefined();
    }
  });

  it('returns exactly the keys the options ask for, honouring numSpeakers', async () => {
    const s = await start();
    await uploadMedia(s, 'media://full', makeWav({ seconds: 8 }));
    const id = await submitDiarization(s, {
      url: 'media://full',
      numSpeakers: 3,
      exclusive: true,
      confidence: true,
      turnLevelConfidence: true,
      transcription: true,
    });
    const job = await finished(s, id);
    expect(validateSchema('DiarizationJob', job)).toEqual([]);
    const output = job.output ?? {};
    expect(Object.keys(output).sort()).toEqual(
      [
        'confidence',
        'diarization',
        'exclusiveDiarization',
        'turnLevelTranscription',
        'wordLevelTranscription',
      ].sort(),
    );
    const diarization = output['diarization'] as Segment[];
    expect(new Set(diarization.map((d) => d.speaker))).toEqual(
      new Set(['SPEAKER_00', 'SPEAKER_01', 'SPEAKER_02']),
    );
    for (const segment of diarization) {
      expect(Object.keys(segment.confidence ?? {}).sort()).toEqual([
        'SPEAKER_00',
        'SPEAKER_01',
        'SPEAKER_02',
      ]);
    }
    const exclusive = output['exclusiveDiarization'] as Segment[];
    expectSorted(exclusive);
    for (let i = 1; i < exclusive.length; i++) {
      expect(exclusive[i]?.start).toBeGreaterThanOrEqual(exclusive[i - 1]?.end ?? 0);
    }
    const confidence = output['confidence'] as { score: number[]; resolution: number };
    expect(confidence.resolution).toBe(0.02);
    expect(confidence.score).toHaveLength(400);
    expect(confidence.score.every((v) => v >= 0 && v <= 100)).toBe(true);
    const words = output['wordLevelTranscription'] as { text: string; speaker: string }[];
    const turns = output['turnLevelTranscription'] as { text: string; speaker: string }[];
    expect(words.length).toBeGreaterThan(turns.length);
    expect(turns.map((t) => t.text).join(' ')).toBe(words.map((w) => w.text).join(' '));
  });

  it('uses a turnLevelConfidence-free, exclusive-only shape when only exclusive is set', async () => {
    const s = await start();
    await uploadMedia(s, 'media://exclusive', makeWav({ seconds: 5 }));
    const job = await finished(
      s,
      await submitDiarization(s, { url: 'media://exclusive', exclusive: true }),
    );
    expect(Object.keys(job.output ?? {}).sort()).toEqual(['diarization', 'exclusiveDiarization']);
  });

  it('generates overlapping speech in diarization on long audio but never in exclusiveDiarization', async () => {
    const s = await start();
    await uploadMedia(s, 'media://long', makeWav({ seconds: 120, sampleRate: 8000 }));
    const job = await finished(
      s,
      await submitDiarization(s, {
        url: 'media://long',
        exclusive: true,
        minSpeakers: 2,
        maxSpeakers: 4,
      }),
    );
    const diarization = job.output?.['diarization'] as Segment[];
    const overlaps = diarization.filter(
      (d, i) => i > 0 && d.start < (diarization[i - 1]?.end ?? 0),
    );
    expect(overlaps.length).toBeGreaterThan(0);
    const speakers = new Set(diarization.map((d) => d.speaker)).size;
    expect(speakers).toBeGreaterThanOrEqual(2);
    expect(speakers).toBeLessThanOrEqual(4);
    const exclusive = job.output?.['exclusiveDiarization'] as Segment[];
    for (let i = 1; i < exclusive.length; i++) {
      expect(exclusive[i]?.start).toBeGreaterThanOrEqual(exclusive[i - 1]?.end ?? 0);
    }
  });

  it('warns when numSpeakers cannot be honoured', async () => {
    const s = await start();
    await uploadMedia(s, 'media://short', makeWav({ seconds: 2 }));
    const job = await finished(
      s,
      await submitDiarization(s, { url: 'media://short', numSpeakers: 6 }),
    );
    expect(job.status).toBe('succeeded');
    expect(job.output?.['warning']).toBe('Could not find exactly 6 speakers.');
  });

  it('is deterministic for the same bytes and differs for other bytes', async () => {
    const s = await start();
    const body = { exclusive: true, confidence: true, transcription: true };
    await uploadMedia(s, 'media://first', makeWav({ seconds: 10, frequency: 300 }));
    await uploadMedia(s, 'media://second', makeWav({ seconds: 10, frequency: 300 }));
    await uploadMedia(s, 'media://other', makeWav({ seconds: 10, frequency: 440 }));
    const ids = [
      await submitDiarization(s, { url: 'media://first', ...body }),
      await submitDiarization(s, { url: 'media://second', ...body }),
      await submitDiarization(s, { url: 'media://other', ...body }),
    ];
    s.advanceTime(PAST_END);
    const [a, b, c] = await Promise.all(ids.map((id) => getJob(s, id)));
    expect(a?.output).toEqual(b?.output);
    expect(a?.output?.['diarization']).not.toEqual(c?.output?.['diarization']);
    // A second simulator gives the same answer for the same bytes.
    const other = await startSimulator({ rateLimit: null, timing: TIMING });
    try {
      await uploadMedia(other, 'media://again', makeWav({ seconds: 10, frequency: 300 }));
      const job = await finished(
        other,
        await submitDiarization(other, { url: 'media://again', ...body }),
      );
      expect(job.output).toEqual(a?.output);
    } finally {
      await other.close();
    }
  });

  it('produces identify and voiceprint outputs that match the official schemas', async () => {
    const s = await start();
    await uploadMedia(s, 'media://meeting', makeWav({ seconds: 8 }));
    const identify = await call<{ jobId: string }>(s, 'POST', '/v1/identify', {
      url: 'media://meeting',
      voiceprints: [
        { label: 'Alice', voiceprint: 'QQ' },
        { label: 'Bob', voiceprint: 'Qg' },
      ],
    });
    const voiceprint = await call<{ jobId: string }>(s, 'POST', '/v1/voiceprint', {
      url: 'media://meeting',
    });
    s.advanceTime(PAST_END);
    const identified = await getJob(s, identify.body.jobId);
    expect(identified.status).toBe('succeeded');
    expect(validateSchema('IdentifyJob', identified)).toEqual([]);
    const matches = (identified.output?.['voiceprints'] as { match: string }[]).map((v) => v.match);
    expect(matches.length).toBeGreaterThan(0);
    expect(new Set(matches).size).toBe(matches.length); // exclusive matching by default
    const printed = await getJob(s, voiceprint.body.jobId);
    expect(validateSchema('VoiceprintJob', printed)).toEqual([]);
    expect(printed.output?.['voiceprint']).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });
});

describe('failures', () => {
  it('fails with "Could not load audio" when the media was never uploaded', async () => {
    const s = await start();
    const job = await finished(s, await submitDiarization(s, { url: 'media://never-uploaded' }));
    expect(job.status).toBe('failed');
    expect(job.output).toEqual({ error: COULD_NOT_LOAD });
    expect(s.jobs()[0]?.error).toBe(COULD_NOT_LOAD);
  });

  it('fails with "Could not load audio" for an external URL it cannot fetch', async () => {
    const s = await start();
    const job = await finished(s, await submitDiarization(s, { url: 'https://example.com/a.wav' }));
    expect(job.output?.error).toBe(COULD_NOT_LOAD);
  });

  it('loads the media when the job starts, not when it is submitted', async () => {
    // Pending long enough for the upload to land first even on a loaded machine.
    const s = await start({ timing: { ...TIMING, pendingMs: 1500 } });
    const id = await submitDiarization(s, { url: 'media://late' });
    await uploadMedia(s, 'media://late', makeWav({ seconds: 2 }));
    s.advanceTime(PAST_END + 1500);
    expect((await getJob(s, id)).status).toBe('succeeded');
  });

  it('fails when the media expired before the job started', async () => {
    const s = await start({ mediaTtlMs: 48 * HOUR });
    await uploadMedia(s, 'media://old', makeWav({ seconds: 2 }));
    expect(s.uploads().has('media://old')).toBe(true);
    s.advanceTime(48 * HOUR);
    expect(s.uploads().has('media://old')).toBe(false);
    const job = await finished(s, await submitDiarization(s, { url: 'media://old' }));
    expect(job.output?.error).toBe(COULD_NOT_LOAD);
  });

  it('fails with the processing error when the bytes are not audio', async () => {
    const s = await start();
    await uploadMedia(s, 'media://garbage', Buffer.from('this is not audio at all '.repeat(40)));
    expect(s.uploads().get('media://garbage')?.durationSeconds).toBeNull();
    const job = await finished(s, await submitDiarization(s, { url: 'media://garbage' }));
    expect(job).toMatchObject({ status: 'failed', output: { error: PROCESSING_ERROR } });
  });

  it('lets a test force a failure through the failJob hook', async () => {
    const hook = vi.fn((job: { request: Record<string, unknown> }) =>
      job.request['numSpeakers'] === 2 ? 'forced by test' : undefined,
    );
    const s = await start({ failJob: hook });
    await uploadMedia(s, 'media://ok', makeWav({ seconds: 2 }));
    const forced = await submitDiarization(s, { url: 'media://ok', numSpeakers: 2 });
    const normal = await submitDiarization(s, { url: 'media://ok' });
    s.advanceTime(PAST_END);
    expect((await getJob(s, forced)).output).toEqual({ error: 'forced by test' });
    expect((await getJob(s, normal)).status).toBe('succeeded');
    expect(hook).toHaveBeenCalledTimes(2);
    expect(hook.mock.calls[0]?.[0]).toMatchObject({ upload: { key: 'media://ok', size: 64044 } });
  });

  it('keeps the job but deletes its output after outputTtlMs', async () => {
    const s = await start({ outputTtlMs: 24 * HOUR });
    await uploadMedia(s, 'media://kept', makeWav({ seconds: 2 }));
    const id = await submitDiarization(s, { url: 'media://kept' });
    const done = await finished(s, id);
    expect(done.output?.['diarization']).toBeDefined();
    s.advanceTime(24 * HOUR);
    const expired = await getJob(s, id);
    expect(expired.status).toBe('succeeded');
    expect(expired.output).toBeUndefined();
    const listed = await call<{ items: { id: string }[] }>(s, 'GET', '/v2/jobs');
    expect(listed.body.items.map((item) => item.id)).toEqual([id]);
  });
});

describe('GET /v2/jobs', () => {
  it('pages newest first with a cursor until nextCursor is null', async () => {
    const s = await start();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await submitDiarization(s, { url: `media://job-${i}` }));
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const reply = await call<{
        items: { id: string; status: string; createdAt: string }[];
        nextCursor: string | null;
      }>(s, 'GET', `/v2/jobs?limit=10${query}`);
      expect(reply.status).toBe(200);
      expect(validateSchema('GetJobsResponseV2', reply.body)).toEqual([]);
      for (const item of reply.body.items)
        expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'status']);
      pages.push(reply.body.items.length);
      seen.push(...reply.body.items.map((item) => item.id));
      cursor = reply.body.nextCursor;
      if (cursor !== null) expect(cursor).toBe(reply.body.items[9]?.id);
    } while (cursor !== null);
    expect(pages).toEqual([10, 10, 5]);
    expect(seen).toEqual([...ids].reverse());
  });

  it('defaults to 10 items, filters by status and rejects a bad limit, cursor or status', async () => {
    // The fresh job stays "created" for 2 s, even on a loaded machine.
    const s = await start({ timing: { ...TIMING, createdMs: 2_000 } });
    for (let i = 0; i < 12; i++) await submitDiarization(s, { url: 'media://missing' });
    s.advanceTime(PAST_END + 2_000);
    await uploadMedia(s, 'media://fine', makeWav({ seconds: 1 }));
    const fresh = await submitDiarization(s, { url: 'media://fine' });
    const all = await call<{ items: unknown[]; nextCursor: string | null }>(s, 'GET', '/v2/jobs');
    expect(all.body.items).toHaveLength(10);
    expect(all.body.nextCursor).not.toBeNull();
    const failed = await call<{ items: { status: string }[] }>(
      s,
      'GET',
      '/v2/jobs?status=failed&limit=100',
    );
    expect(failed.body.items).toHaveLength(12);
    expect(failed.body.items.every((item) => item.status === 'failed')).toBe(true);
    const created = await call<{ items: { id: string }[]; nextCursor: null }>(
      s,
      'GET',
      '/v2/jobs?status=created',
    );
    expect(created.body).toEqual({
      items: [expect.objectContaining({ id: fresh })],
      nextCursor: null,
    });
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'limit=2.5',
      'cursor=nope',
      'status=done',
    ]) {
      const reply = await call<{ message: string; errors: unknown[] }>(
        s,
        'GET',
        `/v2/jobs?${query}`,
      );
      expect(reply.status, query).toBe(400);
      expect(reply.body.message).toBe('Invalid request');
    }
    expect((await call(s, 'GET', '/v2/jobs?limit=100')).status).toBe(200);
  });
});
