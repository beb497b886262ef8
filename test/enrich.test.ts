// Enrichment against the fake AniList and Jikan servers: correct matches for the whole sample, the call budget,
// a warm cache, resuming after an interruption, and every injected network fault.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../src/warehouse/store.ts';
import { importTraktExport } from '../src/app/import.ts';
import { enrichTitles, type EnrichOptions } from '../src/app/enrich.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { JikanProvider } from '../src/enrich/jikan.ts';
import { enrichedLibrary } from '../src/warehouse/queries.ts';
import { CATALOGUE } from '../scripts/sample/catalog.ts';
import { startFakeAniList, type FakeAniList } from './fakes/anilist-server.ts';
import { startFakeJikan, type FakeJikan } from './fakes/jikan-server.ts';
import { ROOT } from './helpers/proc.ts';

const V1 = join(ROOT, 'data/sample/trakt-2026-05-01');
const UA = 'anidex-test/0';

let anilist: FakeAniList;
let jikan: FakeJikan;
before(async () => {
  anilist = await startFakeAniList();
  jikan = await startFakeJikan({ rateLimits: [{ limit: 100, windowMs: 1000 }] });
});
after(async () => {
  await anilist.close();
  await jikan.close();
});

async function sampleWarehouse(): Promise<Warehouse> {
  const wh = await Warehouse.open(mkdtempSync(join(tmpdir(), 'anidex-enrich-')));
  await importTraktExport(wh, V1, { asOf: '2026-05-01T12:00:00.000Z' });
  return wh;
}

function aniProvider(extra: Partial<ConstructorParameters<typeof AniListProvider>[0]> = {}): AniListProvider {
  return new AniListProvider({ url: anilist.url, userAgent: UA, perMinute: 27, maxRetries: 3, ...extra });
}

function enrich(wh: Warehouse, opts: Partial<EnrichOptions> & { provider: EnrichOptions['provider'] }) {
  return enrichTitles(wh, { useBundled: false, ...opts });
}

/** What each watched sample title should resolve to: its first MAL entry, or nothing for non-anime. */
function expected(wh: Warehouse): Map<string, number | null> {
  const lib = enrichedLibrary(wh.db);
  const out = new Map<string, number | null>();
  for (const row of lib) {
    const entry = CATALOGUE.find((c) => c.trakt.traktId === row.traktId && c.trakt.mediaType === row.mediaType);
    assert.ok(entry, `catalogue entry for ${row.title}`);
    out.set(row.titleKey, entry!.anime ? entry!.mal[0]!.malId : null);
  }
  return out;
}

test('cold enrich matches every sample title correctly within the call budget; warm makes no call', async () => {
  const wh = await sampleWarehouse();
  anilist.resetCounters();
  anilist.resetRateLimit();
  const provider = aniProvider();
  const r = await enrich(wh, { provider });
  const want = expected(wh);
  const anime = [...want.values()].filter((v) => v !== null).length;
  const lib = enrichedLibrary(wh.db);
  const wrong = lib
    .filter((row) => row.malId !== want.get(row.titleKey))
    .map((row) => `${row.title} (${row.year}): got ${row.malId}, want ${want.get(row.titleKey)}`);
  assert.deepEqual(wrong, [], 'every title matched as the catalogue says');
  assert.equal(r.pending, 0);
  assert.ok(r.counts.apiCalls <= Math.ceil(anime / 10), `${r.counts.apiCalls} calls for ${anime} anime`);
  assert.equal(r.counts.http429, 0);
  assert.ok(
    anilist.log.every((e) => /anidex-test/.test(String(e.headers['user-agent'])) && e.headers.referer),
    'User-Agent and Referer on every request',
  );
  // dim_anime carries what the rest of anidex needs.
  const frieren = lib.find((x) => x.title.startsWith('Frieren'))!;
  assert.ok(frieren.genres.length > 0 && frieren.studios.length > 0 && frieren.minutesPerEpisode === 24);
  assert.equal(
    wh.db.get<{ n: number }>(
      'SELECT count(*) AS n FROM user_watch_history WHERE is_current = 1 AND mal_id IS NOT NULL',
    )!.n,
    anime,
  );
  assert.equal(
    wh.db.get<{ n: number }>(
      'SELECT count(*) AS n FROM (SELECT title_key FROM user_watch_history GROUP BY title_key HAVING count(*) > 1)',
    )!.n,
    0,
    'enrichment never creates versions',
  );
  // A multi-season show records its later MAL entries.
  const aot = wh.db.get<{ o: string }>(
    "SELECT other_mal_ids AS o FROM title_match m JOIN user_watch_history h USING (title_key) WHERE h.title = 'Attack on Titan' AND h.is_current = 1",
  )!;
  assert.ok(JSON.parse(aot.o).length >= 1);

  const before = anilist.requests;
  const warm = await enrich(wh, { provider: aniProvider() });
  assert.equal(warm.counts.apiCalls, 0);
  assert.equal(anilist.requests, before, 'a warm run sends nothing');
  const run = wh.db.get<{ api_calls: number; cache_hits: number }>(
    "SELECT api_calls, cache_hits FROM pipeline_runs WHERE kind = 'enrich' ORDER BY run_id DESC LIMIT 1",
  )!;
  assert.equal(run.api_calls, 0);
  wh.close();
});

test('an interrupted enrich resumes without repeating finished calls', async () => {
  const wh = await sampleWarehouse();
  anilist.resetRateLimit();
  const controller = new AbortController();
  let batches = 0;
  const first = await enrich(wh, {
    provider: aniProvider(),
    signal: controller.signal,
    onEvent: (e) => {
      if (e.phase === 'search' && e.done > 0 && ++batches === 2) controller.abort(new Error('Ctrl-C'));
    },
  });
  assert.equal(first.interrupted, true);
  assert.ok(first.pending > 0);
  const callsBefore = first.counts.apiCalls;
  // A new process: reopen from disk, as after Ctrl-C.
  const again = await Warehouse.open(wh.dataDir);
  const second = await enrich(again, { provider: aniProvider() });
  assert.equal(second.pending, 0);
  assert.equal(second.interrupted, false);
  const cold = 8;
  assert.ok(
    callsBefore + second.counts.apiCalls <= cold,
    `no repeated calls (${callsBefore} + ${second.counts.apiCalls})`,
  );
  wh.close();
  again.close();
});

test('faults: 5xx, resets, malformed JSON and 429s are retried; the run completes', async () => {
  const wh = await sampleWarehouse();
  anilist.resetRateLimit();
  anilist.inject({ kind: 'http', status: 503 });
  anilist.inject('reset');
  anilist.inject('malformed');
  anilist.inject({ kind: 'rateLimited', retryAfter: 1 });
  const r = await enrich(wh, { provider: aniProvider() });
  assert.equal(r.pending, 0);
  assert.equal(r.stoppedBecause, null);
  assert.equal(r.counts.http429, 1);
  assert.ok(r.counts.apiCalls >= 12);
  const cached = wh.db.get<{ n: number; d: number }>(
    'SELECT count(*) AS n, count(DISTINCT provider || request_key) AS d FROM api_cache',
  )!;
  assert.equal(cached.n, cached.d, 'no duplicate cache rows');
  wh.close();
});

test("the server's own rate limit is honoured: a tight window ends in waits, not failures", async () => {
  const wh = await sampleWarehouse();
  anilist.setRateLimit(3, 1500);
  try {
    const r = await enrich(wh, { provider: aniProvider({ perMinute: 100, windowMs: 1500 }) });
    assert.equal(r.pending, 0);
    assert.ok(r.counts.http429 >= 1, 'the client ran into the server limit');
    assert.ok(r.counts.waitSeconds > 0);
  } finally {
    anilist.setRateLimit(30, 60_000);
    anilist.resetRateLimit();
  }
  wh.close();
});

test('a provider that stays down stops the run resumably with a clear message', async () => {
  const wh = await sampleWarehouse();
  const r = await enrich(wh, {
    provider: new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: UA, maxRetries: 1 }),
  });
  assert.match(r.stoppedBecause ?? '', /AniList failed 2 times in a row/);
  assert.equal(r.pending, r.titles);
  wh.close();
});

test('offline: nothing is fetched and titles stay pending; the library still works', async () => {
  const wh = await sampleWarehouse();
  const before = anilist.requests;
  const r = await enrich(wh, { provider: aniProvider(), offline: true });
  assert.equal(anilist.requests, before);
  assert.equal(r.pending, r.titles);
  assert.ok(enrichedLibrary(wh.db).every((x) => x.matchStatus === 'pending'));
  wh.close();
});

test('Jikan provider: at most one call per title, and the same correct matches', async () => {
  const wh = await sampleWarehouse();
  jikan.resetCounters();
  const r = await enrich(wh, {
    provider: new JikanProvider({ url: jikan.url, userAgent: UA, perSecond: 60, perMinute: 3000 }),
  });
  const want = expected(wh);
  const wrong = enrichedLibrary(wh.db)
    .filter((row) => row.malId !== want.get(row.titleKey))
    .map((row) => `${row.title}: got ${row.malId}, want ${want.get(row.titleKey)}`);
  assert.deepEqual(wrong, []);
  assert.ok(r.counts.apiCalls <= r.titles, `${r.counts.apiCalls} calls for ${r.titles} titles`);
  wh.close();
});

test('a manual match survives re-imports and is never re-searched', async () => {
  const wh = await sampleWarehouse();
  await enrich(wh, { provider: aniProvider(), offline: true });
  const { saveMatches } = await import('../src/warehouse/enrichment.ts');
  const key = wh.db.get<{ k: string }>("SELECT title_key AS k FROM user_watch_history WHERE title = 'Mushishi'")!.k;
  await wh.write((db) =>
    saveMatches(db, [
      {
        titleKey: key,
        status: 'manual',
        malId: 24701,
        confidence: 1,
        provider: null,
        method: 'override',
        otherMalIds: [],
        reason: 'test',
        matchedAt: new Date().toISOString(),
      },
    ]),
  );
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-08-15.zip'), { asOf: '2026-08-15T12:00:00.000Z' });
  await enrich(wh, { provider: aniProvider() });
  const row = enrichedLibrary(wh.db).find((x) => x.titleKey === key)!;
  assert.equal(row.malId, 24701);
  assert.equal(row.matchStatus, 'manual');
  wh.close();
});

test('Jikan: the recommender fetches details (relations, recommendations) for the titles that feed its pool', async () => {
  const wh = await sampleWarehouse();
  const provider = new JikanProvider({ url: jikan.url, userAgent: UA, perSecond: 60, perMinute: 3000 });
  await enrich(wh, { provider });
  const { recommendLocal } = await import('../src/app/recommend.ts');
  const before = jikan.requests;
  const r = await recommendLocal(wh, { provider, filter: {}, count: 10, useBundled: false });
  assert.ok(jikan.requests > before, 'details were fetched');
  assert.ok(jikan.log.some((e) => /\/recommendations$/.test(e.path)));
  assert.ok(r.poolSize > 0 && r.items.length > 0, `pool ${r.poolSize}, items ${r.items.length}`);
  const again = jikan.requests;
  await recommendLocal(wh, { provider, filter: {}, count: 10, useBundled: false });
  assert.equal(jikan.requests, again, 'cached: a second run makes no call');
  wh.close();
});
