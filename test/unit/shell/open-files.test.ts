/** Opening a recording with Diarist (double-click, "Open with", a second launch) adds it. */

import { describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import type { PickedFile, PushEvent } from '../../../src/shared/ipc-contract';
import type { Handlers } from '../../../src/core/app/invoke';
import { withPageReady } from '../../../src/core/app/page-events';
import { PushSender } from '../../../src/main/ipc';
import { filePathsFromArgv, OpenedFiles } from '../../../src/main/open-files';

const cwd = resolve('/home/ada/Recordings');
const wav = join(cwd, 'meeting.wav');

describe('the files on a command line', () => {
  it('are the operands after the executable of a packaged app', () => {
    expect(
      filePathsFromArgv(['/opt/Diarist/diarist', wav], { workingDirectory: cwd, isPackaged: true }),
    ).toEqual([wav]);
  });

  it('skip the app folder `electron .` takes during development', () => {
    expect(
      filePathsFromArgv(['electron', '.', wav], { workingDirectory: cwd, isPackaged: false }),
    ).toEqual([wav]);
    expect(
      filePathsFromArgv(['electron', '.'], { workingDirectory: cwd, isPackaged: false }),
    ).toEqual([]);
  });

  it('skip the switches Chromium and Electron add', () => {
    const argv = [
      'diarist',
      '--no-sandbox',
      '--allow-file-access-from-files',
      wav,
      '--original-process-start-time=1',
    ];
    expect(filePathsFromArgv(argv, { workingDirectory: cwd, isPackaged: true })).toEqual([wav]);
  });

  it('resolve relative names against the launching folder', () => {
    expect(
      filePathsFromArgv(['diarist', 'call.mp3'], { workingDirectory: cwd, isPackaged: true }),
    ).toEqual([join(cwd, 'call.mp3')]);
  });

  it('turn file:// URLs (a Linux desktop entry) into paths and ignore other URLs', () => {
    const url = pathToFileURL(join(cwd, 'réunion équipe.m4a')).href;
    expect(
      filePathsFromArgv(['diarist', url, 'https://example.com/a.wav'], {
        workingDirectory: cwd,
        isPackaged: true,
      }),
    ).toEqual([join(cwd, 'réunion équipe.m4a')]);
  });
});

describe('handing opened files to the page', () => {
  const picked = (paths: string[]): PickedFile[] =>
    paths.map((path, i) => ({ id: `f${i}`, name: path, sizeBytes: 1 }));
  const flush = () => new Promise((done) => setTimeout(done, 0));

  it('waits for the services, then checks and delivers them once', async () => {
    const opened = new OpenedFiles();
    const accept = vi.fn(async (paths: string[]) => picked(paths));
    const deliver = vi.fn();
    opened.add([wav]);
    await flush();
    expect(accept).not.toHaveBeenCalled();
    opened.ready(accept, deliver);
    await flush();
    expect(accept).toHaveBeenCalledWith([wav]);
    expect(deliver).toHaveBeenCalledWith(picked([wav]));
    opened.add([]);
    await flush();
    expect(deliver).toHaveBeenCalledTimes(1);
  });

  it('delivers each later batch at once', async () => {
    const opened = new OpenedFiles();
    const deliver = vi.fn();
    opened.ready(async (paths) => picked(paths), deliver);
    opened.add(['/a.wav']);
    await flush();
    opened.add(['/b.wav']);
    await flush();
    expect(deliver.mock.calls).toEqual([[picked(['/a.wav'])], [picked(['/b.wav'])]]);
  });

  it('tells the page nothing when main kept none of the files', async () => {
    const opened = new OpenedFiles();
    const deliver = vi.fn();
    opened.ready(async () => [], deliver);
    opened.add(['/missing.wav']);
    await flush();
    expect(deliver).not.toHaveBeenCalled();
  });

  it('reach the page only after its app:ready, and again only after a reload’s', async () => {
    // The path main wires: OpenedFiles delivers a push; pushes wait for the page.
    const pushes = new PushSender();
    const page = fakePage();
    pushes.attach(page);
    const opened = new OpenedFiles();
    opened.ready(
      async (paths) => picked(paths),
      (files) => pushes.push({ type: 'files-opened', files }),
    );
    opened.add([wav]);
    await flush();
    expect(page.sent).toEqual([]);
    const handlers = withPageReady({} as Handlers, pushes);
    await handlers['app:ready']({});
    expect(page.sent).toEqual([{ type: 'files-opened', files: picked([wav]) }]);
    pushes.pageLoading();
    opened.add(['/b.wav']);
    await flush();
    expect(page.sent).toHaveLength(1);
    await handlers['app:ready']({});
    expect(page.sent).toEqual([
      { type: 'files-opened', files: picked([wav]) },
      { type: 'files-opened', files: picked(['/b.wav']) },
    ]);
  });
});

function fakePage() {
  const sent: PushEvent[] = [];
  return {
    sent,
    isDestroyed: () => false,
    send: (_channel: string, event: PushEvent) => sent.push(event),
  };
}
