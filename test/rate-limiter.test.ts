import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../src/enrich/rate-limiter.ts';
import { retryAfterMs } from '../src/enrich/http.ts';

test('sliding windows: never more than the limit within any window', async () => {
  const limiter = new RateLimiter([{ limit: 2, ms: 200 }]);
  const starts: number[] = [];
  await Promise.all(Array.from({ length: 5 }, () => limiter.schedule(async () => void starts.push(Date.now()))));
  for (let i = 2; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 2]! >= 195, `request ${i} came too soon`);
  assert.ok(limiter.waitedMs >= 350);
});

test('pauseUntil holds every request until then', async () => {
  const limiter = new RateLimiter([{ limit: 100, ms: 1000 }]);
  const t0 = Date.now();
  limiter.pauseUntil(t0 + 150);
  await limiter.schedule(async () => {});
  assert.ok(Date.now() - t0 >= 145);
});

test('an aborted wait rejects at once', async () => {
  const limiter = new RateLimiter([{ limit: 1, ms: 10_000 }]);
  await limiter.schedule(async () => {});
  const c = new AbortController();
  const p = limiter.schedule(async () => {}, c.signal);
  setTimeout(() => c.abort(new Error('stop')), 20);
  await assert.rejects(p, /stop/);
});

test('Retry-After in seconds or as a date, else X-RateLimit-Reset, else unknown', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterMs({ 'retry-after': '60' }, now), 60_000);
  assert.equal(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now), 30_000);
  assert.equal(retryAfterMs({ 'x-ratelimit-reset': String(now / 1000 + 12) }, now), 12_000);
  assert.equal(retryAfterMs({}, now), null);
});
