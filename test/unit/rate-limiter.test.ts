import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../../src/lib/rate-limiter.ts';
import { retryAfterMs } from '../../src/enrich/http.ts';

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

// ---- following the server's pace (issue 13, item 5) -------------------------------------------------------------

import { startFakeAniList } from '../fakes/anilist-server.ts';
import { AniListProvider } from '../../src/enrich/anilist.ts';
import { rateHeaders } from '../../src/enrich/http.ts';

test('X-RateLimit-Limit sets the window size, up or down; a lower X-RateLimit-Remaining takes slots out', async () => {
  const limiter = new RateLimiter([{ limit: 2, ms: 1000 }]);
  const starts: number[] = [];
  let first = true;
  await Promise.all(
    Array.from({ length: 6 }, () =>
      limiter.schedule(async () => {
        starts.push(Date.now());
        if (first) limiter.observe({ limit: 6, remaining: 5 });
        first = false;
      }),
    ),
  );
  assert.equal(limiter.perWindow, 6);
  assert.ok(starts[5]! - starts[0]! < 500, 'six starts in one window once the server said six');

  const down = new RateLimiter([{ limit: 10, ms: 1000 }]);
  const t: number[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: 3 }, () =>
      down.schedule(async () => {
        t.push(Date.now());
        // Someone else spent the quota: after this request only one remains in the window.
        if (n++ === 0) down.observe({ limit: 10, remaining: 1 });
      }),
    ),
  );
  assert.ok(t[1]! - t[0]! < 300, 'the one remaining slot is used at once');
  assert.ok(t[2]! - t[0]! >= 950, `the third waits for the window (${t[2]! - t[0]!} ms)`);
});

test('a 429 after many requests lowers the window to what the server took; after a few, the window stays', async () => {
  const l = new RateLimiter([{ limit: 90, ms: 60_000 }]);
  for (let i = 0; i < 31; i++) await l.schedule(async () => {});
  l.limited(); // the 31st was refused
  assert.equal(l.perWindow, 30, 'headers said 90, the server took 30');
  l.observe({ limit: 90, remaining: null });
  assert.equal(l.perWindow, 30, 'a header saying 90 again does not undo what the 429 showed');
  assert.ok(l.delayNow() > 50_000, 'the 31st waits for the window');
  const b = new RateLimiter([{ limit: 90, ms: 60_000 }]);
  for (let i = 0; i < 3; i++) await b.schedule(async () => {});
  b.limited();
  assert.equal(b.perWindow, 90, "two taken, then a 429: someone else's quota or a burst rule, not the window");
  assert.equal(b.delayNow(), 0, "the refused request's slot is free again");
});

test('rateHeaders reads the limit headers in any case and ignores what is not a count', () => {
  assert.deepEqual(rateHeaders({ 'x-ratelimit-limit': '90', 'x-ratelimit-remaining': '88' }), {
    limit: 90,
    remaining: 88,
  });
  assert.deepEqual(rateHeaders({ 'x-ratelimit-limit': 'lots' }), { limit: null, remaining: null });
});

test("AniList: the server's own limit, read from its headers, is kept without a single 429; 90 a minute is used at once", async () => {
  const query = (i: number) => [{ key: `search:${i}`, title: `Title number ${i}`, year: null, kind: 'show' as const }];
  const tight = await startFakeAniList({ limitPerMinute: 5, windowMs: 1200 });
  try {
    const p = new AniListProvider({ url: tight.url, userAgent: 'anidex-test', maxRetries: 0, windowMs: 1200 });
    for (let i = 0; i < 12; i++) await p.search(query(i));
    assert.equal(p.stats.http429, 0, 'no 429: the first answer said 5 per window');
    assert.equal(p.limiter.perWindow, 5);
  } finally {
    await tight.close();
  }
  const roomy = await startFakeAniList({ limitPerMinute: 90, windowMs: 60_000 });
  try {
    const p = new AniListProvider({ url: roomy.url, userAgent: 'anidex-test', maxRetries: 0 });
    for (let i = 0; i < 45; i++) await p.search(query(i));
    assert.equal(p.stats.http429, 0);
    assert.equal(p.limiter.perWindow, 90);
    assert.ok(
      p.limiter.waitedMs < 1000,
      `45 requests under a limit of 90 wait for nothing (waited ${p.limiter.waitedMs} ms)`,
    );
  } finally {
    await roomy.close();
  }
});

test('AniList: headers that overstate the limit (90 said, 6 enforced) cost one 429, not a storm', async () => {
  const liar = await startFakeAniList({
    limitPerMinute: 6,
    windowMs: 1500,
    advertisedLimit: 90,
    headers429: 'recorded',
  });
  try {
    // The 2024-25 lie: Limit 90, and Remaining counted from 90 too.
    liar.setFaultFn((r) =>
      r.n <= 40
        ? { kind: 'headers', headers: { 'X-RateLimit-Limit': '90', 'X-RateLimit-Remaining': String(90 - r.n) } }
        : null,
    );
    const p = new AniListProvider({ url: liar.url, userAgent: 'anidex-test', maxRetries: 0, windowMs: 1500 });
    for (let i = 0; i < 16; i++)
      await p.search([{ key: `search:${i}`, title: `Title ${i}`, year: null, kind: 'show' }]);
    assert.ok(p.stats.http429 <= 1, `${p.stats.http429} 429s`);
    assert.equal(p.limiter.perWindow, 6);
  } finally {
    await liar.close();
  }
});

test(
  'requestJson on got: a redirect and each retry take a slot of their own and give it back; a 429 waits for its Retry-After',
  { timeout: 20_000 },
  async () => {
    const { createServer } = await import('node:http');
    const { requestJson } = await import('../../src/enrich/http.ts');
    let n = 0;
    const seen: Array<{ path: string; at: number }> = [];
    const server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', at: Date.now() });
      n++;
      if (req.url === '/moved') return void res.writeHead(302, { location: '/answer' }).end();
      if (req.url === '/busy' && n % 2 === 1)
        return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{}');
      if (req.url === '/flaky' && n % 2 === 1) return void res.writeHead(503).end('down');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const limiter = new RateLimiter([{ limit: 10, ms: 60_000 }]);
    const stats = { calls: 0, http429: 0, retries: 0 };
    const ask = (path: string) =>
      requestJson(limiter, stats, {
        url: url + path,
        method: 'GET',
        headers: {},
        timeoutMs: 5000,
        maxRetries: 2,
        max429: 2,
        retryBaseMs: 10,
        provider: 'Test',
      });
    try {
      // Without its slot given back, the redirect's request would wait for a slot forever (one at a time).
      assert.deepEqual((await ask('/moved')).json, { ok: true });
      assert.equal(stats.calls, 2);
      n = 0;
      assert.deepEqual((await ask('/flaky')).json, { ok: true });
      assert.deepEqual([stats.calls, stats.retries], [4, 1]);
      n = 0;
      seen.length = 0;
      // A limiter of its own: a 429 after four requests of a window of 10 would rightly shrink this one's window to
      // four (the server took no more) and hold the retry for the rest of the minute.
      const roomy = new RateLimiter([{ limit: 100, ms: 60_000 }]);
      assert.deepEqual(
        (
          await requestJson(roomy, stats, {
            url: `${url}/busy`,
            method: 'GET',
            headers: {},
            timeoutMs: 5000,
            maxRetries: 2,
            max429: 2,
            provider: 'Test',
          })
        ).json,
        { ok: true },
      );
      assert.deepEqual([stats.calls, stats.http429], [6, 1]);
      assert.ok(
        seen[1]!.at - seen[0]!.at >= 950,
        `the retry came ${seen[1]!.at - seen[0]!.at} ms after the 429 (Retry-After: 1)`,
      );
      // Every request that reached the server held a slot and gave it back (a span is kept when it is given back).
      assert.equal(limiter.spans.length + roomy.spans.length, 6);
    } finally {
      server.close();
    }
  },
);
