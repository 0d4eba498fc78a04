import { describe, expect, it } from 'vitest';
import { backoffDelayMs, sleep } from '../../../src/core/retry/backoff';

describe('backoff', () => {
  const policy = { baseMs: 100, maxMs: 1000 };

  it('doubles the ceiling each attempt, with jitter in the upper half', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(200);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(400);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelayMs(20, policy, () => 1)).toBe(1000);
  });

  it('sleep stops at once on cancel', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = sleep(10_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'canceled' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
