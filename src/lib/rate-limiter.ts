import { setTimeout as sleep } from 'node:timers/promises';
import Bottleneck from 'bottleneck';

export interface RateWindow {
  /** At most `limit` requests start within any `ms` milliseconds. */
  limit: number;
  ms: number;
}

/** What a server said of its limit in one answer (X-RateLimit-Limit, X-RateLimit-Remaining). */
export interface RateHeaders {
  limit: number | null;
  remaining: number | null;
}

export interface LimiterOptions {
  /** Requests in flight at once (default 1). */
  maxConcurrent?: number;
  /** Never more than this many per window, whatever the server advertises (a person's setting). */
  maxLimit?: number;
}

/**
 * A slot comes back this long after the window has passed since its request was answered: the server counted the
 * request before it answered, so the window it sees has passed by then; the rest covers coarse timers.
 */
const RETURN_GUARD_MS = 50;

/**
 * Paces a provider's requests the way its server counts them, on bottleneck: the longest window is bottleneck's
 * reservoir, a slot returning to it one window after its request was answered (so any window of that length holds
 * at most `limit` requests, which is what a server's sliding or fixed window allows); shorter windows become
 * bottleneck's minTime. The window's size is a first guess the server corrects: every answer's X-RateLimit-Limit
 * sets it (up or down; AniList says 90, or 30 while degraded), an X-RateLimit-Remaining lower than anidex's own
 * count takes the difference out (another client shares the quota), and a 429 despite all that lowers it to what
 * the server took, so a server whose headers overstate its limit costs one 429, never a storm. A server's
 * Retry-After (or reset) pauses everything until then.
 */
export class RateLimiter {
  private readonly queue: Bottleneck;
  private readonly windowMs: number;
  private limit: number;
  private cap: number;
  /** Slots taken and not yet returned: requests running, and requests answered less than a window ago. */
  private used = 0;
  private readonly pending: PendingReturn[] = [];
  private pausedUntil = 0;
  private lastEnd = 0;
  private readonly minTime: number;
  /** Milliseconds requests spent waiting for a slot or a pause, for the run's audit. */
  waitedMs = 0;
  /** When each request ran (epoch ms): what a benchmark compares with the least time the limit allows. */
  readonly spans: Array<{ start: number; end: number }> = [];

  constructor(
    windows: readonly RateWindow[],
    opts: LimiterOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    const sorted = [...windows].sort((a, b) => b.ms - a.ms);
    const main = sorted[0] ?? { limit: 1_000_000, ms: 1 };
    this.windowMs = main.ms;
    this.cap = opts.maxLimit ?? Infinity;
    this.limit = Math.max(1, Math.min(main.limit, this.cap));
    // A per-second limit under a per-minute one: evenly spaced starts keep any second under it.
    this.minTime = Math.max(0, ...sorted.slice(1).map((w) => Math.ceil(w.ms / w.limit) + RETURN_GUARD_MS));
    this.queue = new Bottleneck({
      maxConcurrent: opts.maxConcurrent ?? 1,
      minTime: this.minTime,
      reservoir: this.limit,
    });
  }

  /** The requests per window the limiter allows now. */
  get perWindow(): number {
    return this.limit;
  }

  /** Run `fn` when a slot is free and no pause holds; an abort rejects at once, even while waiting for a slot. */
  schedule<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const queued = this.now();
    const job = this.queue.schedule(async () => {
      this.used++;
      try {
        signal?.throwIfAborted();
        const pause = this.pausedUntil - this.now();
        if (pause > 0) await sleep(pause, undefined, { signal });
      } catch (err) {
        this.giveBack(this.now()); // never sent: the slot is free again
        throw err;
      }
      const start = this.now();
      this.waitedMs += Math.max(0, start - Math.max(queued, this.lastEnd));
      try {
        return await fn();
      } finally {
        this.lastEnd = this.now();
        this.spans.push({ start, end: this.lastEnd });
        this.giveBack(this.lastEnd + this.windowMs + RETURN_GUARD_MS);
      }
    });
    // Slots return on unref'd timers (a finished run must not wait a minute to exit): while this job waits, keep the
    // process alive.
    const hold = setInterval(() => {}, 2 ** 30);
    const settled = job.finally(() => clearInterval(hold));
    if (!signal) return settled;
    settled.catch(() => {});
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      settled.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * Wait for a slot as `schedule` does, and hold it until the returned function is called (when the request's
   * answer has arrived, or it failed): for a request whose attempts are made by someone else (got's retries each
   * take a slot of their own in a beforeRequest hook).
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((granted, refused) => {
      this.schedule(() => new Promise<void>((done) => granted(() => done())), signal).catch(refused);
    });
  }

  /** What a server's answer said of its limit: adopt its window size, and its lower count of what remains. */
  observe(h: RateHeaders): void {
    if (h.limit !== null && Number.isFinite(h.limit) && h.limit >= 1) {
      const next = Math.max(1, Math.min(Math.floor(h.limit), this.cap));
      if (next !== this.limit) {
        void this.queue.incrementReservoir(next - this.limit);
        this.limit = next;
      }
    }
    if (h.remaining !== null && Number.isFinite(h.remaining) && h.remaining >= 0) {
      const free = this.limit - this.used;
      const taken = free - Math.floor(h.remaining);
      if (taken > 0) {
        // Spent by someone else (another client on the same quota): those slots come back a window from now.
        this.used += taken;
        void this.queue.incrementReservoir(-taken);
        for (let i = 0; i < taken; i++) this.giveBack(this.now() + this.windowMs + RETURN_GUARD_MS, true);
      }
    }
  }

  /**
   * A 429 although the limiter kept to what it knew. The refused request did not count (its slot comes back now).
   * When the server had taken several requests of this window, its window is smaller than it said: keep to what it
   * took from now on. When it took only a few (someone else spent the quota, or a burst rule), the server's
   * Retry-After decides alone.
   */
  limited(): void {
    const latest = this.pending.at(-1);
    if (latest && !latest.phantom) {
      this.pending.pop();
      clearTimeout(latest.timer);
      this.release();
    }
    // Only anidex's own requests: slots another client spent say nothing of how many the server allows.
    const accepted = this.used - this.pending.filter((r) => r.phantom).length;
    if (accepted >= 5 || (accepted >= 1 && accepted * 3 >= this.limit)) {
      this.cap = Math.min(this.cap, accepted);
      if (accepted < this.limit) {
        void this.queue.incrementReservoir(accepted - this.limit);
        this.limit = accepted;
      }
    }
  }

  /** Hold every request until `epochMs` (a 429's Retry-After, or a reset time). */
  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  /** How long the next request would wait now (0 when a slot is free). */
  delayNow(): number {
    const t = this.now();
    let wait = Math.max(0, this.pausedUntil - t);
    if (this.used >= this.limit && this.pending.length) {
      const needed = this.used - this.limit; // returns to wait for beyond the first
      const at = this.pending[Math.min(needed, this.pending.length - 1)]!.at;
      wait = Math.max(wait, at - t);
    }
    return wait;
  }

  private giveBack(at: number, phantom = false): void {
    const delay = at - this.now();
    if (!phantom && delay <= 0) {
      this.release();
      return;
    }
    const entry: PendingReturn = {
      at,
      phantom,
      timer: setTimeout(
        () => {
          const i = this.pending.indexOf(entry);
          if (i >= 0) this.pending.splice(i, 1);
          this.release();
        },
        Math.max(0, delay),
      ),
    };
    entry.timer.unref();
    // Kept in order of return time (phantoms may come back before requests answered earlier).
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.at > at) i--;
    this.pending.splice(i, 0, entry);
  }

  private release(): void {
    this.used--;
    void this.queue.incrementReservoir(1);
  }
}

interface PendingReturn {
  at: number;
  phantom: boolean;
  timer: NodeJS.Timeout;
}
