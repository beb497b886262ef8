// MyAnimeList exports in the warehouse: bronze/silver/gold with the SCD2 rules, one library with Trakt,
// plan to watch, dropped titles, idempotent re-imports, and the CLI.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Warehouse } from '../src/warehouse/store.ts';
import { importMalExport } from '../src/app/import-mal.ts';
import { importSample } from '../src/app/sample.ts';
import { enrichTitles } from '../src/app/enrich.ts';
import { libraryView } from '../src/app/library-view.ts';
import { titleView } from '../src/app/title-view.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { droppedMalIds, historyMalIds, watchedAnime } from '../src/warehouse/enrichment.ts';
import { planItems, removePlanItem } from '../src/warehouse/plan.ts';
import { statsView } from '../src/app/stats-view.ts';
import { ROOT } from './helpers/proc.ts';
import { demoDataDir, markAsDemo } from './helpers/demo-warehouse.ts';

const REAL = join(ROOT, 'test/fixtures/mal/animelist_1734298612_-_16433979.xml');
const LEGACY = join(ROOT, 'test/fixtures/mal/legacy-schema.xml');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'anidex-mal-'));
const offline = () => new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 'anidex-test' });

/** The real export with one entry's fields changed (a later export of the same list). */
function edited(edit: (xml: string) => string): string {
  const path = join(tmp(), 'animelist_2_-_16433979.xml');
  writeFileSync(path, edit(readFileSync(REAL, 'utf8')));
  return path;
}

function count(wh: Warehouse, sql: string): number {
  return wh.db.get<{ n: number }>(sql)!.n;
}

before(() => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
});

test('a MAL export lands in bronze, silver and gold; a re-import of the same file changes nothing', async () => {
  const wh = await Warehouse.open(tmp());
  const r = await importMalExport(wh, REAL, { asOf: '2026-01-01T00:00:00.000Z' });
  assert.equal(r.counts.titlesNew, 506);
  assert.equal(r.skipped.length, 0);
  assert.equal(count(wh, 'SELECT count(*) AS n FROM bronze_mal_anime'), 506);
  assert.equal(count(wh, 'SELECT count(*) AS n FROM silver_mal_entries'), 506);
  assert.equal(
    count(wh, "SELECT count(*) AS n FROM user_watch_history WHERE title_key LIKE 'mal:%' AND is_current = 1"),
    506,
  );
  const oshi = wh.db.get<{ status: string; rating: number; eps: number; last: string; mal: number }>(
    "SELECT mal_status AS status, user_rating AS rating, episodes_watched AS eps, last_watched_at AS last, mal_id AS mal FROM user_watch_history WHERE title_key = 'mal:52034'",
  )!;
  assert.deepEqual(oshi, { status: 'Completed', rating: 8, eps: 11, last: '2024-10-07', mal: 52034 });
  // Named by the export: matched without a search.
  assert.equal(
    count(wh, "SELECT count(*) AS n FROM title_match WHERE method = 'mal-export' AND status = 'matched'"),
    506,
  );
  // Plan to Watch joins the plan once.
  assert.equal(planItems(wh.db).filter((p) => p.source === 'mal').length, 15);

  const again = await importMalExport(wh, REAL, { asOf: '2026-02-01T00:00:00.000Z' });
  assert.equal(again.identical, true);
  assert.equal(count(wh, 'SELECT count(*) AS n FROM user_watch_history'), 506);
  assert.equal(planItems(wh.db).filter((p) => p.source === 'mal').length, 15);
  wh.close();
});

test('a later MAL export versions what changed: score, status, episodes, rewatches; a missing entry is marked deleted', async () => {
  const wh = await Warehouse.open(tmp());
  await importMalExport(wh, REAL, { asOf: '2026-01-01T00:00:00.000Z' });
  const later = edited((x) =>
    x
      .replace(
        '<series_animedb_id>52034</series_animedb_id>',
        '<series_animedb_id>52034</series_animedb_id><!-- edited -->',
      )
      .replace(/(<series_animedb_id>52034<\/series_animedb_id>[\s\S]*?<my_score>)8(<\/my_score>)/, '$19$2')
      .replace(
        /(<series_animedb_id>52034<\/series_animedb_id>[\s\S]*?<my_times_watched>)0(<\/my_times_watched>)/,
        '$11$2',
      )
      .replace(/<anime>\s*<series_animedb_id>55791<\/series_animedb_id>[\s\S]*?<\/anime>/, ''),
  );
  const r = await importMalExport(wh, later, { asOf: '2026-03-01T00:00:00.000Z' });
  assert.deepEqual([r.counts.titlesNew, r.counts.titlesChanged, r.counts.titlesDeleted], [0, 1, 1]);
  const v = titleView(wh.db, 'mal:52034').versions;
  assert.equal(v.length, 2);
  assert.equal(v[0]!.userRating, 9);
  assert.equal(v[1]!.validTo, v[0]!.validFrom);
  assert.equal(v[0]!.timesWatched, 1);
  assert.equal(titleView(wh.db, 'mal:55791').versions[0]!.isDeleted, true);
  wh.close();
});

test('the legacy schema imports too, and a gzip file', async () => {
  const dir = tmp();
  const gz = join(dir, 'animelist_1_-_1.xml.gz');
  writeFileSync(gz, gzipSync(readFileSync(LEGACY)));
  const wh = await Warehouse.open(dir);
  const r = await importMalExport(wh, gz, { asOf: '2026-01-01T00:00:00.000Z' });
  assert.equal(r.counts.titlesNew, 3);
  assert.equal(
    wh.db.get<{ t: number }>("SELECT times_watched AS t FROM user_watch_history WHERE title_key = 'mal:1'")!.t,
    2,
  );
  wh.close();
});

test('one library with Trakt: a matched Trakt title and its MAL entry are one title; each source keeps its values; Trakt titles are never deleted by a MAL import', async () => {
  const wh = await Warehouse.open(tmp());
  await markAsDemo(wh); // enriched offline from the sample's bundled answers
  await importSample(wh);
  await enrichTitles(wh, { provider: offline(), offline: true });
  const traktBefore = count(wh, "SELECT count(*) AS n FROM user_watch_history WHERE title_key LIKE 'trakt:%'");
  const libBefore = libraryView(wh.db);
  await importMalExport(wh, REAL);
  assert.equal(
    count(wh, "SELECT count(*) AS n FROM user_watch_history WHERE title_key LIKE 'trakt:%'"),
    traktBefore,
    'a MAL import writes no Trakt version',
  );
  const lib = libraryView(wh.db);
  const both = lib.filter((x) => x.sources.length === 2);
  assert.ok(both.length > 10, 'the sample and the real list share many anime');
  const ids = lib.map((x) => x.malId).filter((x) => x !== null);
  assert.equal(new Set(ids).size, ids.length, 'no anime twice');
  // Plan to Watch entries are on the plan, not in the library.
  assert.ok(!lib.some((x) => x.malStatus === 'Plan to Watch'));
  const malOnly = lib.filter((x) => x.sources.length === 1 && x.sources[0] === 'mal').length;
  assert.equal(lib.length, libBefore.length + malOnly);
  // Which value wins: MAL's score, Trakt's plays; both ratings kept.
  const pair = both.find((x) => x.ratings.trakt !== x.ratings.mal && x.ratings.mal !== null)!;
  assert.ok(pair, 'a title the two sources rate differently');
  assert.equal(pair.userRating, pair.ratings.mal);
  assert.ok((pair.totalPlays ?? 0) > 0);
  // The title screen shows both sources.
  const view = titleView(wh.db, pair.titleKey);
  assert.deepEqual(
    view.sources.map((s) => s.source),
    ['trakt', 'mal'],
  );
  // Stats: one library, each title once; plays stay Trakt's.
  const s = statsView(wh.db);
  assert.equal(s.titles, lib.length);
  assert.deepEqual(s.sources, { traktOnly: lib.length - both.length - malOnly, malOnly, both: both.length });
  assert.equal(s.history!.plays, count(wh, 'SELECT count(*) AS n FROM silver_plays'), 'a MAL import adds no play');
  wh.close();
});

test("the recommender: Dropped entries are exclusions, Plan to Watch is not watched, one source entry per anime with MAL's score", async () => {
  const wh = await Warehouse.open(tmp());
  await markAsDemo(wh);
  await importSample(wh);
  await enrichTitles(wh, { provider: offline(), offline: true });
  await importMalExport(wh, REAL);
  const dropped = [
    ...wh.db.all<{ m: number }>("SELECT mal_id AS m FROM silver_mal_entries WHERE status = 'Dropped'"),
  ].map((r) => r.m);
  const ptw = wh.db
    .all<{ m: number }>("SELECT mal_id AS m FROM silver_mal_entries WHERE status = 'Plan to Watch'")
    .map((r) => r.m);
  const d = droppedMalIds(wh.db);
  assert.equal(dropped.length, 23);
  for (const id of dropped) assert.ok(d.has(id));
  const watched = watchedAnime(wh.db);
  const ids = watched.map((w) => w.malId);
  assert.equal(new Set(ids).size, ids.length);
  const inTrakt = (id: number) =>
    !!wh.db.get("SELECT 1 AS x FROM user_watch_history WHERE mal_id = ? AND title_key LIKE 'trakt:%'", [id]);
  for (const id of ptw) if (!inTrakt(id)) assert.ok(!ids.includes(id), 'Plan to Watch is not watched');
  const seen = historyMalIds(wh.db);
  for (const id of ptw) if (!inTrakt(id)) assert.ok(!seen.has(id));
  const scored = wh.db.get<{ m: number; s: number }>(
    "SELECT s.mal_id AS m, s.score AS s FROM silver_mal_entries s JOIN user_watch_history h ON h.mal_id = s.mal_id AND h.title_key LIKE 'trakt:%' AND h.is_current = 1 WHERE s.score IS NOT NULL AND s.score <> coalesce(h.user_rating, -1) LIMIT 1",
  );
  if (scored) assert.equal(watched.find((w) => w.malId === scored.m)!.userRating, scored.s);
  wh.close();
});

test('a MAL Plan to Watch item removed from the plan stays removed on the next import', async () => {
  const wh = await Warehouse.open(tmp());
  await importMalExport(wh, REAL, { asOf: '2026-01-01T00:00:00.000Z' });
  const item = planItems(wh.db).find((p) => p.source === 'mal')!;
  await wh.write((db) => removePlanItem(db, item.id));
  await importMalExport(
    wh,
    edited((x) => x.replace('<user_total_anime>506', '<user_total_anime>507')),
    { asOf: '2026-02-01T00:00:00.000Z' },
  );
  assert.ok(!planItems(wh.db).some((p) => p.malId === item.malId));
  wh.close();
});

function anidex(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('CLI: anidex import takes a MAL file, reports totals that disagree, refuses a manga list and leaves the warehouse alone', () => {
  const d = tmp();
  const ok = anidex(d, 'import', REAL, '--offline');
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /titles: 506 new/);
  const diff = anidex(d, 'import', join(ROOT, 'test/fixtures/mal/totals-differ.xml'), '--offline');
  assert.equal(diff.code, 0, diff.err);
  assert.match(diff.out, /myinfo|declares|says/i);
  const before = readFileSync(join(d, 'warehouse.sqlite'));
  const manga = anidex(d, 'import', join(ROOT, 'test/fixtures/mal/manga.xml'), '--offline');
  assert.equal(manga.code, 1);
  assert.match(manga.err, /manga/i);
  assert.ok(
    readFileSync(join(d, 'warehouse.sqlite')).equals(before),
    'a refused file leaves the warehouse byte for byte',
  );
  const lib = anidex(d, 'library', '--json');
  const rows = JSON.parse(lib.out) as Array<{ sources: string[] }>;
  assert.ok(rows.every((r) => r.sources.includes('mal')));
});

test('CLI: history shows both sources of one anime; match only ever names the Trakt title', async () => {
  const d = await demoDataDir('anidex-mal-');
  assert.equal(anidex(d, 'import', join(ROOT, 'data/sample/trakt-2026-05-01'), '--offline').code, 0);
  assert.equal(anidex(d, 'import', REAL, '--offline').code, 0);
  const h = anidex(d, 'history', 'Frieren');
  assert.equal(h.code, 0, h.err);
  assert.match(h.out, /trakt:show:\d+ \+ mal:52991/);
  assert.match(h.out, /^Trakt: \d+ versions?/m);
  assert.match(h.out, /^MyAnimeList: 1 version/m);
  const j = JSON.parse(anidex(d, 'history', 'Frieren', '--json').out) as { sources: Array<{ source: string }> };
  assert.deepEqual(
    j.sources.map((s) => s.source),
    ['trakt', 'mal'],
  );
  const m = anidex(d, 'match', 'Frieren', '52991', '--offline');
  assert.equal(m.code, 0, m.err);
});
