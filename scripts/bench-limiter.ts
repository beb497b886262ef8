/**
 * Limiter benchmark (not a test): anidex's RateLimiter against bottleneck's own reservoir refresh, the same requests
 * through the same got retry (src/enrich/http.ts), against the fake AniList with a rolling window.
 *
 *   npm run bench:limiter            # about two minutes
 *
 * Plain bottleneck: `reservoir` = the limit, refilled to the limit every window (`reservoirRefreshAmount`,
 * `reservoirRefreshInterval`), one request at a time, a 429's Retry-After honoured. anidex's: the same bottleneck
 * queue and reservoir, but a slot returns one window after its request was answered, and the window's size follows
 * X-RateLimit-Limit. anidex's starts from AniList's degraded 30 per window, plain bottleneck is set to 30 or to the
 * documented 90; the server allows 30, then 90 (its headers say so). The window is 10 s instead of a minute (the same arithmetic, six times sooner). For each: 429s and wall
 * time against the floor (the least time the server's limit allows for the calls it accepted).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import Bottleneck from 'bottleneck';
import { requestJson, type HttpStats } from '../src/enrich/http.ts';
import { RateLimiter } from '../src/lib/rate-limiter.ts';
import { startFakeAniList } from '../test/fakes/anilist-server.ts';

const LIMIT = 30;
const WINDOW_MS = 10_000;
const CALLS = 100;

/** What requestJson needs of a limiter, on bottleneck's own refresh: nothing adapts to the server. */
class PlainBottleneck {
  private readonly queue: Bottleneck;
  private pausedUntil = 0;
  constructor(limit: number) {
    this.queue = new Bottleneck({
      maxConcurrent: 1,
      reservoir: limit,
      reservoirRefreshAmount: limit,
      reservoirRefreshInterval: WINDOW_MS,
    });
  }
  async acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((granted, refused) => {
      this.queue
        .schedule(async () => {
          const pause = this.pausedUntil - Date.now();
          if (pause > 0) await sleep(pause, undefined, { signal });
          await new Promise<void>((done) => granted(() => done()));
        })
        .catch(refused);
    });
  }
  delayNow(): number {
    return Math.max(0, this.pausedUntil - Date.now());
  }
  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }
  limited(): void {}
  observe(): void {}
  stop(): Promise<void> {
    return this.queue.stop({ dropWaitingJobs: true });
  }
}

async function run(name: string, limiter: RateLimiter | PlainBottleneck, serverLimit: number): Promise<void> {
  const server = await startFakeAniList({ limitPerMinute: serverLimit, windowMs: WINDOW_MS, latencyMs: 20 });
  const stats: HttpStats = { calls: 0, http429: 0, retries: 0 };
  const start = Date.now();
  try {
    for (let i = 0; i < CALLS; i++) {
      const answer = await requestJson(limiter as RateLimiter, stats, {
        url: server.url,
        method: 'POST',
        body: { query: `query { Page(page: ${(i % 5) + 1}, perPage: 1) { media(search: "a") { id } } }` },
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          referer: 'https://anilist.co/',
          'user-agent': 'anidex-bench',
        },
        timeoutMs: 10_000,
        maxRetries: 3,
        max429: 10,
        provider: 'AniList',
      });
      if (answer.status !== 200)
        throw new Error(`the fake answered HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
    }
  } finally {
    await server.close();
    if (limiter instanceof PlainBottleneck) await limiter.stop();
  }
  const wall = Date.now() - start;
  // One window: the i-th accepted call can start no sooner than floor(i / limit) windows in.
  const floor = Math.floor((stats.calls - stats.http429 - 1) / serverLimit) * WINDOW_MS;
  console.log(
    `${name.padEnd(44)} ${String(stats.calls).padStart(4)} calls  ${String(stats.http429).padStart(3)} × 429  wall ${(wall / 1000).toFixed(1).padStart(5)} s  floor ${(floor / 1000).toFixed(1).padStart(5)} s  wall/floor ${(wall / floor).toFixed(2)}`,
  );
}

console.log(
  `${CALLS} requests one at a time, a rolling ${WINDOW_MS / 1000} s window, 20 ms latency; anidex's limiter starts at ${LIMIT}`,
);
for (const serverLimit of [LIMIT, LIMIT * 3]) {
  await run(`server ${serverLimit}: plain bottleneck at ${LIMIT}`, new PlainBottleneck(LIMIT), serverLimit);
  await run(`server ${serverLimit}: anidex's limiter`, new RateLimiter([{ limit: LIMIT, ms: WINDOW_MS }]), serverLimit);
}
// Set to the documented limit while the server is degraded.
await run(`server ${LIMIT}: plain bottleneck at ${LIMIT * 3}`, new PlainBottleneck(LIMIT * 3), LIMIT);
