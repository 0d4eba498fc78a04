import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIORITY, RateBudget } from '../../../src/main/jobs/rate-budget';

describe('rate budget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets at most `limit` requests through in any window', async () => {
    const budget = new RateBudget({ limit: 3, windowMs: 60_000 });
    const granted: number[] = [];
    for (let i = 0; i < 5; i += 1)
      void budget.acquire(PRIORITY.poll).then(() => granted.push(Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(granted).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(granted).toHaveLength(5);
    budget.close();
  });

  it('serves results before submits before polls when slots are scarce', async () => {
    const budget = new RateBudget({ limit: 1, windowMs: 1_000 });
    await budget.acquire(PRIORITY.poll);
    const order: string[] = [];
    void budget.acquire(PRIORITY.poll).then(() => order.push('poll'));
    void budget.acquire(PRIORITY.submit).then(() => order.push('submit'));
    void budget.acquire(PRIORITY.result).then(() => order.push('result'));
    await vi.advanceTimersByTimeAsync(3_100);
    expect(order).toEqual(['result', 'submit', 'poll']);
    budget.close();
  });

  it('holds all traffic while the service asked us to wait', async () => {
    const budget = new RateBudget({ limit: 100, windowMs: 60_000 });
    budget.pause(5_000);
    let granted = false;
    void budget.acquire(PRIORITY.result).then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(4_900);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(granted).toBe(true);
    budget.close();
  });

  it('a canceled wait leaves the queue at once', async () => {
    const budget = new RateBudget({ limit: 0, windowMs: 60_000 });
    const controller = new AbortController();
    const waiting = budget.acquire(PRIORITY.poll, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'canceled' });
    expect(budget.pendingCount()).toBe(0);
    budget.close();
  });
});
