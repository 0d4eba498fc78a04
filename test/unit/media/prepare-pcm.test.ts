/** PCM as files store it -> mono floats, WAV layouts found by their chunks, 16 kHz output in any chunking. */
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mono16kEncoder } from '../../../src/core/media/prepare/mono16k';
import {
  decodeToMono,
  encodeS16le,
  encodingFromCodec,
  wavHeader,
  type PcmEncoding,
} from '../../../src/core/media/prepare/pcm';
import { readWavLayout, WavFormatError } from '../../../src/core/media/prepare/wav';

/** Writes one sample of `value` in [-1, 1) in the given encoding. */
function put(view: DataView, at: number, encoding: PcmEncoding, value: number): void {
  const little = encoding.endsWith('le');
  switch (encoding) {
    case 's8':
      return view.setInt8(at, Math.round(value * 128));
    case 'u8':
      return view.setUint8(at, Math.round(value * 128) + 128);
    case 's16le':
    case 's16be':
      return view.setInt16(at, Math.round(value * 32768), little);
    case 's24le':
    case 's24be': {
      const v = Math.round(value * 8388608) & 0xffffff;
      const bytes = little
        ? [v & 0xff, (v >> 8) & 0xff, v >> 16]
        : [v >> 16, (v >> 8) & 0xff, v & 0xff];
      bytes.forEach((b, k) => view.setUint8(at + k, b));
      return;
    }
    case 's32le':
    case 's32be':
      return view.setInt32(at, Math.round(value * 2147483648), little);
    case 'f32le':
    case 'f32be':
      return view.setFloat32(at, value, little);
    case 'f64le':
    case 'f64be':
      return view.setFloat64(at, value, little);
  }
}

const WIDTH: Record<PcmEncoding, number> = {
  s8: 1,
  u8: 1,
  s16le: 2,
  s16be: 2,
  s24le: 3,
  s24be: 3,
  s32le: 4,
  s32be: 4,
  f32le: 4,
  f32be: 4,
  f64le: 8,
  f64be: 8,
};

function interleave(encoding: PcmEncoding, frames: number[][], offset = 0): Uint8Array {
  const width = WIDTH[encoding];
  const channels = frames[0]?.length ?? 1;
  const bytes = new Uint8Array(offset + frames.length * channels * width);
  const view = new DataView(bytes.buffer);
  frames.forEach((frame, f) =>
    frame.forEach((v, c) => put(view, offset + (f * channels + c) * width, encoding, v)),
  );
  return bytes;
}

describe('decodeToMono', () => {
  const frames = [
    [0.5, -0.25],
    [-1, 0.75],
    [0, 0.125],
  ];
  const expected = frames.map(([l = 0, r = 0]) => (l + r) / 2);
  for (const encoding of Object.keys(WIDTH) as PcmEncoding[]) {
    it(`averages stereo ${encoding}, from any byte offset`, () => {
      // An odd offset: container packets are not aligned.
      const bytes = interleave(encoding, frames, 3);
      const out = new Float64Array(3);
      decodeToMono({ encoding, channels: 2, sampleRate: 48_000 }, bytes, 3, 3, out);
      const tolerance = WIDTH[encoding] === 1 ? 1 / 128 : 1e-4;
      out.forEach((v, i) =>
        expect(Math.abs(v - (expected[i] ?? 0))).toBeLessThanOrEqual(tolerance),
      );
    });
  }

  it('averages six channels', () => {
    const bytes = interleave('s24le', [[0.6, 0.6, 0, 0, -0.3, 0.3]]);
    const out = new Float64Array(1);
    decodeToMono({ encoding: 's24le', channels: 6, sampleRate: 48_000 }, bytes, 0, 1, out);
    expect(out[0]).toBeCloseTo(0.2, 5);
  });

  it('knows mediabunny’s PCM codec names', () => {
    expect(encodingFromCodec('pcm-s24')).toBe('s24le');
    expect(encodingFromCodec('pcm-s16be')).toBe('s16be');
    expect(encodingFromCodec('aac')).toBeUndefined();
  });
});

describe('encodeS16le', () => {
  it('rounds and clips', () => {
    const out = new Uint8Array(8);
    expect(encodeS16le(Float64Array.from([0.5, -1, 1.2, -1.5]), 4, out)).toBe(8);
    const view = new DataView(out.buffer);
    expect([0, 2, 4, 6].map((at) => view.getInt16(at, true))).toEqual([
      16384, -32768, 32767, -32768,
    ]);
  });
});

describe('Mono16kEncoder', () => {
  async function encodeInPieces(
    bytes: Uint8Array,
    piece: number,
    maxFrames: number,
  ): Promise<number[]> {
    const encoder = new Mono16kEncoder(
      { encoding: 's24le', channels: 2, sampleRate: 48_000 },
      maxFrames,
    );
    const out: number[] = [];
    const sink = async (chunk: Uint8Array): Promise<void> => {
      const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (let i = 0; i < chunk.length; i += 2) out.push(view.getInt16(i, true));
      await Promise.resolve();
    };
    for (let at = 0; at < bytes.length; at += piece)
      await encoder.push(bytes.subarray(at, at + piece), sink);
    await encoder.finish(sink);
    expect(encoder.samples).toBe(out.length);
    return out;
  }

  it('gives the same samples whatever the pieces (frames split across pushes included)', async () => {
    const frames = Array.from({ length: 4_800 }, (_, i) => {
      const v = 0.4 * Math.sin((2 * Math.PI * 440 * i) / 48_000);
      return [v, -v / 2];
    });
    const bytes = interleave('s24le', frames);
    const whole = await encodeInPieces(bytes, bytes.length, 1 << 16);
    expect(whole).toHaveLength(1_600);
    // 7-byte pieces split frames (6 bytes); 100-frame steps split the work.
    expect(await encodeInPieces(bytes, 7, 100)).toEqual(whole);
    expect(await encodeInPieces(bytes, 4_096, 1_000)).toEqual(whole);
  });
});

describe('readWavLayout', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'diarist-wav-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function chunk(id: string, body: Uint8Array): Uint8Array {
    const out = new Uint8Array(8 + body.length + (body.length % 2));
    out.set(Buffer.from(id, 'latin1'), 0);
    new DataView(out.buffer).setUint32(4, body.length, true);
    out.set(body, 8);
    return out;
  }

  function fmt(
    tag: number,
    channels: number,
    rate: number,
    width: number,
    sub?: number,
  ): Uint8Array {
    const body = new Uint8Array(sub === undefined ? 16 : 40);
    const view = new DataView(body.buffer);
    view.setUint16(0, tag, true);
    view.setUint16(2, channels, true);
    view.setUint32(4, rate, true);
    view.setUint32(8, rate * channels * width, true);
    view.setUint16(12, channels * width, true);
    view.setUint16(14, width * 8, true);
    if (sub !== undefined) {
      view.setUint16(16, 22, true);
      view.setUint16(24, sub, true);
    }
    return body;
  }

  async function layoutOf(
    parts: Uint8Array[],
    riff = 'RIFF',
  ): Promise<Awaited<ReturnType<typeof readWavLayout>>> {
    const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...parts]);
    const head = Buffer.alloc(8);
    head.write(riff, 0, 'latin1');
    head.writeUInt32LE(body.length, 4);
    const path = join(dir, `w${Math.random().toString(36).slice(2)}.wav`);
    await writeFile(path, Buffer.concat([head, body]));
    const handle = await open(path, 'r');
    try {
      return await readWavLayout(handle, (await handle.stat()).size);
    } finally {
      await handle.close();
    }
  }

  it('reads WAVE_FORMAT_EXTENSIBLE 24-bit after a metadata chunk of odd size', async () => {
    const layout = await layoutOf([
      chunk('fmt ', fmt(0xfffe, 2, 48_000, 3, 1)),
      chunk('LIST', new Uint8Array(13)),
      chunk('data', new Uint8Array(60)),
    ]);
    expect(layout).toMatchObject({
      format: { encoding: 's24le', channels: 2, sampleRate: 48_000 },
      blockAlign: 6,
      dataBytes: 60,
    });
    // RIFF header 12, fmt 8 + 40, LIST 8 + 13 + 1 pad byte, data header 8.
    expect(layout.dataOffset).toBe(12 + 48 + 22 + 8);
  });

  it('reads 32-bit float, and takes what is there when the data size is missing or too big', async () => {
    const data = chunk('data', new Uint8Array(80));
    new DataView(data.buffer).setUint32(4, 0, true);
    const layout = await layoutOf([chunk('fmt ', fmt(3, 2, 44_100, 4)), data]);
    expect(layout.format.encoding).toBe('f32le');
    expect(layout.dataBytes).toBe(80);
    const cut = chunk('data', new Uint8Array(44));
    new DataView(cut.buffer).setUint32(4, 1_000_000, true);
    // 44 bytes present, frames of 8: 40 used.
    expect((await layoutOf([chunk('fmt ', fmt(3, 2, 44_100, 4)), cut])).dataBytes).toBe(40);
  });

  it('reads RF64 sizes from ds64', async () => {
    const ds64 = new Uint8Array(28);
    new DataView(ds64.buffer).setBigUint64(8, 24n, true);
    const data = chunk('data', new Uint8Array(24));
    new DataView(data.buffer).setUint32(4, 0xffffffff, true);
    const layout = await layoutOf(
      [chunk('ds64', ds64), chunk('fmt ', fmt(1, 1, 16_000, 2)), data],
      'RF64',
    );
    expect(layout).toMatchObject({ format: { encoding: 's16le' }, dataBytes: 24 });
  });

  it('refuses what is not PCM, or not a WAV', async () => {
    await expect(
      layoutOf([chunk('fmt ', fmt(2, 1, 8_000, 1)), chunk('data', new Uint8Array(4))]),
    ).rejects.toBeInstanceOf(WavFormatError);
    await expect(layoutOf([chunk('data', new Uint8Array(4))])).rejects.toBeInstanceOf(
      WavFormatError,
    );
    await expect(layoutOf([chunk('fmt ', fmt(1, 1, 8_000, 2))], 'RIFX')).rejects.toBeInstanceOf(
      WavFormatError,
    );
  });

  it('writes a canonical 16-bit header', () => {
    const header = Buffer.from(wavHeader(16_000, 1, 1_000));
    expect(header.toString('latin1', 0, 4)).toBe('RIFF');
    expect(header.readUInt32LE(4)).toBe(1_036);
    expect(header.readUInt32LE(28)).toBe(32_000);
    expect(header.readUInt32LE(40)).toBe(1_000);
  });
});
