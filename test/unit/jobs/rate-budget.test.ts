import { getEventListeners } from 'node:events';
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
    // Throughput: every request is granted, one slot every 10 s after the burst of 2.
    expect(granted).toHaveLength(20);
    expect(budget.pendingCount()).toBe(0);
    expect(granted.at(-1)).toBeLessThanOrEqual(180_000);
    expect(granted.slice(0, 2)).toEqual([0, 0]);
    for (let i = 3; i < granted.length; i += 1)
      expect(granted[i]! - granted[i - 1]!).toBeGreaterThanOrEqual(10_000);
    for (const t of granted)
      expect(granted.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(8);
    budget.close();
  });

  it('refills after a quiet time: a burst is available again, never more than the burst', async () => {
    const budget = new RateBudget({ perMinute: 60, burst: 3 });
    const grantedAt = async (count: number): Promise<number[]> => {
      const start = Date.now();
      const times: number[] = [];
      for (let i = 0; i < count; i += 1)
        void budget.acquire(PRIORITY.poll).then(() => times.push(Date.now() - start));
      await vi.advanceTimersByTimeAsync(10_000);
      return times;
    };
    expect(await grantedAt(5)).toEqual([0, 0, 0, 1_000, 2_000]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await grantedAt(5)).toEqual([0, 0, 0, 1_000, 2_000]);
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

  it('serves the waiting requests soon after a 429 storm ends, not a minute later', async () => {
    // Found by the lifecycle property test: after three 429s ("0 left, retry after 1 s") the
    // budget slept on the one-a-minute rate it had worked out while the team looked full, and
    // two uploads waited for their links for a whole minute.
    const budget = new RateBudget({ perMinute: 6_000, burst: 3 });
    let granted = 0;
    for (let i = 0; i < 5; i += 1) void budget.acquire(PRIORITY.upload).then(() => (granted += 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(3);
    budget.observe({ remaining: 0, retryAfterMs: 1_000 });
    budget.pause(1_000);
    await vi.advanceTimersByTimeAsync(900);
    expect(granted).toBe(3);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(granted).toBe(5);
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
    // A later answer shows the others' requests have left the window: one goes at once, the
    // rest at this computer's own pace (56 a minute: about one a second).
    budget.observe({ limit: 100, remaining: 80 });
    await vi.advanceTimersByTimeAsync(100);
    expect(granted).toBe(1);
    await vi.advanceTimersByTimeAsync(2_500);
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

  it('within one priority, first come first served', async () => {
    const budget = new RateBudget({ perMinute: 60, burst: 1 });
    await budget.acquire(PRIORITY.poll);
    const order: string[] = [];
    for (const name of ['poll 1', 'result 1', 'poll 2', 'result 2', 'poll 3'])
      void budget
        .acquire(name.startsWith('poll') ? PRIORITY.poll : PRIORITY.result)
        .then(() => order.push(name));
    await vi.advanceTimersByTimeAsync(5_100);
    expect(order).toEqual(['result 1', 'result 2', 'poll 1', 'poll 2', 'poll 3']);
    budget.close();
  });

  it('grants the moment a pause ends, and the moment a partly earned slot is complete', async () => {
    const budget = new RateBudget({ perMinute: 60, burst: 1 });
    const start = Date.now();
    budget.pause(5_000);
    let at = -1;
    void budget.acquire(PRIORITY.result).then(() => (at = Date.now() - start));
    await vi.advanceTimersByTimeAsync(6_000);
    expect(at).toBe(5_000);
    // Half a slot earned 500 ms after a grant: the next one is due 500 ms later, not 1.5 s.
    await vi.advanceTimersByTimeAsync(500);
    await budget.acquire(PRIORITY.poll);
    const from = Date.now();
    await vi.advanceTimersByTimeAsync(500);
    let next = -1;
    void budget.acquire(PRIORITY.poll).then(() => (next = Date.now() - from));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(next).toBe(1_000);
    budget.close();
  });

  it('an aborted signal is refused at once and costs no slot', async () => {
    const budget = new RateBudget({ perMinute: 1, burst: 1 });
    const controller = new AbortController();
    controller.abort();
    await expect(budget.acquire(PRIORITY.result, controller.signal)).rejects.toMatchObject({
      code: 'canceled',
    });
    let granted = false;
    void budget.acquire(PRIORITY.poll).then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(true);
    budget.close();
  });

  it('leaves no listener on a shared signal and no timer once everyone is served', async () => {
    const budget = new RateBudget({ perMinute: 600, burst: 2 });
    const controller = new AbortController();
    const waits = Array.from({ length: 5 }, () => budget.acquire(PRIORITY.poll, controller.signal));
    expect(getEventListeners(controller.signal, 'abort').length).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(waits);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    budget.close();
  });

  it('closing rejects everyone still waiting and forgets them', async () => {
    const budget = new RateBudget({ perMinute: 1, burst: 0 });
    const controller = new AbortController();
    const waits = [
      budget.acquire(PRIORITY.poll, controller.signal),
      budget.acquire(PRIORITY.result),
    ].map((wait) =>
      wait.then(
        () => 'granted',
        (error: { code?: string }) => error.code,
      ),
    );
    budget.close();
    expect(await Promise.all(waits)).toEqual(['canceled', 'canceled']);
    expect(budget.pendingCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
