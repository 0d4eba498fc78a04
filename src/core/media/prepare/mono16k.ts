/**
 * PCM bytes in any layout -> 16 kHz mono 16-bit bytes, chunk by chunk. Every buffer is allocated
 * once, in the constructor: the loop that runs for every chunk of a 2 GB file allocates nothing.
 */
import { decodeToMono, encodeS16le, frameBytes, type PcmFormat } from './pcm';
import { Resampler } from './resampler';

export const TARGET_SAMPLE_RATE = 16_000;

export class Mono16kEncoder {
  private readonly format: PcmFormat;
  private readonly frameSize: number;
  private readonly maxFrames: number;
  private readonly resampler: Resampler | undefined;
  private readonly mono: Float64Array;
  private readonly resampled: Float64Array;
  private readonly bytes: Uint8Array;
  /** A frame split across two pushes (container packets need not end on a frame). */
  private readonly carry: Uint8Array;
  private carried = 0;
  /** 16-bit samples produced so far. */
  samples = 0;

  /** `maxFrames`: the most frames decoded in one step; longer pushes are split. */
  constructor(format: PcmFormat, maxFrames = 1 << 18) {
    this.format = format;
    this.frameSize = frameBytes(format);
    this.maxFrames = maxFrames;
    this.resampler =
      format.sampleRate === TARGET_SAMPLE_RATE
        ? undefined
        : new Resampler(format.sampleRate, TARGET_SAMPLE_RATE);
    this.mono = new Float64Array(maxFrames);
    const outCapacity = this.resampler ? this.resampler.maxOutput(maxFrames) + 16 : maxFrames;
    this.resampled = new Float64Array(outCapacity);
    this.bytes = new Uint8Array(outCapacity * 2);
    this.carry = new Uint8Array(this.frameSize);
  }

  /**
   * Takes any number of bytes and calls `sink` with the 16-bit bytes now ready, possibly several
   * times. The bytes given to `sink` are reused afterwards: write them before returning.
   */
  async push(input: Uint8Array, sink: (bytes: Uint8Array) => Promise<void>): Promise<void> {
    let at = 0;
    if (this.carried > 0) {
      const need = this.frameSize - this.carried;
      const take = Math.min(need, input.length);
      this.carry.set(input.subarray(0, take), this.carried);
      this.carried += take;
      at = take;
      if (this.carried < this.frameSize) return;
      this.carried = 0;
      await this.step(this.carry, 0, 1, sink);
    }
    while (input.length - at >= this.frameSize) {
      const frames = Math.min(this.maxFrames, Math.floor((input.length - at) / this.frameSize));
      await this.step(input, at, frames, sink);
      at += frames * this.frameSize;
    }
    if (at < input.length) {
      this.carry.set(input.subarray(at), 0);
      this.carried = input.length - at;
    }
  }

  /** Ends the stream: the filter's tail. */
  async finish(sink: (bytes: Uint8Array) => Promise<void>): Promise<void> {
    if (!this.resampler) return;
    const tail = this.resampler.flush();
    for (let at = 0; at < tail.length; at += this.resampled.length) {
      const part = tail.subarray(at, at + this.resampled.length);
      await this.emit(part, part.length, sink);
    }
  }

  private async step(
    input: Uint8Array,
    start: number,
    frames: number,
    sink: (bytes: Uint8Array) => Promise<void>,
  ): Promise<void> {
    decodeToMono(this.format, input, start, frames, this.mono);
    const mono = this.mono.subarray(0, frames);
    if (!this.resampler) {
      await this.emit(mono, frames, sink);
      return;
    }
    const count = this.resampler.processInto(mono, this.resampled);
    await this.emit(this.resampled, count, sink);
  }

  private async emit(
    samples: Float64Array,
    count: number,
    sink: (bytes: Uint8Array) => Promise<void>,
  ): Promise<void> {
    if (count === 0) return;
    const written = encodeS16le(samples, count, this.bytes);
    this.samples += count;
    await sink(this.bytes.subarray(0, written));
  }
}
