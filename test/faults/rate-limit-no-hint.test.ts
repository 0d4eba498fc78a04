/**
 * Fault catalogue, a 429 with no hint at all (no Retry-After, no X-RateLimit headers). The engine
 * then waits a full window (60 s, the documented sliding minute) before any further API request.
 * This takes a real minute, so it has a file of its own and runs alongside the others.
 */

import { describe, expect } from 'vitest';
import { scenario } from './support/record';
import { createWorld, measureEngine, waitForFinal } from './support/world';

const FILE = 'rate-limit-no-hint';

describe('429 without any hint', () => {
  scenario(
    FILE,
    '429 without Retry-After or X-RateLimit headers (waits the 60 s window)',
    async (record) => {
      const world = await createWorld(record);
      const rule = world.sim.addFault({
        kind: 'status',
        status: 429,
        path: /^\/v[12]\//,
        times: 1,
        headers: {},
      });
      const engine = await world.open();
      const jobs = await engine.add(await world.recordings(2));
      const ids = jobs.map((job) => job.id);
      const done = await waitForFinal(engine, ids, 100_000);
      record.injected = world.sim.faultHits(rule);
      const m = await measureEngine(record, world, ids);
      expect(done.every((job) => job.state === 'succeeded')).toBe(true);
      expect(record.injected).toBe(1);
      const api = world.sim.requestLog().filter((entry) => /^(GET|POST) \/v/.test(entry.route));
      const limited = api.find((entry) => entry.status === 429)!;
      const next = api.find((entry) => entry.at > limited.at + 100);
      const waitedSeconds = Math.round(((next?.at ?? 0) - limited.at) / 100) / 10;
      expect(waitedSeconds).toBeGreaterThanOrEqual(59.5);
      expect(waitedSeconds).toBeLessThan(65);
      record.outcome = `no further API request for ${waitedSeconds} s, then ${m.succeeded}/2 succeeded; ${m.serviceJobs} service jobs`;
    },
    120_000,
  );
});
