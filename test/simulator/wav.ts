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
