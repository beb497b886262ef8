import Bottleneck from 'bottleneck';

export interface RateWindow {
  /** At most `limit` requests start within any `ms` milliseconds. */
  limit: number;
  ms: number;
}

/**
 * Paces requests under sliding windows (AniList and Jikan count requests per rolling minute, so a token
 * bucket that refills would still trip them) and pauses when a server says so (Retry-After, an exhausted
 * X-RateLimit-Remaining). Bottleneck keeps the queue and the concurrency.
 */
export class RateLimiter {
  private readonly starts: number[] = [];
  private pausedUntil = 0;
  private readonly queue: Bottleneck;
  /** Milliseconds spent waiting for a slot, for the run's audit. */
  waitedMs = 0;

  constructor(
    private readonly windows: readonly RateWindow[],
    maxConcurrent = 1,
    private readonly now: () => number = Date.now,
  ) {
    this.queue = new Bottleneck({ maxConcurrent });
  }

  /** Run `fn` when a slot is free. */
  schedule<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.queue.schedule(async () => {
      await this.waitForSlot(signal);
      this.starts.push(this.now());
      return fn();
    });
  }

  /** Hold every request until `epochMs` (a 429's Retry-After, or a reset time). */
  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  /** How long the next request would wait now (0 when a slot is free). */
  delayNow(): number {
    const t = this.now();
    let wait = Math.max(0, this.pausedUntil - t);
    const longest = Math.max(...this.windows.map((w) => w.ms), 0);
    while (this.starts.length && this.starts[0]! <= t - longest) this.starts.shift();
    for (const w of this.windows) {
      const recent = this.starts.filter((s) => s > t - w.ms);
      if (recent.length >= w.limit) wait = Math.max(wait, recent[recent.length - w.limit]! + w.ms - t);
    }
    return wait;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.delayNow();
      if (wait <= 0) return;
      const started = this.now();
      await sleep(wait, signal);
      this.waitedMs += this.now() - started;
    }
  }
}

/** setTimeout as a promise that an AbortSignal can cut short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
