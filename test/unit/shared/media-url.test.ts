import { describe, expect, it } from 'vitest';
import { isValidMediaUrl } from '../../../src/shared/media-url';

describe('isValidMediaUrl', () => {
  it.each([
    'media://a',
    'media://meetings/2024-01-15/call.wav',
    'media://diarist/' + 'f'.repeat(64),
  ])('accepts %s', (url) => expect(isValidMediaUrl(url)).toBe(true));

  it.each([
    ['no scheme', 'meetings/call.wav'],
    ['empty key', 'media://'],
    ['space', 'media://bad key'],
    ['underscore (seen rejected by the service)', 'media://my_file'],
    ['non-ASCII', 'media://réunion'],
    ['too long', 'media://' + 'a'.repeat(248)],
  ])('rejects %s', (_why, url) => expect(isValidMediaUrl(url)).toBe(false));

  it('accepts exactly 255 characters', () => {
    expect(isValidMediaUrl('media://' + 'a'.repeat(247))).toBe(true);
  });
});
