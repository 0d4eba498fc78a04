/**
 * The one way events reach the page. Until the page says it listens (`app:ready`, sent once it
 * has subscribed), events wait in one bounded buffer; then they are delivered once, in order,
 * and later events go straight through. A reload starts the wait again. Electron's main process
 * and the browser preview both deliver through this, so the page sees the same in each.
 */

import type { PushEvent } from '../../shared/ipc-contract';
import type { Handlers } from './invoke';

/** How many events wait for the page at most. */
export const PAGE_BUFFER_SIZE = 200;

/**
 * State the page reads for itself (`jobs:list`, `jobs:status`) once told events were dropped:
 * let go first when the buffer is full, so notices, menu commands and opened files are kept.
 */
const readableAgain = (event: PushEvent) =>
  event.type === 'job' || event.type === 'removed' || event.type === 'status';

/**
 * Events waiting for the page, oldest first. A job's updates are one entry (its newest revision,
 * where the last update came); a status is only ever the newest one; everything else is kept as
 * it came. Beyond `capacity` the oldest entry the page can read again goes (else the oldest),
 * and is counted.
 */
export class PageEventBuffer {
  private events: PushEvent[] = [];
  private dropped = 0;

  constructor(private readonly capacity = PAGE_BUFFER_SIZE) {}

  get size(): number {
    return this.events.length;
  }

  add(event: PushEvent): void {
    if (event.type === 'job') {
      const index = this.events.findIndex((e) => e.type === 'job' && e.job.id === event.job.id);
      const held = this.events[index];
      if (held?.type === 'job') {
        // An older copy never replaces a newer one (the page's store makes the same rule).
        if (held.job.revision > event.job.revision) return;
        this.events.splice(index, 1);
      }
    } else if (event.type === 'removed') {
      this.events = this.events.filter((e) => !(e.type === 'job' && e.job.id === event.id));
    } else if (event.type === 'status') {
      this.events = this.events.filter((e) => e.type !== 'status');
    }
    this.events.push(event);
    if (this.events.length > this.capacity) {
      const index = this.events.findIndex(readableAgain);
      this.events.splice(Math.max(index, 0), 1);
      this.dropped++;
    }
  }

  /** Everything held, oldest first, and how many were let go; the buffer is then empty. */
  take(): { events: PushEvent[]; dropped: number } {
    const taken = { events: this.events, dropped: this.dropped };
    this.events = [];
    this.dropped = 0;
    return taken;
  }
}

/**
 * Delivers events to a page once it is ready. `deliver` answers false when there is no page to
 * take the event (no window, or it is gone); the event then waits, as before ready.
 */
export class PagePushes {
  private readonly buffer: PageEventBuffer;
  private ready = false;

  constructor(
    private readonly deliver: (event: PushEvent) => boolean,
    capacity = PAGE_BUFFER_SIZE,
  ) {
    this.buffer = new PageEventBuffer(capacity);
  }

  isReady(): boolean {
    return this.ready;
  }

  push(event: PushEvent): void {
    if (this.ready && this.deliver(event)) return;
    this.ready = false;
    this.buffer.add(event);
  }

  /**
   * The page has subscribed (its `app:ready`): what waited goes to it, a count of anything let
   * go first (so it reads the job list and status again), then everything else live.
   */
  pageReady(): void {
    const { events, dropped } = this.buffer.take();
    this.ready = true;
    const waiting: PushEvent[] = dropped > 0 ? [{ type: 'dropped', count: dropped }] : [];
    waiting.push(...events);
    for (const [index, event] of waiting.entries()) {
      if (!this.deliver(event)) {
        // The page went away mid-way: the rest waits for the next one.
        this.ready = false;
        for (const rest of waiting.slice(index)) this.buffer.add(rest);
        return;
      }
    }
  }

  /** The page is (re)loading or gone: events wait until it is ready again. */
  pageGone(): void {
    this.ready = false;
  }
}

/** The handlers, with `app:ready` telling the page's pushes that it now listens. */
export function withPageReady(handlers: Handlers, pushes: Pick<PagePushes, 'pageReady'>): Handlers {
  return {
    ...handlers,
    'app:ready': async () => {
      pushes.pageReady();
      return null;
    },
  };
}
