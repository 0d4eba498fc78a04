import { describe, expect, it } from 'vitest';
import { hardenWebContents, type HardenableContents } from '../../../src/main/hardening';

type Listener = (event: FakeEvent) => void;
interface FakeEvent {
  url?: string;
  isMainFrame?: boolean;
  prevented: boolean;
  preventDefault(): void;
}

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: typeof openHandler) {
      openHandler = handler;
    },
  };
  const emit = (name: string, details: Partial<FakeEvent> = {}) => {
    const event: FakeEvent = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
      ...details,
    };
    listeners.get(name)!(event);
    return event;
  };
  return {
    contents: contents as unknown as HardenableContents,
    emit,
    open: (url: string) => openHandler!({ url }),
  };
}

describe('hardenWebContents', () => {
  it('stops every navigation, in any frame', () => {
    const { contents, emit } = fakeContents();
    hardenWebContents(contents, () => undefined);
    expect(
      emit('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: true }).prevented,
    ).toBe(true);
    expect(
      emit('will-frame-navigate', { url: 'app://diarist/x', isMainFrame: false }).prevented,
    ).toBe(true);
    expect(emit('will-navigate', { url: 'https://evil.example/' }).prevented).toBe(true);
    expect(emit('will-redirect', { url: 'https://evil.example/' }).prevented).toBe(true);
  });

  it('never attaches a webview', () => {
    const { contents, emit } = fakeContents();
    hardenWebContents(contents, () => undefined);
    expect(emit('will-attach-webview').prevented).toBe(true);
  });

  it('opens a clicked pyannoteAI link in the browser, but not one from a subframe', () => {
    const opened: string[] = [];
    const { contents, emit } = fakeContents();
    hardenWebContents(contents, (url) => opened.push(url));
    emit('will-frame-navigate', { url: 'https://docs.pyannote.ai/', isMainFrame: true });
    emit('will-frame-navigate', { url: 'https://docs.pyannote.ai/sub', isMainFrame: false });
    emit('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: true });
    expect(opened).toEqual(['https://docs.pyannote.ai/']);
  });

  it('denies every new window, sending only allowed sites to the browser', () => {
    const opened: string[] = [];
    const { contents, open } = fakeContents();
    hardenWebContents(contents, (url) => opened.push(url));
    expect(open('https://dashboard.pyannote.ai/')).toEqual({ action: 'deny' });
    expect(open('https://dashboard.pyannote.ai@evil.com/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://dashboard.pyannote.ai/']);
  });
});
