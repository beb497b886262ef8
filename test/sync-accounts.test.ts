// Account sync through the CLI against fake MyAnimeList and Trakt servers: connect (the Trakt device flow
// included), sync twice (+0 versions the second time), change the account and sync again (exactly those versions),
// faults that write nothing, tokens refreshed and never shown, doctor, disconnect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeMalApi, type FakeMalApi, type FakeMalEntry } from './fakes/mal-api-server.ts';
import { startFakeTrakt, type FakeTrakt, type FakeTraktAccount } from './fakes/trakt-server.ts';
import { startFakeAniList, type FakeAniList } from './fakes/anilist-server.ts';
import { ROOT } from './helpers/proc.ts';
import { runCli } from './helpers/run-cli.ts';

const CLIENT_ID = 'mal-client-0123456789';
const TRAKT_ID = 'trakt-client-abcdef';
const TRAKT_SECRET = 'trakt-secret-must-never-show-9f8e7d';
const V1 = join(ROOT, 'data/sample/trakt-2026-05-01');
const readJson = (f: string): unknown[] => JSON.parse(readFileSync(join(V1, f), 'utf8')) as unknown[];

const malEntries = (): FakeMalEntry[] => [
  {
    id: 5114,
    title: 'Fullmetal Alchemist: Brotherhood',
    num_episodes: 64,
    media_type: 'tv',
    list_status: {
      status: 'completed',
      score: 10,
      num_episodes_watched: 64,
      start_date: '2024-01-02',
      finish_date: '2024-03-01',
    },
  },
  {
    id: 9253,
    title: 'Steins;Gate',
    num_episodes: 24,
    media_type: 'tv',
    list_status: { status: 'watching', score: 8, num_episodes_watched: 10 },
  },
  {
    id: 199,
    title: 'Sen to Chihiro no Kamikakushi',
    num_episodes: 1,
    media_type: 'movie',
    list_status: { status: 'completed', score: 9, num_episodes_watched: 1 },
  },
  {
    id: 1535,
    title: 'Death Note',
    num_episodes: 37,
    media_type: 'tv',
    list_status: { status: 'dropped', score: 5, num_episodes_watched: 7 },
  },
  {
    id: 32281,
    title: 'Kimi no Na wa.',
    num_episodes: 1,
    media_type: 'movie',
    list_status: { status: 'plan_to_watch' },
  },
];

const traktAccount = (): FakeTraktAccount => ({
  username: 'fake-fan',
  history: [1, 2, 3, 4].flatMap((n) => readJson(`watched-history-${n}.json`)),
  ratings: [
    ...readJson('ratings-shows.json'),
    ...readJson('ratings-movies.json'),
    ...readJson('ratings-episodes.json'),
  ],
  watchlist: readJson('lists-watchlist.json'),
});

let mal: FakeMalApi;
let trakt: FakeTrakt;
let anilist: FakeAniList;
before(async () => {
  mal = await startFakeMalApi({ mika: { entries: malEntries() } });
  mal.setClientIds([CLIENT_ID]);
  trakt = await startFakeTrakt({ clientId: TRAKT_ID, clientSecret: TRAKT_SECRET, account: traktAccount() });
  anilist = await startFakeAniList(); // enrichment after a sync asks it; no list is connected there
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
});
after(async () => {
  await Promise.all([mal.close(), trakt.close(), anilist.close()]);
});

function home() {
  const root = mkdtempSync(join(tmpdir(), 'anidex-sync-'));
  const env = {
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_STATE_HOME: join(root, 'state'),
    XDG_CACHE_HOME: join(root, 'cache'),
    ANIDEX_DATA_DIR: join(root, 'data'),
    ANIDEX_MAL_URL: mal.url,
    ANIDEX_TRAKT_URL: trakt.url,
    ANIDEX_ANILIST_URL: anilist.url,
    ANIDEX_PROVIDER_TIMEOUT_MS: '2000',
    ANIDEX_RETRY_BASE_MS: '5',
  };
  return { root, env };
}

const versionsOf = async (env: Record<string, string>, title: string) => {
  const h = await runCli(['history', title, '--json'], env);
  assert.equal(h.code, 0, h.stderr);
  return (JSON.parse(h.stdout) as { versions: unknown[] }).versions.length;
};

function allFilesText(dir: string): string {
  let out = '';
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile())
      out += readFileSync(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).toString('latin1');
  }
  return out;
}

test('MyAnimeList: connect, sync twice (+0), change the list and sync: history shows exactly those versions', async () => {
  mal.setUser('mika', { entries: malEntries() });
  const { env } = home();
  const none = await runCli(['sync'], env);
  assert.equal(none.code, 2, 'nothing connected is a usage error');
  const bad = await runCli(['connect', 'mal', 'mika', '--client-id', 'wrong'], env);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /refused the client id/);
  assert.doesNotMatch(bad.stderr, /wrong/, 'the client id is not echoed');
  const c = await runCli(['connect', 'mal', 'mika', '--client-id', CLIENT_ID], env);
  assert.equal(c.code, 0, c.stderr);
  const s1 = await runCli(['sync', '--json'], env);
  assert.equal(s1.code, 0, s1.stderr);
  const r1 = JSON.parse(s1.stdout);
  assert.equal(r1.accounts[0].result.counts.titlesNew, 5);
  const s2 = await runCli(['sync', 'mal', '--json'], env);
  const r2 = JSON.parse(s2.stdout);
  assert.equal(r2.accounts[0].result.identical, true);
  assert.equal(r2.accounts[0].result.counts.titlesNew + r2.accounts[0].result.counts.titlesChanged, 0);
  // Each snapshot is a .sqlite copy and its .json description.
  const snapshots = (): number =>
    existsSync(join(env.ANIDEX_DATA_DIR, 'snapshots'))
      ? readdirSync(join(env.ANIDEX_DATA_DIR, 'snapshots')).filter((f) => f.endsWith('.sqlite')).length
      : 0;
  const snaps = snapshots();

  const changed = malEntries();
  changed[0]!.list_status.score = 9; // a rating
  changed[1]!.list_status.num_episodes_watched = 11; // a new episode
  changed[3]!.list_status.status = 'on_hold'; // a status
  changed.splice(2, 1); // a removed title
  mal.setUser('mika', { entries: changed });
  const s3 = await runCli(['sync', '--quiet', '--offline'], env);
  assert.equal(s3.code, 0, s3.stderr);
  assert.equal(s3.stdout, '', '--quiet prints nothing on success');
  assert.equal(snapshots(), snaps + 1, 'a snapshot before the change');
  assert.equal(await versionsOf(env, 'Fullmetal Alchemist: Brotherhood'), 2);
  assert.equal(await versionsOf(env, 'Steins;Gate'), 2);
  assert.equal(await versionsOf(env, 'Death Note'), 2);
  assert.equal(await versionsOf(env, 'Sen to Chihiro no Kamikakushi'), 2, 'removed: a deletion marker');
  assert.equal(await versionsOf(env, 'Kimi no Na wa.'), 1);
});

test('MyAnimeList faults: 429 with Retry-After, 5xx, timeouts and malformed bodies are retried; a server that keeps failing writes nothing (exit 1)', async () => {
  mal.setUser('mika', { entries: malEntries() });
  const { env } = home();
  assert.equal((await runCli(['connect', 'mal', 'mika', '--client-id', CLIENT_ID], env)).code, 0);
  mal.inject({ kind: 'rateLimited', retryAfter: 1 });
  mal.inject({ kind: 'http', status: 503 });
  mal.inject('malformed');
  mal.inject('hang');
  const ok = await runCli(['sync', '--offline'], env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(mal.pendingFaults, 0);
  const { env: env2 } = home();
  assert.equal((await runCli(['connect', 'mal', 'mika', '--client-id', CLIENT_ID], env2)).code, 0);
  mal.inject({ kind: 'http', status: 502 }, 10);
  const fail = await runCli(['sync', '--offline'], env2);
  mal.clearFaults();
  assert.equal(fail.code, 1);
  assert.match(fail.stderr, /MyAnimeList failed/);
  assert.equal(existsSync(join(env2.ANIDEX_DATA_DIR, 'warehouse.sqlite')), false, 'nothing written');
});

test('Trakt: the device flow connects; syncs load history, ratings and watchlist; +0 on the second; tokens refresh, stay 0600 and never show', async () => {
  trakt.account = traktAccount();
  const { root, env } = home();
  const noTty = await runCli(['connect', 'trakt', '--client-id', TRAKT_ID], env);
  assert.equal(noTty.code, 2, 'no terminal and no secret: no prompt, a usage error');
  // Tokens that last an hour: every sync finds its token near expiry and refreshes it first.
  trakt.tokenLifetime = 3600;
  trakt.approveOnPoll = 3; // two polls answer "pending", then the person has typed the code
  const c = await runCli(['connect', 'trakt', '--client-id', TRAKT_ID], {
    ...env,
    ANIDEX_TRAKT_CLIENT_SECRET: TRAKT_SECRET,
  });
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /Go to https:\/\/trakt\.tv\/activate and enter the code A1B2C3D4/);
  assert.match(c.stdout, /Connected Trakt as fake-fan/);
  const secretFile = join(env.XDG_STATE_HOME, 'anidex', 'trakt-account.json');
  assert.equal(statSync(secretFile).mode & 0o777, 0o600);

  const s1 = await runCli(['sync', 'trakt', '--json', '--offline'], env);
  assert.equal(s1.code, 0, s1.stderr);
  const r1 = JSON.parse(s1.stdout).accounts[0].result;
  assert.ok(r1.counts.titlesNew > 10, `titles: ${r1.counts.titlesNew}`);
  const { history, ratings, watchlist } = trakt.account;
  assert.ok(history.length > 1000, 'more plays than one page holds');
  assert.equal(r1.counts.recordsRead, history.length + ratings.length + watchlist.length, 'every page was read');
  const s2 = await runCli(['sync', 'trakt', '--json', '--offline'], env);
  assert.equal(JSON.parse(s2.stdout).accounts[0].result.identical, true, 'the second sync writes nothing');

  // A new play of Frieren at the top of the history: one new version of that title, nothing else.
  const before = await versionsOf(env, "Frieren: Beyond Journey's End");
  const top = JSON.parse(JSON.stringify(trakt.account.history[0])) as { id: number; watched_at: string };
  top.id = 99_999_999_999;
  top.watched_at = '2026-04-30T20:00:00.000Z';
  trakt.account.history.unshift(top);
  const refreshesBefore = trakt.refreshes;
  const s3 = await runCli(['sync', 'trakt', '--json', '--offline'], env);
  assert.equal(s3.code, 0, s3.stderr);
  assert.equal(JSON.parse(s3.stdout).accounts[0].result.counts.titlesChanged, 1);
  assert.equal(await versionsOf(env, "Frieren: Beyond Journey's End"), before + 1);
  trakt.tokenLifetime = 7 * 86_400;
  const doctor = await runCli(['doctor'], env);
  assert.match(doctor.stdout, /trakt\s+signed in as fake-fan/);

  // Revoked at Trakt: the sync says to connect again, exit 1, and writes nothing.
  trakt.revokeAll();
  const revoked = await runCli(['sync', 'trakt', '--offline'], env);
  assert.equal(revoked.code, 1);
  assert.match(revoked.stderr, /Trakt no longer accepts anidex's access/);
  assert.ok(trakt.refreshes >= refreshesBefore + 1, 'a token near its expiry was refreshed');

  // No token, no client secret anywhere but the 0600 file: not in output, settings, warehouse or snapshots.
  const said = [c, s1, s2, s3, doctor, revoked].map((r) => r.stdout + r.stderr).join('\n');
  const files =
    allFilesText(join(root, 'config')) + allFilesText(join(root, 'data')) + allFilesText(join(root, 'cache'));
  for (const secret of [TRAKT_SECRET, ...trakt.issued]) {
    assert.ok(!said.includes(secret), 'a secret in the output');
    assert.ok(!files.includes(secret), 'a secret in settings, the warehouse or a snapshot');
  }
  const d = await runCli(['disconnect', 'trakt'], env);
  assert.equal(d.code, 0);
  assert.equal(existsSync(secretFile), false);
});

test('MyAnimeList: a list that moves between two pages is read again; Trakt: faults retried, an access token expired early is refreshed once', async () => {
  // 120 entries in pages of 50: between page 1 and page 2 an entry is added at the front.
  const many: FakeMalEntry[] = Array.from({ length: 120 }, (_, i) => ({
    id: 100_000 + i,
    title: `Anime ${i}`,
    num_episodes: 12,
    list_status: { status: 'completed' as const, score: 7, num_episodes_watched: 12 },
  }));
  mal.setUser('big', { entries: many });
  let moved = false;
  mal.setFaultFn((r) => {
    if (!moved && r.path.includes('offset=50')) {
      moved = true;
      mal.setUser('big', { entries: [{ id: 99_999, title: 'New one', list_status: { status: 'watching' } }, ...many] });
    }
    return null;
  });
  const { Warehouse } = await import('../src/warehouse/store.ts');
  const { syncMal } = await import('../src/app/sync.ts');
  const wh = await Warehouse.open(mkdtempSync(join(tmpdir(), 'anidex-sync-')));
  const r = await syncMal(
    wh,
    { user: 'big', clientId: CLIENT_ID },
    {
      env: { ANIDEX_MAL_URL: mal.url },
      http: { userAgent: 't', retryBaseMs: 5, timeoutMs: 2000, pageSize: 50 },
      asOf: '2026-01-01T00:00:00.000Z',
    },
  );
  mal.setFaultFn(null);
  assert.equal(moved, true);
  assert.equal(r.counts.recordsRead, 121, 'the steady second read is what was loaded');
  wh.close();

  trakt.account = traktAccount();
  trakt.tokenLifetime = 7 * 86_400;
  const { env } = home();
  trakt.approveOnPoll = 1;
  assert.equal(
    (await runCli(['connect', 'trakt', '--client-id', TRAKT_ID], { ...env, ANIDEX_TRAKT_CLIENT_SECRET: TRAKT_SECRET }))
      .code,
    0,
  );
  trakt.inject({ kind: 'rateLimited', retryAfter: 1 });
  trakt.inject({ kind: 'http', status: 503 });
  trakt.inject('malformed');
  trakt.inject('hang');
  const ok = await runCli(['sync', 'trakt', '--offline'], env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(trakt.pendingFaults, 0);
  trakt.expireAccess();
  const refreshes = trakt.refreshes;
  const again = await runCli(['sync', 'trakt', '--offline', '--json'], env);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(trakt.refreshes, refreshes + 1, 'one refresh after the 401');
  assert.equal(JSON.parse(again.stdout).accounts[0].result.identical, true);
  // A new play while the history is paged: page 2 starts with the last play of page 1, and the history is read again.
  let playedMeanwhile = false;
  trakt.setFaultFn((req) => {
    if (!playedMeanwhile && req.path.startsWith('/sync/history?page=2')) {
      playedMeanwhile = true;
      const top = JSON.parse(JSON.stringify(trakt.account.history[0])) as { id: number; watched_at: string };
      top.id = 88_888_888_888;
      top.watched_at = '2026-04-30T21:00:00.000Z';
      trakt.account.history.unshift(top);
    }
    return null;
  });
  const moving = await runCli(['sync', 'trakt', '--offline', '--json'], env);
  trakt.setFaultFn(null);
  assert.equal(moving.code, 0, moving.stderr);
  assert.equal(playedMeanwhile, true);
  assert.equal(JSON.parse(moving.stdout).accounts[0].result.counts.recordsRepeated, 0, 'no play counted twice');
  assert.equal(JSON.parse(moving.stdout).accounts[0].result.counts.titlesChanged, 1, 'the new play, once');
  trakt.inject({ kind: 'http', status: 502 }, 10);
  const down = await runCli(['sync', 'trakt', '--offline'], env);
  trakt.clearFaults();
  assert.equal(down.code, 1);
  assert.match(down.stderr, /Trakt failed 4 times in a row .*nothing was written/);
  assert.match(down.stderr, /run `anidex sync` again/);
});

test('Trakt history pages: walked as the server counts them when it clamps the page size, to the first empty page without its headers, and refused when the history moves', async () => {
  const { TraktClient, fetchTraktAccount } = await import('../src/sources/trakt/api.ts');
  const { ListChangedError } = await import('../src/sources/list-changed.ts');
  trakt.account = traktAccount();
  const client = new TraktClient(
    { clientId: TRAKT_ID, clientSecret: TRAKT_SECRET },
    { url: trakt.url, userAgent: 't', retryBaseMs: 5 },
  );
  const device = await client.deviceCode();
  trakt.approve();
  const tokens = await client.pollDevice(device.deviceCode);
  assert.ok(typeof tokens === 'object');
  const read = async (pageSize?: number): Promise<Record<string, number>> => {
    const snap = await fetchTraktAccount(client, tokens.accessToken, 'account', pageSize);
    const n: Record<string, number> = {};
    for await (const p of snap.pages())
      n[p.section ?? ''] = (n[p.section ?? ''] ?? 0) + p.records.length + p.skipped.length;
    return n;
  };
  const plays = async (pageSize?: number): Promise<number> => (await read(pageSize))['history']!;
  const all = trakt.account.history.length;
  assert.ok(all > 1000);
  assert.equal(await plays(1000), all, 'asked for 1000 a page, given 250: every page still read');
  trakt.paginationHeaders = false;
  try {
    assert.equal(await plays(1000), all, 'no headers: on to the first empty page');
  } finally {
    trakt.paginationHeaders = true;
  }
  // Ratings and the watchlist, paged by a server that pages them: every page.
  trakt.maxLimit = 20;
  try {
    const n = await read();
    assert.ok(trakt.account.ratings.length > 20);
    assert.deepEqual([n['ratings'], n['watchlist']], [trakt.account.ratings.length, trakt.account.watchlist.length]);
  } finally {
    trakt.maxLimit = 250;
  }
  // An older play added while the pages are read (a person marking something watched in the past).
  const getPage = client.getPage.bind(client);
  let pages = 0;
  client.getPage = async (path, token) => {
    const got = await getPage(path, token);
    if (path.startsWith('sync/history') && ++pages === 2) {
      const older = JSON.parse(JSON.stringify(trakt.account.history.at(-1))) as { id: number };
      older.id = 88_888_888_888;
      trakt.account.history.push(older);
    }
    return got;
  };
  await assert.rejects(plays(), ListChangedError);
  trakt.account = traktAccount();
});
