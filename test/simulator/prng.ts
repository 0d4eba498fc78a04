/** Seeded pseudo-random numbers (sfc32) so outputs and fault dice repeat exactly run to run. */

import { createHash } from 'node:crypto';

/** Returns a float in [0, 1). */
export type Random = () => number;

function sfc32(a: number, b: number, c: number, d: number): Random {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A generator seeded from any string or number (hashed, so nearby seeds give unrelated streams). */
export function seededRandom(seed: string | number): Random {
  const digest = createHash('sha256').update(String(seed)).digest();
  const rng = sfc32(
    digest.readUInt32LE(0),
    digest.readUInt32LE(4),
    digest.readUInt32LE(8),
    digest.readUInt32LE(12),
  );
  // sfc32 needs a few rounds before its output is well mixed.
  for (let i = 0; i < 12; i++) rng();
  return rng;
}

export function randomBetween(rng: Random, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** Integer in [min, max], both inclusive. */
export function randomInt(rng: Random, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Random, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
