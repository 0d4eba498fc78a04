import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  resolveAppFile,
} from '../../../src/core/protocol/app-protocol-paths';

const ROOT = join(sep, 'opt', 'diarist', 'renderer');

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('runs no inline or evaluated code', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(
      /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/,
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
  });

  it('falls back to nothing and lets the page talk to nobody', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
  });

  it('allows no plugins, no framing, no base or form tricks', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('plays recordings only from our own origin', () => {
    expect(directives.get('media-src')).not.toContain('*');
    expect(directives.get('media-src')).toContain("'self'");
  });
});

describe('resolveAppFile', () => {
  it('serves files of the built page', () => {
    expect(resolveAppFile(ROOT, 'app://diarist/index.html')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://diarist/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://diarist/assets/app-1a2b.js')).toBe(
      join(ROOT, 'assets', 'app-1a2b.js'),
    );
    expect(resolveAppFile(ROOT, 'app://diarist/assets/my%20font.woff2')).toBe(
      join(ROOT, 'assets', 'my font.woff2'),
    );
  });

  it.each([
    ['dot segments', 'app://diarist/../../etc/passwd'],
    ['encoded dot segments', 'app://diarist/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded slashes', 'app://diarist/..%2f..%2f..%2fetc%2fpasswd'],
    ['encoded backslashes', 'app://diarist/..%5c..%5c..%5cetc%5cpasswd'],
    ['a NUL byte', 'app://diarist/index.html%00.png'],
    ['malformed encoding', 'app://diarist/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['userinfo', 'app://x@diarist/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['https', 'https://diarist/index.html'],
    ['garbage', 'not a url'],
  ])('never leaves the page folder for %s', (_why, url) => {
    const file = resolveAppFile(ROOT, url);
    // Refused, or (the URL parser clamps leading "..") a harmless name inside the folder.
    expect(file === undefined || file.startsWith(ROOT + sep)).toBe(true);
    expect(file).not.toBe(join(sep, 'etc', 'passwd'));
  });

  it('reads leading dot segments as staying at the top of the page folder', () => {
    expect(resolveAppFile(ROOT, 'app://diarist/../../etc/passwd')).toBe(
      join(ROOT, 'etc', 'passwd'),
    );
    expect(resolveAppFile(ROOT, 'app://diarist/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(ROOT, 'etc', 'passwd'),
    );
  });

  it('refuses everything that is not ours outright', () => {
    for (const url of [
      'app://evil/index.html',
      'app://x@diarist/index.html',
      'file:///etc/passwd',
      'app://diarist/index.html%00.png',
      'app://diarist/%E0%A4%A',
      'app://diarist/..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      expect(resolveAppFile(ROOT, url), url).toBeUndefined();
    }
  });

  it('names the page types so scripts run under nosniff', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/app.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
