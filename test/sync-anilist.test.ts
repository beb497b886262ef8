// AniList account lists: `anidex import anilist:<user>` and `anidex sync anilist` pull MediaListCollection from a
// fake AniList (beside the metadata queries) and load it through the one loader: SCD2 versions, +0 when unchanged,
// nothing written on failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../src/warehouse/store.ts';
import { syncAniList } from '../src/app/sync.ts';
import { scoreTo10 } from '../src/domain/anilist-list.ts';
import { planItems } from '../src/warehouse/plan.ts';
import { libraryView } from '../src/app/library-view.ts';
import { malList } from '../src/app/export.ts';
import { startFakeAniList, type FakeAniList, type FakeListEntry, type FakeUserList } from './fakes/anilist-server.ts';
import { animeDb } from './fakes/anime-db.ts';
import { ROOT } from './helpers/proc.ts';
import { runCli } from './helpers/run-cli.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'anidex-anilist-'));
const http = { userAgent: 'anidex-test', timeoutMs: 1500, retryBaseMs: 5 };
const anime = animeDb()
  .media.filter((m) => m.type === 'ANIME' && m.idMal)
  .slice(0, 6);

function list(entries: FakeListEntry[], scoreFormat: FakeUserList['scoreFormat'] = 'POINT_100'): FakeUserList {
  return { id: 7, name: 'Mika', scoreFormat, entries };
}

const base = (): FakeListEntry[] => [
  {
    mediaId: anime[0]!.id,
    status: 'COMPLETED',
    score: 85,
    progress: anime[0]!.episodes ?? 12,
    startedAt: { year: 2025, month: 1, day: 3 },
    completedAt: { year: 2025, month: 2, day: null },
    notes: 'loved it',
  },
  { mediaId: anime[1]!.id, status: 'CURRENT', score: 0, progress: 3, customLists: ['Favourites'] },
  { mediaId: anime[2]!.id, status: 'DROPPED', score: 40, progress: 2 },
  { mediaId: anime[3]!.id, status: 'PLANNING' },
  { mediaId: anime[4]!.id, status: 'PAUSED', score: 62, progress: 5, repeat: 1 },
];

let fake: FakeAniList;
before(async () => {
  fake = await startFakeAniList({ lists: { Mika: list(base()) } });
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
});
after(() => fake.close());

const env = () => ({ ANIDEX_ANILIST_URL: fake.url });
const versions = (wh: Warehouse): number => wh.db.get<{ n: number }>('SELECT count(*) AS n FROM user_watch_history')!.n;
const snapshots = (dir: string): number =>
  existsSync(join(dir, 'snapshots')) ? readdirSync(join(dir, 'snapshots')).length : 0;

test('scores in every AniList format become 1-10; 0 is no score', () => {
  assert.equal(scoreTo10(85, 'POINT_100'), 9);
  assert.equal(scoreTo10(7.5, 'POINT_10_DECIMAL'), 8);
  assert.equal(scoreTo10(7, 'POINT_10'), 7);
  assert.equal(scoreTo10(4, 'POINT_5'), 8);
  assert.equal(scoreTo10(1, 'POINT_3'), 3);
  assert.equal(scoreTo10(3, 'POINT_3'), 9);
  assert.equal(scoreTo10(1, 'POINT_100'), 1);
  assert.equal(scoreTo10(0, 'POINT_100'), null);
});

test('a sync loads the list; the same list again writes nothing; each change on AniList is exactly one version', async () => {
  fake.setList('Mika', list(base()));
  const dir = tmp();
  const wh = await Warehouse.open(dir);
  const first = await syncAniList(wh, 'Mika', { env: env(), http, asOf: '2026-01-01T00:00:00.000Z' });
  assert.equal(first.counts.titlesNew, 5);
  assert.equal(first.counts.recordsRead, 5, 'the entry also in a custom list is one entry');
  const row = wh.db.get<{
    user_rating: number;
    mal_status: string;
    first_watched_at: string;
    last_watched_at: string;
    mal_id: number;
  }>(
    'SELECT user_rating, mal_status, first_watched_at, last_watched_at, mal_id FROM user_watch_history WHERE title_key = ?',
    [`anilist:${anime[0]!.id}`],
  );
  assert.deepEqual(row, {
    user_rating: 9,
    mal_status: 'Completed',
    first_watched_at: '2025-01-03',
    last_watched_at: '2025-02',
    mal_id: anime[0]!.idMal,
  });
  assert.ok(
    planItems(wh.db).some((p) => p.malId === anime[3]!.idMal && p.source === 'anilist'),
    'PLANNING joins the plan',
  );
  assert.ok(
    libraryView(wh.db).some((r) => r.sources.includes('anilist')),
    'AniList titles are in the library',
  );
  const snaps = snapshots(dir);

  const again = await syncAniList(wh, 'Mika', { env: env(), http, asOf: '2026-01-02T00:00:00.000Z' });
  assert.equal(again.identical, true);
  assert.equal(versions(wh), 5, '+0 versions');
  assert.equal(snapshots(dir), snaps, 'no snapshot when nothing changed');

  const changed = base();
  changed[0]!.score = 70; // a rating
  changed[1]!.progress = 4; // a new episode
  changed[2]!.status = 'COMPLETED'; // a status
  changed.splice(4, 1); // a removed title
  changed[0]!.notes = 'still love it'; // untracked: no version of its own
  fake.setList('Mika', list(changed));
  const third = await syncAniList(wh, 'Mika', { env: env(), http, asOf: '2026-01-03T00:00:00.000Z' });
  assert.deepEqual([third.counts.titlesChanged, third.counts.titlesDeleted, third.counts.titlesNew], [3, 1, 0]);
  assert.equal(versions(wh), 9);
  assert.deepEqual(third.deletedTitles.length, 1);
  wh.close();
});

test('an unknown or private user, and a server that keeps failing, write nothing', async () => {
  const dir = tmp();
  const wh = await Warehouse.open(dir);
  await assert.rejects(syncAniList(wh, 'nobody', { env: env(), http }), /no public anime list for the user "nobody"/);
  fake.setList('Hidden', { ...list(base()), private: true });
  await assert.rejects(syncAniList(wh, 'Hidden', { env: env(), http }), /no public anime list/);
  fake.inject({ kind: 'http', status: 502 }, 10);
  await assert.rejects(syncAniList(wh, 'Mika', { env: env(), http }), /AniList failed 4 times/);
  fake.clearFaults();
  fake.inject('malformed', 10);
  await assert.rejects(syncAniList(wh, 'Mika', { env: env(), http }), /AniList failed/);
  fake.clearFaults();
  assert.equal(existsSync(join(dir, 'warehouse.sqlite')), false, 'nothing was ever saved');
  wh.close();
});

test('timeouts, 429 with Retry-After, 5xx and a malformed body are retried; the pull then succeeds', async () => {
  fake.setList('Mika', list(base()));
  const wh = await Warehouse.open(tmp());
  fake.inject({ kind: 'rateLimited', retryAfter: 1 });
  fake.inject({ kind: 'http', status: 500 });
  fake.inject('malformed');
  fake.inject('hang');
  const r = await syncAniList(wh, 'Mika', { env: env(), http, asOf: '2026-01-01T00:00:00.000Z' });
  assert.equal(r.counts.titlesNew, 5);
  assert.equal(fake.pendingFaults, 0);
  wh.close();
});

test('a list that moves between two chunks is read again, and an empty list is refused', async () => {
  const many: FakeListEntry[] = animeDb()
    .media.filter((m) => m.type === 'ANIME')
    .slice(0, 101)
    .map((m) => ({ mediaId: m.id, status: 'COMPLETED' as const, progress: 1 }));
  fake.setList('Big', { id: 9, name: 'Big', scoreFormat: 'POINT_10', entries: many });
  let moved = false;
  // Between chunk 1 and chunk 2 an entry is added at the front: chunk 2 repeats the last entry of chunk 1.
  fake.setFaultFn((r) => {
    const vars = (r.json as { variables?: { chunk?: number } } | undefined)?.variables;
    if (vars?.chunk === 2 && !moved) {
      moved = true;
      fake.setList('Big', {
        id: 9,
        name: 'Big',
        scoreFormat: 'POINT_10',
        entries: [{ mediaId: animeDb().media.filter((m) => m.type === 'ANIME')[101]!.id, status: 'PLANNING' }, ...many],
      });
    }
    return null;
  });
  const wh = await Warehouse.open(tmp());
  const r = await syncAniList(wh, 'Big', {
    env: env(),
    http: { ...http, pageSize: 50 },
    asOf: '2026-01-01T00:00:00.000Z',
  });
  fake.setFaultFn(null);
  assert.equal(moved, true);
  assert.equal(r.counts.recordsRead, 102, 'the second, steady read is what was loaded');
  fake.setList('Empty', { id: 10, name: 'Empty', scoreFormat: 'POINT_10', entries: [] });
  await assert.rejects(syncAniList(wh, 'Empty', { env: env(), http }), /came back empty/);
  wh.close();
});

test('anidex import anilist:<user> imports the list; history shows its versions', async () => {
  fake.setList('Mika', list(base()));
  const dir = tmp();
  const r = await runCli(['--data-dir', dir, 'import', 'anilist:Mika', '--as-of', '2026-01-01T00:00:00Z'], env());
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /5 new/);
  const title = animeDb().byId.get(anime[0]!.id)!.title.english ?? animeDb().byId.get(anime[0]!.id)!.title.romaji!;
  const h = await runCli(['--data-dir', dir, 'history', title, '--json']);
  assert.equal(h.code, 0, h.stderr);
  assert.ok(JSON.parse(h.stdout).sources.some((s: { source: string }) => s.source === 'anilist'));
  const bad = await runCli(['--data-dir', dir, 'import', 'anilist:no body'], env());
  assert.equal(bad.code, 2, bad.stderr);
  assert.ok(statSync(join(dir, 'warehouse.sqlite')).size > 0);
});

test('anidex connect anilist, then sync twice: the second writes nothing; doctor names the account, disconnect forgets it', async () => {
  fake.setList('Mika', list(base()));
  const root = tmp();
  const e = {
    ...env(),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_STATE_HOME: join(root, 'state'),
    ANIDEX_DATA_DIR: join(root, 'data'),
  };
  const unknown = await runCli(['connect', 'anilist', 'nobody'], e);
  assert.equal(unknown.code, 1);
  assert.equal(
    existsSync(join(root, 'config', 'anidex', 'settings.json')),
    false,
    'nothing saved for a list that does not answer',
  );
  const c = await runCli(['connect', 'anilist', 'Mika'], e);
  assert.equal(c.code, 0, c.stderr);
  const s1 = await runCli(['sync', 'anilist', '--offline'], e);
  assert.equal(s1.code, 0, s1.stderr);
  assert.match(s1.stdout, /AniList \(Mika\):/);
  const s2 = await runCli(['sync', '--offline'], e);
  assert.match(s2.stdout, /unchanged since the last sync/);
  assert.match(s2.stdout, /0 new, 0 changed/);
  const d = await runCli(['doctor'], e);
  assert.match(d.stdout, /anilist\s+the public list of Mika answers; last synced/);
  assert.equal((await runCli(['disconnect', 'anilist'], e)).code, 0);
  assert.equal((await runCli(['sync'], e)).code, 2, 'nothing connected any more');
});

test('a MyAnimeList export of an AniList-only warehouse writes the AniList list: status, progress, score, rewatches, partial dates, notes', async () => {
  fake.setList('Mika', list(base()));
  const wh = await Warehouse.open(tmp());
  await syncAniList(wh, 'Mika', { env: env(), http, asOf: '2026-01-01T00:00:00.000Z' });
  const out = malList(wh.db);
  assert.deepEqual(
    out.origins,
    { mal: 0, anilist: 5, trakt: 0, plan: 0 },
    'the PLANNING entry is written once, from AniList',
  );
  const byId = new Map(out.entries.map((e) => [e.malId, e]));
  const done = byId.get(anime[0]!.idMal!)!;
  assert.deepEqual(
    [done.status, done.watchedEpisodes, done.score, done.startDate, done.finishDate, done.comments],
    ['Completed', anime[0]!.episodes ?? 12, 9, '2025-01-03', '2025-02-00', 'loved it'],
  );
  assert.deepEqual([byId.get(anime[1]!.idMal!)!.status, byId.get(anime[1]!.idMal!)!.score], ['Watching', null]);
  assert.equal(byId.get(anime[2]!.idMal!)!.status, 'Dropped');
  assert.equal(byId.get(anime[3]!.idMal!)!.status, 'Plan to Watch');
  const paused = byId.get(anime[4]!.idMal!)!;
  assert.deepEqual([paused.status, paused.timesWatched, paused.score], ['On-Hold', 1, 6]);
  assert.equal(out.notExported.length, 0);
  wh.close();
});
