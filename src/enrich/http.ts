import got from 'got';
import { AnidexError } from '../lib/errors.ts';
import { RateLimiter, type RateHeaders } from '../lib/rate-limiter.ts';

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
  /** A response header by its lower-case name (pagination, for one). */
  header(name: string): string | undefined;
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
  /** Return 4xx answers even when their body is not JSON (Trakt answers most of them with an empty body). */
  rawClientErrors?: boolean;
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
  return new ProviderUnavailableError(
    `${provider} asked anidex to wait ${Math.ceil(waitMs / 60_000)} minutes before the next request.`,
  );
}

/** A 429 that does not say how long to wait (Jikan's do not): 1 s, 2 s, 4 s … up to a minute. */
function unsaid429Ms(consecutive: number): number {
  return Math.min(60_000, 1000 * 2 ** (consecutive - 1));
}

function backoffMs(attempt: number, baseMs = 500): number {
  return Math.min(8_000, baseMs * 2 ** attempt) * (0.5 + Math.random() / 2);
}

/** A 200 (or 4xx) whose body anidex cannot use: retried like a 5xx, never cached as an answer. */
class UnusableAnswer extends Error {}

/** The error a got error stands for: ours (thrown in a hook or in calculateDelay, wrapped by got), or got's own. */
function ownCause(err: unknown): unknown {
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause instanceof AnidexError || cause instanceof UnusableAnswer ? cause : err;
}

/**
 * One logical request with the retry policy every provider shares, made by got's own retry: every attempt takes a
 * slot of the provider's limiter (a beforeRequest hook) and gives it back when its answer has arrived; a 429 waits
 * as the server says (got's Retry-After, else X-RateLimit-Reset, else 1 s, 2 s, 4 s …) by pausing the limiter, so
 * every request to that provider waits, not only this one; resets, timeouts, 5xx and unusable bodies are retried a
 * bounded number of times with jittered backoff; other 4xx are returned to the caller untouched. got's timeout
 * applies to each attempt.
 */
export async function requestJson(limiter: RateLimiter, stats: HttpStats, opts: RequestOptions): Promise<JsonAnswer> {
  let failures = 0;
  let limited = 0;
  let json: unknown;
  // The slot of the attempt under way, given back once (its answer arrived, it failed, or the caller gave up).
  let release: (() => void) | null = null;
  const ended = (): void => {
    release?.();
    release = null;
  };
  opts.signal?.throwIfAborted();
  try {
    const res = await got(opts.url, {
      method: opts.method,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      headers: opts.headers,
      // A 4xx other than 429 is an answer for the caller (AniList's 404 "Not Found." is "no such anime").
      throwHttpErrors: false,
      timeout: { request: opts.timeoutMs },
      signal: opts.signal,
      decompress: true,
      retry: {
        limit: opts.maxRetries + opts.max429,
        methods: ['GET', 'POST'],
        calculateDelay: ({ error, retryAfter }) => {
          ended();
          if (opts.signal?.aborted) return 0;
          const cause = ownCause(error);
          if (cause instanceof AnidexError) throw cause;
          // An answer's status, when the answer came whole (a reset or a timeout while it arrives is a network fault).
          const status = error.name === 'HTTPError' ? error.response?.statusCode : undefined;
          if (status === 429) {
            if (++limited > opts.max429) {
              throw new ProviderUnavailableError(
                `${opts.provider} kept answering 429 Too Many Requests (${limited} times in a row).`,
              );
            }
            const wait = retryAfter ?? retryAfterMs(error.response!.headers) ?? unsaid429Ms(limited);
            if (wait > MAX_WAIT_MS) throw tooLong(opts.provider, wait);
            // The limiter holds this retry, and every other request to the provider, until then (abortably).
            limiter.pauseUntil(Date.now() + wait);
            return 1;
          }
          // Another 4xx: not retried, got resolves with it.
          if (status !== undefined && status < 500 && !(cause instanceof UnusableAnswer)) return 0;
          const problem =
            status !== undefined && status >= 500
              ? `HTTP ${status}`
              : cause instanceof UnusableAnswer
                ? cause.message
                : (error.code ?? error.name ?? 'a network error');
          if (++failures > opts.maxRetries) {
            throw new ProviderUnavailableError(
              `${opts.provider} failed ${failures} times in a row (last: ${problem}) at ${opts.url}.`,
            );
          }
          stats.retries++;
          return backoffMs(failures - 1, opts.retryBaseMs);
        },
      },
      hooks: {
        beforeRequest: [
          async () => {
            // A redirect makes a new request without an answer to the last: that one's slot comes back first.
            ended();
            // A pause set by an earlier answer (an exhausted X-RateLimit-Remaining with a reset far away) stops the
            // run rather than hold it silently for hours.
            const pending = limiter.delayNow();
            if (pending > MAX_WAIT_MS) throw tooLong(opts.provider, pending);
            release = await limiter.acquire(opts.signal);
            stats.calls++;
          },
        ],
        afterResponse: [
          (response) => {
            ended();
            if (response.statusCode === 429) {
              stats.http429++;
              limiter.limited();
              return response;
            }
            limited = 0;
            limiter.observe(rateHeaders(response.headers));
            // An exhausted quota with a reset time: wait for it rather than earn a 429. Without one, the limiter's
            // own pacing and any 429's Retry-After are enough.
            const remaining = header(response.headers, 'x-ratelimit-remaining');
            const resetIn = remaining !== undefined && Number(remaining) <= 0 ? retryAfterMs(response.headers) : null;
            if (resetIn !== null) limiter.pauseUntil(Date.now() + resetIn);
            json = undefined;
            if (response.statusCode >= 500) return response;
            try {
              json = JSON.parse(response.body as string);
            } catch {
              // Trakt answers most 4xx with an empty body: the caller reads the status.
              if (opts.rawClientErrors && response.statusCode >= 400) return response;
              throw new UnusableAnswer(`an unreadable answer (HTTP ${response.statusCode}, not JSON)`);
            }
            if (response.statusCode === 200 && opts.accept && !opts.accept(json))
              throw new UnusableAnswer('an answer of the wrong shape (HTTP 200)');
            return response;
          },
        ],
      },
    });
    return { status: res.statusCode, json, text: res.body, header: (name) => header(res.headers, name) };
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const cause = ownCause(err);
    if (cause instanceof AnidexError) throw cause;
    // Not expected (every failure is counted above); said as the provider being unavailable, with what got said.
    const e = err as { code?: string; message?: string };
    throw new ProviderUnavailableError(
      `${opts.provider} could not be asked (${e.code ?? e.message ?? String(err)}) at ${opts.url}.`,
    );
  } finally {
    ended();
  }
}
