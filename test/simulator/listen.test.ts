// Listen mode over real HTTP: turns heard in the fixtures, voiceprints that carry a voice, and
// identification that names the right speaker (and nobody else) with the matching rules.
import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  NO_SPEECH,
  VOICEPRINT_TOO_LONG,
  decodeVoiceprint,
  fixtureTurns,
  readFixture,
  sliceWav,
  startSimulator,
} from '../simulator/index';
import type { FixtureVoice, Simulator, SimulatorInit, VoiceFixture } from '../simulator/index';
import { validateSchema } from '../simulator/schemas';
import { call, getJob, uploadMedia } from '../simulator/test-helpers';
import type { JobView } from '../simulator/test-helpers';
import { optionsFromEnv } from '../simulator/env';
import { decodeWav } from '../simulator/listen';
import { makeWav } from '../simulator/wav';

interface Segment {
  speaker: string;
  start: number;
  end: number;
}
interface Identified extends Segment {
  diarizationSpeaker: string;
  match: string | null;
}
interface SpeakerVoiceprint {
  speaker: string;
  match: string;
  confidence: Record<string, number>;
}

const TIMING = { createdMs: 20, pendingMs: 30, runningMs: 50, runningMsPerAudioSecond: 0 };
const PAST_END = 1000;
/** Ids as Diarist sends them (the voice's id, never the name). */
const LABEL: Record<Exclude<FixtureVoice, 'newcomer'>, string> = {
  'british-man': 'voice-b1715a01',
  'american-woman': 'voice-a3e71c02',
  'scottish-man': 'voice-5c077003',
};
const KNOWN = Object.keys(LABEL) as (keyof typeof LABEL)[];

let sim: Simulator | undefined;
const wav: Partial<Record<VoiceFixture, Buffer>> = {};

beforeAll(async () => {
  wav['conversation.wav'] = await readFixture('conversation.wav');
  wav['voices-meeting.wav'] = await readFixture('voices-meeting.wav');
});

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(init: SimulatorInit = {}): Promise<Simulator> {
  const frozenAt = Date.now();
  sim = await startSimulator({
    rateLimit: null,
    timing: TIMING,
    now: () => frozenAt,
    listen: true,
    ...init,
  });
  return sim;
}

function bytesOf(fixture: VoiceFixture): Buffer {
  const bytes = wav[fixture];
  if (!bytes) throw new Error(`${fixture} not read`);
  return bytes;
}

async function run(s: Simulator, path: string, body: Record<string, unknown>): Promise<JobView> {
  const reply = await call<{ jobId: string }>(s, 'POST', path, body);
  if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${reply.text}`);
  s.advanceTime(PAST_END);
  return getJob(s, reply.body.jobId);
}

/** A clip of one speaker of conversation.wav, cut from its true turn (3.2 s or more). */
function clipOf(voice: FixtureVoice): Buffer {
  const turn = fixtureTurns('conversation.wav').find((t) => t.voice === voice);
  if (!turn) throw new Error(`${voice} is not in conversation.wav`);
  return sliceWav(bytesOf('conversation.wav'), [turn]);
}

/** Stretches of conversation.wav joined with `pause` seconds of silence between them. */
function joinWithPauses(ranges: readonly { start: number; end: number }[], pause: number): Buffer {
  const conversation = bytesOf('conversation.wav');
  const silence = Buffer.alloc(Math.round(pause * 16_000) * 2);
  const parts = ranges.flatMap((range, i) => [
    ...(i > 0 ? [silence] : []),
    sliceWav(conversation, [range]).subarray(44),
  ]);
  const body = Buffer.concat(parts);
  const header = Buffer.from(conversation.subarray(0, 44));
  header.writeUInt32LE(36 + body.length, 4);
  header.writeUInt32LE(body.length, 40);
  return Buffer.concat([header, body]);
}

/** Makes a voiceprint of each known voice from conversation.wav, through the API. */
async function voiceprints(s: Simulator): Promise<Record<keyof typeof LABEL, string>> {
  const out: Partial<Record<keyof typeof LABEL, string>> = {};
  for (const voice of KNOWN) {
    await uploadMedia(s, `media://clip-${voice}`, clipOf(voice));
    const job = await run(s, '/v1/voiceprint', { url: `media://clip-${voice}` });
    expect(job.status).toBe('succeeded');
    expect(validateSchema('VoiceprintJob', job)).toEqual([]);
    out[voice] = String(job.output?.['voiceprint']);
  }
  return out as Record<keyof typeof LABEL, string>;
}

async function identifyMeeting(
  s: Simulator,
  prints: { label: string; voiceprint: string }[],
  matching?: Record<string, unknown>,
): Promise<JobView> {
  await uploadMedia(s, 'media://meeting', bytesOf('voices-meeting.wav'));
  const job = await run(s, '/v1/identify', {
    url: 'media://meeting',
    voiceprints: prints,
    matching,
  });
  expect(job.status).toBe('succeeded');
  expect(validateSchema('IdentifyJob', job)).toEqual([]);
  return job;
}

function speakerOf(fixture: VoiceFixture, voice: FixtureVoice): string {
  const turn = fixtureTurns(fixture).find((t) => t.voice === voice);
  if (!turn) throw new Error(`${voice} is not in ${fixture}`);
  return turn.speaker;
}

/** Each speaker's match in `identification[]` (all its turns agree). */
function matchesOf(job: JobView): Map<string, string | null> {
  const matches = new Map<string, string | null>();
  for (const turn of job.output?.['identification'] as Identified[]) {
    if (matches.has(turn.diarizationSpeaker))
      expect(matches.get(turn.diarizationSpeaker)).toBe(turn.match);
    matches.set(turn.diarizationSpeaker, turn.match);
    expect(turn.speaker).toBe(turn.match ?? turn.diarizationSpeaker);
  }
  return matches;
}

function expectTurnsNearTruth(segments: Segment[], fixture: VoiceFixture): void {
  const truth = fixtureTurns(fixture);
  expect(segments.map((s) => s.speaker)).toEqual(truth.map((t) => t.speaker));
  segments.forEach((segment, i) => {
    expect(Math.abs(segment.start - (truth[i]?.start ?? NaN))).toBeLessThanOrEqual(0.1);
    expect(Math.abs(segment.end - (truth[i]?.end ?? NaN))).toBeLessThanOrEqual(0.1);
  });
}

describe('listen mode: diarization', () => {
  it('hears the three speakers of conversation.wav at their true times', async () => {
    const s = await start();
    await uploadMedia(s, 'media://conversation', bytesOf('conversation.wav'));
    const job = await run(s, '/v1/diarize', { url: 'media://conversation', exclusive: true });
    expect(job.status).toBe('succeeded');
    expect(validateSchema('DiarizationJob', job)).toEqual([]);
    const diarization = job.output?.['diarization'] as Segment[];
    expectTurnsNearTruth(diarization, 'conversation.wav');
    expect(job.output?.['exclusiveDiarization']).toEqual(diarization); // nobody overlaps
  });

  it('hears the four speakers of voices-meeting.wav, in the order they first speak', async () => {
    const s = await start();
    await uploadMedia(s, 'media://meeting', bytesOf('voices-meeting.wav'));
    const job = await run(s, '/v1/diarize', { url: 'media://meeting' });
    expectTurnsNearTruth(job.output?.['diarization'] as Segment[], 'voices-meeting.wav');
  });

  it('mixes down any channel count and reads any rate and 24-bit samples', async () => {
    // conversation.wav as 48 kHz stereo 24-bit: each sample held three times, right channel halved.
    const mono = bytesOf('conversation.wav').subarray(44);
    const frames = mono.length / 2;
    const data = Buffer.alloc(frames * 3 * 6);
    for (let i = 0; i < frames; i++) {
      const v = mono.readInt16LE(i * 2) * 256;
      for (let k = 0; k < 3; k++) {
        data.writeIntLE(v, (i * 3 + k) * 6, 3);
        data.writeIntLE(Math.round(v / 2), (i * 3 + k) * 6 + 3, 3);
      }
    }
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'ascii');
    header.writeUInt32LE(36 + data.length, 4);
    header.write('WAVEfmt ', 8, 'ascii');
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(2, 22);
    header.writeUInt32LE(48_000, 24);
    header.writeUInt32LE(48_000 * 6, 28);
    header.writeUInt16LE(6, 32);
    header.writeUInt16LE(24, 34);
    header.write('data', 36, 'ascii');
    header.writeUInt32LE(data.length, 40);
    const s = await start();
    await uploadMedia(s, 'media://stereo', Buffer.concat([header, data]));
    const job = await run(s, '/v1/diarize', { url: 'media://stereo' });
    expectTurnsNearTruth(job.output?.['diarization'] as Segment[], 'conversation.wav');
  });

  it('ends a turn at a pause of 0.5 s, and tells the voices apart', async () => {
    const [man, , scot] = fixtureTurns('conversation.wav');
    if (!man || !scot) throw new Error('fixture turns missing');
    const clip = joinWithPauses([man, scot, scot], 0.5);
    const s = await start();
    await uploadMedia(s, 'media://close', clip);
    const job = await run(s, '/v1/diarize', { url: 'media://close' });
    const turns = job.output?.['diarization'] as Segment[];
    // The Scottish man says his sentence twice: two turns, one speaker.
    expect(turns.map((t) => t.speaker)).toEqual(['SPEAKER_00', 'SPEAKER_01', 'SPEAKER_01']);
    const manEnds = man.end - man.start;
    expect(Math.abs((turns[0]?.end ?? NaN) - manEnds)).toBeLessThanOrEqual(0.1);
    expect(Math.abs((turns[1]?.start ?? NaN) - (manEnds + 0.5))).toBeLessThanOrEqual(0.1);
  });

  it('honours numSpeakers by merging the closest voices, with a warning when it cannot', async () => {
    const s = await start();
    await uploadMedia(s, 'media://conversation', bytesOf('conversation.wav'));
    const two = await run(s, '/v1/diarize', { url: 'media://conversation', numSpeakers: 2 });
    // The two men are closest: they become one speaker.
    expect((two.output?.['diarization'] as Segment[]).map((t) => t.speaker)).toEqual([
      'SPEAKER_00',
      'SPEAKER_01',
      'SPEAKER_00',
    ]);
    const five = await run(s, '/v1/diarize', { url: 'media://conversation', numSpeakers: 5 });
    expect(five.output?.['warning']).toBe('Could not find exactly 5 speakers.');
    expectTurnsNearTruth(five.output?.['diarization'] as Segment[], 'conversation.wav');
  });
});

describe('listen mode: voiceprints and identification', () => {
  it('recognises each voice of conversation.wav in voices-meeting.wav and names nobody else with it', async () => {
    const s = await start();
    const prints = await voiceprints(s);
    for (const print of Object.values(prints)) {
      expect(print.length).toBeLessThanOrEqual(20_000);
      expect(print).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(decodeVoiceprint(print)).toBeDefined();
    }
    const job = await identifyMeeting(
      s,
      KNOWN.map((voice) => ({ label: LABEL[voice], voiceprint: prints[voice] })),
      { threshold: 50 },
    );
    expectTurnsNearTruth(job.output?.['diarization'] as Segment[], 'voices-meeting.wav');
    const matches = matchesOf(job);
    const scored = job.output?.['voiceprints'] as SpeakerVoiceprint[];
    for (const voice of KNOWN) {
      const speaker = speakerOf('voices-meeting.wav', voice);
      expect(matches.get(speaker)).toBe(LABEL[voice]);
      const row = scored.find((v) => v.speaker === speaker);
      expect(row?.match).toBe(LABEL[voice]);
      expect(row?.confidence[LABEL[voice]]).toBeGreaterThanOrEqual(80);
      for (const other of KNOWN.filter((v) => v !== voice))
        expect(row?.confidence[LABEL[other]]).toBeLessThanOrEqual(30);
    }
    // The newcomer is nobody we know.
    expect(matches.get(speakerOf('voices-meeting.wav', 'newcomer'))).toBeNull();
    expect(scored.map((v) => v.speaker)).not.toContain(speakerOf('voices-meeting.wav', 'newcomer'));
    expect(new Set(scored.map((v) => v.match)).size).toBe(scored.length);
  });

  it('matches at or above the threshold only', async () => {
    const s = await start();
    const prints = await voiceprints(s);
    const one = [{ label: LABEL['british-man'], voiceprint: prints['british-man'] }];
    const speaker = speakerOf('voices-meeting.wav', 'british-man');
    const open = await identifyMeeting(s, one, { threshold: 0 });
    const confidence = (open.output?.['voiceprints'] as SpeakerVoiceprint[]).find(
      (v) => v.speaker === speaker,
    )?.confidence[LABEL['british-man']];
    expect(confidence).toBeGreaterThanOrEqual(80);
    const atIt = await identifyMeeting(s, one, { threshold: confidence });
    expect(matchesOf(atIt).get(speaker)).toBe(LABEL['british-man']);
    const above = await identifyMeeting(s, one, { threshold: (confidence ?? 0) + 1 });
    expect([...matchesOf(above).values()].every((m) => m === null)).toBe(true);
    expect(above.output?.['voiceprints']).toEqual([]);
  });

  it('lets a voiceprint name one speaker only when matching is exclusive (the default)', async () => {
    const s = await start();
    const prints = await voiceprints(s);
    const one = [{ label: LABEL['scottish-man'], voiceprint: prints['scottish-man'] }];
    const exclusive = await identifyMeeting(s, one, { threshold: 0 });
    const named = [...matchesOf(exclusive)].filter(([, m]) => m !== null).map(([sp]) => sp);
    expect(named).toEqual([speakerOf('voices-meeting.wav', 'scottish-man')]);
    const shared = await identifyMeeting(s, one, { threshold: 0, exclusive: false });
    expect([...matchesOf(shared).values()]).toEqual(Array(4).fill(LABEL['scottish-man']));
  });

  it('gives a voiceprint it did not make by listening no confidence', async () => {
    const s = await start();
    const job = await identifyMeeting(s, [{ label: 'voice-0000aaaa', voiceprint: 'U29tZQ' }]);
    for (const row of job.output?.['voiceprints'] as SpeakerVoiceprint[])
      expect(row.confidence['voice-0000aaaa']).toBe(0);
  });

  it('prints the most talkative voice of a clip with several', async () => {
    const s = await start();
    const turns = fixtureTurns('conversation.wav');
    // The American woman's whole turn plus a second of the British man.
    const [man, woman] = [turns[0], turns[1]];
    if (!man || !woman) throw new Error('fixture turns missing');
    const clip = joinWithPauses([{ start: man.start, end: man.start + 1 }, woman], 0.5);
    await uploadMedia(s, 'media://mixed', clip);
    const mixed = await run(s, '/v1/voiceprint', { url: 'media://mixed' });
    await uploadMedia(s, 'media://woman', clipOf('american-woman'));
    const alone = await run(s, '/v1/voiceprint', { url: 'media://woman' });
    const a = decodeVoiceprint(String(mixed.output?.['voiceprint']));
    const b = decodeVoiceprint(String(alone.output?.['voiceprint']));
    expect(Math.abs((a?.pitch ?? NaN) - (b?.pitch ?? NaN))).toBeLessThan(0.5);
  });

  it('fails a voiceprint job on a clip with no speech or over 30 s', async () => {
    const s = await start();
    await uploadMedia(s, 'media://silence', makeWav({ seconds: 5, frequency: 0 }));
    const silent = await run(s, '/v1/voiceprint', { url: 'media://silence' });
    expect(silent.status).toBe('failed');
    expect(silent.output).toEqual({ error: NO_SPEECH });
    // conversation.wav is 14.70 s long: twice its first 14.7 s and a bit more.
    const whole = { start: 0, end: 14.7 };
    const long = sliceWav(bytesOf('conversation.wav'), [whole, whole, { start: 0, end: 0.7 }]);
    await uploadMedia(s, 'media://long', long);
    const tooLong = await run(s, '/v1/voiceprint', { url: 'media://long' });
    expect(tooLong.status).toBe('failed');
    expect(tooLong.output).toEqual({ error: VOICEPRINT_TOO_LONG });
    const thirty = sliceWav(bytesOf('conversation.wav'), [whole, whole, { start: 0, end: 0.6 }]);
    expect(thirty.length).toBe(44 + 30 * 16_000 * 2);
    await uploadMedia(s, 'media://thirty', thirty);
    expect((await run(s, '/v1/voiceprint', { url: 'media://thirty' })).status).toBe('succeeded');
  });
});

describe('listen mode: what it does not listen to', () => {
  const bodies: [string, Record<string, unknown>][] = [
    ['/v1/diarize', { exclusive: true, confidence: true, turnLevelConfidence: true }],
    ['/v1/identify', { voiceprints: [{ label: 'voice-aaaaaaaa', voiceprint: 'QQ' }] }],
    ['/v1/voiceprint', {}],
  ];

  async function outputs(init: SimulatorInit, bytes: Buffer): Promise<unknown[]> {
    // Not `start`: that one listens unless told otherwise.
    const s = await startSimulator({ rateLimit: null, timing: TIMING, now: () => 0, ...init });
    try {
      await uploadMedia(s, 'media://file', bytes);
      const out: unknown[] = [];
      for (const [path, body] of bodies)
        out.push((await run(s, path, { url: 'media://file', ...body })).output);
      return out;
    } finally {
      await s.close();
    }
  }

  it('gives compressed media, and WAV it did not keep, the seeded random outputs', async () => {
    const flac = await readFixture('conversation.flac');
    const random = await outputs({ listen: false }, flac);
    expect(await outputs({ listen: true }, flac)).toEqual(random);
    const conversation = bytesOf('conversation.wav');
    // Only the head of a large upload is kept (its length then comes from the bitrate).
    const unkept = { maxRetainedBytes: 1000 };
    expect(await outputs({ listen: true, ...unkept }, conversation)).toEqual(
      await outputs({ listen: false, ...unkept }, conversation),
    );
  });

  it('leaves every output as it was when listen is off', async () => {
    const conversation = bytesOf('conversation.wav');
    const off = await outputs({ listen: false }, conversation);
    expect(await outputs({}, conversation)).toEqual(off);
    expect(await outputs({ listen: true }, conversation)).not.toEqual(off);
    // The outputs of main before listen mode existed (f430fa3), for conversation.wav; a change to
    // the random outputs on purpose updates this hash.
    expect(createHash('sha256').update(JSON.stringify(off)).digest('hex')).toBe(GOLDEN_OFF);
  });
});

const GOLDEN_OFF = 'bb8d5c8c420bb55781e38bda5654b3cb51723ec09250ceda96cec561652e911b';

describe('listen mode: reading WAV', () => {
  /** A WAV header for `format` (1 PCM, 3 float, 0xfffe extensible) around `data`. */
  function wavOf(format: number, bits: number, channels: number, data: Buffer): Buffer {
    const extensible = format === 0xfffe;
    const fmt = Buffer.alloc(extensible ? 40 : 16);
    fmt.writeUInt16LE(format, 0);
    fmt.writeUInt16LE(channels, 2);
    fmt.writeUInt32LE(8000, 4);
    fmt.writeUInt32LE((8000 * channels * bits) / 8, 8);
    fmt.writeUInt16LE((channels * bits) / 8, 12);
    fmt.writeUInt16LE(bits, 14);
    if (extensible) {
      fmt.writeUInt16LE(22, 16);
      fmt.writeUInt16LE(1, 24); // KSDATAFORMAT_SUBTYPE_PCM starts with 0x0001
    }
    const chunk = (id: string, body: Buffer): Buffer => {
      const head = Buffer.alloc(8);
      head.write(id, 0, 'ascii');
      head.writeUInt32LE(body.length, 4);
      return Buffer.concat([head, body, Buffer.alloc(body.length % 2)]);
    };
    // A LIST chunk before the data, as many editors write.
    const body = Buffer.concat([
      Buffer.from('WAVE'),
      chunk('fmt ', fmt),
      chunk('LIST', Buffer.from('INFOx')),
      chunk('data', data),
    ]);
    return Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4, 0), body]);
  }

  it('reads extensible PCM and float, mixes channels and refuses 8-bit and compressed audio', () => {
    const stereo16 = Buffer.alloc(8);
    stereo16.writeInt16LE(16384, 0);
    stereo16.writeInt16LE(0, 2);
    stereo16.writeInt16LE(-32768, 4);
    stereo16.writeInt16LE(-32768, 6);
    expect([...(decodeWav(wavOf(0xfffe, 16, 2, stereo16))?.samples ?? [])]).toEqual([0.25, -1]);
    const float = Buffer.alloc(8);
    float.writeFloatLE(0.5, 0);
    float.writeFloatLE(-0.25, 4);
    expect(decodeWav(wavOf(3, 32, 1, float))).toEqual({
      sampleRate: 8000,
      samples: Float32Array.from([0.5, -0.25]),
    });
    expect(decodeWav(wavOf(1, 8, 1, Buffer.from([1, 2, 3])))).toBeUndefined();
    expect(decodeWav(wavOf(0x55, 16, 1, Buffer.alloc(4)))).toBeUndefined(); // MP3 in WAV
    expect(decodeWav(Buffer.from('not a wav at all'))).toBeUndefined();
    const rf64 = wavOf(1, 16, 1, Buffer.from([0, 0x40]));
    rf64.write('RF64', 0, 'ascii');
    expect(decodeWav(rf64)?.samples).toEqual(Float32Array.from([0.5]));
  });

  it('is switched on for the standalone simulator by SIMULATOR_LISTEN', () => {
    expect(optionsFromEnv({ SIMULATOR_LISTEN: 'true' }).listen).toBe(true);
    expect(optionsFromEnv({}).listen).toBeUndefined();
    expect(() => optionsFromEnv({ SIMULATOR_LISTEN: 'loud' })).toThrow(/SIMULATOR_LISTEN/);
  });
});
