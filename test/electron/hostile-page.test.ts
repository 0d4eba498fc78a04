/**
 * A hostile page in the real window: script injected into the running app (as a compromised
 * dependency or an XSS would run) tries what app.test.ts does not already cover: forged
 * arguments on every channel, raw IPC, file ids and job ids main never handed out, the network,
 * frames, windows, app:// paths outside the page's folder, and finding the key. It never sets
 * location (Playwright would wait forever on the refused navigation).
 */

import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import { CHANNELS, operations } from '../../src/shared/ipc-contract';
import { isChannel } from '../../src/core/app/invoke';
import type { Simulator } from '../simulator';
import {
  addButton,
  enterKey,
  inPage,
  launchApp,
  makeWorkspace,
  startTestSimulator,
  type Launched,
  type Workspace,
} from './launch';

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}
/** One forged call: the page function, which bad argument, and what came back (or was thrown). */
interface Attempt {
  name: string;
  arg: string;
  reply?: Reply;
  thrown?: string;
}

/** A local path or a stack trace in a message the page reads. */
const LEAKS =
  /(^|[\s'"(])(\/|[A-Za-z]:\\)(home|root|tmp|usr|etc|work|var|opt|Users)\b|\bat .+:\d+:\d+|node:internal/;

/** Forged arguments, as page code: each makes its value in the page, where it is sent from. */
const FORGED_SOURCE = `{
  'a number for an id': () => ({ id: 42 }),
  'a path instead of an object': () => '../../etc/passwd',
  'a 4 MB string': () => 'x'.repeat(4 * 1024 * 1024),
  'megabyte fields': () => ({ id: 'i'.repeat(1 << 20), key: 'k'.repeat(1 << 20), paths: ['p'.repeat(1 << 20)] }),
  '__proto__ pollution': () => JSON.parse('{"__proto__":{"polluted":true}}'),
  'constructor pollution': () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  'every field plus one unknown': () => ({
    id: 'x', key: 'sk_0123456789', fileIds: ['x'], options: {}, paths: ['/etc/passwd'],
    target: 'docs', format: 'json', label: 'SPEAKER_00', name: 'n', deleteResult: true,
    checkForUpdates: false, unknown: 1,
  }),
  'an array': () => [{ id: 'x' }],
  'a number': () => 42,
  'true': () => true,
  'a function': () => () => 1,
  'a symbol-keyed object': () => ({ [Symbol('s')]: 1, id: {} }),
}`;

describe('A hostile page in the real window', () => {
  let sim: Simulator;
  let ws: Workspace;
  let s: Launched;
  /** Every reply this file's page code received, searched for the key at the end. */
  const replies: string[] = [];
  const page = <T>(expression: string) =>
    inPage<T>(s.page, expression).then((value) => {
      replies.push(JSON.stringify(value) ?? '');
      return value;
    });
  /** A call from the page; a reply that never comes (a dialog left open) is an answer too. */
  const call = (channel: string, args: unknown) =>
    page<Reply | 'no answer'>(`Promise.race([
      window.diarist[${JSON.stringify(channel)}](${JSON.stringify(args)}),
      new Promise((resolve) => setTimeout(() => resolve('no answer'), 10000)),
    ])`);

  beforeAll(async () => {
    sim = await startTestSimulator();
    ws = await makeWorkspace();
    s = await launchApp(ws, sim);
    // Everything main sends the page from here on, to search for the key at the end.
    await s.app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      const send = contents.send.bind(contents);
      const sent: string[] = [];
      Object.assign(globalThis, { __diaristSentToPage: sent });
      contents.send = (channel: string, ...args: unknown[]) => {
        sent.push(JSON.stringify([channel, ...args]));
        send(channel, ...args);
      };
    });
    await enterKey(s.page, sim.apiKey);
    await addButton(s.page).waitFor();
  });
  afterAll(async () => {
    await s?.close();
    await sim?.close();
    await ws?.remove();
  });

  it('gets a refusal, as data, from every function of window.diarist given forged arguments', async () => {
    const before = await call('settings:get', {});
    const functions = await page<string[]>(
      `Object.keys(window.diarist).filter((name) => name !== 'onPush')`,
    );
    const forged = await page<string[]>(`Object.keys(${FORGED_SOURCE})`);
    const plan = functions.flatMap((name) =>
      forged
        .filter((arg) => {
          const takesNothing = isChannel(name) && operations[name].args.safeParse({}).success;
          // An own __proto__ key arrives in main as an empty object: for a channel that takes
          // nothing, that is an ordinary call (files:pick would open its dialog).
          if (arg === '__proto__ pollution') return !takesNothing || name === 'settings:update';
          // A string is an array of characters to the preload's drop reader: 4 million
          // lookups that only keep the page itself busy.
          return !(arg === 'a 4 MB string' && !isChannel(name));
        })
        .map((arg) => ({ name, arg })),
    );
    const attempts = await page<Attempt[]>(`(async () => {
      const forged = ${FORGED_SOURCE};
      const out = [];
      for (const { name, arg } of ${JSON.stringify(plan)}) {
        try {
          const reply = await Promise.race([
            window.diarist[name](forged[arg]()),
            new Promise((resolve) => setTimeout(() => resolve('no answer'), 10000)),
          ]);
          out.push({ name, arg, reply });
        } catch (error) {
          out.push({ name, arg, thrown: String(error && error.name) });
        }
      }
      return out;
    })()`);
    const names = new Set(attempts.map((a) => a.name));
    // Every contract channel was tried (the page API may hold more, e.g. file drops).
    for (const channel of CHANNELS) expect(names.has(channel), channel).toBe(true);
    for (const attempt of attempts) {
      const where = `${attempt.name} with ${attempt.arg}`;
      if (attempt.thrown !== undefined) {
        // Refused in the page before anything is sent: values IPC cannot carry.
        expect(attempt.arg, where).toBe('a function');
        expect(attempt.thrown, where).toBe('Error');
        continue;
      }
      const reply = attempt.reply!;
      if (attempt.name === 'settings:update' && attempt.arg === '__proto__ pollution') {
        // Arrives as {}: an update that changes nothing.
        expect(reply, where).toEqual(before);
      } else if (isChannel(attempt.name)) {
        expect(reply, where).toEqual({
          ok: false,
          // Mapped: a code, plain words and which fields were wrong; never a raw exception.
          error: expect.objectContaining({
            code: 'invalid-arguments',
            message: expect.stringMatching(/^The request/),
          }),
        });
      } else {
        // Not a channel of its own (dropFiles reads paths in the preload): it may find no file
        // in what it was given, or refuse it, but never accept one.
        expect(reply.ok ? reply.value : reply.error?.code, where).toSatisfy(
          (v: unknown) => (Array.isArray(v) && v.length === 0) || v === 'invalid-arguments',
        );
      }
      expect(JSON.stringify(reply), where).not.toMatch(LEAKS);
      expect(JSON.stringify(reply), where).not.toContain(ws.work);
    }
    // Main is alive, unpolluted, and nothing changed.
    await expect(call('app:info', {})).resolves.toMatchObject({ ok: true });
    await expect(call('settings:get', {})).resolves.toEqual(before);
    await expect(call('key:status', {})).resolves.toMatchObject({
      ok: true,
      value: { state: 'stored' },
    });
    await expect(call('jobs:list', {})).resolves.toEqual({ ok: true, value: [] });
    const mainPolluted = await s.app.evaluate(({ BrowserWindow }) => ({
      polluted: 'polluted' in {},
      windows: BrowserWindow.getAllWindows().length,
    }));
    expect(mainPolluted).toEqual({ polluted: false, windows: 1 });
    await expect(page(`'polluted' in {}`)).resolves.toBe(false);
    expect(sim.jobs()).toHaveLength(0);
  });

  it('cannot reach ipcRenderer, replace the bridge, or get more than data from a push', async () => {
    const bridge = await page<Record<string, unknown>>(`(() => {
      const real = window.diarist['key:status'];
      try { window.diarist['key:status'] = () => 'hijacked'; } catch {}
      try { Object.defineProperty(window.diarist, 'sendRaw', { value: () => 1 }); } catch {}
      return {
        frozen: Object.isFrozen(window.diarist),
        same: window.diarist['key:status'] === real,
        added: 'sendRaw' in window.diarist,
        ipc: ['ipcRenderer', 'electron', 'require', 'process', '__electron_preload'].filter((n) => n in window),
      };
    })()`);
    expect(bridge).toEqual({ frozen: true, same: true, added: false, ipc: [] });
    // A push carries the data alone: no event object, so no sender (ipcRenderer) and no ports.
    await page(
      `void (window.__pushes = [], window.diarist.onPush((...args) => window.__pushes.push(args)))`,
    );
    await s.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.send('diarist:push', {
        type: 'notice',
        message: 'probe',
      }),
    );
    await expect
      .poll(() => page<unknown[][]>(`window.__pushes.filter((a) => a[0]?.message === 'probe')`))
      .toEqual([[{ type: 'notice', message: 'probe' }]]);
    // Raw channels that main listens on are not reachable without ipcRenderer: the only way in
    // is a function of window.diarist, and a name the contract lacks is not one.
    await expect(page(`typeof window.diarist['key:get']`)).resolves.toBe('undefined');
  });

  it('refuses file ids and job ids main never handed out', async () => {
    const options = DEFAULT_DIARIZE_OPTIONS;
    const forgedFile = randomUUID();
    for (const fileIds of [
      [forgedFile],
      ['/etc/passwd'],
      ['../../etc/passwd'],
      [forgedFile, forgedFile],
    ]) {
      await expect(call('jobs:add', { fileIds, options }), fileIds[0]).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
    // A result planted outside the data folder, shaped as the app saves one, under a job id
    // that walks out of results/: the app must not read it (or write to it) for the page.
    const planted = join(ws.work, 'planted.json');
    const traversal = '../../planted';
    const result = {
      formatVersion: 1,
      jobId: traversal,
      serviceJobId: 'x',
      source: { name: 'planted.wav', sizeBytes: 1 },
      options,
      savedAt: new Date().toISOString(),
      segments: [{ speaker: 'SPEAKER_00', start: 0, end: 1 }],
      speakers: [{ label: 'SPEAKER_00', totalSeconds: 1, turnCount: 1 }],
      speakerNames: {},
    };
    await writeFile(planted, JSON.stringify(result));
    for (const id of [
      randomUUID(),
      traversal,
      '../../../../../../etc/passwd',
      '%2e%2e%2fplanted',
    ]) {
      const refusals = {
        'jobs:cancel': await call('jobs:cancel', { id }),
        'jobs:retry': await call('jobs:retry', { id }),
        'jobs:remove': await call('jobs:remove', { id, deleteResult: true }),
        'jobs:show-file': await call('jobs:show-file', { id }),
        'results:get': await call('results:get', { id }),
        'results:rename-speaker': await call('results:rename-speaker', {
          id,
          label: 'SPEAKER_00',
          name: 'Mallory',
        }),
        'results:export': await call('results:export', { id, format: 'json' }),
        'results:media-url': await call('results:media-url', { id }),
      };
      const notFound = {
        ok: false,
        error: expect.objectContaining({ code: 'not-found', message: expect.any(String) }),
      };
      expect(refusals, id).toEqual({
        'jobs:cancel': { ok: true, value: null },
        'jobs:retry': { ok: true, value: null },
        'jobs:remove': { ok: true, value: false },
        'jobs:show-file': notFound,
        'results:get': notFound,
        'results:rename-speaker': notFound,
        'results:export': notFound,
        'results:media-url': notFound,
      });
    }
    expect(JSON.parse(await readFile(planted, 'utf8'))).toEqual(result);
    expect(sim.jobs()).toHaveLength(0);
    expect(sim.countRequests({ route: 'POST /v1/diarize' })).toBe(0);
  });

  it('cannot talk to the network: fetch, XHR, WebSocket, beacons and images are blocked (connect-src)', async () => {
    const requestsBefore = sim.countRequests();
    const base = sim.baseUrl;
    const localhost = base.replace('127.0.0.1', 'localhost');
    const outcome = await page<{
      tries: Record<string, string>;
      violations: string[];
    }>(`(async () => {
      const violations = [];
      const onViolation = (e) => violations.push(e.effectiveDirective);
      document.addEventListener('securitypolicyviolation', onViolation);
      const tries = {};
      const attempt = async (name, run) => {
        try { await run(); tries[name] = 'reached'; } catch (error) { tries[name] = 'blocked'; }
      };
      const loaded = (element) => new Promise((resolve, reject) => {
        element.onload = element.onopen = resolve;
        element.onerror = () => reject(new Error('failed'));
      });
      await attempt('fetch the simulator', () => fetch(${JSON.stringify(`${base}/v1/test`)}));
      await attempt('fetch localhost', () => fetch(${JSON.stringify(`${localhost}/v1/test`)}, { mode: 'no-cors' }));
      await attempt('fetch an external site', () => fetch('https://example.com/', { mode: 'no-cors' }));
      await attempt('fetch our own origin', () => fetch('app://diarist/index.html'));
      await attempt('XMLHttpRequest', () => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', ${JSON.stringify(`${base}/v1/xhr`)});
        const done = loaded(xhr);
        xhr.send();
        return done;
      });
      await attempt('WebSocket', () => loaded(new WebSocket(${JSON.stringify(`${base.replace('http', 'ws')}/ws`)})));
      await attempt('EventSource', () => loaded(new EventSource(${JSON.stringify(`${base}/v1/events`)})));
      await attempt('image', () => {
        const image = new Image();
        const done = loaded(image);
        image.src = ${JSON.stringify(`${base}/v1/image.png`)};
        return done;
      });
      tries.beacon = navigator.sendBeacon(${JSON.stringify(`${base}/v1/beacon`)}, 'x') ? 'queued' : 'blocked';
      await new Promise((resolve) => setTimeout(resolve, 500));
      document.removeEventListener('securitypolicyviolation', onViolation);
      return { tries, violations };
    })()`);
    for (const [name, result] of Object.entries(outcome.tries)) {
      expect(result, name).not.toBe('reached');
    }
    expect(outcome.violations).toContain('connect-src');
    // Not one of them reached the simulator, although main talks to it all the time.
    expect(sim.countRequests()).toBe(requestsBefore);
    expect(requestsBefore).toBeGreaterThan(0);
  });

  it('cannot load another origin, or the app itself, in a frame', async () => {
    const requestsBefore = sim.countRequests();
    const sources = [`${sim.baseUrl}/v1/frame`, 'https://example.com/', 'app://diarist/index.html'];
    await page(`(async () => {
      for (const src of ${JSON.stringify(sources)}) {
        const frame = document.createElement('iframe');
        frame.className = 'hostile-frame';
        frame.src = src;
        document.body.append(frame);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    })()`);
    const frames = await s.app.evaluate(async ({ BrowserWindow }) =>
      Promise.all(
        BrowserWindow.getAllWindows()[0]!.webContents.mainFrame.framesInSubtree.map(
          async (frame) => ({
            url: frame.url,
            main: frame.parent === null,
            app: await frame
              .executeJavaScript(`document.getElementById('root') !== null`)
              .catch(() => false),
            text: await frame
              .executeJavaScript(`document.body ? document.body.innerText.slice(0, 200) : ''`)
              .catch((error: Error) => error.message),
          }),
        ),
      ),
    );
    // The app runs in its main frame only; no frame shows another origin's content.
    expect(frames.filter((frame) => frame.app)).toEqual([expect.objectContaining({ main: true })]);
    expect(frames.filter((frame) => !frame.main)).toHaveLength(sources.length);
    const readable = await page<
      unknown[]
    >(`[...document.querySelectorAll('iframe.hostile-frame')].map((frame) => {
      try { return frame.contentWindow.diarist ?? frame.contentDocument?.body?.innerText ?? null; }
      catch (error) { return error.name; }
    })`);
    for (const content of readable)
      expect(content === null || content === '' || content === 'SecurityError').toBe(true);
    await page(
      `document.querySelectorAll('iframe.hostile-frame').forEach((frame) => frame.remove())`,
    );
    expect(sim.countRequests()).toBe(requestsBefore);
  });

  it('opens no window by a link, a form or window.open, not even of its own origin', async () => {
    const requestsBefore = sim.countRequests();
    const opened = await page<boolean[]>(`(async () => {
      const link = document.createElement('a');
      link.href = 'app://diarist/index.html';
      link.target = '_blank';
      document.body.append(link);
      link.click();
      link.remove();
      const form = document.createElement('form');
      form.action = ${JSON.stringify(`${sim.baseUrl}/v1/form`)};
      form.method = 'post';
      form.target = '_blank';
      document.body.append(form);
      form.submit();
      form.remove();
      const windows = [
        window.open('app://diarist/index.html'),
        window.open('about:blank'),
        window.open('', 'named', 'popup,width=200,height=200'),
      ];
      await new Promise((resolve) => setTimeout(resolve, 500));
      return windows.map((w) => w !== null);
    })()`);
    expect(opened).toEqual([false, false, false]);
    await expect(
      s.app.evaluate(({ BrowserWindow, webContents }) => ({
        windows: BrowserWindow.getAllWindows().length,
        contents: webContents.getAllWebContents().length,
      })),
    ).resolves.toEqual({ windows: 1, contents: 1 });
    expect(sim.countRequests()).toBe(requestsBefore);
  });

  it('gets nothing outside the page folder from app://, however the path is written', async () => {
    const paths = [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/..%5c..%5c..%5cetc%5cpasswd',
      '/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
      '/%2Fetc%2Fpasswd',
      '//etc/passwd',
      '/%00../../etc/passwd',
      // The app's own files next to the page: its package.json and main process bundle.
      '/..%2f..%2fpackage.json',
      '/..%2fmain%2findex.js',
      '/..%2fpreload%2findex.cjs',
      '/media/../../etc/passwd',
      '/media/..%2f..%2f..%2fetc%2fpasswd',
      `/media/${randomUUID()}`,
    ];
    const answers = await s.app.evaluate(async ({ session }, paths) => {
      const out: { url: string; status: number; body: string }[] = [];
      for (const url of [
        'app://diarist/index.html',
        ...paths.map((path) => `app://diarist${path}`),
        'app://other/index.html',
      ]) {
        const response = await session.defaultSession.fetch(url).catch(() => undefined);
        out.push({
          url,
          status: response?.status ?? 0,
          body: response ? (await response.text()).slice(0, 4000) : '',
        });
      }
      return out;
    }, paths);
    const [page0, ...others] = answers;
    // The control: the page itself is served.
    expect(page0).toMatchObject({
      status: 200,
      body: expect.stringContaining('<title>Diarist</title>'),
    });
    for (const answer of others) {
      expect(answer.status, answer.url).toBe(404);
      expect(answer.body, answer.url).not.toMatch(/root:|"name": ?"diarist"|electron/);
    }
  });

  it('never sees the key: not in the page, its storage, any reply or anything main sent it', async () => {
    const key = sim.apiKey;
    const found = await page<Record<string, string>>(`(async () => ({
      dom: document.documentElement.outerHTML + document.body.innerText,
      inputs: [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\\n'),
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      indexedDB: JSON.stringify(await indexedDB.databases()),
      cookie: document.cookie,
      caches: JSON.stringify(await caches.keys().catch((error) => error.name)),
      title: document.title + location.href,
    }))()`);
    const sent = await s.app.evaluate(
      () => (globalThis as unknown as { __diaristSentToPage: string[] }).__diaristSentToPage,
    );
    expect(sent.length).toBeGreaterThan(0);
    const everything = { ...found, replies: replies.join('\n'), sent: sent.join('\n') };
    for (const [where, text] of Object.entries(everything)) {
      expect(text.includes(key), where).toBe(false);
      // Not even most of it (the last four characters are shown on purpose).
      expect(text.includes(key.slice(0, -4)), where).toBe(false);
      expect(text.includes(key.slice(3, 15)), where).toBe(false);
    }
  });
});
