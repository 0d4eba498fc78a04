import { describe, expect, it, vi } from 'vitest';
import {
  CHANNELS,
  DROP_CHANNEL,
  PUSH_CHANNEL,
  type PushEvent,
} from '../../../src/shared/ipc-contract';
import { buildDiaristApi, type IpcLike } from '../../../src/preload/api';
import {
  PRELOAD_CHANNELS,
  PRELOAD_DROP_CHANNEL,
  PRELOAD_PUSH_CHANNEL,
} from '../../../src/preload/channels';

type PushListener = (event: unknown, data: PushEvent) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<PushListener>>();
  const invoke = vi.fn(async (channel: string, args?: unknown) => ({
    ok: true,
    value: { channel, args },
  }));
  const ipc: IpcLike = {
    invoke,
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  /** What main's webContents.send does, including the event object the page must never see. */
  const emit = (data: PushEvent) => {
    const ipcEvent = { sender: { send: () => 'ipcRenderer itself' }, ports: [] };
    for (const listener of listeners.get(PUSH_CHANNEL) ?? []) listener(ipcEvent, data);
  };
  return { ipc, invoke, emit, listeners };
}

const noPath = () => '';

describe('the preload channel list', () => {
  it('is exactly the contract, so the bundle needs no zod', () => {
    expect([...PRELOAD_CHANNELS].sort()).toEqual([...CHANNELS].sort());
    expect(PRELOAD_PUSH_CHANNEL).toBe(PUSH_CHANNEL);
    expect(PRELOAD_DROP_CHANNEL).toBe(DROP_CHANNEL);
  });
});

describe('buildDiaristApi', () => {
  it('exposes one function per operation, onPush and dropFiles, and nothing else', () => {
    const api = buildDiaristApi(fakeIpc().ipc, noPath);
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'onPush', 'dropFiles'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each operation to its own channel with its argument', async () => {
    const { ipc, invoke } = fakeIpc();
    const api = buildDiaristApi(ipc, noPath);
    await api['jobs:cancel']({ id: 'job-1' });
    await api['jobs:list']();
    await api['results:export']({ id: 'job-2', format: 'srt' });
    expect(invoke.mock.calls).toEqual([
      ['jobs:cancel', { id: 'job-1' }],
      ['jobs:list', undefined],
      ['results:export', { id: 'job-2', format: 'srt' }],
    ]);
  });

  it('returns what main answered', async () => {
    const api = buildDiaristApi(fakeIpc().ipc, noPath);
    expect(await api['key:status']()).toEqual({
      ok: true,
      value: { channel: 'key:status', args: undefined },
    });
  });

  it('hands push listeners the event data only, never the IPC event', () => {
    const { ipc, emit } = fakeIpc();
    const api = buildDiaristApi(ipc, noPath);
    const received: unknown[][] = [];
    api.onPush((...args: unknown[]) => received.push(args));
    emit({ type: 'removed', id: 'job-1' });
    expect(received).toEqual([[{ type: 'removed', id: 'job-1' }]]);
  });

  it('stops calling a listener once it unsubscribes', () => {
    const { ipc, emit } = fakeIpc();
    const api = buildDiaristApi(ipc, noPath);
    const listener = vi.fn();
    const unsubscribe = api.onPush(listener);
    emit({ type: 'removed', id: 'a' });
    unsubscribe();
    emit({ type: 'removed', id: 'b' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('holds nothing for a page that has not subscribed: main waits for its app:ready', () => {
    const { ipc, emit } = fakeIpc();
    const api = buildDiaristApi(ipc, noPath);
    emit({ type: 'notice', message: 'Your settings were set aside.' });
    const listener = vi.fn();
    api.onPush(listener);
    expect(listener).not.toHaveBeenCalled();
    emit({ type: 'removed', id: 'a' });
    expect(listener.mock.calls).toEqual([[{ type: 'removed', id: 'a' }]]);
  });

  it('reads dropped files’ paths in the preload and sends only the paths', async () => {
    const { ipc, invoke } = fakeIpc();
    const fileA = new File(['a'], 'a.wav');
    const fileB = new File(['b'], 'b.mp3');
    const fromWeb = new File(['c'], 'pasted.wav'); // no path on disk: skipped
    const paths = new Map([
      [fileA, '/home/ana/a.wav'],
      [fileB, '/home/ana/b.mp3'],
    ]);
    const api = buildDiaristApi(ipc, (file) => paths.get(file) ?? '');
    await api.dropFiles([fileA, fromWeb, fileB]);
    expect(invoke.mock.calls).toEqual([
      [DROP_CHANNEL, { paths: ['/home/ana/a.wav', '/home/ana/b.mp3'] }],
    ]);
  });

  it('skips anything getPathForFile refuses instead of failing the whole drop', async () => {
    const { ipc, invoke } = fakeIpc();
    const api = buildDiaristApi(ipc, (file) => {
      if (file.name === 'bad') throw new TypeError('not a File');
      return `/x/${file.name}`;
    });
    await api.dropFiles([new File([''], 'bad'), new File([''], 'ok.wav')]);
    expect(invoke).toHaveBeenCalledWith(DROP_CHANNEL, { paths: ['/x/ok.wav'] });
  });

  it('gives the page no function that takes paths: only dropFiles, with File objects, reaches main', async () => {
    const { ipc, invoke } = fakeIpc();
    const api = buildDiaristApi(ipc, noPath) as unknown as Record<string, unknown>;
    expect(CHANNELS).not.toContain('files:dropped');
    expect(api['files:dropped']).toBeUndefined();
    // Forged "files" (plain objects, strings) have no path on disk: nothing is sent.
    await (api.dropFiles as (files: unknown[]) => Promise<unknown>)([
      { path: '/etc/passwd' },
      '/etc/passwd',
    ]);
    expect(invoke).toHaveBeenCalledWith(DROP_CHANNEL, { paths: [] });
  });
});
