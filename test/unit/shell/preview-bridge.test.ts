/**
 * The browser preview's window.diarist is the Electron preload's: the same builder
 * (src/preload/bridge.ts) over the preview's loopback transport, so the UI tests exercise the
 * bridge that ships.
 */

import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type PushEvent } from '../../../src/shared/ipc-contract';
import { buildDiaristApi, type IpcLike } from '../../../src/preload/api';
import { previewTransport, type EventsLike } from '../../../src/preview/browser/transport';
import { createDiaristApi } from '../../../src/preload/bridge';

const electronApi = () => {
  const ipc: IpcLike = {
    invoke: async () => ({ ok: true }),
    on: () => undefined,
    removeListener: () => undefined,
  };
  return buildDiaristApi(ipc, () => '');
};

/** A stand-in EventSource the test opens, fails or feeds. */
function fakeEvents() {
  const handlers: Record<string, ((arg: { data: string }) => void)[]> = {};
  const source: EventsLike = {
    addEventListener: (type: string, listener: (arg: { data: string }) => void) => {
      (handlers[type] ??= []).push(listener);
    },
  };
  const fire = (type: string, data = '') => {
    for (const listener of handlers[type] ?? []) listener({ data });
  };
  return { source, fire };
}

describe('the preview page’s bridge', () => {
  it('offers exactly the keys of the Electron preload’s window.diarist', () => {
    const api = createDiaristApi(
      previewTransport({
        token: 't',
        fetch: async () => ({ json: async () => ({ ok: true, value: null }) }),
        openEvents: () => fakeEvents().source,
      }),
    );
    expect(Object.keys(api).sort()).toEqual(Object.keys(electronApi()).sort());
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'onPush', 'dropFiles'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends calls only once the event stream is open, with the token, and hands pushes on', async () => {
    const events = fakeEvents();
    const fetch = vi.fn(async () => ({ json: async () => ({ ok: true, value: [] }) }));
    const opened: string[] = [];
    const api = createDiaristApi(
      previewTransport({
        token: 'tok/en',
        fetch,
        openEvents: (url) => (opened.push(url), events.source),
      }),
    );
    expect(opened).toEqual(['/__preview/events?token=tok%2Fen']);
    const answer = api['jobs:cancel']({ id: 'j1' });
    await new Promise((done) => setTimeout(done, 0));
    expect(fetch).not.toHaveBeenCalled();
    events.fire('open');
    expect(await answer).toEqual({ ok: true, value: [] });
    expect(fetch).toHaveBeenCalledWith('/__preview/invoke/jobs%3Acancel', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Diarist-Token': 'tok/en' },
      body: '{"id":"j1"}',
    });
    const received: PushEvent[] = [];
    api.onPush((event) => received.push(event));
    events.fire('message', JSON.stringify({ type: 'removed', id: 'j1' }));
    expect(received).toEqual([{ type: 'removed', id: 'j1' }]);
    expect(await api.dropFiles([])).toEqual({ ok: true, value: [] });
  });

  it('answers a Reply when the server has stopped', async () => {
    const events = fakeEvents();
    const api = createDiaristApi(
      previewTransport({
        token: 't',
        fetch: async () => {
          throw new TypeError('Failed to fetch');
        },
        openEvents: () => events.source,
      }),
    );
    events.fire('error');
    expect(await api['jobs:list']()).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('is one browser script built from that builder, defining the same window.diarist', async () => {
    // The same settings as scripts/build.mjs's preview target.
    const result = await build({
      entryPoints: ['src/preview/browser/main.ts'],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\brequire\(|\bimport\(/);
    const window: Record<string, unknown> = {};
    const session = new Map<string, string>();
    runInNewContext(code, {
      window,
      location: { search: '?token=abc', pathname: '/' },
      sessionStorage: {
        getItem: (key: string) => session.get(key) ?? null,
        setItem: (key: string, value: string) => session.set(key, value),
      },
      history: { replaceState: () => undefined },
      fetch: async () => ({ json: async () => ({ ok: true, value: null }) }),
      EventSource: class {
        addEventListener() {}
      },
      URLSearchParams,
    });
    const api = window.diarist as object;
    expect(Object.keys(api).sort()).toEqual(Object.keys(electronApi()).sort());
    expect(session.get('diarist-preview-token')).toBe('abc');
    // The page cannot swap it for another object.
    expect(Object.getOwnPropertyDescriptor(window, 'diarist')).toMatchObject({
      writable: false,
      configurable: false,
    });
  });
});
