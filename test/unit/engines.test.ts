/**
 * package.json `engines` tells the truth: every Node version it admits is one that each pinned
 * dependency and tool admits too (as their own `engines.node` declare).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Manifest {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

type Version = [number, number, number];
/** A half-open range of versions, [from, to); `to` undefined means no upper end. */
type Interval = { from: Version; to?: Version };

function version(text: string): Version {
  const parts = text.split('.').map(Number);
  if (parts.length > 3 || parts.some((part) => !Number.isInteger(part))) {
    throw new Error(`cannot read version ${text}`);
  }
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The range forms the pinned packages use: `>=x`, `>= x`, `^x` (major above 0), joined by `||`. */
function intervals(range: string): Interval[] {
  return range.split('||').map((part) => {
    const text = part.trim();
    const atLeast = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(text);
    if (atLeast) return { from: version(atLeast[1]!) };
    const caret = /^\^(\d+(?:\.\d+){0,2})$/.exec(text);
    if (caret) {
      const from = version(caret[1]!);
      if (from[0] === 0) throw new Error(`^0 range not handled: ${range}`);
      return { from, to: [from[0] + 1, 0, 0] };
    }
    throw new Error(`range form not handled: ${range}`);
  });
}

const within = (inner: Interval, outer: Interval) =>
  compare(inner.from, outer.from) >= 0 &&
  (outer.to === undefined || (inner.to !== undefined && compare(inner.to, outer.to) <= 0));

/** Whether every version `range` admits, `required` admits too. */
const isSubset = (range: string, required: string) =>
  intervals(range).every((inner) => intervals(required).some((outer) => within(inner, outer)));

describe('package.json engines', () => {
  const root = manifest(ROOT);
  const names = Object.keys({ ...root.dependencies, ...root.devDependencies });

  it('reads the range forms it meets', () => {
    expect(isSubset('^22.13.0 || >=24', '^20.19.0 || ^22.13.0 || >=24')).toBe(true);
    expect(isSubset('>=20.19.0', '>=22')).toBe(false);
    expect(isSubset('^22.13.0 || >=24', '^20.0.0 || ^22.0.0 || >=24.0.0')).toBe(true);
    expect(isSubset('>=22.12.0', '^20.19.0 || ^22.13.0 || >=24')).toBe(false);
  });

  it.each(names)('admits no Node version %s refuses', (name) => {
    const required = manifest(join(ROOT, 'node_modules', name)).engines?.node;
    if (!required) return;
    expect(isSubset(root.engines!.node!, required), `${name} needs node ${required}`).toBe(true);
  });
});
