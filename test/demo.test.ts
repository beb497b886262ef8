// The demo never writes the person's data: the sample lives in a warehouse of its own under the cache folder;
// a sample an older `npm start` left in the person's warehouse can be taken out; files move to the XDG folders.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../src/warehouse/store.ts';
import { importSample } from '../src/app/sample.ts';
import { importTraktExport } from '../src/app/import.ts';
import { enrichTitles } from '../src/app/enrich.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { demoDir, demoReady, ensureDemo } from '../src/app/demo.ts';
import { removeSample, sampleNotice } from '../src/app/sample-in-warehouse.ts';
import { isDemoWarehouse } from '../src/warehouse/demo-mark.ts';
import { listSnapshots } from '../src/warehouse/snapshots.ts';
import { planItems } from '../src/warehouse/plan.ts';
import { resolveDirs } from '../src/lib/config.ts';
import { ROOT } from './helpers/proc.ts';

// Nothing here may reach the internet: enrichment of the person's own export asks a closed local port.
process.env.ANIDEX_ANILIST_URL = 'http://127.0.0.1:9/';
delete process.env.GEMINI_API_KEY;

const tmp = mkdtempSync(join(tmpdir(), 'anidex-demo-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** anidex as a person runs it, with a home of its own and no terminal. */
function anidex(home: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/' };
  for (const v of [
    'XDG_CONFIG_HOME',
    'XDG_CACHE_HOME',
    'XDG_STATE_HOME',
    'XDG_DATA_HOME',
    'ANIDEX_DATA_DIR',
    'GEMINI_API_KEY',
  ])
    delete env[v];
  return spawnSync(process.execPath, [join(ROOT, 'bin/anidex.js'), ...args], {
    timeout: CHILD_LIMIT_MS,
    cwd: home,
    encoding: 'utf8',
    env,
  });
}

const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : []);

test("npm start with an empty home shows the sample from a demo warehouse and writes nothing of the person's", () => {
  const home = join(tmp, 'home-empty');
  mkdirSync(home);
  const r = anidex(home, 'start');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Demo: the bundled sample \(an invented account\); your own warehouse is untouched\./);
  assert.match(r.stdout, /Frieren: Beyond Journey's End/);
  assert.match(r.stdout, /anidex --demo recommend/, 'the hints keep to the demo');
  assert.deepEqual(
    files(join(home, '.local/share/anidex')),
    [],
    "no sample title (nor any file) in the person's data dir",
  );
  assert.ok(existsSync(join(home, '.cache/anidex/demo/warehouse.sqlite')));

  // --demo reads the demo and says so on stderr; stdout stays clean for pipes.
  const lib = anidex(home, '--demo', 'library', '--search', 'frieren');
  assert.equal(lib.status, 0, lib.stderr);
  assert.match(lib.stderr, /Demo: the bundled sample/);
  assert.doesNotMatch(lib.stdout, /Demo:/);
  assert.match(lib.stdout, /Frieren/);
  const json = anidex(home, '--demo', 'library', '--json');
  assert.equal((JSON.parse(json.stdout) as unknown[]).length, 109);
  // Importing into the demo is refused: the person's exports go to their own warehouse.
  const imp = anidex(home, '--demo', 'import', join(ROOT, 'data/sample/trakt-2026-05-01'));
  assert.equal(imp.status, 2);
  assert.match(imp.stderr, /demo warehouse holds only the bundled sample/);
  // Without --demo, the person's own (still empty) warehouse.
  const own = anidex(home, 'library');
  assert.match(own.stdout, /library is empty/i);
  assert.deepEqual(files(join(home, '.local/share/anidex')), []);
});

test("npm start opens the person's own warehouse once it holds something", () => {
  const home = join(tmp, 'home-own');
  mkdirSync(home);
  const mal = join(ROOT, 'test/fixtures/mal/animelist_1734298612_-_16433979.xml');
  assert.equal(anidex(home, 'import', mal, '--offline').status, 0);
  const r = anidex(home, 'start');
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /Demo:/);
  assert.doesNotMatch(r.stdout, /Frieren: Beyond Journey's End/);
  assert.ok(!existsSync(join(home, '.cache/anidex/demo')), 'no demo is built for someone with data of their own');
});

test('the demo is built once, complete, marked, and rebuilt by no later call', async () => {
  const dirs = { config: join(tmp, 'd-config'), cache: join(tmp, 'd-cache'), state: join(tmp, 'd-state') };
  assert.equal(demoReady(dirs), false);
  const stages: string[] = [];
  const first = await ensureDemo(dirs, { onImport: (e) => e.type === 'stage' && stages.push(e.stage) });
  assert.equal(first.dataDir, demoDir(dirs));
  assert.ok(first.lines.some((l) => /titles: \d+ new/.test(l)));
  assert.ok(stages.includes('gold'));
  assert.equal(demoReady(dirs), true);
  const wh = await Warehouse.open(first.dataDir);
  assert.equal(isDemoWarehouse(wh.db), true);
  assert.equal(sampleNotice(wh.db), null, 'the demo is not told it holds the sample');
  wh.close();
  const again = await ensureDemo(dirs);
  assert.deepEqual(again.lines, []);
  assert.deepEqual(readdirSync(dirs.cache).sort(), ['demo'], 'no building folder is left behind');
});

/** A small export of the person's own: one title shared with the sample (Frieren), one of theirs, a watchlist. */
function ownExport(dir: string): string {
  const frieren = {
    title: "Frieren: Beyond Journey's End",
    year: 2023,
    ids: { trakt: 198225, slug: 'frieren-beyond-journey-s-end', tvdb: 424536, imdb: 'tt22248376', tmdb: 209867 },
  };
  const mine = {
    title: 'Dandadan',
    year: 2024,
    ids: { trakt: 900001, slug: 'dandadan', tvdb: 1, imdb: null, tmdb: 2 },
  };
  const ep = (id: number, show: object, n: number, at: string) => ({
    id,
    watched_at: at,
    action: 'watch',
    type: 'episode',
    episode: { season: 1, number: n, title: `E${n}`, ids: { trakt: id + 1 } },
    show,
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'watched-history-1.json'),
    JSON.stringify([
      ep(77_000_001, frieren, 1, '2026-10-01T20:00:00.000Z'),
      ep(77_000_002, mine, 1, '2026-10-02T20:00:00.000Z'),
      ep(77_000_003, mine, 2, '2026-10-03T20:00:00.000Z'),
    ]),
  );
  const perfectBlue = {
    type: 'movie',
    movie: {
      title: 'Perfect Blue',
      year: 1998,
      ids: { trakt: 5677, slug: 'perfect-blue-1998', imdb: 'tt0156887', tmdb: 10494 },
    },
    rank: 1,
    id: 99_000_001,
    listed_at: '2026-10-01T00:00:00.000Z',
    notes: null,
  };
  writeFileSync(join(dir, 'lists-watchlist.json'), JSON.stringify([perfectBlue]));
  return dir;
}

test("a sample an older npm start imported into the person's warehouse is reported and taken out after a snapshot; their own data stays", async () => {
  const dataDir = join(tmp, 'polluted');
  const wh = await Warehouse.open(dataDir);
  await importSample(wh);
  await enrichTitles(wh, {
    provider: new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 't' }),
    offline: true,
  });
  await importTraktExport(wh, ownExport(join(tmp, 'own-export')), { asOf: '2026-11-01T00:00:00.000Z' });
  assert.match(sampleNotice(wh.db) ?? '', /holds the bundled sample .* 2 imports.*anidex remove-sample/);
  const snapshotsBefore = listSnapshots(dataDir).length;
  const planBefore = planItems(wh.db).length;

  const r = await removeSample(wh);
  assert.ok(r);
  assert.equal(r.runs, 2);
  assert.equal(listSnapshots(dataDir).length, snapshotsBefore + 1, 'a snapshot first');
  const db = wh.db;
  const keys = db
    .all<{ k: string }>('SELECT DISTINCT title_key AS k FROM user_watch_history ORDER BY 1')
    .map((x) => x.k);
  assert.deepEqual(keys, ['trakt:show:198225', 'trakt:show:900001'], "only the person's own titles are left");
  assert.equal(
    r.titles,
    109,
    "every title that was only the sample's (110 across both exports, less the one the person shares)",
  );
  const frieren = db.all<{ validTo: string | null; current: number; deleted: number; plays: number }>(
    "SELECT valid_to AS validTo, is_current AS current, is_deleted AS deleted, total_plays AS plays FROM user_watch_history WHERE title_key = 'trakt:show:198225' ORDER BY valid_from",
  );
  assert.deepEqual(
    frieren,
    [{ validTo: null, current: 1, deleted: 0, plays: 1 }],
    "the shared title keeps only what the person's export says",
  );
  assert.equal(db.get<{ n: number }>("SELECT COUNT(*) AS n FROM pipeline_runs WHERE kind = 'import'")!.n, 1);
  assert.equal(db.get<{ n: number }>('SELECT COUNT(*) AS n FROM bronze_trakt_history')!.n, 3);
  const plan = planItems(db).map((p) => p.title);
  assert.deepEqual(plan, ['Perfect Blue'], "the sample's watchlist goes; the item the person's watchlist shares stays");
  assert.equal(r.planItems, planBefore - 1);
  assert.equal(
    db.get<{ n: number }>("SELECT COUNT(*) AS n FROM api_cache WHERE request_key LIKE 'search:%'")!.n,
    0,
    "the sample's bundled answers no longer answer the person's lookups",
  );
  assert.equal(db.get<{ ok: string }>('PRAGMA integrity_check')!.ok ?? 'ok', 'ok');
  assert.equal(sampleNotice(db), null);
  assert.equal(await removeSample(wh), null, 'a second run finds nothing to do');
  wh.close();
});

test('anidex remove-sample through the CLI; doctor and start tell about the sample first', async () => {
  const home = join(tmp, 'home-polluted');
  const dataDir = join(home, '.local/share/anidex');
  const wh = await Warehouse.open(dataDir);
  await importSample(wh);
  wh.close();
  const doc = anidex(home, 'doctor');
  assert.equal(doc.status, 0);
  assert.match(doc.stdout, /sample\s+Your warehouse holds the bundled sample/);
  const start = anidex(home, 'start');
  assert.match(start.stdout, /Your warehouse holds the bundled sample.*remove-sample/);
  const r = anidex(home, 'remove-sample');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Removed the bundled sample from .*: 2 imports, 110 titles/);
  assert.match(r.stdout, /anidex snapshot restore <id>/);
  assert.match(anidex(home, 'library').stdout, /library is empty/i);
  assert.match(anidex(home, 'remove-sample').stdout, /nothing to do/);
});

test('settings and usage counts left in the data dir by an older anidex move to the XDG folders once, with a line', () => {
  const home = join(tmp, 'home-legacy');
  const dataDir = join(home, '.local/share/anidex');
  mkdirSync(join(dataDir, 'cache'), { recursive: true });
  writeFileSync(join(dataDir, 'settings.json'), '{"keys": {"quit": "Q"}}\n');
  writeFileSync(join(dataDir, 'gemini-usage.json'), '{"date":"2026-12-04","requests":3}\n');
  writeFileSync(join(dataDir, 'cache', 'tui-library.json'), '{}');
  const r = anidex(home, 'doctor');
  assert.match(
    r.stderr,
    /Moved your settings from .*\/\.local\/share\/anidex\/settings\.json to .*\/\.config\/anidex\/settings\.json/,
  );
  assert.match(r.stderr, /Moved today's Gemini request count .* to .*\/\.local\/state\/anidex\/gemini-usage\.json/);
  assert.equal(readFileSync(join(home, '.config/anidex/settings.json'), 'utf8'), '{"keys": {"quit": "Q"}}\n');
  assert.ok(!existsSync(join(dataDir, 'settings.json')) && !existsSync(join(dataDir, 'cache')));
  assert.match(r.stdout, /settings\s+.*\/\.config\/anidex\/settings\.json/);
  assert.doesNotMatch(anidex(home, 'doctor').stderr, /Moved/, 'once');
});

test('XDG folders: the variables when absolute, else the home defaults', () => {
  assert.deepEqual(resolveDirs({ HOME: '/h' }), {
    config: '/h/.config/anidex',
    cache: '/h/.cache/anidex',
    state: '/h/.local/state/anidex',
  });
  assert.deepEqual(
    resolveDirs({ HOME: '/h', XDG_CONFIG_HOME: '/c', XDG_CACHE_HOME: 'relative/ignored', XDG_STATE_HOME: '/s' }),
    {
      config: '/c/anidex',
      cache: '/h/.cache/anidex',
      state: '/s/anidex',
    },
  );
});

test("the TUI session: the sample switches to the demo, importing an export switches back to the person's own warehouse", async () => {
  const { TuiSession } = await import('../src/app/tui-session.ts');
  const dirs = { config: join(tmp, 's-config'), cache: join(tmp, 's-cache'), state: join(tmp, 's-state') };
  const own = join(tmp, 's-own');
  const s = await TuiSession.open(own, { dirs });
  const signal = new AbortController().signal;
  assert.equal(await s.isEmpty(), true);
  await s.importExport(null, { signal, onEvent: () => {} });
  assert.equal(s.isDemo(), true);
  assert.equal((await s.library()).length, 109);
  assert.ok(!existsSync(join(own, 'warehouse.sqlite')));
  await s.importExport(ownExport(join(tmp, 's-export')), { signal, onEvent: () => {} });
  assert.equal(s.isDemo(), false);
  assert.deepEqual((await s.library()).map((r) => r.title).sort(), ['Dandadan', "Frieren: Beyond Journey's End"]);
  assert.equal(await s.sampleNotice(), null);
  s.close();
});
