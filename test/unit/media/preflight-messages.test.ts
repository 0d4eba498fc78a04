import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/core/media/preflight-messages';

describe('preflight messages', () => {
  it('a cut-short recording with under a second of sound says "less than a second"', () => {
    const text = messages.cutShort(15, 0.3);
    expect(text).toMatch(/holds less than a second of sound/);
    expect(text).not.toMatch(/0 s/);
  });

  it('a longer remainder still gives its length', () => {
    expect(messages.cutShort(15, 1.2)).toMatch(/holds only about 1 s of sound/);
  });
});
