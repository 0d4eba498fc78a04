import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIORITY, RateBudget } from '../../../src/core/jobs/rate-budget';
import { TeamPacing } from '../../../src/core/jobs/team-pacing';

const T0 = 1_000_000;

describe('team pacing from the service’s headers', () => {
  it('never slows a computer that is alone on its key', () => {
    const pacing = new TeamPacing();
    let now = T0;
    // 59 of our own requests in the window: the service has counted exactly those.
    for (let i = 0; i < 59; i += 1) pacing.recordOwn((now += 1_000));
    pacing.observe({ limit: 100, remaining: 41 }, now);
    expect(pacing.othersNow(now)).toBe(0);
    expect(pacing.room(now)).toBe(90 - 59);
    expect(pacing.sharePerMinute(now)).toBe(Infinity);
  });

  it('leaves the others’ requests and a margin out of what this computer may send', () => {
    const pacing = new TeamPacing();
    for (let i = 0; i < 10; i += 1) pacing.recordOwn(T0 + i);
    pacing.observe({ limit: 100, remaining: 20 }, T0 + 10);
    // Used 80, of which 10 ours: the others hold 70; the team keeps 10 free.
    expect(pacing.othersNow(T0 + 10)).toBe(70);
    expect(pacing.room(T0 + 10)).toBe(100 - 10 - 70 - 10);
    pacing.observe({ limit: 100, remaining: 5 }, T0 + 20);
    expect(pacing.room(T0 + 20)).toBeLessThan(1);
  });

  it('reads the limit from the answers, and assumes the documented 100 without it', () => {
    const pacing = new TeamPacing();
    pacing.observe({ remaining: 50 }, T0);
    expect(pacing.teamCap()).toBe(90);
    pacing.observe({ limit: 500, remaining: 400 }, T0);
    expect(pacing.teamCap()).toBe(450);
    expect(pacing.room(T0)).toBe(450 - 100);
  });

  it('knows nothing until an answer with Remaining arrives', () => {
    const pacing = new TeamPacing();
    pacing.observe({}, T0);
    expect(pacing.room(T0)).toBe(Infinity);
    expect(pacing.sharePerMinute(T0)).toBe(Infinity);
  });

  it('holds what the others use for a while, then lets it age out over one window', () => {
    const pacing = new TeamPacing({ holdMs: 5_000, windowMs: 60_000 });
    pacing.observe({ limit: 100, remaining: 40 }, T0);
    expect(pacing.othersNow(T0 + 5_000)).toBe(60);
    expect(pacing.othersNow(T0 + 35_000)).toBe(30);
    expect(pacing.othersNow(T0 + 65_000)).toBe(0);
  });

  it('waits longer before assuming a team found full again and again is emptying', () => {
    const pacing = new TeamPacing({ holdMs: 5_000, windowMs: 60_000 });
    pacing.observe({ limit: 100, remaining: 10 }, T0);
    // Found at its cap once: held for twice as long.
    expect(pacing.othersNow(T0 + 10_000)).toBe(90);
    expect(pacing.othersNow(T0 + 40_000)).toBe(45);
    pacing.observe({ limit: 100, remaining: 10 }, T0);
    expect(pacing.othersNow(T0 + 20_000)).toBe(90);
    // Room for one request opens when the others' count is down to the cap less one.
    const at = pacing.nextRoomAt(T0);
    expect(at).toBeGreaterThan(T0 + 20_000);
    expect(pacing.room(at - 2)).toBeLessThan(1);
    expect(pacing.room(at)).toBeGreaterThanOrEqual(1);
  });

  it('opens room again when one of our own requests leaves the window', () => {
    const pacing = new TeamPacing({ holdMs: 60_000 });
    for (let i = 0; i < 30; i += 1) pacing.recordOwn(T0 + i * 100);
    pacing.observe({ limit: 100, remaining: 10 }, T0 + 3_000);
    expect(pacing.room(T0 + 3_000)).toBeLessThan(1);
    expect(pacing.nextRoomAt(T0 + 3_000)).toBe(T0 + 60_001);
    expect(pacing.room(T0 + 60_001)).toBe(1);
  });

  it('a reset time from the service ends the observation', () => {
    const pacing = new TeamPacing({ holdMs: 60_000 });
    pacing.observe({ limit: 100, remaining: 0, resetMs: 12_000 }, T0);
    expect(pacing.room(T0 + 11_999)).toBeLessThan(1);
    expect(pacing.nextRoomAt(T0)).toBe(T0 + 12_000);
    expect(pacing.room(T0 + 12_000)).toBe(90);
    // The first request after the reset goes alone; its answer tells what is really left.
    expect(pacing.burstLimit(T0 + 12_000)).toBe(1);
    pacing.observe({ limit: 100, remaining: 60 }, T0 + 12_100);
    expect(pacing.burstLimit(T0 + 12_100)).toBe(Infinity);
  });

  it('a 429’s Retry-After is the reset when nothing is left', () => {
    const pacing = new TeamPacing({ holdMs: 60_000 });
    pacing.observe({ remaining: 0, retryAfterMs: 1_000 }, T0);
    expect(pacing.room(T0 + 999)).toBeLessThan(1);
    expect(pacing.room(T0 + 1_000)).toBe(90);
  });
});

/**
 * A fake pyannoteAI team: a sliding window of `limit` per minute shared by every budget, answering
 * each request `latencyMs` after it is sent, with the documented headers (Reset only on a 429).
 */
function runTeam(options: {
  computers: number;
  minutes: number;
  paced: boolean;
  limit?: number;
  latencyMs?: number;
  perMinute?: number;
}): Promise<{ arrivals: number[]; rejected: number; granted: number[] }> {
  const limit = options.limit ?? 100;
  const latencyMs = options.latencyMs ?? 30;
  const accepted: number[] = [];
  const arrivals: number[] = [];
  let rejected = 0;
  const granted = Array.from({ length: options.computers }, () => 0);
  const start = Date.now();
  const end = start + options.minutes * 60_000;
  const budgets = Array.from(
    { length: options.computers },
    () =>
      new RateBudget({
        perMinute: options.perMinute ?? 56,
        burst: 3,
        ...(options.paced ? {} : { team: false }),
      }),
  );
  const serve = (budget: RateBudget): void => {
    const now = Date.now();
    arrivals.push(now);
    while (accepted.length > 0 && accepted[0]! <= now - 60_000) accepted.shift();
    if (accepted.length < limit) {
      accepted.push(now);
      const remaining = limit - accepted.length;
      setTimeout(() => budget.observe({ limit, remaining }), latencyMs / 2);
    } else {
      rejected += 1;
      const resetMs = accepted[0]! + 60_000 - now;
      setTimeout(() => {
        budget.observe({ limit, remaining: 0, resetMs });
        budget.pause(resetMs);
      }, latencyMs / 2);
    }
  };
  const loop = async (index: number): Promise<void> => {
    const budget = budgets[index]!;
    // Always busy: a poll waiting, as a computer with many jobs in flight.
    while (Date.now() < end) {
      await budget.acquire(PRIORITY.poll);
      granted[index]! += 1;
      await new Promise((resolve) => setTimeout(resolve, latencyMs / 2));
      serve(budget);
      await new Promise((resolve) => setTimeout(resolve, latencyMs / 2));
    }
  };
  // Several requests in flight per computer, as the engine has (results, polls, submits).
  const loops = budgets.flatMap((_, index) => [loop(index), loop(index), loop(index)]);
  return (async () => {
    await vi.advanceTimersByTimeAsync(end - start + 1_000);
    for (const budget of budgets) budget.close();
    await Promise.allSettled(loops);
    return { arrivals: arrivals.filter((t) => t < end), rejected, granted };
  })();
}

function worstWindow(times: number[]): number {
  let worst = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while (times[first]! <= times[last]! - 60_000) first += 1;
    worst = Math.max(worst, last - first + 1);
  }
  return worst;
}

describe('several computers on one team key', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('five busy computers stay within the team’s 100 per minute with hardly any 429', async () => {
    const { arrivals, rejected, granted } = await runTeam({
      computers: 5,
      minutes: 4,
      paced: true,
    });
    expect(worstWindow(arrivals)).toBeLessThanOrEqual(100);
    expect(rejected).toBeLessThanOrEqual(5);
    // Still using the team's budget, not starving: at least 80 per minute overall.
    expect(arrivals.length).toBeGreaterThanOrEqual(4 * 80);
    // And every computer gets a fair part of it.
    for (const count of granted) expect(count).toBeGreaterThanOrEqual(30);
  });

  it('the local bucket alone cannot see the others: the team runs into the limit', async () => {
    const { arrivals, rejected } = await runTeam({ computers: 5, minutes: 2, paced: false });
    expect(rejected + worstWindow(arrivals)).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(5);
  });

  it('a computer alone on its key keeps its full local rate', async () => {
    const { arrivals, rejected } = await runTeam({ computers: 1, minutes: 3, paced: true });
    expect(rejected).toBe(0);
    // 56 per minute plus the burst of 3, as without header pacing.
    expect(arrivals.length).toBeGreaterThanOrEqual(3 * 56);
    expect(worstWindow(arrivals)).toBeLessThanOrEqual(59);
  });

  it('two computers with a larger limit (Enterprise) each keep their local rate', async () => {
    const { arrivals, rejected } = await runTeam({
      computers: 2,
      minutes: 3,
      paced: true,
      limit: 500,
    });
    expect(rejected).toBe(0);
    expect(arrivals.length).toBeGreaterThanOrEqual(2 * 3 * 56);
  });
});
