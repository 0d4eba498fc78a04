/**
 * Files the page may refer to, by id. Paths only ever come from main's own dialog or from a
 * drop that main checks again here; the page never names a path for main to read.
 */

import { randomUUID } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { basename, relative, isAbsolute } from 'node:path';
import type { PickedFile } from '../../shared/ipc-contract';
import { expandFolder } from './folders';

export class FileRegistry {
  private readonly files = new Map<string, string>();
  /** The id already given to a path, so the same file picked twice is one entry in the batch. */
  private readonly ids = new Map<string, string>();

  /** @param protectedDirs folders whose files are never accepted (the app's own data). */
  constructor(private readonly protectedDirs: string[]) {}

  /**
   * Accepts regular files (following links) and expands folders into their media files.
   * Anything else (missing, a device, the app's own data) is left out silently: the person
   * only ever sees what they can act on, and each kept file is checked again before upload.
   * A file picked again (by another route: a folder, a link) keeps the id it was given.
   */
  async accept(paths: string[]): Promise<PickedFile[]> {
    const accepted: PickedFile[] = [];
    for (const path of paths) {
      if (typeof path !== 'string' || !isAbsolute(path)) continue;
      const real = await realpath(path).catch(() => undefined);
      if (!real || this.isProtected(real)) continue;
      const info = await stat(real).catch(() => undefined);
      if (info?.isDirectory()) {
        accepted.push(...(await this.accept(await expandFolder(real))));
      } else if (info?.isFile()) {
        const id = this.ids.get(real) ?? randomUUID();
        this.files.set(id, real);
        this.ids.set(real, id);
        accepted.push({ id, name: basename(path), sizeBytes: info.size });
      }
    }
    return accepted;
  }

  /** The path behind an id; undefined for ids main never gave out. */
  pathOf(id: string): string | undefined {
    return this.files.get(id);
  }

  forget(id: string): void {
    const path = this.files.get(id);
    if (path !== undefined && this.ids.get(path) === id) this.ids.delete(path);
    this.files.delete(id);
  }

  private isProtected(path: string): boolean {
    return this.protectedDirs.some((dir) => {
      const rel = relative(dir, path);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });
  }
}
