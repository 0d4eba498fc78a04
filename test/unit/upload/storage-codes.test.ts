import { describe, expect, it } from 'vitest';
import { isStorageError, PUT_ENDPOINT } from '../../../src/core/upload/uploader';

describe('storage errors', () => {
  it('are told apart from the API’s by their detail', () => {
    expect(isStorageError({ detail: `${PUT_ENDPOINT} answered HTTP 400` })).toBe(true);
    expect(isStorageError({ detail: 'POST /v1/media/input failed: ECONNRESET' })).toBe(false);
    expect(isStorageError({})).toBe(false);
  });
});
