/**
 * Never billed twice by accident: the same recording (by content, not by path) with the same
 * options makes one service job, through the real engine and the simulator.
 */

import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import type { JobEngine } from '../../src/core/jobs/engine';
import { mediaUrlForContent } from '../../src/core/upload/media-key';
import {
  FAST_SIM,
  FIXTURES,
  nextEvent,
  openEngine,
  startSimulator,
  tempDir,
  waitForFinal,
  type Simulator,
} from '../support/engine-harness';

/** Service jobs per recording content (the request's media:// key). */
function jobsPerUrl(sim: Simulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const job of sim.jobs()) {
    const url = String((job.request as { url?: unknown }).url);
    counts.set(url, (counts.get(url) ?? 0) + 1);
  }
  return counts;
}

describe('the same recording is one job', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let engine: JobEngine | undefined;
  let copies: (names: string[], fixture?: string) => Promise<string[]>;
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-dupes-');
    copies = async (names, fixture = 'conversation.wav') => {
      const paths = names.map((name) => join(work.path, name));
      for (const path of paths) await copyFile(join(FIXTURES, fixture), path);
      return paths;
    };
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await sim.close();
    await work.remove();
  });

  it('sends two files with the same content once; the copy points at the original', async () => {
    const [a, b, other] = await copies(['a.wav', 'b.wav']).then(async (p) => [
      ...p,
      ...(await copies(['other.mp3'], 'conversation-cbr.mp3')),
    ]);
    engine = await openEngine(sim, join(work.path, 'data'));
    const jobs = await engine.add([a!, b!, other!]);
    const [ja, jb, jo] = await waitForFinal(
      engine,
      jobs.map((j) => j.id),
    );
    const counts = jobsPerUrl(sim);
    expect(counts.size).toBe(2);
    expect([...counts.values()]).toEqual([1, 1]);
    expect(counts.get(mediaUrlForContent(ja!.sha256!))).toBe(1);
    // One of the two copies ran; the other is final, not sent, and names it.
    const [original, copy] = ja!.duplicateOf ? [jb!, ja!] : [ja!, jb!];
    expect(original.state).toBe('succeeded');
    expect(original.duplicateOf).toBeUndefined();
    expect(copy.state).toBe('canceled');
    expect(copy.duplicateOf).toBe(original.id);
    expect(copy.serviceJobId).toBeUndefined();
    expect(copy.note).toContain(`Same recording as “${original.source.name}”`);
    expect(jo!.state).toBe('succeeded');
    expect(jo!.duplicateOf).toBeUndefined();
  });

  it('sends the same content twice when the options differ', async () => {
    const [a, b] = await copies(['a.wav', 'b.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const first = await engine.add([a!], DEFAULT_DIARIZE_OPTIONS);
    const second = await engine.add([b!], { ...DEFAULT_DIARIZE_OPTIONS, exclusive: true });
    const done = await waitForFinal(engine, [first[0]!.id, second[0]!.id]);
    expect(done.map((j) => j.state)).toEqual(['succeeded', 'succeeded']);
    expect(done.every((j) => j.duplicateOf === undefined)).toBe(true);
    expect([...jobsPerUrl(sim).values()]).toEqual([2]);
  });

  it('treats options that differ only in key order as the same', async () => {
    const [a, b] = await copies(['a.wav', 'b.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const reordered = Object.fromEntries(
      Object.entries(DEFAULT_DIARIZE_OPTIONS).reverse(),
    ) as typeof DEFAULT_DIARIZE_OPTIONS;
    const jobs = [...(await engine.add([a!])), ...(await engine.add([b!], reordered))];
    const done = await waitForFinal(
      engine,
      jobs.map((j) => j.id),
    );
    expect(done.map((j) => j.state).sort()).toEqual(['canceled', 'succeeded']);
    expect(sim.jobs()).toHaveLength(1);
  });

  it('reuses a saved result for the same recording added again, unless it is a rerun', async () => {
    const [a, copyOfA] = await copies(['a.wav', 'copy of a.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const [done] = await waitForFinal(engine, [(await engine.add([a!]))[0]!.id]);
    expect(done!.state).toBe('succeeded');
    expect(sim.jobs()).toHaveLength(1);

    // The same path again, and a copy elsewhere: neither is sent, both point at the result.
    const again = await engine.add([a!, copyOfA!]);
    const reused = await waitForFinal(
      engine,
      again.map((j) => j.id),
    );
    for (const job of reused) {
      expect(job.state).toBe('canceled');
      expect(job.duplicateOf).toBe(done!.id);
      expect(job.note).toContain('already done with these options');
    }
    expect(sim.jobs()).toHaveLength(1);

    // Retrying such a copy does not send it either (checked again before the submit).
    await engine.retry(reused[0]!.id);
    const [retried] = await waitForFinal(engine, [reused[0]!.id]);
    expect(retried!.state).toBe('canceled');
    expect(retried!.duplicateOf).toBe(done!.id);
    expect(sim.jobs()).toHaveLength(1);

    // Asked for on purpose: a new, separate job.
    const rerun = await engine.add([a!], DEFAULT_DIARIZE_OPTIONS, { rerun: true });
    const [ran] = await waitForFinal(engine, [rerun[0]!.id]);
    expect(ran!.state).toBe('succeeded');
    expect(ran!.rerun).toBe(true);
    expect(ran!.duplicateOf).toBeUndefined();
    expect(sim.jobs()).toHaveLength(2);
  });

  it('lets a copy run when its original was canceled', async () => {
    const [a, b] = await copies(['a.wav', 'b.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const [first] = await engine.add([a!]);
    // Canceled once its content is known, so it would match the copy.
    await nextEvent(engine, 'job', (e) => e.job.id === first!.id && e.job.sha256 !== undefined);
    await engine.cancel(first!.id);
    const [canceled] = await waitForFinal(engine, [first!.id]);
    expect(canceled!.state).toBe('canceled');
    expect(canceled!.sha256).toBeDefined();
    const [second] = await engine.add([b!]);
    const [done] = await waitForFinal(engine, [second!.id]);
    expect(done!.state).toBe('succeeded');
    expect(done!.duplicateOf).toBeUndefined();
    expect(sim.jobs().map((j) => j.id)).toContain(done!.serviceJobId);
  });

  it('ends a merged copy with its original: its batch finishes when the original does, counted as the original', async () => {
    await sim.close();
    sim = await startSimulator({ ...FAST_SIM, failJob: () => 'The audio could not be processed.' });
    const [a, b] = await copies(['a.wav', 'b.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const [first] = await engine.add([a!]);
    await nextEvent(
      engine,
      'job',
      (e) => e.job.id === first!.id && e.job.serviceJobId !== undefined,
    );
    const [second] = await engine.add([b!]);
    const finished = nextEvent(engine, 'batch-finished', (e) => e.batchId === second!.batchId);
    const [copy] = await waitForFinal(engine, [second!.id]);
    expect(copy!.duplicateOf).toBe(first!.id);
    const event = await finished;
    // Not before the original is final, and not as "canceled".
    expect(engine.get(first!.id)!.state).toBe('failed');
    expect(event).toMatchObject({ succeeded: 0, failed: 1, canceled: 0 });
  });

  it('makes one service job when many copies are hashed at the same time', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `copy ${i}.wav`);
    const paths = await copies(names);
    engine = await openEngine(sim, join(work.path, 'data'), { uploadConcurrency: 6 });
    const seenHashing = new Set<string>();
    engine.subscribe((event) => {
      if (event.type === 'job' && event.job.progress?.phase === 'hashing')
        seenHashing.add(event.job.id);
    });
    // Two batches added at once, racing each other as well as within themselves.
    const added = (
      await Promise.all([engine.add(paths.slice(0, 3)), engine.add(paths.slice(3))])
    ).flat();
    const done = await waitForFinal(
      engine,
      added.map((j) => j.id),
    );
    expect(seenHashing.size).toBeGreaterThan(1); // they really hashed side by side
    expect(sim.jobs()).toHaveLength(1);
    // Decided as soon as each hash was known: the copies were not even uploaded.
    expect(sim.countRequests({ method: 'PUT' })).toBe(1);
    const originals = done.filter((j) => !j.duplicateOf);
    expect(originals).toHaveLength(1);
    expect(originals[0]!.state).toBe('succeeded');
    for (const copy of done.filter((j) => j.duplicateOf)) {
      expect(copy.state).toBe('canceled');
      expect(copy.duplicateOf).toBe(originals[0]!.id);
    }
  });
});
