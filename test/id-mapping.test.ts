// The community id mapping (issue 13, item 1): reading its layout, looking titles up by TVDB/TMDb/IMDb id, seasons and
// parts of seasons, and keeping the file in the cache folder (download on first need, weekly refresh, offline use,
// never a failure when it cannot be had), against a fake of the published file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdMapping, readMappingEntry, readMappingFile } from '../src/enrich/id-mapping.ts';
import {
  describeMapping,
  loadMapping,
  summarizeMapping,
  INDEX_FILE,
  MAPPING_DIR,
  MAPPING_FILE,
} from '../src/enrich/mapping-store.ts';
import { coverage, partLabel, partOf } from '../src/domain/season-parts.ts';
import { startFakeMapping, type FakeMapping } from './fakes/mapping-server.ts';
import { ROOT } from './helpers/proc.ts';

const FIXTURE = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/mapping/anime-list-full.json'), 'utf8')) as unknown[];
const mapping = (): IdMapping => new IdMapping(readMappingFile(FIXTURE)!, '2026-11-20T06:00:00.000Z');

test('entries are read in the published layout and in the older one; entries with no usable id are dropped', () => {
  assert.deepEqual(
    readMappingEntry({
      anidb_id: 14444,
      mal_id: 38524,
      themoviedb_id: { tv: 1429 },
      tvdb_id: 267440,
      season: { tvdb: 3, tmdb: 3 },
      episode_offset: { tvdb: 12, tmdb: 12 },
    }),
    {
      malId: 38524,
      anilistId: null,
      tvdbId: 267440,
      tmdbTv: 1429,
      tmdbMovies: [],
      imdbIds: [],
      tvdbSeason: 3,
      tmdbSeason: 3,
      tvdbOffset: 12,
      tmdbOffset: 12,
    },
  );
  // Older copies: thetvdb_id, a bare themoviedb_id with the type, one imdb_id string.
  const old = readMappingEntry({
    mal_id: 5,
    thetvdb_id: 76885,
    themoviedb_id: 11299,
    type: 'MOVIE',
    imdb_id: 'tt0275277',
  })!;
  assert.deepEqual([old.tvdbId, old.tmdbMovies, old.tmdbTv, old.imdbIds], [76885, [11299], null, ['tt0275277']]);
  assert.equal(
    readMappingEntry({ anidb_id: 1, mal_id: 2, themoviedb_id: {} }),
    null,
    'no TVDB, TMDb or IMDb id: nothing to look up',
  );
  assert.equal(readMappingEntry({ mal_id: 'x', tvdb_id: -3, imdb_id: ['nope'], themoviedb_id: { tv: null } }), null);
  assert.equal(readMappingFile({ not: 'an array' }), null);
  assert.equal(readMappingFile(FIXTURE)!.length, 18);
});

test("a show by its TVDB id: one MAL entry per season, or per part of a season; the first season is the title's", () => {
  const v = mapping().lookup({ kind: 'show', tvdbId: 267440, tmdbId: 1429, imdbId: 'tt2560140' });
  assert.equal(v.kind, 'mapped');
  if (v.kind !== 'mapped') return;
  assert.deepEqual([v.via, v.id, v.mainMalId], ['tvdb', '267440', 16498]);
  assert.deepEqual(
    v.parts.filter((p) => p.season !== 0).map((p) => [p.season, p.offset, p.malId]),
    [
      [1, 0, 16498],
      [2, 0, 25777],
      [3, 0, 35760],
      [3, 12, 38524],
      [4, 0, 40028],
      [4, 16, 48583],
      [4, 28, 51535],
    ],
  );
  const at = (s: number, e: number) => partOf(v.parts, s, e)?.malId ?? null;
  assert.equal(at(3, 12), 35760);
  assert.equal(at(3, 13), 38524, "the third season's second part starts after episode 12");
  assert.equal(at(4, 30), 51535);
  assert.equal(at(5, 1), null, 'a season the mapping does not know yet belongs to no entry');
  assert.equal(at(0, 1), 36702, 'the one special that starts there');
});

test('absolute numbering, and TVDB and TMDb seasons that differ', () => {
  const m = mapping();
  const op = m.lookup({ kind: 'show', tvdbId: 81797, tmdbId: null, imdbId: null });
  assert.ok(op.kind === 'mapped' && op.mainMalId === 21);
  if (op.kind === 'mapped') {
    assert.equal(partOf(op.parts, 5, 131)?.malId, 21, 'every regular season of an absolutely numbered show');
    assert.equal(partOf(op.parts, 0, 2)?.malId, 459, 'the film among its specials');
    assert.equal(partOf(op.parts, 0, 3)?.malId, undefined, 'a special the film does not cover');
  }
  const bleach = m.lookup({ kind: 'show', tvdbId: 74796, tmdbId: 30984, imdbId: null });
  assert.ok(bleach.kind === 'mapped');
  if (bleach.kind === 'mapped') {
    assert.equal(bleach.mainMalId, 269);
    assert.equal(partOf(bleach.parts, 3, 10)?.malId, 269);
    assert.equal(partOf(bleach.parts, 17, 14)?.malId, 53998);
  }
  // Without a TVDB id, TMDb's numbering: Thousand-Year Blood War is its season 2.
  const byTmdb = m.lookup({ kind: 'show', tvdbId: null, tmdbId: 30984, imdbId: null });
  assert.ok(byTmdb.kind === 'mapped' && byTmdb.via === 'tmdb');
  if (byTmdb.kind === 'mapped') assert.equal(partOf(byTmdb.parts, 2, 1)?.malId, 41467);
});

test('films by TMDb id, else IMDb id; anime without a MAL entry; ids the mapping lacks; no ids at all', () => {
  const m = mapping();
  const yourName = m.lookup({ kind: 'movie', tvdbId: null, tmdbId: 372058, imdbId: null });
  assert.ok(yourName.kind === 'mapped' && yourName.mainMalId === 32281 && yourName.via === 'tmdb');
  const bebop = m.lookup({ kind: 'movie', tvdbId: null, tmdbId: 11299, imdbId: 'tt0275277' });
  assert.ok(
    bebop.kind === 'mapped' && bebop.mainMalId === 5 && bebop.via === 'imdb',
    'by IMDb when TMDb does not know it',
  );
  assert.equal(m.lookup({ kind: 'movie', tvdbId: null, tmdbId: 51482, imdbId: null }).kind, 'anime-without-mal');
  assert.equal(m.lookup({ kind: 'show', tvdbId: 81189, tmdbId: 1396, imdbId: 'tt0903747' }).kind, 'absent');
  assert.equal(
    m.lookup({ kind: 'show', tvdbId: null, tmdbId: null, imdbId: 'tt0903747' }).kind,
    'no-ids',
    'a show is not looked up by IMDb id',
  );
});

test("elsewhere: the mapping places an anime on other ids than a title's (a remake, a namesake), or not", () => {
  const m = mapping();
  assert.equal(m.elsewhere(1, { kind: 'show', tvdbId: 910001, tmdbId: null, imdbId: null }), 'TVDB id 76885');
  assert.equal(m.elsewhere(1, { kind: 'show', tvdbId: null, tmdbId: 920001, imdbId: null }), 'TMDb id 30991');
  assert.equal(m.elsewhere(1, { kind: 'show', tvdbId: 76885, tmdbId: null, imdbId: null }), null);
  assert.equal(m.elsewhere(32281, { kind: 'movie', tvdbId: null, tmdbId: 999, imdbId: null }), 'TMDb id 372058');
  assert.equal(
    m.elsewhere(5, { kind: 'movie', tvdbId: null, tmdbId: 11299, imdbId: 'tt0275277' }),
    null,
    'no TMDb film in the mapping, and the IMDb id agrees',
  );
  assert.equal(
    m.elsewhere(99999999, { kind: 'show', tvdbId: 1, tmdbId: 1, imdbId: null }),
    null,
    'an anime the mapping does not have',
  );
});

test("coverage: a show's plays per MAL entry, distinct episodes, dates; labels of the parts", () => {
  const v = mapping().lookup({ kind: 'show', tvdbId: 267440, tmdbId: null, imdbId: null });
  assert.ok(v.kind === 'mapped');
  if (v.kind !== 'mapped') return;
  const plays = [
    ...Array.from({ length: 25 }, (_, i) => ({
      season: 1,
      episode: i + 1,
      watchedAt: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T20:00:00.000Z`,
    })),
    { season: 1, episode: 1, watchedAt: '2024-06-01T20:00:00.000Z' }, // a rewatch
    ...Array.from({ length: 15 }, (_, i) => ({ season: 3, episode: i + 1, watchedAt: '2024-07-01T20:00:00.000Z' })),
  ];
  const c = coverage(v.parts, plays);
  const row = (mal: number) => c.find((x) => x.malId === mal)!;
  assert.deepEqual(
    [row(16498).episodesWatched, row(16498).plays, row(16498).lastWatchedAt],
    [25, 26, '2024-06-01T20:00:00.000Z'],
  );
  assert.equal(row(25777).episodesWatched, 0);
  assert.deepEqual([row(35760).episodesWatched, row(38524).episodesWatched], [12, 3]);
  assert.deepEqual(c.map((x) => x.malId).slice(0, 3), [16498, 25777, 35760], 'in the order of the show, specials last');
  const s3 = v.parts.filter((p) => p.season === 3);
  assert.equal(partLabel(s3[0]!, s3[1]), 'S3 1–12');
  assert.equal(partLabel(s3[1]!, undefined), 'S3 13–');
  assert.equal(
    partLabel(
      v.parts.find((p) => p.season === 1)!,
      undefined,
    ),
    'S1',
  );
});

// ---- the file in the cache folder -------------------------------------------------------------------------------

let fake: FakeMapping;
before(async () => {
  fake = await startFakeMapping(FIXTURE);
});
after(() => fake.close());

const cache = (): string => mkdtempSync(join(tmpdir(), 'anidex-mapping-'));
const load = (cacheDir: string, extra: Partial<Parameters<typeof loadMapping>[0]> = {}) =>
  loadMapping({ cacheDir, url: fake.url, userAgent: 'anidex-test', timeoutMs: 2000, ...extra });

test('downloaded on first need and kept with its date; then used as kept, offline too', async () => {
  fake.setFault(null);
  const dir = cache();
  const before = fake.log.length;
  const first = await load(dir);
  assert.equal(first.state, 'downloaded');
  assert.equal(first.datedAt, '2026-11-20T06:00:00.000Z', 'the date the file was published (its Last-Modified)');
  assert.equal(first.mapping?.malEntries, 16);
  assert.ok(existsSync(join(dir, MAPPING_DIR, MAPPING_FILE)) && existsSync(join(dir, MAPPING_DIR, INDEX_FILE)));
  assert.match(
    describeMapping(summarizeMapping(first)),
    /^Id mapping: downloaded \(16 MyAnimeList entries, published 2026-11-20\)\.$/,
  );
  const again = await load(dir);
  assert.equal(again.state, 'cached');
  const offline = await load(dir, { offline: true });
  assert.equal(offline.state, 'cached');
  assert.equal(offline.mapping?.lookup({ kind: 'show', tvdbId: 267440, tmdbId: null, imdbId: null }).kind, 'mapped');
  assert.equal(fake.log.length - before, 1, 'one download, nothing more');
});

test('refreshed after a week with a conditional request (unchanged: not sent again), or at once when asked', async () => {
  fake.setFault(null);
  const dir = cache();
  const t0 = Date.parse('2026-12-01T00:00:00Z');
  await load(dir, { now: () => new Date(t0) });
  const n = fake.log.length;
  assert.equal(
    (await load(dir, { now: () => new Date(t0 + 6 * 86_400_000) })).state,
    'cached',
    'six days: used as kept',
  );
  const week = await load(dir, { now: () => new Date(t0 + 8 * 86_400_000) });
  assert.equal(week.state, 'unchanged');
  assert.equal(fake.log.at(-1)!.status, 304);
  assert.ok(fake.log.at(-1)!.ifNoneMatch, 'asked with the ETag it kept');
  assert.equal(
    (await load(dir, { now: () => new Date(t0 + 9 * 86_400_000) })).state,
    'cached',
    'the check counts as a refresh',
  );
  fake.setEntries(
    [...FIXTURE, { anidb_id: 99999, mal_id: 99999, tvdb_id: 999999, themoviedb_id: { tv: 999999 } }],
    new Date('2026-12-05T00:00:00Z'),
  );
  const forced = await load(dir, { refresh: true, now: () => new Date(t0 + 9 * 86_400_000) });
  assert.equal(forced.state, 'refreshed');
  assert.equal(forced.mapping?.lookup({ kind: 'show', tvdbId: 999999, tmdbId: null, imdbId: null }).kind, 'mapped');
  assert.equal(fake.log.length - n, 2);
  fake.setEntries(FIXTURE, new Date('2026-11-20T06:00:00Z'));
});

test('never a failure: unreachable, broken or wrong answers leave the kept copy in use, or none, and say why', async () => {
  const dir = cache();
  fake.setFault('http500');
  const none = await load(dir);
  assert.equal(none.state, 'unavailable');
  assert.equal(none.mapping, null);
  assert.match(
    describeMapping(summarizeMapping(none)),
    /^Id mapping: none \(.*HTTP 500\); titles are matched by name only\.$/,
  );
  const closed = await loadMapping({
    cacheDir: dir,
    url: 'http://127.0.0.1:9/anime-list-full.json',
    userAgent: 't',
    timeoutMs: 2000,
  });
  assert.equal(closed.state, 'unavailable');
  assert.match(closed.problem ?? '', /could not be reached \(ECONNREFUSED\)/);
  assert.equal((await load(cache(), { offline: true })).state, 'unavailable', 'offline and never downloaded');

  fake.setFault(null);
  await load(dir, { now: () => new Date('2026-12-01T00:00:00Z') });
  const kept = readFileSync(join(dir, MAPPING_DIR, MAPPING_FILE));
  for (const f of ['hang', 'not-json', 'html', 'empty-array'] as const) {
    fake.setFault(f);
    const r = await load(dir, { refresh: true, timeoutMs: 500 });
    assert.equal(r.state, 'stale', f);
    assert.ok(r.mapping, `${f}: the kept copy is used`);
    assert.ok(readFileSync(join(dir, MAPPING_DIR, MAPPING_FILE)).equals(kept), `${f}: the kept file is untouched`);
  }
  fake.setFault(null);
});

test('a damaged index is rebuilt from the kept file, without the network', async () => {
  fake.setFault(null);
  const dir = cache();
  await load(dir);
  writeFileSync(join(dir, MAPPING_DIR, INDEX_FILE), '{"version": 1, "entr');
  const r = await load(dir, { offline: true });
  assert.equal(r.state, 'cached');
  assert.equal(r.mapping?.malEntries, 16);
  assert.ok(JSON.parse(readFileSync(join(dir, MAPPING_DIR, INDEX_FILE), 'utf8')).entries.length === 18);
});

test('a show numbered absolutely with several MAL entries: split by their offsets into the whole run', () => {
  const parts = [
    { season: null, offset: 0, malId: 6702 },
    { season: null, offset: 175, malId: 22043 },
  ];
  assert.equal(partOf(parts, 1, 175)?.malId, 6702);
  assert.equal(partOf(parts, 1, 176)?.malId, 22043, 'numbered absolutely within one season');
  // Numbered by TVDB seasons: the seasons before count as long as the furthest episode watched of each.
  const plays = [
    ...Array.from({ length: 175 }, (_, i) => ({
      season: 1 + Math.floor(i / 35),
      episode: 1 + (i % 35),
      watchedAt: null,
    })),
    { season: 6, episode: 1, watchedAt: null },
    { season: 6, episode: 2, watchedAt: null },
  ];
  const c = coverage(parts, plays);
  assert.deepEqual(
    c.map((x) => [x.malId, x.episodesWatched]),
    [
      [6702, 175],
      [22043, 2],
    ],
  );
});
