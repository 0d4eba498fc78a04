/** "Copy diagnostics" says Copied only when the clipboard really took the text. */

import { describe, expect, it, vi } from 'vitest';
import { copyWithClipboard } from '../../../src/main/clipboard-copy';

describe('copyWithClipboard', () => {
  it('copies with a clipboard that answers nothing (Electron before 44)', async () => {
    const writeText = vi.fn(() => undefined);
    await expect(copyWithClipboard({ writeText }, 'diagnostics')).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('diagnostics');
  });

  it('waits for a clipboard that answers a promise (Electron 44 and later)', async () => {
    let finish = () => {};
    const writeText = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    let settled = false;
    const copied = copyWithClipboard({ writeText }, 'diagnostics').then((value) => {
      settled = true;
      return value;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    finish();
    await expect(copied).resolves.toBe(true);
  });

  it('answers false, with no unhandled rejection, when the write is refused', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const onError = vi.fn();
      const writeText = () => Promise.reject(new Error('clipboard busy'));
      await expect(copyWithClipboard({ writeText }, 'diagnostics', onError)).resolves.toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'clipboard busy' }));
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('answers false when the clipboard throws (no clipboard on this system)', async () => {
    const writeText = () => {
      throw new Error('no clipboard');
    };
    await expect(copyWithClipboard({ writeText }, 'diagnostics')).resolves.toBe(false);
  });
});
