import { describe, expect, it } from 'vitest';
import {
  allowedExternalUrl,
  decideNavigation,
  decideWindowOpen,
  EXTERNAL_HOSTS,
} from '../../../src/main/navigation';

describe('the allowed hosts', () => {
  it('are exactly the hosts of the link table, nothing else', () => {
    expect([...EXTERNAL_HOSTS].sort()).toEqual([
      'dashboard.pyannote.ai',
      'docs.pyannote.ai',
      'pyannote.openstatus.dev',
    ]);
    expect(allowedExternalUrl('https://www.pyannote.ai/')).toBeUndefined();
  });
});

describe('decideWindowOpen', () => {
  it.each([
    'https://dashboard.pyannote.ai/',
    'https://dashboard.pyannote.ai/billing?tab=credits',
    'https://docs.pyannote.ai/introduction',
    'https://pyannote.openstatus.dev/',
  ])('opens %s in the browser, never in the app', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: url });
  });

  it.each([
    ['userinfo pretending to be the host', 'https://dashboard.pyannote.ai@evil.com/'],
    ['userinfo with a password', 'https://user:pw@dashboard.pyannote.ai/'],
    ['a look-alike suffix', 'https://dashboard.pyannote.ai.evil.com/'],
    ['a look-alike prefix', 'https://evildashboard.pyannote.ai/'],
    ['another subdomain', 'https://api.pyannote.ai/v1/jobs'],
    ['the bare domain', 'https://pyannote.ai/'],
    ['plain http', 'http://dashboard.pyannote.ai/'],
    ['an explicit port', 'https://dashboard.pyannote.ai:8443/'],
    ['a file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['our own pages', 'app://diarist/index.html'],
    ['a custom handler', 'ms-settings:privacy'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_why, url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
  });

  it('compares hosts after the URL parser lower-cases them, as Chromium does', () => {
    expect(allowedExternalUrl('https://DOCS.pyannote.AI/x')).toBe('https://docs.pyannote.ai/x');
  });
});

describe('decideNavigation', () => {
  it('never lets the page navigate away, not even to our own origin', () => {
    expect(decideNavigation('app://diarist/other.html').action).toBe('deny');
    expect(decideNavigation('https://evil.example/').action).toBe('deny');
  });

  it('sends an allowed link to the browser instead', () => {
    expect(decideNavigation('https://docs.pyannote.ai/')).toEqual({
      action: 'deny',
      openExternally: 'https://docs.pyannote.ai/',
    });
  });
});
