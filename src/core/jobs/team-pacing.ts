/**
 * The team's share of the rate limit, learned from the service's own headers.
 *
 * pyannoteAI counts requests per team (100 per sliding minute), and an office may run Diarist on
 * several computers with one key. Each computer's own bucket cannot see the others, but every
 * answer says how much of the team's window is left (`X-RateLimit-Remaining`, of
 * `X-RateLimit-Limit`). Subtracting what this computer itself sent in the last minute (known
 * exactly, locally) gives what the others are using; this computer then keeps its own requests in
 * the window below `limit − margin − others`. However the load is spread, the team as a whole stays
 * below `limit − margin`, and a computer alone on its key (others = 0) is never slowed.
 *
 * What the others use is only known at the moment of an answer. It is taken as it was for
 * `holdMs` (others keep sending while their old requests leave the window), then assumed to age
 * out linearly over one window, so a computer that has been quiet can send again and learn anew.
 * A reset time the service gives (`X-RateLimit-Reset`, or a 429's `Retry-After`) ends the
 * observation early; the first request after it goes alone, and its answer tells the rest.
 *
 * Pure: every method takes the time; nothing here sets timers.
 */

/** What one answer's rate-limit headers said (see `readRateLimit`). */
export interface TeamObservation {
  limit?: number;
  remaining?: number;
  /** Time until the service's window resets, when it said so. */
  resetMs?: number;
  /** How long a 429 asked us to wait (Retry-After, else the reset). */
  retryAfterMs?: number;
}

export interface TeamPacingOptions {
  /** The service's window: the docs describe a sliding minute. */
  windowMs: number;
  /** Used while the answers carry Remaining but no Limit. */
  defaultLimit: number;
  /** Share of the limit kept free for requests already on their way from other computers. */
  marginShare: number;
  /** How long what the others use is taken as observed before it is assumed to age out. */
  holdMs: number;
  /** What room is left in the window is spent no faster than over this long. */
  spreadMs: number;
}

export const DEFAULT_TEAM_PACING: TeamPacingOptions = {
  windowMs: 60_000,
  defaultLimit: 100,
  marginShare: 0.1,
  holdMs: 20_000,
  spreadMs: 10_000,
};

interface Seen {
  atMs: number;
  limit: number;
  /** Requests in the team's window that this computer did not send. */
  others: number;
  resetAtMs: number | undefined;
}

/** When the service said its count goes down: its reset, or for nothing left, its Retry-After. */
function resetAt(info: TeamObservation, nowMs: number): number | undefined {
  const ms = info.resetMs ?? (info.remaining === 0 ? info.retryAfterMs : undefined);
  return ms === undefined ? undefined : nowMs + ms;
}

export class TeamPacing {
  private readonly options: TeamPacingOptions;
  /** When this computer sent each request of the last window, oldest first. */
  private readonly own: number[] = [];
  private seen: Seen | undefined;
  /** Answers in a row that found the team at its cap: each doubles the hold (up to one window). */
  private fullInARow = 0;

  constructor(options: Partial<TeamPacingOptions> = {}) {
    this.options = { ...DEFAULT_TEAM_PACING, ...options };
  }

  /** One of our requests is about to go out. */
  recordOwn(nowMs: number): void {
    this.own.push(nowMs);
    this.forget(nowMs);
  }

  /** An answer arrived with these headers. Answers without Remaining (no limit) change nothing. */
  observe(info: TeamObservation, nowMs: number): void {
    if (info.remaining === undefined || !Number.isFinite(info.remaining)) return;
    this.forget(nowMs);
    const limit =
      info.limit !== undefined && info.limit > 0 ? info.limit : this.options.defaultLimit;
    const used = Math.max(0, limit - Math.max(0, info.remaining));
    this.seen = {
      atMs: nowMs,
      limit,
      others: Math.max(0, used - this.own.length),
      resetAtMs: resetAt(info, nowMs),
    };
    this.fullInARow = this.room(nowMs) < 1 ? Math.min(2, this.fullInARow + 1) : 0;
  }

  /** A team found full again and again is not emptying: wait longer before assuming it does. */
  private holdMs(): number {
    return Math.min(this.options.windowMs, this.options.holdMs * 2 ** this.fullInARow);
  }

  /**
   * When the team's view next changes by itself (the service's reset passes, or what the others
   * use starts to age out), so a waiting budget looks again then instead of sleeping on a rate it
   * worked out before; undefined when nothing is pending.
   */
  nextChangeAt(nowMs: number): number | undefined {
    const seen = this.seen;
    if (!seen) return undefined;
    const times = [seen.resetAtMs, seen.atMs + this.holdMs()].filter(
      (at): at is number => at !== undefined && at > nowMs,
    );
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** Requests the others are taken to hold in the window now. */
  othersNow(nowMs: number): number {
    const seen = this.seen;
    if (!seen) return 0;
    if (seen.resetAtMs !== undefined && nowMs >= seen.resetAtMs) return 0;
    const aged = nowMs - seen.atMs - this.holdMs();
    if (aged <= 0) return seen.others;
    return seen.others * Math.max(0, 1 - aged / this.options.windowMs);
  }

  /** The most requests the whole team should have in one window. */
  teamCap(): number {
    const limit = this.seen?.limit ?? this.options.defaultLimit;
    return limit - Math.max(1, Math.ceil(limit * this.options.marginShare));
  }

  /** Requests this computer may still start now; Infinity until the service said anything. */
  room(nowMs: number): number {
    if (!this.seen) return Infinity;
    this.forget(nowMs);
    return this.teamCap() - this.othersNow(nowMs) - this.own.length;
  }

  /**
   * The earliest time `room` may reach 1 again, when it is below 1 now: one of our own requests
   * leaves the window, the service's reset, or the others' requests age out far enough.
   */
  nextRoomAt(nowMs: number): number {
    const candidates: number[] = [];
    const oldest = this.own[0];
    if (oldest !== undefined) candidates.push(oldest + this.options.windowMs + 1);
    const seen = this.seen;
    if (seen?.resetAtMs !== undefined && seen.resetAtMs > nowMs) candidates.push(seen.resetAtMs);
    if (seen && seen.others > 0) {
      const allowedOthers = this.teamCap() - this.own.length - 1;
      if (allowedOthers >= 0) {
        const fraction = 1 - allowedOthers / seen.others;
        candidates.push(
          Math.ceil(seen.atMs + this.holdMs() + fraction * this.options.windowMs) + 1,
        );
      }
    }
    const at = candidates.length > 0 ? Math.min(...candidates) : nowMs + this.options.windowMs;
    return Math.max(nowMs + 1, at);
  }

  /** Requests per minute this computer can keep up, given what the others use (polls pace by it). */
  sharePerMinute(nowMs: number): number {
    if (!this.sharing(nowMs)) return Infinity;
    const perWindow = Math.max(1, this.teamCap() - this.othersNow(nowMs));
    return (perWindow * 60_000) / this.options.windowMs;
  }

  /**
   * How fast this computer may send now: its share, and the room left spread over `spreadMs`,
   * so that computers closing in on the limit together slow down before they reach it.
   */
  ratePerMinute(nowMs: number): number {
    if (!this.sharing(nowMs)) return Infinity;
    const spread = (Math.max(1, this.room(nowMs)) * 60_000) / this.options.spreadMs;
    return Math.min(this.sharePerMinute(nowMs), spread);
  }

  /**
   * The most requests this computer may send at once: near the team's cap, one at a time, so that
   * each answer's headers are seen before the next request goes (several computers may be closing
   * in together); otherwise no limit beyond the local burst.
   */
  burstLimit(nowMs: number): number {
    const seen = this.seen;
    if (!seen) return Infinity;
    // Past the reset the service named, only the next answer tells how much is really left.
    if (seen.resetAtMs !== undefined && nowMs >= seen.resetAtMs) return 1;
    return this.sharing(nowMs) && this.room(nowMs) < this.teamCap() / 4 ? 1 : Infinity;
  }

  /**
   * Whether other computers use the key now. Alone, our own count is exact and the window's cap
   * is all it takes; the softer limits (share, spread, one at a time) are for stale views of others.
   */
  private sharing(nowMs: number): boolean {
    return this.othersNow(nowMs) >= 1;
  }

  private forget(nowMs: number): void {
    const horizon = nowMs - this.options.windowMs;
    while ((this.own[0] ?? Infinity) <= horizon) this.own.shift();
  }
}
