import { describe, expect, it } from 'vitest';
import { classifyError } from '../../../src/core/errors';

describe('one classification of errors', () => {
  it('stops on the person for the key and the subscription, whatever the retry flag says', () => {
    for (const code of ['missing-key', 'unauthorized', 'payment-required'] as const) {
      expect(classifyError({ code, retryable: false })).toBe('blocking');
      expect(classifyError({ code, retryable: true })).toBe('blocking');
    }
  });

  it('waits for the network on connection failures and timeouts', () => {
    expect(classifyError({ code: 'network', retryable: true })).toBe('offline');
    expect(classifyError({ code: 'timeout', retryable: true })).toBe('offline');
  });

  it('retries what may pass and fails what cannot, by the error’s own flag', () => {
    expect(classifyError({ code: 'server-error', retryable: true })).toBe('retryable');
    expect(classifyError({ code: 'upload-rejected', retryable: true })).toBe('retryable');
    expect(classifyError({ code: 'upload-rejected', retryable: false })).toBe('final');
    expect(classifyError({ code: 'invalid-request', retryable: false })).toBe('final');
  });
});
