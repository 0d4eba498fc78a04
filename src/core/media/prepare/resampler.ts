/**
 * Streaming rational resampler (windowed-sinc FIR, Kaiser window), so down-sampling a recording
 * to 16 kHz filters out what cannot be represented instead of folding it back (aliasing).
 * Memory stays bounded: only the filter's history is kept between chunks.
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
  /** Zero crossings of the sinc on each side (longer = sharper transition). */
  readonly zeroCrossings?: number;
  /** Kaiser beta (8 gives about 80 dB stop-band attenuation). */
  readonly beta?: number;
  /** Cut-off as a fraction of the lower Nyquist frequency. */
  readonly cutoffFraction?: number;
}

export class Resampler {
  private readonly up: number;
  private readonly down: number;
  private readonly half: number;
  private readonly taps: Float64Array;
  /** Input samples kept, starting at global input index `base`. */
  private history = new Float64Array(0);
  private base = 0;
  private received = 0;
  private nextOut = 0;

  constructor(inRate: number, outRate: number, options: ResamplerOptions = {}) {
    if (!Number.isInteger(inRate) || !Number.isInteger(outRate) || inRate <= 0 || outRate <= 0) {
      throw new RangeError('Sample rates must be positive whole numbers.');
    }
    const g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    const zeros = options.zeroCrossings ?? 24;
    const beta = options.beta ?? 8;
    // Cut-off in cycles per sample of the up-sampled stream.
    const fc = (0.5 * (options.cutoffFraction ?? 0.9)) / Math.max(this.up, this.down);
    this.half = Math.ceil(zeros / (2 * fc));
    const n = 2 * this.half + 1;
    this.taps = new Float64Array(n);
    const i0Beta = besselI0(beta);
    for (let j = 0; j < n; j++) {
      const t = j - this.half;
      const x = 2 * fc * t;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const r = t / this.half;
      const w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
      this.taps[j] = 2 * fc * sinc * w * this.up;
    }
  }

  /** Feeds samples; returns the output samples that are now complete. */
  process(input: Float32Array | Float64Array): Float64Array {
    const merged = new Float64Array(this.history.length + input.length);
    merged.set(this.history, 0);
    merged.set(input, this.history.length);
    this.history = merged;
    this.received += input.length;
    return this.drain(false);
  }

  /** Ends the stream (the signal is taken as silent after the last sample). */
  flush(): Float64Array {
    return this.drain(true);
  }

  private drain(final: boolean): Float64Array {
    const { up, down, half, taps } = this;
    const total = final ? Math.ceil((this.received * up) / down) : Number.POSITIVE_INFINITY;
    const out: number[] = [];
    for (;;) {
      const n = this.nextOut;
      if (n >= total) break;
      const center = n * down + half;
      const kMax = Math.floor(center / up);
      if (!final && kMax >= this.received) break;
      const kMin = Math.max(0, Math.ceil((n * down - half) / up));
      let acc = 0;
      const last = Math.min(kMax, this.received - 1);
      for (let k = kMin; k <= last; k++) {
        acc += (this.history[k - this.base] ?? 0) * (taps[center - k * up] ?? 0);
      }
      out.push(acc);
      this.nextOut++;
    }
    // Keep only what the next output still needs.
    const needFrom = Math.max(0, Math.ceil((this.nextOut * down - half) / up));
    const drop = Math.min(Math.max(0, needFrom - this.base), this.history.length);
    if (drop > 0) {
      this.history = this.history.slice(drop);
      this.base += drop;
    }
    return Float64Array.from(out);
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
