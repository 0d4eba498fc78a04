/**
 * Runs in the page, injected before any of the app's scripts (bundled by bench/ui.ts and added
 * with page.addInitScript): a fake `window.diarist` that serves generated jobs and a generated
 * result, pushes live progress on demand, and the measuring helpers bench/ui.ts calls as
 * `window.__bench.*`. No real core is involved: this benchmark measures the renderer alone.
 *
 * How time is measured (the same for both variants):
 * - "painted" means: the DOM condition holds, then the next requestAnimationFrame callback posts
 *   a message, and the time is taken when that message runs, i.e. right after the browser has
 *   done style, layout and paint for that frame (the usual rAF + postMessage technique).
 * - frame times are the differences between successive requestAnimationFrame timestamps. Chromium
 *   (headless too) drives rAF from a 60 Hz begin-frame source, so a frame that makes its vsync
 *   shows 16.7 ms and a missed one 33.3 ms or more. Long animation frames (> 50 ms of main-thread
 *   work) are counted from the Long Animation Frames API, which sees the work rAF deltas hide.
 */

import type { JobView, PushEvent } from '../src/shared/ipc-contract';
import type { SavedResult } from '../src/shared/result';
import type { Settings } from '../src/shared/settings';
import { generateJobs, generateResult, OPENED_JOB_NAME, uploadingIds } from './ui-data';
import { page, type LongAnimationFrame, type PageCanvas, type PageElement } from './ui-dom';

interface BenchConfig {
  jobs: number;
  turns: number;
  speakers: number;
  seconds: number;
}

export interface FrameStats {
  /** Intervals between successive rAF timestamps (ms). */
  deltas: number[];
  /** Long animation frames (> 50 ms) seen while the frames ran, and the longest one (ms). */
  longFrames: number;
  longestFrame: number;
}

const config = (globalThis as unknown as { __benchConfig: BenchConfig }).__benchConfig;

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
type Listener = (event: PushEvent) => void;

const setupStart = performance.now();
const jobs = generateJobs(config.jobs);
const byId = new Map(jobs.map((job) => [job.id, job]));
let result: SavedResult = generateResult(config.turns, config.speakers, config.seconds);
const listeners = new Set<Listener>();

/** Timestamps (performance.now(), ms since navigation start) the Node side reads back. */
const marks: Record<string, number> = {};
/** Generating the data delays the page's own scripts; "from navigation" leaves it out. */
marks.fakeCoreMs = performance.now() - setupStart;
const waiters = new Map<string, (() => void)[]>();
function mark(name: string): void {
  marks[name] = performance.now();
  for (const wake of waiters.get(name) ?? []) wake();
  waiters.delete(name);
}
function untilMarked(name: string): Promise<void> {
  if (marks[name] !== undefined) return Promise.resolve();
  return new Promise((resolve) => waiters.set(name, [...(waiters.get(name) ?? []), resolve]));
}

/**
 * Answers arrive in a later task and as copies, as ipcRenderer.invoke's do: the value is posted
 * through a MessageChannel, so it is serialized when the request is made (main's side of IPC) and
 * deserialized when the page reads the message (the page's side, counted from `arrived`).
 */
function answer(
  value: unknown,
  arrived?: () => void,
  deserialized?: (ms: number) => void,
): Promise<Reply> {
  return new Promise((resolve) => {
    const channel = new page.MessageChannel();
    channel.port1.onmessage = (event) => {
      channel.port1.close();
      arrived?.();
      const start = performance.now();
      const copy = event.data;
      deserialized?.(performance.now() - start);
      resolve({ ok: true, value: copy });
    };
    const start = performance.now();
    channel.port2.postMessage(value);
    // Main's side of IPC, paid here on the page's thread; "from navigation" leaves it out.
    marks.fakeCoreMs = (marks.fakeCoreMs ?? 0) + performance.now() - start;
  });
}

/** What the start screen reads (the batch defaults); Partial, so new settings need no change here. */
const settings: Partial<Settings> = {
  defaultOptions: {
    model: 'precision-2',
    speakers: { kind: 'auto' },
    exclusive: false,
    confidence: false,
    turnLevelConfidence: false,
    transcription: false,
  },
  uploadConcurrency: 2,
  exportFolder: '',
  notifyWhenBatchFinishes: true,
};

/** One second of 8 kHz silence, so the player has something valid to load. */
function silentWavUrl(): string {
  const samples = 8000;
  const bytes = new Uint8Array(44 + samples);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) =>
    [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 8000, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  text(36, 'data');
  view.setUint32(40, samples, true);
  bytes.fill(128, 44);
  return URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
}

const handlers: Record<string, (args: Record<string, unknown>) => Promise<Reply>> = {
  'app:info': () =>
    answer({ version: '0.0.0-bench', apiUrl: 'https://api.pyannote.ai', shell: 'preview' }),
  'key:status': () => answer({ state: 'stored', last4: 'b3nc' }),
  'settings:get': () => answer(settings),
  'jobs:status': () => answer({ offline: false }),
  'jobs:list': () =>
    answer(
      jobs,
      () => {
        // The answer has arrived; the list is watched from here until its rows are painted.
        mark('listAnswered');
        void whenPainted(listRowsShown).then((at) => {
          marks.listPainted = at;
          marks.fakeCoreBeforeList = marks.fakeCoreMs!;
          mark('listPaintedSignal');
        });
      },
      (ms) => (marks.listDeserializeMs = ms),
    ),
  'results:get': () => answer(result, undefined, (ms) => (marks.resultDeserializeMs = ms)),
  'results:media-url': () => answer(silentWavUrl()),
  'results:rename-speaker': (args) => {
    const label = String(args.label);
    const name = String(args.name);
    result = { ...result, speakerNames: { ...result.speakerNames, [label]: name } };
    return answer(result);
  },
};

const api = new Proxy(
  {},
  {
    get(_target, key) {
      if (key === 'onPush') {
        return (listener: Listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        };
      }
      if (key === 'dropFiles') return () => answer([]);
      if (typeof key !== 'string') return undefined;
      return (args: Record<string, unknown> = {}) =>
        handlers[key]?.(args) ??
        Promise.resolve({
          ok: false,
          error: { code: 'invalid-request', message: `${key}: not in the benchmark` },
        });
    },
  },
);
Object.defineProperty(globalThis, 'diarist', { value: api, configurable: false, writable: false });

// --- measuring ---------------------------------------------------------------------------------

/** Resolves right after the next frame's paint (see the header). */
function afterNextPaint(): Promise<number> {
  return new Promise((resolve) =>
    page.requestAnimationFrame(() => {
      const channel = new page.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve(performance.now());
      };
      channel.port2.postMessage(null);
    }),
  );
}

/** The time right after the first paint in which `ready()` holds (checked on every DOM change and every frame). */
function whenPainted(ready: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      observer.disconnect();
      void afterNextPaint().then(resolve);
    };
    const observer = new page.MutationObserver(() => {
      if (ready()) finish();
    });
    observer.observe(page.document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    const poll = () => {
      if (done) return;
      if (ready()) finish();
      else page.requestAnimationFrame(poll);
    };
    poll();
  });
}

function listRowsShown(): boolean {
  return page.document.querySelector('[aria-label="Job list"] [role="listitem"]') !== null;
}

/**
 * Runs `step(fraction)` in every animation frame for `ms` of frame time and returns the frame
 * intervals. Time-based (not frame-counted), so a slow variant covers the same distance in fewer,
 * longer frames and the run stays bounded.
 */
function runFrames(ms: number, step: (fraction: number) => void): Promise<FrameStats> {
  const long: LongAnimationFrame[] = [];
  let observer: { disconnect(): void } | undefined;
  try {
    const o = new page.PerformanceObserver((list) => long.push(...list.getEntries()));
    o.observe({ type: 'long-animation-frame', buffered: false });
    observer = o;
  } catch {
    observer = undefined;
  }
  return new Promise((resolve) => {
    const stamps: number[] = [];
    let start: number | undefined;
    const tick = (timestamp: number) => {
      stamps.push(timestamp);
      start ??= timestamp;
      const fraction = Math.min(1, (timestamp - start) / ms);
      step(fraction);
      if (fraction < 1) {
        page.requestAnimationFrame(tick);
        return;
      }
      // One more frame, so the work the last step caused is measured too.
      page.requestAnimationFrame((last) => {
        stamps.push(last);
        observer?.disconnect();
        const from = stamps[0] ?? 0;
        const within = long.filter((entry) => entry.startTime >= from - 1);
        resolve({
          deltas: stamps.slice(1).map((t, i) => t - (stamps[i] ?? t)),
          longFrames: within.length,
          longestFrame: Math.max(0, ...within.map((entry) => entry.duration)),
        });
      });
    };
    page.requestAnimationFrame(tick);
  });
}

function element(selector: string): ReturnType<typeof page.document.querySelector> {
  return page.document.querySelector(selector);
}

async function settle(frames = 10): Promise<void> {
  for (let i = 0; i < frames; i += 1) await afterNextPaint();
}

// Live progress over the push channel: each event is its own task, as each IPC message is.
const pushing = { running: false, sent: 0, delivered: 0 };
const queue: PushEvent[] = [];
const pushPort = new page.MessageChannel();
pushPort.port1.onmessage = () => {
  const event = queue.shift();
  if (!event || !pushing.running) return;
  pushing.delivered += 1;
  const copy = structuredClone(event);
  for (const listener of listeners) listener(copy);
};
const uploading = uploadingIds(jobs);
let nextUpload = 0;

function nextProgressEvent(): PushEvent {
  const id = uploading[nextUpload++ % uploading.length]!;
  const job = byId.get(id)!;
  const progress = job.progress ?? { phase: 'sending' as const, doneBytes: 0, totalBytes: 1 };
  const doneBytes = (progress.doneBytes + 1_048_576) % (progress.totalBytes + 1);
  const updated: JobView = {
    ...job,
    revision: job.revision + 1,
    updatedAt: new Date().toISOString(),
    progress: { ...progress, doneBytes },
  };
  byId.set(id, updated);
  return { type: 'job', job: updated };
}

/** Emits `perSecond` progress events, evenly spread, until the returned function is called. */
function startPushes(perSecond: number): () => number {
  pushing.running = true;
  const started = performance.now();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) * perSecond) / 1000);
    while (pushing.sent < due) {
      pushing.sent += 1;
      queue.push(nextProgressEvent());
      pushPort.port2.postMessage(null);
    }
  }, 5);
  return () => {
    clearInterval(timer);
    pushing.running = false;
    queue.length = 0;
    return pushing.delivered;
  };
}

function scrollThrough(selector: string, axis: 'top' | 'left', ms: number): Promise<FrameStats> {
  const box = element(selector);
  if (!box) throw new Error(`${selector} not found`);
  const max =
    axis === 'top' ? box.scrollHeight - box.clientHeight : box.scrollWidth - box.clientWidth;
  return runFrames(ms, (fraction) => {
    if (axis === 'top') box.scrollTop = Math.round(max * fraction);
    else box.scrollLeft = Math.round(max * fraction);
  });
}

/** The timeline counts as shown once its lanes are painted: canvas pixels, or naive DOM segments. */
function timelineShown(): boolean {
  if (element('.timeline-track .naive-segment')) return true;
  const canvas = element('canvas.timeline-canvas') as PageCanvas | null;
  const pixel = canvas?.getContext('2d')?.getImageData(2, 42, 1, 1).data[3];
  return pixel !== undefined && pixel > 0;
}

function resultShown(): boolean {
  return (
    element('[aria-label="Turns"] [role="listitem"]') !== null &&
    page.document.getElementById('speaker-name-SPEAKER_00') !== null &&
    timelineShown()
  );
}

function zoomEvent(deltaY: number): void {
  const scroller = element('.timeline-scroller');
  if (!scroller) throw new Error('timeline not found');
  const box = scroller.getBoundingClientRect();
  scroller.dispatchEvent(
    new page.WheelEvent('wheel', {
      deltaY,
      ctrlKey: true,
      clientX: box.left + box.width / 2,
      clientY: box.top + 20,
      bubbles: true,
      cancelable: true,
    }),
  );
}

function buttonNamed(name: string): { click(): void; disabled: boolean } {
  for (const button of Array.from(page.document.querySelectorAll('button'))) {
    if (button.getAttribute('aria-label') === name || button.textContent?.trim() === name) {
      return button as PageElement & { disabled: boolean };
    }
  }
  throw new Error(`no button named ${name}`);
}

const bench = {
  marks,
  crossOriginIsolated: () => page.crossOriginIsolated,

  /**
   * Milliseconds from the jobs:list answer, and from navigation start, to the rows painted; the
   * latter without the fake core's own work on this thread (generating data, serializing).
   */
  async listFirstPaint(): Promise<{ fromAnswer: number; fromNavigation: number }> {
    await untilMarked('listPaintedSignal');
    return {
      fromAnswer: marks.listPainted! - marks.listAnswered!,
      fromNavigation: marks.listPainted! - marks.fakeCoreBeforeList!,
    };
  },

  async scrollList(ms: number): Promise<FrameStats> {
    await settle();
    return scrollThrough('.job-scroll', 'top', ms);
  },

  async scrollListWithPushes(
    ms: number,
    perSecond: number,
  ): Promise<FrameStats & { delivered: number }> {
    const box = element('.job-scroll')!;
    box.scrollTop = 0;
    await settle();
    const stop = startPushes(perSecond);
    const stats = await scrollThrough('.job-scroll', 'top', ms);
    return { ...stats, delivered: stop() };
  },

  /** From the click on "Open result" to the timeline, speakers and turns painted. */
  async openResult(): Promise<number> {
    element('.job-scroll')!.scrollTop = 0;
    await settle();
    const button = buttonNamed(`Open result ${OPENED_JOB_NAME}`);
    const painted = whenPainted(resultShown);
    const start = performance.now();
    button.click();
    return (await painted) - start;
  },

  /** Zooms in step by step with Ctrl + wheel to the deepest zoom, then back out. */
  async zoomTimeline(ms: number): Promise<FrameStats> {
    await settle();
    return runFrames(ms, (fraction) => zoomEvent(fraction < 0.5 ? -100 : 100));
  },

  /** At 32× zoom (about 5 minutes in view), scrolls the timeline from start to end. */
  async scrollTimeline(ms: number): Promise<FrameStats> {
    // From the whole recording, whatever zoom the previous scenario ended at.
    for (let i = 0; i < 40 && !buttonNamed('Zoom out').disabled; i += 1) {
      buttonNamed('Zoom out').click();
      await afterNextPaint();
    }
    for (let i = 0; i < 5; i += 1) {
      buttonNamed('Zoom in').click();
      await afterNextPaint();
    }
    await settle();
    return scrollThrough('.timeline-scroller', 'left', ms);
  },

  /**
   * From the Enter that commits a new name to that name painted in the lanes and the turn list;
   * the frames of the next second show what main's confirming answer (a whole new result) costs.
   */
  async renameSpeaker(name: string): Promise<{ painted: number; frames: FrameStats }> {
    const scroller = element('.timeline-scroller');
    if (scroller) scroller.scrollLeft = 0;
    const input = page.document.getElementById('speaker-name-SPEAKER_00')!;
    const setValue = Object.getOwnPropertyDescriptor(
      page.HTMLInputElement.prototype,
      'value',
    )!.set!;
    setValue.call(input, name);
    input.dispatchEvent(new page.Event('input', { bubbles: true }));
    await settle(3);
    const shown = () => {
      const lane = element('.lane-name-text')?.textContent;
      const turns = Array.from(page.document.querySelectorAll('.turn-speaker-name')).map(
        (n) => n.textContent,
      );
      return lane === name && turns.includes(name) && !turns.includes('Speaker 1');
    };
    const painted = whenPainted(shown);
    const frames = runFrames(1000, () => undefined);
    const start = performance.now();
    input.dispatchEvent(new page.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    return { painted: (await painted) - start, frames: await frames };
  },
};

Object.defineProperty(globalThis, '__bench', { value: bench });
