/**
 * The few browser APIs the UI benchmark's in-page code uses, typed locally. The bench folder is
 * type-checked with the Node project (no DOM library, on purpose: DOM types must not leak into
 * Node code), so page code reaches the browser through this narrow, explicit interface instead.
 */

export interface PageElement {
  id: string;
  className: string;
  textContent: string | null;
  scrollTop: number;
  scrollLeft: number;
  readonly scrollHeight: number;
  readonly scrollWidth: number;
  readonly clientHeight: number;
  readonly clientWidth: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  dispatchEvent(event: object): boolean;
  click(): void;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
}

export interface PageCanvas extends PageElement {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}

export interface LongAnimationFrame {
  startTime: number;
  duration: number;
}

export interface PageGlobals {
  document: {
    readonly documentElement: PageElement;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    getElementById(id: string): PageElement | null;
  };
  requestAnimationFrame(callback: (timestamp: number) => void): number;
  MutationObserver: new (callback: () => void) => {
    observe(
      target: PageElement,
      options: { childList?: boolean; subtree?: boolean; characterData?: boolean },
    ): void;
    disconnect(): void;
  };
  PerformanceObserver: new (callback: (list: { getEntries(): LongAnimationFrame[] }) => void) => {
    observe(options: { type: string; buffered?: boolean }): void;
    disconnect(): void;
  };
  MessageChannel: new () => {
    port1: { onmessage: ((event: { data: unknown }) => void) | null; close(): void };
    port2: { postMessage(message: unknown): void };
  };
  ResizeObserver: new (callback: () => void) => {
    observe(target: PageElement): void;
    disconnect(): void;
  };
  Event: new (type: string, init: { bubbles: boolean }) => object;
  KeyboardEvent: new (type: string, init: { key: string; bubbles: boolean }) => object;
  WheelEvent: new (
    type: string,
    init: {
      deltaY: number;
      ctrlKey: boolean;
      clientX: number;
      clientY: number;
      bubbles: boolean;
      cancelable: boolean;
    },
  ) => object;
  HTMLInputElement: { prototype: object };
  crossOriginIsolated: boolean;
}

/** The page's globals; only meaningful in code that runs in the browser. */
export const page = globalThis as unknown as PageGlobals;
