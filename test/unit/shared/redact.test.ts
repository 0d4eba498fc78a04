import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/shared/redact';

describe('redact', () => {
  it('removes an exact secret wherever it appears', () => {
    expect(redact('key=abcd1234efgh and again abcd1234efgh', ['abcd1234efgh'])).toBe(
      'key=[redacted] and again [redacted]',
    );
  });

  it('removes bearer tokens and sk_ keys it was not told about', () => {
    const out = redact('Authorization: Bearer sk_0123456789abcdef; other sk_deadbeefcafe');
    expect(out).not.toContain('0123456789abcdef');
    expect(out).not.toContain('deadbeefcafe');
    expect(out).toContain('Bearer [redacted]');
  });

  it('keeps the host and path of a signed URL but drops its query', () => {
    const url =
      'https://bucket.s3.amazonaws.com/media/abc?X-Amz-Signature=0a1b2c&X-Amz-Credential=AKIA%2F2026';
    const out = redact(`PUT ${url} failed`);
    expect(out).toBe('PUT https://bucket.s3.amazonaws.com/media/abc?[redacted] failed');
  });

  it('removes loose signature parameters', () => {
    expect(redact('X-Amz-Signature=0a1b2c3d')).toBe('X-Amz-Signature=[redacted]');
  });

  it('ignores empty or very short secrets rather than shredding the text', () => {
    expect(redact('a plain sentence', ['', undefined, 'a'])).toBe('a plain sentence');
  });
});
