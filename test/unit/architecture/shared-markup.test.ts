/** Banners and checkboxes are written only through their components (issue 11), so they look and read the same everywhere. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = join(import.meta.dirname, '..', '..', '..', 'src', 'renderer');

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.tsx') ? [{ path, text: readFileSync(path, 'utf8') }] : [];
  });
}

describe('the renderer', () => {
  it('writes banners and checkboxes only through these two components', () => {
    const byHand = sources(RENDERER)
      .filter(({ path }) => !/(Banner|CheckboxField)\.tsx$/.test(path))
      .filter(({ text }) => /className=[{"`]+banner |type="checkbox"/.test(text))
      .map(({ path }) => path.slice(RENDERER.length + 1));
    expect(byHand).toEqual([]);
  });
});
