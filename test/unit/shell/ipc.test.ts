import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  CHANNELS,
  DROP_CHANNEL,
  PUSH_CHANNEL,
  type PushEvent,
} from '../../../src/shared/ipc-contract';
import { invoke } from '../../../src/core/app/invoke';
import type { Handlers } from '../../../src/core/app/invoke';
import { followPageLoads, PushSender, registerIpcHandlers } from '../../../src/main/ipc';
import { withPageReady } from '../../../src/core/app/page-events';
import { isTrustedSender } from '../../../src/main/sender';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const registered = new Map<string, Handler>();
  return {
    registered,
    handle: (channel: string, handler: Handler) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, handler);
    },
  };
}

function fakeHandlers() {
  return new Proxy({} as Handlers, {
    get: (_target, channel) => vi.fn(async (args: unknown) => ({ channel, args })),
  });
}

const ours = { senderFrame: { url: 'app://diarist/index.html', parent: null } };
const iframe = { senderFrame: { url: 'app://diarist/index.html', parent: {} } };
const allow = (event: unknown) =>
  isTrustedSender((event as typeof ours).senderFrame, 'app://diarist');
const noDrops = async () => [];

describe('registerIpcHandlers', () => {
  it('registers exactly the channels of the contract, and the preload’s drop channel', () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc as never, fakeHandlers(), allow, noDrops);
    expect([...ipc.registered.keys()].sort()).toEqual([...CHANNELS, DROP_CHANNEL].sort());
  });

  it('runs the handler with the parsed argument for our own page', async () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc as never, fakeHandlers(), allow, noDrops);
    const reply = await ipc.registered.get('jobs:cancel')!(ours, { id: 'job-1' });
    expect(reply).toEqual({ ok: true, value: { channel: 'jobs:cancel', args: { id: 'job-1' } } });
  });

  it('refuses a caller that is not our main frame, before looking at the argument', async () => {
    const ipc = fakeIpcMain();
    const called: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_target, channel) => async () => called.push(String(channel)),
    });
    registerIpcHandlers(ipc as never, handlers, allow, noDrops);
    // An argument that records every look at it: a schema parse reads its type, keys and values.
    const touched: string[] = [];
    const watched = new Proxy(
      { key: 'sk_live_123456789' },
      {
        get: (target, name, receiver) => {
          touched.push(`get ${String(name)}`);
          return Reflect.get(target, name, receiver);
        },
        has: (target, name) => {
          touched.push(`has ${String(name)}`);
          return Reflect.has(target, name);
        },
        ownKeys: (target) => {
          touched.push('ownKeys');
          return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor: (target, name) => {
          touched.push(`descriptor ${String(name)}`);
          return Reflect.getOwnPropertyDescriptor(target, name);
        },
        getPrototypeOf: (target) => {
          touched.push('getPrototypeOf');
          return Reflect.getPrototypeOf(target);
        },
      },
    );
    const reply = await ipc.registered.get('key:set')!(iframe, watched);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(touched).toEqual([]);
    expect(called).toEqual([]);
    // The same argument from our own page is read (so the probe works) and reaches the handler.
    await ipc.registered.get('key:set')!(ours, watched);
    expect(touched.length).toBeGreaterThan(0);
    expect(called).toEqual(['key:set']);
  });

  it('answers an unexpected error as internal and logs its real text', async () => {
    const ipc = fakeIpcMain();
    const raw = "ENOENT: no such file or directory, open '/home/anna/x.json'";
    const handlers = new Proxy({} as Handlers, {
      get: () => async () => {
        throw new Error(raw);
      },
    });
    const logged: string[] = [];
    const logger = {
      info: () => undefined,
      warn: () => undefined,
      error: (message: string, fields?: Record<string, unknown>) =>
        void logged.push(`${message} ${JSON.stringify(fields)}`),
      tail: async () => [],
    };
    registerIpcHandlers(ipc as never, handlers, allow, async () => [], logger);
    const reply = await ipc.registered.get('jobs:list')!(ours, undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toMatch(/ENOENT|anna/);
    expect(logged.join('\n')).toContain('ENOENT: no such file or directory');
  });

  it('answers a bad argument with a Reply, not a thrown error', async () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc as never, fakeHandlers(), allow, noDrops);
    const reply = await ipc.registered.get('jobs:cancel')!(ours, { id: 42 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });
});

describe('dropped files', () => {
  it('cannot be named by the page: files:dropped is no operation', async () => {
    const ipc = fakeIpcMain();
    const handlers = fakeHandlers();
    registerIpcHandlers(ipc as never, handlers, allow, noDrops);
    expect(ipc.registered.has('files:dropped')).toBe(false);
    // The preview bridge and any other caller of the one wrapper refuse it too.
    const reply = await invoke(handlers, 'files:dropped', { paths: ['/etc/passwd'] }, true);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('reach main’s checks from the preload’s drop channel', async () => {
    const ipc = fakeIpcMain();
    const accept = vi.fn(async (paths: string[]) => paths.map((path) => ({ path })));
    registerIpcHandlers(ipc as never, fakeHandlers(), allow, accept as never);
    const paths = ['/home/ana/a.wav', 'C:\\Users\\ana\\b.wav'];
    const reply = await ipc.registered.get(DROP_CHANNEL)!(ours, { paths });
    expect(accept).toHaveBeenCalledWith(paths);
    expect(reply).toMatchObject({ ok: true });
  });

  it.each([
    ['no paths', {}],
    ['a string, not a list', { paths: '/etc/passwd' }],
    ['a relative path', { paths: ['a.wav'] }],
    ['an empty path', { paths: [''] }],
    ['a number', { paths: [1] }],
    ['a path too long', { paths: [`/${'x'.repeat(5000)}`] }],
    ['too many paths', { paths: Array.from({ length: 10_001 }, (_, i) => `/x/${i}.wav`) }],
    ['an extra field', { paths: ['/a.wav'], read: true }],
  ])('refuse %s before main looks at a file', async (_name, args) => {
    const ipc = fakeIpcMain();
    const accept = vi.fn(async () => []);
    registerIpcHandlers(ipc as never, fakeHandlers(), allow, accept);
    const reply = await ipc.registered.get(DROP_CHANNEL)!(ours, args);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(accept).not.toHaveBeenCalled();
  });

  it('refuse a caller that is not our main frame', async () => {
    const ipc = fakeIpcMain();
    const accept = vi.fn(async () => []);
    registerIpcHandlers(ipc as never, fakeHandlers(), allow, accept);
    const reply = await ipc.registered.get(DROP_CHANNEL)!(iframe, { paths: ['/a.wav'] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(accept).not.toHaveBeenCalled();
  });
});

describe('PushSender', () => {
  const target = () => {
    const sent: [string, PushEvent][] = [];
    return {
      sent,
      destroyed: false,
      isDestroyed() {
        return this.destroyed;
      },
      send: (channel: string, event: PushEvent) => sent.push([channel, event]),
    };
  };
  const notice = (message: string): PushEvent => ({ type: 'notice', message });

  it('sends on the one push channel once the page is ready', () => {
    const pushes = new PushSender();
    const page = target();
    pushes.attach(page);
    pushes.pageReady();
    pushes.push({ type: 'removed', id: 'a' });
    expect(page.sent).toEqual([[PUSH_CHANNEL, { type: 'removed', id: 'a' }]]);
  });

  it('holds everything until the page is ready, then sends it once, in order', () => {
    const pushes = new PushSender();
    pushes.push(notice('settings were set aside')); // before there is even a window
    const page = target();
    pushes.attach(page);
    pushes.push({ type: 'menu', command: 'settings' });
    pushes.push(notice('job list set aside'));
    expect(page.sent).toEqual([]);
    pushes.pageReady();
    pushes.pageReady();
    pushes.push(notice('live'));
    expect(page.sent.map(([, event]) => event)).toEqual([
      notice('settings were set aside'),
      { type: 'menu', command: 'settings' },
      notice('job list set aside'),
      notice('live'),
    ]);
    expect(page.sent.every(([channel]) => channel === PUSH_CHANNEL)).toBe(true);
  });

  it('holds again from a reload until the new page is ready', () => {
    const pushes = new PushSender();
    const page = target();
    pushes.attach(page);
    pushes.pageReady();
    pushes.pageLoading();
    pushes.push(notice('while reloading'));
    expect(page.sent).toEqual([]);
    pushes.pageReady();
    expect(page.sent).toEqual([[PUSH_CHANNEL, notice('while reloading')]]);
  });

  it('does not send to a closed window, and keeps the event for the next one', () => {
    const pushes = new PushSender();
    const page = target();
    pushes.attach(page);
    pushes.pageReady();
    page.destroyed = true;
    pushes.push({ type: 'menu', command: 'add-recordings' });
    expect(page.sent).toEqual([]);
    const next = target();
    pushes.attach(next);
    pushes.pageReady();
    expect(next.sent).toEqual([[PUSH_CHANNEL, { type: 'menu', command: 'add-recordings' }]]);
  });

  it('answers app:ready by sending what waited', async () => {
    const pushes = new PushSender();
    const page = target();
    pushes.attach(page);
    pushes.push(notice('waited'));
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc as never, withPageReady(fakeHandlers(), pushes), allow, noDrops);
    expect(await ipc.registered.get('app:ready')!(ours, {})).toEqual({ ok: true, value: null });
    expect(page.sent).toEqual([[PUSH_CHANNEL, notice('waited')]]);
  });

  it('ignores app:ready from a frame that is not ours', async () => {
    const pushes = new PushSender();
    const page = target();
    pushes.attach(page);
    pushes.push(notice('waited'));
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc as never, withPageReady(fakeHandlers(), pushes), allow, noDrops);
    expect(await ipc.registered.get('app:ready')!(iframe, {})).toMatchObject({ ok: false });
    expect(page.sent).toEqual([]);
  });
});

describe('following the page’s loads', () => {
  function setup() {
    const contents = new EventEmitter();
    const pushes = new PushSender();
    const sent: PushEvent[] = [];
    pushes.attach({ isDestroyed: () => false, send: (_channel, event) => sent.push(event) });
    followPageLoads(contents as never, pushes);
    const start = (isMainFrame = true, isSameDocument = false) =>
      contents.emit('did-start-navigation', { isMainFrame, isSameDocument });
    return { contents, pushes, sent, start };
  }
  const notice = (message: string): PushEvent => ({ type: 'notice', message });

  it('holds events from a reload until the new page’s app:ready', () => {
    const { contents, pushes, sent, start } = setup();
    pushes.pageReady();
    start();
    contents.emit('did-navigate');
    pushes.push(notice('during reload'));
    contents.emit('did-stop-loading');
    expect(sent).toEqual([]);
    pushes.pageReady();
    expect(sent).toEqual([notice('during reload')]);
  });

  it('keeps sending while a frame inside the page, or an anchor, loads', () => {
    const { contents, pushes, sent, start } = setup();
    pushes.pageReady();
    start(false);
    pushes.push(notice('beside a frame'));
    start(true, true);
    pushes.push(notice('beside an anchor'));
    // Straight away, not only once loading stops.
    expect(sent).toEqual([notice('beside a frame'), notice('beside an anchor')]);
    contents.emit('did-stop-loading');
    expect(sent).toEqual([notice('beside a frame'), notice('beside an anchor')]);
  });

  it('sends what waited to the page a refused navigation left in place', () => {
    const { contents, pushes, sent, start } = setup();
    pushes.pageReady();
    start();
    pushes.push(notice('meanwhile'));
    expect(sent).toEqual([]);
    contents.emit('did-fail-provisional-load', {}, -3, 'ERR_ABORTED', 'https://x.test/', true);
    expect(sent).toEqual([notice('meanwhile')]);
    contents.emit('did-stop-loading');
    pushes.push(notice('live'));
    expect(sent).toEqual([notice('meanwhile'), notice('live')]);
  });

  it('does not call a page ready that never said so', () => {
    const { contents, pushes, sent, start } = setup();
    start();
    pushes.push(notice('early'));
    contents.emit('did-stop-loading');
    expect(sent).toEqual([]);
  });
});
