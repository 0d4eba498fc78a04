/** The one buffer events wait in for the page, and the ready handshake that empties it. */

import { describe, expect, it } from 'vitest';
import type { JobView, PushEvent } from '../../../src/shared/ipc-contract';
import { PAGE_BUFFER_SIZE, PageEventBuffer, PagePushes } from '../../../src/core/app/page-events';

const job = (id: string, revision: number): PushEvent => ({
  type: 'job',
  job: { id, revision, state: 'waiting' } as JobView,
});
const notice = (message: string): PushEvent => ({ type: 'notice', message });
const status = (offline: boolean): PushEvent => ({ type: 'status', status: { offline } });

describe('the page’s event buffer', () => {
  it('keeps notices and commands in the order they came', () => {
    const buffer = new PageEventBuffer();
    const events: PushEvent[] = [
      notice('a'),
      { type: 'menu', command: 'settings' },
      notice('b'),
      { type: 'files-opened', files: [{ id: 'f', name: 'a.wav', sizeBytes: 1 }] },
      notice('a'),
    ];
    for (const event of events) buffer.add(event);
    expect(buffer.take()).toEqual({ events, dropped: 0 });
    expect(buffer.take()).toEqual({ events: [], dropped: 0 });
  });

  it('keeps one entry per job, its newest revision, where its last update came', () => {
    const buffer = new PageEventBuffer();
    buffer.add(job('x', 1));
    buffer.add(notice('n'));
    buffer.add(job('y', 1));
    buffer.add(job('x', 3));
    buffer.add(job('x', 2)); // late and older: never replaces the newer copy
    expect(buffer.take().events).toEqual([notice('n'), job('y', 1), job('x', 3)]);
  });

  it('forgets the updates of a job removed meanwhile, and keeps only the newest status', () => {
    const buffer = new PageEventBuffer();
    buffer.add(status(true));
    buffer.add(job('x', 1));
    buffer.add({ type: 'removed', id: 'x' });
    buffer.add(status(false));
    expect(buffer.take().events).toEqual([{ type: 'removed', id: 'x' }, status(false)]);
  });

  it('is bounded: beyond its size the oldest go, counted, the page-readable ones first', () => {
    const buffer = new PageEventBuffer(4);
    buffer.add(notice('settings set aside'));
    for (let i = 0; i < 6; i++) buffer.add(job(`j${i}`, 1));
    expect(buffer.size).toBe(4);
    expect(buffer.take()).toEqual({
      events: [notice('settings set aside'), job('j3', 1), job('j4', 1), job('j5', 1)],
      dropped: 3,
    });
    for (let i = 0; i < 6; i++) buffer.add(notice(`n${i}`));
    expect(buffer.take()).toEqual({
      events: [notice('n2'), notice('n3'), notice('n4'), notice('n5')],
      dropped: 2,
    });
  });

  it(`holds ${PAGE_BUFFER_SIZE} events by default`, () => {
    const buffer = new PageEventBuffer();
    for (let i = 0; i < PAGE_BUFFER_SIZE + 50; i++) buffer.add(job(`j${i}`, 1));
    expect(buffer.size).toBe(PAGE_BUFFER_SIZE);
    expect(buffer.take().dropped).toBe(50);
  });

  it('holds thousands of updates of a few jobs as one entry each', () => {
    const buffer = new PageEventBuffer();
    for (let revision = 1; revision <= 5_000; revision++)
      buffer.add(job(`j${revision % 3}`, revision));
    expect(buffer.take()).toEqual({
      events: [job('j0', 4_998), job('j1', 4_999), job('j2', 5_000)],
      dropped: 0,
    });
  });
});

describe('pushes to the page', () => {
  function page(capacity?: number) {
    const delivered: PushEvent[] = [];
    let there = true;
    const pushes = new PagePushes((event) => {
      if (!there) return false;
      delivered.push(event);
      return true;
    }, capacity);
    return { pushes, delivered, leave: () => (there = false), come: () => (there = true) };
  }

  it('deliver nothing before ready, everything once at ready, in order, then live', () => {
    const { pushes, delivered } = page();
    pushes.push(notice('1'));
    pushes.push(job('x', 1));
    pushes.push(notice('2'));
    expect(delivered).toEqual([]);
    pushes.pageReady();
    expect(delivered).toEqual([notice('1'), job('x', 1), notice('2')]);
    pushes.pageReady();
    pushes.push(notice('3'));
    expect(delivered).toEqual([notice('1'), job('x', 1), notice('2'), notice('3')]);
  });

  it('say first how many could not wait, so the page reads its list again', () => {
    const { pushes, delivered } = page(2);
    pushes.push(job('a', 1));
    pushes.push(job('b', 1));
    pushes.push(notice('kept'));
    pushes.pageReady();
    expect(delivered).toEqual([{ type: 'dropped', count: 1 }, job('b', 1), notice('kept')]);
  });

  it('wait again while the page reloads, and deliver what waited to the new page', () => {
    const { pushes, delivered } = page();
    pushes.pageReady();
    pushes.push(notice('before'));
    pushes.pageGone();
    pushes.push(notice('during'));
    expect(delivered).toEqual([notice('before')]);
    pushes.pageReady();
    expect(delivered).toEqual([notice('before'), notice('during')]);
  });

  it('keep what the page could not take when it went away unannounced', () => {
    const { pushes, delivered, leave, come } = page();
    pushes.pageReady();
    leave();
    pushes.push(notice('lost window'));
    come();
    pushes.push(notice('not yet'));
    expect(delivered).toEqual([]);
    pushes.pageReady();
    expect(delivered).toEqual([notice('lost window'), notice('not yet')]);
  });
});
