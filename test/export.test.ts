// `anidex export`: MyAnimeList XML as MAL writes it, CSV and JSON of the library, the round trip through a MAL
// import, statuses derived from Trakt history, and the command as a person runs it. Nothing reaches the internet.
import { parse } from 'csv-parse/sync';
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { XMLValidator } from 'fast-xml-parser';
import { ROOT, waitForExit } from './helpers/proc.ts';
import { markAsDemo } from './helpers/demo-warehouse.ts';
import { Warehouse } from '../src/warehouse/store.ts';
import { importSample } from '../src/app/sample.ts';
import { enrichTitles } from '../src/app/enrich.ts';
import { importMalExport } from '../src/app/import-mal.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { libraryView } from '../src/app/library-view.ts';
import { buildExport, malList } from '../src/app/export.ts';
import { malSilverEntries } from '../src/warehouse/silver-mal.ts';
import { planItems } from '../src/warehouse/plan.ts';
import { readMalExport } from '../src/sources/mal/index.ts';
import { toMalXml, traktStatus, type TraktHistory } from '../src/domain/mal-xml.ts';
import { csvCell, libraryCsv, libraryJson, type ExportableTitle } from '../src/domain/library-export.ts';
import type { MalEntry } from '../src/domain/mal.ts';

process.env.ANIDEX_ANILIST_URL = 'http://127.0.0.1:9/';

const MAL_FIXTURE = join(ROOT, 'test/fixtures/mal/animelist_1734298612_-_16433979.xml');
const tmp = mkdtempSync(join(tmpdir(), 'anidex-export-'));
/** A bundle of the CLI of its own, so a concurrent build by another test file never hands us a half-written one. */
const CLI_BUNDLE = join(ROOT, 'dist', `export-test-${process.pid}.js`);
const CLI_BIN = join(ROOT, 'dist', `export-test-${process.pid}-bin.mjs`);
let sampleDir: string;
let malDir: string;
let bothDir: string;

before(async () => {
  await build({
    entryPoints: [join(ROOT, 'src/cli.tsx')],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    logLevel: 'warning',
  });
  writeFileSync(
    CLI_BIN,
    `import { main } from './${`export-test-${process.pid}.js`}';\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );

  sampleDir = join(tmp, 'sample');
  const wh = await Warehouse.open(sampleDir);
  await markAsDemo(wh); // enriched offline from the sample's bundled answers
  await importSample(wh);
  await enrichTitles(wh, {
    provider: new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 't' }),
    offline: true,
  });
  wh.close();

  malDir = join(tmp, 'mal');
  const m = await Warehouse.open(malDir);
  await importMalExport(m, MAL_FIXTURE, { asOf: '2026-09-01T00:00:00Z' });
  m.close();

  bothDir = join(tmp, 'both');
  cpSync(sampleDir, bothDir, { recursive: true });
  const b = await Warehouse.open(bothDir);
  await importMalExport(b, MAL_FIXTURE, { asOf: '2026-09-01T00:00:00Z' });
  b.close();
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(CLI_BUNDLE, { force: true });
  rmSync(CLI_BIN, { force: true });
});

function copyOf(dir: string, name: string): string {
  const d = join(tmp, name);
  cpSync(dir, d, { recursive: true });
  return d;
}

async function withWarehouse<T>(dir: string, fn: (wh: Warehouse) => T | Promise<T>): Promise<T> {
  const wh = await Warehouse.open(dir);
  try {
    return await fn(wh);
  } finally {
    wh.close();
  }
}

const byId = (xs: readonly MalEntry[]): MalEntry[] => [...xs].sort((a, b) => a.malId - b.malId);

const entry = (over: Partial<MalEntry>): MalEntry => ({
  malId: 1,
  title: 'T',
  seriesType: 'TV',
  seriesEpisodes: 12,
  watchedEpisodes: 0,
  startDate: null,
  finishDate: null,
  score: null,
  status: 'Watching',
  timesWatched: 0,
  rewatching: false,
  priority: 'Low',
  tags: '',
  comments: '',
  ...over,
});

async function writeAndRead(xml: string, name = 'list.xml') {
  const p = join(tmp, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(p, xml);
  return readMalExport(p, { strict: true });
}

describe('MyAnimeList XML', () => {
  test("the reference export's entries are written back byte for byte, update_on_import aside", async () => {
    const exp = await readMalExport(MAL_FIXTURE);
    const xml = toMalXml(
      exp.entries.map((e) => e.value),
      { userName: exp.declared.userName, userId: exp.declared.userId },
    );
    const original = readFileSync(MAL_FIXTURE, 'utf8');
    assert.equal(
      xml,
      original.replaceAll('<update_on_import>0</update_on_import>', '<update_on_import>1</update_on_import>'),
    );
  });

  test('well-formed, MAL layout, totals counted from the entries, and read back as the same entries', async () => {
    const entries = [
      entry({
        malId: 5,
        title: 'A',
        status: 'Completed',
        watchedEpisodes: 12,
        startDate: '2020-00-00',
        finishDate: '2020-05-00',
        score: 9,
        timesWatched: 2,
        priority: 'High',
      }),
      entry({
        malId: 6,
        title: 'B',
        status: 'Plan to Watch',
        seriesType: null,
        seriesEpisodes: null,
        priority: 'Medium',
        tags: 'x, y',
        comments: 'later',
      }),
      entry({ malId: 7, title: 'C', status: 'Dropped', watchedEpisodes: 3, rewatching: true }),
      entry({ malId: 8, title: 'D', status: 'On-Hold' }),
      entry({ malId: 9, title: 'E', status: 'Completed', seriesType: 'Movie', seriesEpisodes: 1, watchedEpisodes: 1 }),
    ];
    const xml = toMalXml(entries, { userName: null });
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(!xml.includes('\r'), 'LF line ends');
    assert.match(
      xml,
      /^<\?xml version="1\.0" encoding="UTF-8" \?>\n\t\t<!--\n\t\t Created by XML Export feature at MyAnimeList\.net\n\t\t Version 1\.1\.0\n\t\t-->/,
    );
    for (const [el, n] of [
      ['user_export_type', 1],
      ['user_total_anime', 5],
      ['user_total_watching', 0],
      ['user_total_completed', 2],
      ['user_total_onhold', 1],
      ['user_total_dropped', 1],
      ['user_total_plantowatch', 1],
    ] as const) {
      assert.match(xml, new RegExp(`<${el}>${n}</${el}>`));
    }
    const blocks = xml.split('<anime>').slice(1);
    assert.equal(blocks.length, 5);
    const names = [...blocks[0]!.matchAll(/<(\w+)>/g)].map((m) => m[1]);
    assert.deepEqual(names, [
      'series_animedb_id',
      'series_title',
      'series_type',
      'series_episodes',
      'my_id',
      'my_watched_episodes',
      'my_start_date',
      'my_finish_date',
      'my_rated',
      'my_score',
      'my_storage',
      'my_storage_value',
      'my_status',
      'my_comments',
      'my_times_watched',
      'my_rewatch_value',
      'my_priority',
      'my_tags',
      'my_rewatching',
      'my_rewatching_ep',
      'my_discuss',
      'my_sns',
      'update_on_import',
    ]);
    assert.equal((xml.match(/<update_on_import>1<\/update_on_import>/g) ?? []).length, 5);
    assert.match(blocks[3]!, /<my_start_date>0000-00-00<\/my_start_date>/);
    assert.match(blocks[3]!, /<my_score>0<\/my_score>/);
    assert.match(blocks[1]!, /<series_episodes>0<\/series_episodes>/);
    const back = await writeAndRead(xml);
    assert.equal(back.schema, '1.1.0');
    assert.deepEqual(back.totalsDiffer, []);
    assert.deepEqual(
      back.entries.map((e) => e.value),
      entries,
    );
  });

  test('CDATA edge cases and text that XML cannot carry', async () => {
    const nasty = [
      entry({ malId: 1, title: 'a ]]> b', comments: 'ends with ]]', tags: ']]>' }),
      entry({ malId: 2, title: 'x]', comments: ']]]]>>', tags: 'tag1, <b>&amp;</b>' }),
      entry({
        malId: 3,
        title: 'Café & <Bar> "q" \'s\' 🎉',
        comments: 'one\r\ntwo\rthree\u0000\u0001\u0008\u000b\u001f\u007f\u0085\u009f four\tfive',
        tags: 'bad \ud800 surrogate \uffff',
      }),
      entry({ malId: 4, title: 'Plain', seriesType: 'T<V&>' }),
    ];
    const xml = toMalXml(nasty, { userName: 'me & <you>' });
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /<series_title><!\[CDATA\[a \]\]\]\]><!\[CDATA\[> b\]\]><\/series_title>/);
    assert.match(xml, /<user_name>me &amp; &lt;you&gt;<\/user_name>/);
    assert.ok(
      !/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\u007f-\u009f]/.test(xml),
      'no control characters but tab and LF',
    );
    const back = await writeAndRead(xml);
    assert.equal(back.declared.userName, 'me & <you>');
    const v = back.entries.map((e) => e.value);
    assert.equal(v[0]!.title, 'a ]]> b');
    assert.equal(v[0]!.comments, 'ends with ]]');
    assert.equal(v[0]!.tags, ']]>');
    assert.equal(v[1]!.title, 'x]');
    assert.equal(v[1]!.comments, ']]]]>>');
    assert.equal(v[1]!.tags, 'tag1, <b>&amp;</b>');
    assert.equal(v[2]!.title, 'Café & <Bar> "q" \'s\' 🎉');
    assert.equal(v[2]!.comments, 'one\ntwo\nthree four\tfive');
    assert.equal(v[2]!.tags, 'bad  surrogate');
    assert.equal(v[3]!.seriesType, 'T<V&>');
  });

  test('an empty list is still a file MAL can read', async () => {
    const back = await writeAndRead(toMalXml([], { userName: null }));
    assert.equal(back.entries.length, 0);
    assert.deepEqual(back.totalsDiffer, []);
  });
});

describe('statuses of Trakt-only titles', () => {
  const NEWEST = '2026-07-25T16:45:08.000Z';
  const show = (over: Partial<TraktHistory>): TraktHistory => ({
    mediaType: 'show',
    episodesWatched: 5,
    totalEpisodes: 24,
    totalPlays: 5,
    firstWatchedAt: '2025-01-02T20:00:00.000Z',
    lastWatchedAt: '2025-01-09T23:30:00.000Z',
    userRating: null,
    animeEpisodes: 12,
    ...over,
  });
  const ctx = { newestPlayAt: NEWEST, dropped: false };
  const daysBefore = (d: number) => new Date(Date.parse(NEWEST) - d * 86_400_000).toISOString();

  test('a film with plays is Completed, all its episodes watched, finished on its last play', () => {
    const film = traktStatus(
      show({
        mediaType: 'movie',
        episodesWatched: null,
        totalEpisodes: null,
        totalPlays: 2,
        animeEpisodes: null,
        userRating: 9,
      }),
      ctx,
    );
    assert.deepEqual(film, {
      status: 'Completed',
      watchedEpisodes: 1,
      startDate: '2025-01-02',
      finishDate: '2025-01-09',
      score: 9,
      timesWatched: 0,
    });
    assert.equal(traktStatus(show({ mediaType: 'movie', totalPlays: 1, animeEpisodes: 3 }), ctx).watchedEpisodes, 3);
  });

  test("a show is Completed when every episode of the MAL entry is watched (capped), else all of Trakt's", () => {
    const spans = traktStatus(show({ episodesWatched: 38, totalEpisodes: 38, animeEpisodes: 28 }), ctx);
    assert.equal(spans.status, 'Completed');
    assert.equal(spans.watchedEpisodes, 28);
    assert.equal(spans.finishDate, '2025-01-09');
    const unknown = traktStatus(show({ episodesWatched: 24, totalEpisodes: 24, animeEpisodes: null }), ctx);
    assert.equal(unknown.status, 'Completed');
    assert.equal(unknown.watchedEpisodes, 24);
  });

  test('dropped, then recent (180 days) Watching, else On-Hold; finish date only when Completed; unrated scores 0', () => {
    assert.equal(traktStatus(show({}), { ...ctx, dropped: true }).status, 'Dropped');
    const watching = traktStatus(show({ lastWatchedAt: daysBefore(180) }), ctx);
    assert.equal(watching.status, 'Watching');
    assert.equal(watching.finishDate, null);
    assert.equal(watching.startDate, '2025-01-02');
    assert.equal(watching.score, null, 'written as 0');
    const hold = traktStatus(show({ lastWatchedAt: daysBefore(181) }), ctx);
    assert.equal(hold.status, 'On-Hold');
    assert.equal(hold.watchedEpisodes, 5);
    assert.equal(
      traktStatus(
        show({ episodesWatched: 40, totalEpisodes: 100, animeEpisodes: null, lastWatchedAt: daysBefore(10) }),
        ctx,
      ).watchedEpisodes,
      40,
    );
    const ratedOnly = traktStatus(
      show({
        mediaType: 'movie',
        totalPlays: 0,
        episodesWatched: null,
        firstWatchedAt: null,
        lastWatchedAt: null,
        userRating: 7,
      }),
      ctx,
    );
    assert.deepEqual(ratedOnly, {
      status: 'On-Hold',
      watchedEpisodes: 0,
      startDate: null,
      finishDate: null,
      score: 7,
      timesWatched: 0,
    });
  });

  test('on the sample: every anime of the history goes out once, the rest is reported', async () => {
    await withWarehouse(sampleDir, (wh) => {
      const list = malList(wh.db);
      const lib = libraryView(wh.db);
      const ids = list.entries.map((e) => e.malId);
      assert.equal(new Set(ids).size, ids.length, 'one entry per MAL id');
      for (const r of lib) if (r.malId !== null) assert.ok(ids.includes(r.malId), `${r.title} is exported`);
      const get = (id: number) => list.entries.find((e) => e.malId === id)!;
      const frieren = get(52991);
      assert.equal(frieren.status, 'Completed', 'a fully watched show');
      assert.equal(frieren.watchedEpisodes, 28, "capped at the MAL entry's 28 episodes");
      assert.equal(frieren.finishDate, '2026-06-14');
      assert.equal(frieren.score, 10);
      const spirited = get(199);
      assert.equal(spirited.status, 'Completed', 'a film with plays');
      assert.equal(spirited.seriesType, 'Movie');
      assert.equal(spirited.startDate, '2016-03-20');
      const onePiece = get(21);
      assert.equal(onePiece.status, 'Watching', 'played within 180 days of the newest play');
      assert.equal(onePiece.watchedEpisodes, 225);
      assert.equal(onePiece.finishDate, null);
      // Watchlist titles matched to MAL join as Plan to Watch.
      const plan = planItems(wh.db).filter((p) => p.malId !== null);
      assert.ok(plan.length > 0);
      for (const p of plan) assert.equal(get(p.malId!).status, 'Plan to Watch');
      assert.equal(list.origins.mal, 0);
      assert.equal(list.origins.trakt + list.origins.plan, list.entries.length);

      const missing =
        lib.filter((r) => r.malId === null).length + planItems(wh.db).filter((p) => p.malId === null).length;
      assert.equal(list.notExported.length, missing);
      const live = list.notExported.find((n) => n.title === 'ONE PIECE' && n.year === 2023);
      assert.deepEqual(live && { kind: live.kind, why: live.why, from: live.from }, {
        kind: 'show',
        why: 'not anime',
        from: 'library',
      });
      assert.ok(
        list.notExported.some((n) => n.from === 'plan'),
        'plan items without a MAL id are reported too',
      );
    });
  });

  test('titles never looked up are "not matched to MyAnimeList"', async () => {
    const d = join(tmp, 'unenriched');
    await withWarehouse(d, async (wh) => {
      await importSample(wh);
      const list = malList(wh.db);
      assert.equal(list.entries.length, 0);
      assert.ok(list.notExported.length > 0);
      assert.ok(list.notExported.every((n) => n.why === 'not matched to MyAnimeList'));
    });
  });
});

describe('round trip through a MyAnimeList import', () => {
  const rows = (wh: Warehouse) => wh.db.get<{ n: number }>('SELECT count(*) AS n FROM user_watch_history')!.n;

  test('import MAL, export, import the export later: no new, changed or deleted versions', async () => {
    const d = copyOf(malDir, 'roundtrip');
    await withWarehouse(d, async (wh) => {
      const before = rows(wh);
      const silver = malSilverEntries(wh.db);
      const built = buildExport(wh.db, 'mal-xml');
      assert.deepEqual(built.origins, { mal: 506, anilist: 0, trakt: 0, plan: 0 });
      assert.deepEqual(built.notExported, []);
      const file = join(tmp, 'roundtrip.xml');
      writeFileSync(file, built.text);
      const exp = await readMalExport(file, { strict: true });
      assert.deepEqual(
        byId(exp.entries.map((e) => e.value)),
        byId((await readMalExport(MAL_FIXTURE)).entries.map((e) => e.value)),
        'the same entries as the MAL export',
      );

      const r = await importMalExport(wh, file, { asOf: '2026-10-01T00:00:00Z' });
      assert.equal(r.counts.titlesNew, 0);
      assert.equal(r.counts.titlesChanged, 0);
      assert.equal(r.counts.titlesDeleted, 0);
      assert.equal(r.counts.titlesRestored, 0);
      assert.equal(r.counts.titlesUnchanged, 506);
      assert.equal(rows(wh), before, 'user_watch_history has no new row');
      assert.deepEqual(malSilverEntries(wh.db), silver);
      assert.equal(buildExport(wh.db, 'mal-xml').text, built.text, 'and the next export is the same file');
    });
  });

  test('with Trakt history too: MAL entries as imported, Trakt-only titles added, nothing else changes', async () => {
    const d = copyOf(bothDir, 'roundtrip-both');
    await withWarehouse(d, async (wh) => {
      const silver = byId(malSilverEntries(wh.db));
      const built = buildExport(wh.db, 'mal-xml');
      assert.equal(built.origins!.mal, 506);
      assert.ok(built.origins!.trakt > 0);
      const file = join(tmp, 'roundtrip-both.xml');
      writeFileSync(file, built.text);
      const written = (await readMalExport(file, { strict: true })).entries.map((e) => e.value);
      const fromMal = written.filter((e) => silver.some((s) => s.malId === e.malId));
      assert.deepEqual(byId(fromMal), silver, 'MAL knows these: its entries, exactly');
      // Frieren (52991) is on both: MAL's entry is written, not one derived from the Trakt plays.
      assert.deepEqual(
        written.find((e) => e.malId === 52991),
        silver.find((e) => e.malId === 52991),
      );
      const r = await importMalExport(wh, file, { asOf: '2026-10-01T00:00:00Z' });
      assert.equal(r.counts.titlesNew, built.origins!.trakt + built.origins!.plan);
      assert.equal(r.counts.titlesChanged, 0);
      assert.equal(r.counts.titlesDeleted, 0);
    });
  });
});

describe('CSV and JSON', () => {
  const title = (over: Partial<ExportableTitle>): ExportableTitle => ({
    titleKey: 'trakt:show:1',
    title: 'T',
    year: 2020,
    mediaType: 'show',
    sources: ['trakt'],
    malId: 1,
    traktId: 1,
    userRating: 8,
    ratings: { trakt: 8, mal: null },
    malStatus: null,
    episodesWatched: 12,
    totalEpisodes: 12,
    totalPlays: 12,
    firstWatchedAt: '2020-01-01T00:00:00.000Z',
    lastWatchedAt: '2020-02-01T00:00:00.000Z',
    matchStatus: 'matched',
    format: 'TV',
    animeEpisodes: 12,
    minutesPerEpisode: 24,
    genres: ['Drama', 'Mystery'],
    moods: ['dark'],
    ...over,
  });

  /** What a spreadsheet would see: csv-parse, strict about quotes, and the text must end with CRLF. */
  function parseCsv(text: string): string[][] {
    assert.ok(text.endsWith('\r\n'), 'the text ends with CRLF');
    return parse(text, { record_delimiter: '\r\n', relax_column_count: true }) as string[][];
  }

  test('quoting (RFC 4180) and the formula guard', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a, b'), '"a, b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-x'), "'-x");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tcmd'), "'\tcmd");
    assert.equal(csvCell('\rcmd'), `"'\rcmd"`);
    assert.equal(csvCell('a=b'), 'a=b');
    assert.equal(csvCell(''), '');

    const csv = libraryCsv([
      title({ titleKey: 'k2', title: 'zeta, "the" show\nagain' }),
      title({
        titleKey: 'k1',
        title: "=cmd|' /C calc'!A0",
        genres: [],
        moods: [],
        malId: null,
        userRating: null,
        ratings: { trakt: null, mal: null },
      }),
      title({
        titleKey: 'k3',
        title: 'Alpha',
        sources: ['trakt', 'mal'],
        ratings: { trakt: 7, mal: 9 },
        userRating: 9,
        malStatus: 'Completed',
      }),
    ]);
    assert.ok(csv.endsWith('\r\n'));
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], [
      'title',
      'year',
      'kind',
      'sources',
      'mal_id',
      'trakt_id',
      'rating',
      'trakt_rating',
      'mal_score',
      'mal_status',
      'episodes_watched',
      'total_episodes',
      'plays',
      'first_watched',
      'last_watched',
      'length',
      'genres',
      'moods',
      'match',
    ]);
    assert.equal(rows.length, 4);
    for (const r of rows) assert.equal(r.length, 19);
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ["'=cmd|' /C calc'!A0", 'Alpha', 'zeta, "the" show\nagain'],
      'sorted by title, guarded, round-tripped',
    );
    assert.deepEqual(rows[2], [
      'Alpha',
      '2020',
      'show',
      'trakt; mal',
      '1',
      '1',
      '9',
      '7',
      '9',
      'Completed',
      '12',
      '12',
      '12',
      '2020-01-01T00:00:00.000Z',
      '2020-02-01T00:00:00.000Z',
      'short',
      'Drama; Mystery',
      'dark',
      'matched',
    ]);
    assert.equal(rows[1]![4], '', 'null is an empty cell');
  });

  test('JSON and CSV of the sample library: every title once, sorted by title', async () => {
    await withWarehouse(bothDir, (wh) => {
      const lib = libraryView(wh.db);
      const json = JSON.parse(buildExport(wh.db, 'json').text) as Array<Record<string, unknown>>;
      assert.equal(json.length, lib.length);
      const titles = json.map((r) => String(r.title).toLowerCase());
      assert.deepEqual(titles, [...titles].sort());
      const frieren = json.filter((r) => r.mal_id === 52991);
      assert.equal(frieren.length, 1, 'a title both sources know is one row');
      assert.deepEqual(frieren[0]!.sources, ['trakt', 'mal']);
      assert.equal(frieren[0]!.match, 'matched');
      assert.ok(Array.isArray(frieren[0]!.genres));
      const merged = json.filter((r) => (r.sources as string[]).length === 2);
      assert.ok(merged.length > 0, 'titles both sources know are one row');
      for (const r of merged) assert.equal(r.rating, r.mal_score ?? r.trakt_rating);
      const csv = buildExport(wh.db, 'csv');
      assert.equal(csv.exported, lib.length);
      assert.equal(parseCsv(csv.text).length, lib.length + 1);
      assert.equal(libraryJson([]), '[]\n');
    });
  });
});

describe('anidex export (the command)', () => {
  async function anidex(dataDir: string, ...args: string[]) {
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dataDir, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/', ANIDEX_PROVIDER: 'anilist' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const r = await waitForExit(child);
    return { code: r.code, out: r.stdout, err: r.stderr };
  }

  test('usage errors exit 2: a missing or unknown --format, --json without --out, stray arguments', async () => {
    const d = join(tmp, 'empty-cli');
    const bad = await anidex(d, 'export', '--format', 'xlsx');
    assert.equal(bad.code, 2);
    assert.match(
      bad.err,
      /export: --format "xlsx" is not a format anidex knows\.\n.*Formats: mal-xml \(MyAnimeList XML, for MyAnimeList or AniList\), csv \(.*\), json \(.*\)\./,
    );
    const none = await anidex(d, 'export');
    assert.equal(none.code, 2);
    assert.match(none.err, /needs --format: one of mal-xml, csv, json/);
    assert.equal((await anidex(d, 'export', '--format', 'csv', '--json')).code, 2);
    assert.equal((await anidex(d, 'export', '--format', 'csv', 'extra')).code, 2);
    assert.equal((await anidex(d, 'export', '--format', 'csv', '--colour')).code, 2);
    assert.ok(!existsSync(join(d, 'warehouse.sqlite')));
    const help = await anidex(d, '--help');
    assert.match(help.out, /\bexport\b/);
  });

  test('stdout holds only the file; messages and the side report go to stderr', async () => {
    const csv = await anidex(sampleDir, 'export', '--format', 'csv');
    assert.equal(csv.code, 0, csv.err);
    const want = await withWarehouse(sampleDir, (wh) => buildExport(wh.db, 'csv').text);
    assert.equal(csv.out, want);
    assert.match(csv.err, /Exported \d+ titles to stdout \(CSV\)/);

    const xml = await anidex(sampleDir, 'export', '--format', 'mal-xml');
    assert.equal(xml.code, 0, xml.err);
    const b = await withWarehouse(sampleDir, (wh) => buildExport(wh.db, 'mal-xml'));
    assert.equal(xml.out, b.text);
    assert.match(
      xml.err,
      new RegExp(
        `Exported ${b.exported} titles to stdout \\(MyAnimeList XML\\): ${b.origins!.trakt} from Trakt history, ${b.origins!.plan} from your plan\\.`,
      ),
    );
    const first = b.notExported[0]!;
    assert.ok(
      xml.err.includes(
        `${b.notExported.length} titles were not exported (no MyAnimeList id): ${first.title} (${first.year}), `,
      ),
    );
    // Ten named, then how many more and what lists them all.
    assert.ok(b.notExported.length > 10);
    assert.ok(
      xml.err.includes(`, … and ${b.notExported.length - 10} more (adding \`--out <file> --json\` lists them all).`),
      xml.err,
    );
  });

  test('--out writes the file atomically, replaces an existing one, refuses a folder; --json reports', async () => {
    const outDir = join(tmp, 'out');
    mkdirSync(outDir);
    const file = join(outDir, 'list.xml');
    writeFileSync(file, 'an older export');
    const r = await anidex(sampleDir, 'export', '--format', 'mal-xml', '--out', file);
    assert.equal(r.code, 0, r.err);
    const want = await withWarehouse(sampleDir, (wh) => buildExport(wh.db, 'mal-xml'));
    assert.equal(readFileSync(file, 'utf8'), want.text, 'replaced whole');
    assert.deepEqual(readdirSync(outDir), ['list.xml'], 'no temp file left beside it');
    assert.match(r.out, new RegExp(`Exported ${want.exported} titles to .*list\\.xml \\(MyAnimeList XML\\)`));
    assert.match(r.err, /titles were not exported .*… and \d+ more \(adding `--json` lists them all\)\./);

    const j = await anidex(sampleDir, 'export', '--format', 'mal-xml', '--out', file, '--json');
    assert.equal(j.code, 0, j.err);
    const report = JSON.parse(j.out) as {
      format: string;
      written: string;
      exported: number;
      notExported: Array<{ title: string; why: string }>;
    };
    assert.equal(report.format, 'mal-xml');
    assert.equal(report.written, file);
    assert.equal(report.exported, want.exported);
    assert.equal(report.notExported.length, want.notExported.length);
    assert.ok(report.notExported.some((n) => n.title === 'The Last of Us' && n.why === 'not anime'));

    const dir = await anidex(sampleDir, 'export', '--format', 'csv', '--out', outDir);
    assert.equal(dir.code, 1);
    assert.match(dir.err, /is a folder/);
    const noFolder = await anidex(sampleDir, 'export', '--format', 'csv', '--out', join(outDir, 'nope', 'x.csv'));
    assert.equal(noFolder.code, 1);
    assert.match(noFolder.err, /does not exist/);
    const self = await anidex(sampleDir, 'export', '--format', 'csv', '--out', join(sampleDir, 'warehouse.sqlite'));
    assert.equal(self.code, 1);
    assert.match(self.err, /is the warehouse itself/);
    assert.deepEqual(readdirSync(outDir), ['list.xml']);
  });
});
