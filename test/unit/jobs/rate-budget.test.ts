import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIORITY, RateBudget } from '../../../src/core/jobs/rate-budget';

describe('rate budget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never lets more than burst + rate through in any minute, and spaces the rest evenly', async () => {
    const budget = new RateBudget({ perMinute: 6, burst: 2 });
    const granted: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 20; i += 1)
      void budget.acquire(PRIORITY.poll).then(() => granted.push(Date.now() - start));
    await vi.advanceTimersByTimeAsync(180_000);
    expect(granted.slice(0, 2)).toEqual([0, 0]);
    for (let i = 3; i < granted.length; i += 1)
      expect(granted[i]! - granted[i - 1]!).toBeGreaterThanOrEqual(10_000);
    for (const t of granted)
      expect(granted.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(8);
    budget.close();
  });

  it('serves results before submits before polls when slots are scarce', async () => {
    const budget = new RateBudget({ perMinute: 60, burst: 1 });
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
    const budget = new RateBudget({ perMinute: 100, burst: 5 });
    budget.pause(5_000);
    let granted = false;
    void budget.acquire(PRIORITY.result).then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(4_900);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(granted).toBe(true);
    budget.close();
  });

  it('waits for the service’s reset when an answer says nothing is left', async () => {
    const budget = new RateBudget({ perMinute: 600, burst: 5 });
    budget.observe({ limit: 100, remaining: 0, resetMs: 8_000 });
    let granted = false;
    void budget.acquire(PRIORITY.result).then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(7_900);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(granted).toBe(true);
    budget.close();
  });

  it('holds its requests while other computers on the key fill the team’s window', async () => {
    const budget = new RateBudget({ perMinute: 56, burst: 3 });
    // 95 of 100 used, none of them ours: above the team's cap of 90.
    budget.observe({ limit: 100, remaining: 5 });
    let granted = 0;
    for (let i = 0; i < 3; i += 1) void budget.acquire(PRIORITY.poll).then(() => (granted += 1));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(granted).toBe(0);
    // A later answer shows the others' requests have left the window.
    budget.observe({ limit: 100, remaining: 80 });
    await vi.advanceTimersByTimeAsync(100);
    expect(granted).toBe(3);
    budget.close();
  });

  it('paces the tracker by its part of a shared team, and by its own rate when alone', () => {
    const alone = new RateBudget({ perMinute: 56, burst: 3 });
    alone.observe({ limit: 100, remaining: 99 });
    expect(alone.sharePerMinute()).toBe(56);
    const shared = new RateBudget({ perMinute: 56, burst: 3 });
    shared.observe({ limit: 100, remaining: 30 });
    expect(shared.sharePerMinute()).toBe(20);
    alone.close();
    shared.close();
  });

  it('a canceled wait leaves the queue at once', async () => {
    const budget = new RateBudget({ perMinute: 1, burst: 0 });
    const controller = new AbortController();
    const waiting = budget.acquire(PRIORITY.poll, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'canceled' });
    expect(budget.pendingCount()).toBe(0);
    budget.close();
  });

  it('many waiters on one signal do not trip the listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const budget = new RateBudget({ perMinute: 1, burst: 0 });
    const controller = new AbortController();
    const waits = Array.from({ length: 30 }, () =>
      budget.acquire(PRIORITY.poll, controller.signal).catch(() => undefined),
    );
    controller.abort();
    await Promise.all(waits);
    await vi.advanceTimersByTimeAsync(10);
    process.off('warning', onWarning);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
    budget.close();
  });
});
