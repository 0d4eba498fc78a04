/** The resampling filter removes what 16 kHz cannot hold, and keeps speech frequencies intact. */
import { describe, expect, it } from 'vitest';
import { downmixToMono, Resampler } from '../../../src/core/media/prepare/resampler';

function tone(freq: number, rate: number, seconds: number): Float64Array {
  const out = new Float64Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = 0.5 * Math.sin((2 * Math.PI * freq * i) / rate);
  return out;
}

/** RMS of the middle, away from the start/end edges of the filter. */
function rms(samples: Float64Array): number {
  const from = Math.floor(samples.length * 0.2);
  const to = Math.floor(samples.length * 0.8);
  let sum = 0;
  for (let i = from; i < to; i++) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / (to - from));
}

function resampleInChunks(input: Float64Array, chunk: number): Float64Array {
  const r = new Resampler(48_000, 16_000);
  const parts: Float64Array[] = [];
  for (let i = 0; i < input.length; i += chunk) parts.push(r.process(input.subarray(i, i + chunk)));
  parts.push(r.flush());
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const db = (ratio: number): number => 20 * Math.log10(ratio);

describe('Resampler 48 kHz -> 16 kHz', () => {
  it('attenuates a 9 kHz tone by at least 40 dB (no aliasing to 7 kHz)', () => {
    const input = tone(9_000, 48_000, 1);
    const output = resampleInChunks(input, 4_096);
    expect(output.length).toBe(16_000);
    expect(db(rms(output) / rms(input))).toBeLessThanOrEqual(-40);
  });

  it('keeps a 3 kHz tone within 0.5 dB', () => {
    const input = tone(3_000, 48_000, 1);
    const output = resampleInChunks(input, 1_000);
    expect(Math.abs(db(rms(output) / rms(input)))).toBeLessThanOrEqual(0.5);
  });

  it('gives the same samples whatever the chunk size', () => {
    const input = tone(1_000, 48_000, 0.2);
    const a = resampleInChunks(input, 7);
    const b = resampleInChunks(input, input.length);
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i] ?? Number.NaN, 9);
  });

  it('naive sample dropping would alias (the test can tell the difference)', () => {
    const input = tone(9_000, 48_000, 1);
    const dropped = new Float64Array(16_000);
    for (let i = 0; i < dropped.length; i++) dropped[i] = input[i * 3] ?? 0;
    expect(db(rms(dropped) / rms(input))).toBeGreaterThan(-40);
  });
});

describe('downmixToMono', () => {
  it('averages the channels', () => {
    expect(Array.from(downmixToMono(Float64Array.from([1, 0, 0.5, 0.5]), 2))).toEqual([0.5, 0.5]);
  });
});
