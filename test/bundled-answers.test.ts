// The sample's bundled AniList answers serve the demo warehouse alone (issue 13, item 4): a person's own warehouse
// asks its provider, or leaves titles pending offline, and copies an older anidex left in it are dropped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../src/warehouse/store.ts';
import { importTraktExport } from '../src/app/import.ts';
import { enrichTitles } from '../src/app/enrich.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { bundledAnswers } from '../src/enrich/bundled-cache.ts';
import { putCached } from '../src/warehouse/api-cache.ts';
import { enrichedLibrary } from '../src/warehouse/queries.ts';
import { normalizeTitle } from '../src/domain/title-key.ts';
import { startFakeAniList, type FakeAniList } from './fakes/anilist-server.ts';
import { markAsDemo } from './helpers/demo-warehouse.ts';
import { ROOT } from './helpers/proc.ts';

const V1 = join(ROOT, 'data/sample/trakt-2026-05-01');
const closed = (): AniListProvider =>
  new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 'anidex-test', maxRetries: 0 });

let anilist: FakeAniList;
before(async () => {
  anilist = await startFakeAniList({ limitPerMinute: 1000 });
});
after(() => anilist.close());

async function sample(demo: boolean): Promise<Warehouse> {
  const wh = await Warehouse.open(mkdtempSync(join(tmpdir(), 'anidex-bundled-')));
  if (demo) await markAsDemo(wh);
  await importTraktExport(wh, V1, { asOf: '2026-05-01T12:00:00.000Z' });
  return wh;
}

test("offline, the demo is enriched from the bundled answers and a person's warehouse stays pending", async () => {
  const demo = await sample(true);
  const own = await sample(false);
  try {
    const d = await enrichTitles(demo, { provider: closed(), offline: true });
    const o = await enrichTitles(own, { provider: closed(), offline: true });
    assert.equal(d.pending, 0);
    assert.ok(d.matched > 20, `${d.matched} matched in the demo`);
    assert.equal(o.pending, o.titles, "every title of the person's warehouse is pending");
    assert.equal(o.matched + o.unmatched, 0);
    assert.equal(
      own.db.get<{ n: number }>('SELECT count(*) AS n FROM api_cache')!.n,
      0,
      "nothing of the bundle was copied into the person's cache",
    );
  } finally {
    demo.close();
    own.close();
  }
});

test("online, a person's lookups all go to their provider: no answer comes from the bundle", async () => {
  const own = await sample(false);
  try {
    anilist.resetCounters();
    anilist.resetRateLimit();
    const r = await enrichTitles(own, {
      provider: new AniListProvider({ url: anilist.url, userAgent: 'anidex-test' }),
    });
    assert.equal(r.pending, 0);
    assert.ok(r.counts.apiCalls > 0 && anilist.requests === r.counts.apiCalls);
    assert.equal(r.counts.cacheHits, 0, 'no answer came from anywhere but the provider');
    const searched = new Set(
      anilist.log
        .flatMap((e) =>
          Object.values((e.json as { variables?: Record<string, unknown> }).variables ?? {}).filter(
            (v): v is string => typeof v === 'string',
          ),
        )
        .map(normalizeTitle),
    );
    const titles = own.db
      .all<{ t: string }>('SELECT DISTINCT title AS t FROM user_watch_history')
      .map((x) => normalizeTitle(x.t));
    assert.deepEqual(
      titles.filter((t) => !searched.has(t)),
      [],
      'every title of the export was searched on the provider',
    );
  } finally {
    own.close();
  }
});

test("copies of the bundled answers an older anidex left in a person's cache are dropped, and nothing else", async () => {
  const own = await sample(false);
  try {
    const bundled = [...bundledAnswers()]
      .slice(0, 40)
      .map(([key, a]) => ({ key, status: a.status, payload: a.payload }));
    const own1 = { key: 'search:my own title', status: 404, payload: null };
    // A row for a bundled key whose payload differs is the provider's own answer: it stays.
    const [k0, a0] = [...bundledAnswers()][41]!;
    const differs = { key: k0, status: 200, payload: (a0.payload ?? '{}').replace(/}$/, ',"x":1}') };
    await own.write((db) =>
      putCached(db, 'anilist', [...bundled, own1, differs], new Date().toISOString(), () => 86_400_000),
    );
    const r = await enrichTitles(own, { provider: closed(), offline: true });
    const keys = new Set(own.db.all<{ k: string }>('SELECT request_key AS k FROM api_cache').map((x) => x.k));
    assert.deepEqual([...keys].sort(), [own1.key, differs.key].sort());
    assert.equal(r.counts.cacheHits <= 1, true);
    assert.ok(enrichedLibrary(own.db).filter((x) => x.matchStatus !== 'pending').length <= 1);
  } finally {
    own.close();
  }
});
