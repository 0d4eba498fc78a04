import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, PUSH_CHANNEL, type PushEvent } from '../../../src/shared/ipc-contract';
import type { Handlers } from '../../../src/core/app/invoke';
import { PushSender, registerIpcHandlers } from '../../../src/main/ipc';
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

describe('registerIpcHandlers', () => {
  it('registers exactly the channels of the contract', () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc as never, fakeHandlers(), allow);
    expect([...ipc.registered.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('runs the handler with the parsed argument for our own page', async () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc as never, fakeHandlers(), allow);
    const reply = await ipc.registered.get('jobs:cancel')!(ours, { id: 'job-1' });
    expect(reply).toEqual({ ok: true, value: { channel: 'jobs:cancel', args: { id: 'job-1' } } });
  });

  it('refuses a caller that is not our main frame, before looking at the argument', async () => {
    const ipc = fakeIpcMain();
    const called: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_target, channel) => async () => called.push(String(channel)),
    });
    registerIpcHandlers(ipc as never, handlers, allow);
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

  it('answers a bad argument with a Reply, not a thrown error', async () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc as never, fakeHandlers(), allow);
    const reply = await ipc.registered.get('jobs:cancel')!(ours, { id: 42 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
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

  it('sends on the one push channel once the page has loaded', () => {
    const pushes = new PushSender();
    const page = target();
    pushes.attach(page);
    pushes.push({ type: 'removed', id: 'a' });
    expect(page.sent).toEqual([[PUSH_CHANNEL, { type: 'removed', id: 'a' }]]);
  });

  it('holds notices raised before the page loaded, and delivers them once it has', () => {
    const pushes = new PushSender();
    pushes.push({ type: 'notice', message: 'settings were set aside' });
    pushes.push({ type: 'removed', id: 'a' }); // state the page reads for itself
    const page = target();
    pushes.attach(page);
    expect(page.sent).toEqual([
      [PUSH_CHANNEL, { type: 'notice', message: 'settings were set aside' }],
    ]);
  });

  it('does not send to a closed window', () => {
    const pushes = new PushSender();
    const page = target();
    pushes.attach(page);
    page.destroyed = true;
    pushes.push({ type: 'menu', command: 'add-recordings' });
    expect(page.sent).toEqual([]);
  });
});
