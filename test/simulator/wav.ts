/** Builds small valid 16-bit PCM mono WAV files in memory, for tests and demos of the simulator. */

export interface WavSpec {
  seconds: number;
  sampleRate?: number;
  /** Tone frequency; different values give different bytes (and so different simulated outputs). */
  frequency?: number;
}

export function makeWav({ seconds, sampleRate = 16_000, frequency = 220 }: WavSpec): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const dataBytes = samples * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples; i++) {
    const value = Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 8000);
    wav.writeInt16LE(value, 44 + i * 2);
  }
  return wav;
}

/**
 * Cuts `[startSeconds, endSeconds)` out of a plain 16-bit PCM WAV (44-byte header, as the fixtures
 * and `makeWav` have) into a new WAV of the same format; several ranges are joined in order.
 */
export function sliceWav(wav: Buffer, ranges: readonly { start: number; end: number }[]): Buffer {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 36, 40) !== 'data')
    throw new Error('sliceWav needs a WAV with the plain 44-byte header');
  if (wav.readUInt16LE(20) !== 1 || wav.readUInt16LE(34) !== 16)
    throw new Error('sliceWav needs 16-bit PCM');
  const rate = wav.readUInt32LE(24);
  const align = wav.readUInt16LE(32);
  const data = wav.subarray(44, 44 + wav.readUInt32LE(40));
  const pieces = ranges.map(({ start, end }) =>
    data.subarray(Math.round(start * rate) * align, Math.round(end * rate) * align),
  );
  const body = Buffer.concat(pieces);
  const header = Buffer.from(wav.subarray(0, 44));
  header.writeUInt32LE(36 + body.length, 4);
  header.writeUInt32LE(body.length, 40);
  return Buffer.concat([header, body]);
}
