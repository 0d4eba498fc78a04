/**
 * Streaming rational resampler: a windowed-sinc low-pass (Kaiser window) applied in polyphase
 * form, so down-sampling a recording to 16 kHz filters out what 16 kHz cannot hold instead of
 * folding it back (aliasing), at the cost of only the taps each output sample actually uses.
 *
 * Memory is fixed at construction: one history buffer that input is appended to and that is
 * compacted in place (copyWithin) when full; no per-sample or per-chunk copies of the history.
 * The output of each call is the only allocation, and is independent of how input is chunked.
 */

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Modified Bessel function of the first kind, order 0 (series), for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const half = x / 2;
  for (let k = 1; k < 50; k++) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

export interface ResamplerOptions {
  /** Zero crossings of the sinc on each side (longer = sharper transition, more work). */
  readonly zeroCrossings?: number;
  /** Kaiser beta (6 gives about 60 dB stop-band attenuation). */
  readonly beta?: number;
  /** Cut-off as a fraction of the lower Nyquist frequency. */
  readonly cutoffFraction?: number;
}

/** Input samples appended per step at most; the history buffer holds this plus one filter span. */
const BLOCK = 1 << 16;

export class Resampler {
  private readonly up: number;
  private readonly down: number;
  /** Taps per phase. */
  private readonly span: number;
  /** Phase p's taps at [p * span, (p + 1) * span), in the order of the input samples they weigh. */
  private readonly phases: Float64Array;
  /** For each phase: the phase of the next output, and how far its first input sample moves. */
  private readonly nextPhase: Int32Array;
  private readonly advance: Int32Array;
  private readonly buffer: Float64Array;
  /** Global index (in input samples, zero-padded before 0) of buffer[0], and samples held. */
  private bufferStart: number;
  private bufferLength: number;
  /** First input sample the next output needs, and that output's phase. */
  private first: number;
  private phase: number;
  private received = 0;
  private produced = 0;

  constructor(inRate: number, outRate: number, options: ResamplerOptions = {}) {
    if (!Number.isInteger(inRate) || !Number.isInteger(outRate) || inRate <= 0 || outRate <= 0) {
      throw new RangeError('Sample rates must be positive whole numbers.');
    }
    const g = gcd(inRate, outRate);
    const up = outRate / g;
    const down = inRate / g;
    this.up = up;
    this.down = down;
    const zeros = options.zeroCrossings ?? 10;
    const beta = options.beta ?? 6;
    // Cut-off in cycles per sample of the up-sampled stream.
    const fc = (0.5 * (options.cutoffFraction ?? 0.9)) / Math.max(up, down);
    const half = Math.ceil(zeros / (2 * fc));
    const taps = new Float64Array(2 * half + 1);
    const i0Beta = besselI0(beta);
    for (let j = 0; j < taps.length; j++) {
      const t = j - half;
      const x = 2 * fc * t;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const r = t / half;
      const w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
      taps[j] = 2 * fc * sinc * w * up;
    }

    // Output n sits at m = n * down on the up-sampled grid and weighs input k by h(m - k * up),
    // |m - k * up| <= half. With k0 = ceil((m - half) / up) its first input and d = m - k0 * up
    // (in (half - up, half]), phase p = half - d picks taps h[2 * half - p - j * up], j = 0, 1…
    const span = Math.floor((2 * half) / up) + 1;
    this.span = span;
    this.phases = new Float64Array(up * span);
    for (let p = 0; p < up; p++) {
      for (let j = 0; j < span; j++) {
        const index = 2 * half - p - j * up;
        this.phases[p * span + j] = index >= 0 ? (taps[index] ?? 0) : 0;
      }
    }
    this.nextPhase = new Int32Array(up);
    this.advance = new Int32Array(up);
    for (let p = 0; p < up; p++) {
      let d = half - p + down;
      let steps = 0;
      while (d > half) {
        d -= up;
        steps++;
      }
      this.nextPhase[p] = half - d;
      this.advance[p] = steps;
    }
    // Output 0: m = 0, k0 = ceil(-half / up) <= 0. Samples before 0 are silence, held as zeros.
    const k0 = Math.ceil(-half / up);
    this.first = k0;
    this.phase = half - (0 - k0 * up);
    this.buffer = new Float64Array(span + BLOCK);
    this.bufferStart = k0;
    this.bufferLength = -k0;
  }

  /** Feeds samples; returns the output samples that are now complete. */
  process(input: Float32Array | Float64Array): Float64Array {
    const out = new Float64Array(this.maxOutput(input.length));
    const count = this.processInto(input, out);
    return count === out.length ? out : out.subarray(0, count);
  }

  /** How many outputs a call with `inputLength` samples can produce at most: the size `out` needs. */
  maxOutput(inputLength: number): number {
    const end = this.bufferStart + this.bufferLength + inputLength;
    return Math.max(0, Math.ceil((end * this.up) / this.down) + 2 - this.produced);
  }

  /**
   * Like `process`, without allocating: writes the outputs now complete into `out` (at least
   * `maxOutput(input.length)` long) and returns how many it wrote.
   */
  processInto(input: Float32Array | Float64Array, out: Float64Array): number {
    this.received += input.length;
    return this.run(input, Number.POSITIVE_INFINITY, out);
  }

  /** Ends the stream (the signal is taken as silent after the last sample). */
  flush(): Float64Array {
    const total = Math.ceil((this.received * this.up) / this.down);
    const missing = Math.max(0, total - this.produced);
    // Enough silence for every remaining output's whole span.
    const silence = new Float64Array(Math.ceil((missing * this.down) / this.up) + this.span + 1);
    const out = new Float64Array(missing);
    const count = this.run(silence, total, out);
    return count === out.length ? out : out.subarray(0, count);
  }

  private run(input: Float32Array | Float64Array, limit: number, out: Float64Array): number {
    let count = 0;
    for (let at = 0; at < input.length || at === 0;) {
      const take = Math.min(input.length - at, this.buffer.length - this.bufferLength);
      if (take <= 0 && input.length > 0 && this.compact() === 0) break;
      if (take > 0) {
        this.buffer.set(input.subarray(at, at + take), this.bufferLength);
        this.bufferLength += take;
        at += take;
      }
      count = this.emit(out, count, limit);
      if (input.length === 0) break;
      if (at < input.length) this.compact();
    }
    return count;
  }

  /** Computes every output whose inputs are all in the buffer; returns the new count. */
  private emit(out: Float64Array, start: number, limit: number): number {
    const { buffer, phases, span, nextPhase, advance } = this;
    let count = start;
    let first = this.first;
    let phase = this.phase;
    let produced = this.produced;
    const end = this.bufferStart + this.bufferLength;
    const offset = this.bufferStart;
    const symmetric = this.up === 1;
    const mid = span >> 1;
    while (produced < limit && first + span <= end && count < out.length) {
      const base = first - offset;
      let acc = 0;
      if (symmetric) {
        // One phase, symmetric taps (span is odd): each tap weighs a pair of samples.
        const last = base + span - 1;
        for (let j = 0; j < mid; j++) {
          acc +=
            (phases[j] as number) * ((buffer[base + j] as number) + (buffer[last - j] as number));
        }
        acc += (phases[mid] as number) * (buffer[base + mid] as number);
      } else {
        const tap = phase * span;
        for (let j = 0; j < span; j++) {
          acc += (buffer[base + j] as number) * (phases[tap + j] as number);
        }
      }
      out[count++] = acc;
      produced++;
      first += advance[phase] as number;
      phase = nextPhase[phase] as number;
    }
    this.first = first;
    this.phase = phase;
    this.produced = produced;
    return count;
  }

  /** Drops what no later output needs; returns how many samples were dropped. */
  private compact(): number {
    const drop = Math.min(Math.max(0, this.first - this.bufferStart), this.bufferLength);
    if (drop > 0) {
      this.buffer.copyWithin(0, drop, this.bufferLength);
      this.bufferLength -= drop;
      this.bufferStart += drop;
    }
    return drop;
  }
}

/** Averages interleaved channels into one. */
export function downmixToMono(
  interleaved: Float32Array | Float64Array,
  channels: number,
): Float64Array {
  const frames = Math.floor(interleaved.length / channels);
  const out = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[f * channels + c] ?? 0;
    out[f] = sum / channels;
  }
  return out;
}
