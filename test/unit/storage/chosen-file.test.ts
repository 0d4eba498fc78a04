/**
 * The writer for files the person chose (exports) maps every file-system failure to plain words
 * that say what to do, without the errno text or the full path. The file system here is a fake
 * layer under write-file-atomic, so each failure is certain; the integration test uses real disks.
 */

import { beforeEach, describe, expect, it, vi } from 'vitest';

const failure: { error: (Error & { code?: string }) | undefined } = { error: undefined };
vi.mock('write-file-atomic', () => ({
  default: async () => {
    if (failure.error) throw failure.error;
  },
}));

const { writeChosenFileAtomic } = await import('../../../src/core/storage/files');
const { isDiaristError } = await import('../../../src/core/errors');

const PATH = '/home/anna/Exports/Board meetings/conversation.srt';

function fsError(code: string, text: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${text}, open '${PATH}.1234'`), { code });
}

describe('writing a file the person chose', () => {
  beforeEach(() => {
    failure.error = undefined;
  });

  it('writes when the file system does', async () => {
    await expect(writeChosenFileAtomic(PATH, 'x')).resolves.toBeUndefined();
  });

  it.each([
    ['ENOSPC', 'no space left on device', 'disk-full', /disk you chose is full.*Free some space/],
    ['EDQUOT', 'disk quota exceeded', 'disk-full', /disk you chose is full/],
    [
      'EROFS',
      'read-only file system',
      'write-failed',
      /“Board meetings”.*read-only.*Choose another folder/,
    ],
    [
      'EACCES',
      'permission denied',
      'write-failed',
      /may not save files in “Board meetings”.*Choose another/,
    ],
    ['EPERM', 'operation not permitted', 'write-failed', /may not save files in “Board meetings”/],
    [
      'ENOENT',
      'no such file or directory',
      'write-failed',
      /“Board meetings” is not there any more/,
    ],
    ['EIO', 'i/o error', 'write-failed', /could not be saved there.*Choose another folder/],
  ])(
    '%s: plain words saying what to do, no errno text, no full path',
    async (code, text, mapped, words) => {
      failure.error = fsError(code, text);
      const error = await writeChosenFileAtomic(PATH, 'x').catch((e: unknown) => e);
      expect(isDiaristError(error)).toBe(true);
      const { message, detail } = error as { message: string; detail: string; code: string };
      expect((error as { code: string }).code).toBe(mapped);
      expect(message).toMatch(words);
      expect(message).not.toContain(code);
      expect(message).not.toContain(text);
      expect(message).not.toContain('/home/anna');
      expect(detail).toBe(`${code} writing conversation.srt`);
    },
  );
});
