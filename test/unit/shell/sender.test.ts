import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../src/main/sender';

const ORIGIN = 'app://diarist';

describe('isTrustedSender', () => {
  it('accepts our page in the main frame', () => {
    expect(isTrustedSender({ url: 'app://diarist/index.html', parent: null }, ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: 'app://diarist/', parent: undefined }, ORIGIN)).toBe(true);
  });

  it.each([
    ['no frame (navigated away or destroyed)', null],
    [
      'a subframe of our own page',
      { url: 'app://diarist/index.html', parent: { url: 'app://diarist/' } },
    ],
    ['another site', { url: 'https://evil.example/', parent: null }],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }],
    ['a look-alike host', { url: 'app://diarist.evil/index.html', parent: null }],
    ['userinfo tricks', { url: 'app://x@diarist/index.html', parent: null }],
    ['a file page', { url: 'file:///tmp/index.html', parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['an empty URL', { url: '', parent: null }],
  ])('refuses %s', (_why, frame) => {
    expect(isTrustedSender(frame, ORIGIN)).toBe(false);
  });

  it('refuses a frame that throws when read (a disposed WebFrameMain)', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedSender(disposed, ORIGIN)).toBe(false);
  });
});
