import got from 'got';
import { AnidexError } from '../lib/errors.ts';
import { RateLimiter, sleep, type RateHeaders } from '../lib/rate-limiter.ts';

/** A provider could not be reached or kept failing; the run stops and can be resumed. */
export class ProviderUnavailableError extends AnidexError {
  constructor(message: string) {
    super(message, 'Check the network (or the provider URL), then run `anidex enrich` again: finished work is kept.');
  }
}

export interface HttpStats {
  calls: number;
  http429: number;
  retries: number;
}

export interface JsonAnswer {
  status: number;
  /** The parsed body, or undefined when it was not JSON. */
  json: unknown;
  text: string;
}

export interface RequestOptions {
  url: string;
  method: 'GET' | 'POST';
  body?: unknown;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Retries for resets, timeouts, 5xx and malformed JSON. */
  maxRetries: number;
  /** How many 429s in a row to sit out before giving up. */
  max429: number;
  /** First backoff step of those retries (doubles, jittered); default 500. Mainly for tests. */
  retryBaseMs?: number;
  signal?: AbortSignal;
  /** Shown in errors: "AniList", "Jikan". */
  provider: string;
  /**
   * Whether a 200's JSON has the shape the caller reads. A wrong shape (a proxy's or a broken server's body) is
   * retried like an unreadable one, so it is never cached as an answer (e.g. as "nothing found").
   */
  accept?: (json: unknown) => boolean;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** A JSON object (not null, not an array). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `x` when it is an array, else empty: answers are read defensively, whatever a server (or an old cache row) holds. */
export function arrayOf<T>(x: T[] | null | undefined): T[] {
  return Array.isArray(x) ? x : [];
}

/** Milliseconds a server asks us to wait: Retry-After, else X-RateLimit-Reset; null when it does not say. */
export function retryAfterMs(headers: Record<string, string | string[] | undefined>, now = Date.now()): number | null {
  const ra = header(headers, 'retry-after');
  if (ra !== undefined) {
    const s = Number(ra);
    if (Number.isFinite(s)) return Math.max(0, s * 1000);
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return null;
}

/** X-RateLimit-Limit and X-RateLimit-Remaining of an answer, when they are numbers (names in any case). */
export function rateHeaders(headers: Record<string, string | string[] | undefined>): RateHeaders {
  const num = (name: string): number | null => {
    const v = header(headers, name);
    return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : null;
  };
  return { limit: num('x-ratelimit-limit'), remaining: num('x-ratelimit-remaining') };
}

/** A server asking for a longer pause than this stops the run (resumable) instead of hanging silently. */
const MAX_WAIT_MS = 5 * 60_000;

function tooLong(provider: string, waitMs: number): ProviderUnavailableError {
  return new ProviderUnavailableError(`${provider} asked anidex to wait ${Math.ceil(waitMs / 60_000)} minutes before the next request.`);
}

/** A 429 that does not say how long to wait (Jikan's do not): 1 s, 2 s, 4 s … up to a minute. */
function unsaid429Ms(consecutive: number): number {
  return Math.min(60_000, 1000 * 2 ** (consecutive - 1));
}

function backoffMs(attempt: number, baseMs = 500): number {
  return Math.min(8_000, baseMs * 2 ** attempt) * (0.5 + Math.random() / 2);
}

/**
 * One logical request through the limiter, with the retry policy every provider shares: 429 waits as the
 * server says; resets, timeouts, 5xx and unparsable bodies are retried a bounded number of times with
 * jittered backoff; other 4xx are returned to the caller untouched.
 */
export async function requestJson(limiter: RateLimiter, stats: HttpStats, opts: RequestOptions): Promise<JsonAnswer> {
  let failures = 0;
  let limited = 0;
  for (;;) {
    opts.signal?.throwIfAborted();
    // A pause set by an earlier answer (an exhausted X-RateLimit-Remaining with a reset far away) stops the run
    // rather than hold it silently for hours.
    const pending = limiter.delayNow();
    if (pending > MAX_WAIT_MS) throw tooLong(opts.provider, pending);
    let problem: string;
    try {
      const res = await limiter.schedule(() => {
        stats.calls++;
        return got(opts.url, {
          method: opts.method,
          body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
          headers: opts.headers,
          throwHttpErrors: false,
          retry: { limit: 0 },
          timeout: { request: opts.timeoutMs },
          signal: opts.signal,
          decompress: true,
        });
      }, opts.signal);
      if (res.statusCode === 429) {
        stats.http429++;
        limiter.limited();
        if (++limited > opts.max429) {
          throw new ProviderUnavailableError(`${opts.provider} kept answering 429 Too Many Requests (${limited} times in a row).`);
        }
        const wait = retryAfterMs(res.headers) ?? unsaid429Ms(limited);
        if (wait > MAX_WAIT_MS) throw tooLong(opts.provider, wait);
        limiter.pauseUntil(Date.now() + wait);
        continue;
      }
      limited = 0;
      limiter.observe(rateHeaders(res.headers));
      // An exhausted quota with a reset time: wait for it rather than earn a 429. Without one, the limiter's own
      // pacing and any 429's Retry-After are enough.
      const remaining = header(res.headers, 'x-ratelimit-remaining');
      const resetIn = remaining !== undefined && Number(remaining) <= 0 ? retryAfterMs(res.headers) : null;
      if (resetIn !== null) limiter.pauseUntil(Date.now() + resetIn);
      let json: unknown;
      try {
        json = JSON.parse(res.body);
      } catch {
        json = undefined;
      }
      if (res.statusCode >= 500) problem = `HTTP ${res.statusCode}`;
      else if (json === undefined) problem = `an unreadable answer (HTTP ${res.statusCode}, not JSON)`;
      else if (res.statusCode === 200 && opts.accept && !opts.accept(json)) problem = 'an answer of the wrong shape (HTTP 200)';
      else return { status: res.statusCode, json, text: res.body };
    } catch (err) {
      if (err instanceof AnidexError) throw err;
      if (opts.signal?.aborted) throw opts.signal.reason;
      const e = err as { code?: string; name?: string; message?: string };
      problem = e.code ?? e.name ?? e.message ?? 'a network error';
    }
    if (++failures > opts.maxRetries) {
      throw new ProviderUnavailableError(`${opts.provider} failed ${failures} times in a row (last: ${problem}) at ${opts.url}.`);
    }
    stats.retries++;
    await sleep(backoffMs(failures - 1, opts.retryBaseMs), opts.signal);
  }
}
