/**
 * The simulator's ears (option `listen`): reads PCM WAV, finds speech by energy, describes each
 * stretch of speech by a small voice feature and groups the stretches into speakers. Good enough
 * to tell apart the synthetic voices of the fixtures, which is all the voices tests need; it is
 * not a diarizer for real recordings.
 */

/** Mono samples in [-1, 1] at `sampleRate`. */
export interface Pcm {
  sampleRate: number;
  samples: Float32Array;
}

/** Analysis runs at this rate whatever the file's rate, so features do not depend on it. */
const RATE = 16_000;
const HOP = 160; // 10 ms
const ENERGY_WINDOW = 320; // 20 ms
/** Speech frames are within this many dB of the loudest frame (and above the floor). */
const SPEECH_BELOW_PEAK_DB = 35;
const SPEECH_FLOOR_DB = -55;
/**
 * A silence this long ends a turn; shorter ones (between words and sentences, 0.43 s at most in
 * the fixtures) stay inside it. The fixtures pause 0.5 s or more between turns; a speaker change
 * after a shorter pause is not heard.
 */
const MIN_PAUSE_SECONDS = 0.46;
/** Speech shorter than this is a click, not a region. */
const MIN_REGION_SECONDS = 0.1;
/** Pitch search range (Hz) and the autocorrelation peak a frame needs to count as voiced. */
const F0_MIN = 60;
const F0_MAX = 400;
const VOICED_PEAK = 0.5;
/** Pitch is searched at half the analysis rate (4x less work; voices stay far below 4 kHz). */
const PITCH_RATE = RATE / 2;
const PITCH_WINDOW = 320; // 40 ms

function readSample(bytes: Buffer, at: number, bits: number, float: boolean): number {
  if (float) return bits === 64 ? bytes.readDoubleLE(at) : bytes.readFloatLE(at);
  if (bits === 16) return bytes.readInt16LE(at) / 32768;
  if (bits === 24) return bytes.readIntLE(at, 3) / 8388608;
  return bytes.readInt32LE(at) / 2147483648;
}

/**
 * Decodes a RIFF/WAVE (or RF64) file of integer PCM (16, 24 or 32 bits) or float PCM (32 or 64
 * bits), any rate and channel count, mixed down to mono. Undefined for anything else (8-bit, compressed,
 * not a WAV at all).
 */
export function decodeWav(bytes: Buffer): Pcm | undefined {
  const tag = bytes.toString('ascii', 0, 4);
  // RF64 (WAV over 4 GiB) has the same layout; its data size then says 0xFFFFFFFF.
  if (bytes.length < 12 || (tag !== 'RIFF' && tag !== 'RF64')) return undefined;
  if (bytes.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  let format:
    { code: number; channels: number; rate: number; bits: number; align: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && size >= 16 && body + 16 <= bytes.length) {
      let code = bytes.readUInt16LE(body);
      // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
      if (code === 0xfffe && size >= 40 && body + 26 <= bytes.length)
        code = bytes.readUInt16LE(body + 24);
      format = {
        code,
        channels: bytes.readUInt16LE(body + 2),
        rate: bytes.readUInt32LE(body + 4),
        align: bytes.readUInt16LE(body + 12),
        bits: bytes.readUInt16LE(body + 14),
      };
    } else if (id === 'data' && format) {
      const { code, channels, rate, bits, align } = format;
      const float = code === 3;
      const supported = float
        ? bits === 32 || bits === 64
        : code === 1 && [16, 24, 32].includes(bits);
      if (!supported || channels < 1 || rate < 1000 || align !== (channels * bits) / 8)
        return undefined;
      // A streamed WAV may say 0 or 0xFFFFFFFF here: read what is there.
      const end = Math.min(
        bytes.length,
        size === 0 || size === 0xffffffff ? bytes.length : body + size,
      );
      const frames = Math.floor((end - body) / align);
      const mono = new Float32Array(frames);
      const width = bits / 8;
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < channels; c++)
          sum += readSample(bytes, body + i * align + c * width, bits, float);
        mono[i] = sum / channels;
      }
      return { sampleRate: rate, samples: mono };
    }
    offset = body + size + (size % 2);
  }
  return undefined;
}

/** To 16 kHz: a box filter as wide as the step (crude anti-aliasing), then linear interpolation. */
export function toAnalysisRate(pcm: Pcm): Float32Array {
  if (pcm.sampleRate === RATE) return pcm.samples;
  const ratio = pcm.sampleRate / RATE;
  let source = pcm.samples;
  const width = Math.floor(ratio);
  if (width >= 2) {
    const smoothed = new Float32Array(source.length);
    let sum = 0;
    for (let i = 0; i < source.length; i++) {
      sum += source[i] ?? 0;
      if (i >= width) sum -= source[i - width] ?? 0;
      smoothed[i] = sum / Math.min(i + 1, width);
    }
    source = smoothed;
  }
  const out = new Float32Array(Math.floor(source.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const at = i * ratio;
    const k = Math.floor(at);
    const frac = at - k;
    out[i] = (source[k] ?? 0) * (1 - frac) + (source[k + 1] ?? source[k] ?? 0) * frac;
  }
  return out;
}

export interface Region {
  /** Seconds. */
  start: number;
  end: number;
}

function frameDb(x: Float32Array, at: number, length: number): number {
  let sum = 0;
  for (let i = at; i < at + length && i < x.length; i++) sum += (x[i] ?? 0) ** 2;
  return 10 * Math.log10(sum / length + 1e-12);
}

/** Stretches of speech: frames near the loudest one, with short pauses bridged and clicks dropped. */
export function speechRegions(x: Float32Array): Region[] {
  const frames = Math.max(0, Math.floor((x.length - ENERGY_WINDOW) / HOP) + 1);
  const db = Array.from({ length: frames }, (_, f) => frameDb(x, f * HOP, ENERGY_WINDOW));
  const peak = db.reduce((a, b) => Math.max(a, b), -Infinity);
  const threshold = Math.max(peak - SPEECH_BELOW_PEAK_DB, SPEECH_FLOOR_DB);
  const regions: Region[] = [];
  let open: Region | undefined;
  for (let f = 0; f < frames; f++) {
    if ((db[f] ?? -Infinity) < threshold) continue;
    // A frame stands for the middle 10 ms of its window, so edges land within 5 ms.
    const start = (f * HOP + (ENERGY_WINDOW - HOP) / 2) / RATE;
    const end = start + HOP / RATE;
    if (open && start - open.end < MIN_PAUSE_SECONDS) open.end = end;
    else {
      if (open) regions.push(open);
      open = { start, end };
    }
  }
  if (open) regions.push(open);
  return regions
    .filter((r) => r.end - r.start >= MIN_REGION_SECONDS)
    .map((r) => ({ start: round3(r.start), end: round3(Math.min(r.end, x.length / RATE)) }));
}

function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** The pitch (Hz) of the 40 ms frame at `at`, or undefined when it is not voiced. */
function pitchAt(x: Float32Array, at: number): number | undefined {
  const n = PITCH_WINDOW;
  if (at + n > x.length) return undefined;
  let energy = 0;
  for (let i = at; i < at + n; i++) energy += (x[i] ?? 0) ** 2;
  if (energy <= 1e-9) return undefined;
  const minLag = Math.floor(PITCH_RATE / F0_MAX);
  const maxLag = Math.ceil(PITCH_RATE / F0_MIN);
  const half = n - maxLag;
  const nacf = new Float64Array(maxLag + 2);
  for (let lag = minLag - 1; lag <= maxLag + 1; lag++) {
    let xy = 0;
    let xx = 0;
    let yy = 0;
    for (let i = at; i < at + half; i++) {
      const a = x[i] ?? 0;
      const b = x[i + lag] ?? 0;
      xy += a * b;
      xx += a * a;
      yy += b * b;
    }
    nacf[lag] = xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
  }
  let best = -1;
  let bestValue = VOICED_PEAK;
  for (let lag = minLag; lag <= maxLag; lag++) {
    const v = nacf[lag] ?? 0;
    if (v > bestValue && v >= (nacf[lag - 1] ?? 0) && v >= (nacf[lag + 1] ?? 0)) {
      bestValue = v;
      best = lag;
    }
  }
  if (best < 0) return undefined;
  // Prefer the shortest lag whose peak is nearly as high (avoids octave errors down).
  for (let lag = minLag; lag < best; lag++) {
    const v = nacf[lag] ?? 0;
    if (v >= 0.9 * bestValue && v >= (nacf[lag - 1] ?? 0) && v >= (nacf[lag + 1] ?? 0)) {
      best = lag;
      break;
    }
  }
  const l = nacf[best - 1] ?? 0;
  const c = nacf[best] ?? 0;
  const r = nacf[best + 1] ?? 0;
  const curve = l - 2 * c + r;
  const shift = curve === 0 ? 0 : (0.5 * (l - r)) / curve;
  return PITCH_RATE / (best + shift);
}

/** A stretch of speech and the pitch (semitones re 100 Hz) of each of its voiced frames. */
export interface HeardRegion extends Region {
  pitches: number[];
}

export interface Heard {
  durationSeconds: number;
  regions: HeardRegion[];
}

/** Longest audio the simulator listens to (analysis blocks the server); longer media gets random outputs. */
export const MAX_LISTEN_SECONDS = 20 * 60;

/** Listens to a WAV upload; undefined when it is not PCM WAV the simulator can read, or too long. */
export function hear(bytes: Buffer): Heard | undefined {
  const pcm = decodeWav(bytes);
  if (!pcm || pcm.samples.length / pcm.sampleRate > MAX_LISTEN_SECONDS) return undefined;
  const x = toAnalysisRate(pcm);
  const x8 = halfRate(x);
  const regions = speechRegions(x).map((region) => ({
    ...region,
    pitches: voicedPitches(x8, region),
  }));
  return { durationSeconds: pcm.samples.length / pcm.sampleRate, regions };
}

/** Half the rate: the mean of each pair of samples (a crude low-pass, enough for pitch). */
function halfRate(x: Float32Array): Float32Array {
  const out = new Float32Array(Math.floor(x.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = ((x[2 * i] ?? 0) + (x[2 * i + 1] ?? 0)) / 2;
  return out;
}

/** Pitches (semitones re 100 Hz) of the voiced 40 ms frames of a region, every 20 ms. */
function voicedPitches(x8: Float32Array, region: Region): number[] {
  const pitches: number[] = [];
  const step = PITCH_RATE / 50; // 20 ms
  const first = Math.floor((region.start * PITCH_RATE) / step);
  const last = Math.floor((region.end * PITCH_RATE - PITCH_WINDOW) / step);
  for (let f = first; f <= last; f++) {
    const f0 = pitchAt(x8, f * step);
    if (f0 !== undefined) pitches.push(12 * Math.log2(f0 / 100));
  }
  return pitches;
}

/**
 * The lower quartile of the pitches: the floor a speaker's intonation rises from, steadier from
 * one sentence to the next than the median (which questions and emphasis move).
 */
function voicePitch(pitches: readonly number[]): number {
  const sorted = [...pitches].sort((a, b) => a - b);
  return sorted[Math.floor(0.25 * (sorted.length - 1))] ?? 0;
}

/**
 * What a voice sounds like: the lower quartile of its pitch in semitones re 100 Hz (the fixture
 * voices lie 3.2 semitones or more apart; one voice measured on different sentences of 3 s or
 * more varies by about 1), and how many voiced frames (20 ms) it was measured on.
 */
export interface VoiceFeature {
  pitch: number;
  frames: number;
}

export function featureOf(pitches: readonly number[]): VoiceFeature | undefined {
  return pitches.length === 0 ? undefined : { pitch: voicePitch(pitches), frames: pitches.length };
}

/** A region needs this many voiced frames (0.1 s) to say something about its voice. */
const MIN_VOICED_FRAMES = 5;
/** Two groups of speech whose pitch (lower quartile) differs by less than this are one speaker. */
export const SAME_SPEAKER_SEMITONES = 2;
/** Width of the confidence curve: distance (semitones) at which confidence falls to 61. */
const CONFIDENCE_WIDTH = 1.8;

/** 0–100 from the pitch distance: 100 at 0, 86 one semitone apart, 54 at 2, 25 at 3, 8 at 4. */
export function confidenceBetween(a: VoiceFeature, b: VoiceFeature): number {
  const distance = Math.abs(a.pitch - b.pitch);
  return Math.round(100 * Math.exp(-0.5 * (distance / CONFIDENCE_WIDTH) ** 2));
}

export interface SpeakerRequest {
  numSpeakers?: number;
  minSpeakers?: number;
  maxSpeakers?: number;
}

export interface HeardSpeakers {
  /** Speaker indexes in order of first appearance; turns sorted by start. */
  turns: { speaker: number; start: number; end: number }[];
  /** The voice of each speaker, by index. */
  voices: VoiceFeature[];
  warning?: string;
}

/**
 * Groups the regions into speakers: agglomerative, always merging the two closest groups (by the
 * pitch of all their frames together), while they are closer than SAME_SPEAKER_SEMITONES, or while
 * there are more groups than the request allows; never below what it asks for.
 */
export function speakersOf(heard: Heard, request: SpeakerRequest = {}): HeardSpeakers {
  const voiced = heard.regions
    .map((region, index) => ({ region, index }))
    .filter(({ region }) => region.pitches.length >= MIN_VOICED_FRAMES);
  const wantedExactly =
    request.numSpeakers === undefined ? undefined : Math.max(1, Math.floor(request.numSpeakers));
  const low = wantedExactly ?? Math.max(1, Math.floor(request.minSpeakers ?? 1));
  const high = wantedExactly ?? Math.max(low, Math.floor(request.maxSpeakers ?? Infinity));
  const group = (members: number[], pitches: number[]) => ({
    members,
    pitches,
    pitch: voicePitch(pitches),
  });
  let groups = voiced.map(({ region, index }) => group([index], [...region.pitches]));
  while (groups.length > 1) {
    let best: { i: number; j: number; d: number } | undefined;
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const d = Math.abs(groups[i]!.pitch - groups[j]!.pitch);
        if (!best || d < best.d) best = { i, j, d };
      }
    if (!best) break;
    const merge = groups.length > high || (best.d < SAME_SPEAKER_SEMITONES && groups.length > low);
    if (!merge) break;
    const a = groups[best.i]!;
    const b = groups[best.j]!;
    groups = groups.filter((_, k) => k !== best.i && k !== best.j);
    groups.push(group([...a.members, ...b.members], [...a.pitches, ...b.pitches]));
  }
  // Labels in order of first appearance.
  groups.sort((a, b) => Math.min(...a.members) - Math.min(...b.members));
  const speakerOfRegion = new Map<number, number>();
  groups.forEach((g, speaker) => g.members.forEach((m) => speakerOfRegion.set(m, speaker)));
  // Regions too short to judge go to the nearest judged region in time.
  const turns = heard.regions.flatMap((region, index) => {
    let speaker = speakerOfRegion.get(index);
    if (speaker === undefined) {
      const nearest = voiced.reduce<{ index: number; gap: number } | undefined>((acc, v) => {
        const gap = Math.max(v.region.start - region.end, region.start - v.region.end, 0);
        return !acc || gap < acc.gap ? { index: v.index, gap } : acc;
      }, undefined);
      speaker = nearest && speakerOfRegion.get(nearest.index);
    }
    return speaker === undefined ? [] : [{ speaker, start: region.start, end: region.end }];
  });
  const voices = groups.map((g) => featureOf(g.pitches)!);
  let warning: string | undefined;
  if (wantedExactly !== undefined && groups.length < wantedExactly)
    warning = `Could not find exactly ${wantedExactly} speakers.`;
  else if (groups.length < low) warning = `Could not find at least ${low} speakers.`;
  return { turns, voices, warning };
}

const VOICEPRINT_MAGIC = 'DSIMVP1:';

/** A voiceprint: base64 of a tag and the feature, opaque to clients, decodable here. */
export function encodeVoiceprint(voice: VoiceFeature): string {
  const body = Buffer.alloc(VOICEPRINT_MAGIC.length + 12);
  body.write(VOICEPRINT_MAGIC, 0, 'ascii');
  body.writeDoubleLE(voice.pitch, VOICEPRINT_MAGIC.length);
  body.writeUInt32LE(voice.frames, VOICEPRINT_MAGIC.length + 8);
  return body.toString('base64');
}

/** The feature inside a voiceprint this simulator made in listen mode; undefined for any other string. */
export function decodeVoiceprint(voiceprint: string): VoiceFeature | undefined {
  const body = Buffer.from(voiceprint, 'base64');
  if (body.length !== VOICEPRINT_MAGIC.length + 12) return undefined;
  if (body.toString('ascii', 0, VOICEPRINT_MAGIC.length) !== VOICEPRINT_MAGIC) return undefined;
  const pitch = body.readDoubleLE(VOICEPRINT_MAGIC.length);
  if (!Number.isFinite(pitch)) return undefined;
  return { pitch, frames: body.readUInt32LE(VOICEPRINT_MAGIC.length + 8) };
}
