// Every name of an anime: stored in anime_names, refreshed with its metadata, gained on upgrade, searched by the
// CLI look-ups and the TUI search, and the title-language choice that decides which name is shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { animeNames } from '../../src/domain/anime-names.ts';
import type { AnimeRecord, AnimeTitles } from '../../src/domain/anime.ts';
import { findTitles, searchByWords, type TitleRef } from '../../src/domain/find-title.ts';
import { searchTitles } from '../../src/domain/title-search.ts';
import { normalizeTitle } from '../../src/domain/title-key.ts';
import { shownTitle, withShownTitles } from '../../src/domain/title-language.ts';
import { fromJikan } from '../../src/enrich/jikan.ts';
import { fromAniList } from '../../src/enrich/anilist.ts';
import { Warehouse } from '../../src/warehouse/store.ts';
import { saveMatches, upsertAnime } from '../../src/warehouse/enrichment.ts';
import { enrichedLibrary, titleIndex } from '../../src/warehouse/queries.ts';
import { namedAnime } from '../../src/warehouse/anime-names.ts';
import { libraryView } from '../../src/app/library-view.ts';
import { loadSettings, settingsPath } from '../../src/settings/settings-file.ts';
import { CloseMatches } from '../../src/ui/components/close-matches.ts';
import Fuse from 'fuse.js';
import { titleLanguageFromEnv, titleLanguageFromSettings } from '../../src/settings/title-language-setting.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'anidex-names-'));

const AOT: AnimeTitles = {
  english: 'Attack on Titan',
  romaji: 'Shingeki no Kyojin',
  native: '進撃の巨人',
  synonyms: ['SnK', 'AoT', ' ', 'AoT'],
};

function record(malId: number, titles: AnimeTitles): AnimeRecord {
  return {
    malId,
    anilistId: null,
    titles,
    format: 'TV',
    episodes: 25,
    minutesPerEpisode: 24,
    season: 'SPRING',
    year: 2013,
    status: 'FINISHED',
    genres: ['Action'],
    tags: [],
    studios: [],
    communityScore: 85,
    scoreSource: 'anilist',
    popularity: 1000,
    relations: [],
    recommendations: [],
    streaming: [],
  };
}

test('animeNames: every name once per kind, English first, blanks dropped, each with its search form', () => {
  const names = animeNames({
    ...AOT,
    others: [
      { language: 'German', title: 'Angriff auf Titan' },
      { language: 'French', title: 'L’Attaque des Titans' },
    ],
  });
  assert.deepEqual(
    names.map((n) => [n.kind, n.name]),
    [
      ['english', 'Attack on Titan'],
      ['romaji', 'Shingeki no Kyojin'],
      ['native', '進撃の巨人'],
      ['synonym', 'SnK'],
      ['synonym', 'AoT'],
      ['german', 'Angriff auf Titan'],
      ['french', 'L’Attaque des Titans'],
    ],
  );
  assert.equal(names.find((n) => n.kind === 'french')!.norm, 'lattaque des titans');
  assert.deepEqual(
    animeNames({ english: null, romaji: '  ', native: '!!!', synonyms: [] }),
    [],
    'nothing searchable, nothing stored',
  );
});

test('providers: Jikan titles[] in further languages are kept; AniList romaji, native and synonyms arrive as they are', () => {
  // The shape of a real /v4/anime/457 answer (Mushishi), trimmed to its names.
  const jikan = fromJikan({
    mal_id: 457,
    title: 'Mushishi',
    title_english: 'Mushi-Shi',
    title_japanese: '蟲師',
    title_synonyms: [],
    titles: [
      { type: 'Default', title: 'Mushishi' },
      { type: 'Japanese', title: '蟲師' },
      { type: 'English', title: 'Mushi-Shi' },
      { type: 'German', title: 'Mushi-Shi' },
      { type: 'Spanish', title: 'Mushi-Shi' },
      { type: 'French', title: 'Mushi-Shi' },
      null,
    ],
  });
  assert.deepEqual(jikan.titles.others, [
    { language: 'German', title: 'Mushi-Shi' },
    { language: 'Spanish', title: 'Mushi-Shi' },
    { language: 'French', title: 'Mushi-Shi' },
  ]);
  const anilist = fromAniList({
    id: 16498,
    idMal: 16498,
    type: 'ANIME',
    title: { romaji: 'Shingeki no Kyojin', english: 'Attack on Titan', native: '進撃の巨人' },
    synonyms: ['SnK', null, ''],
  });
  assert.deepEqual(anilist!.titles, {
    romaji: 'Shingeki no Kyojin',
    english: 'Attack on Titan',
    native: '進撃の巨人',
    synonyms: ['SnK'],
  });
});

test('warehouse: names are stored with the metadata, replaced when it is refreshed, and carried by library rows', async () => {
  const wh = await Warehouse.open(tmp());
  await wh.write((db) => {
    db.run(
      `INSERT INTO user_watch_history (title_key, trakt_id, mal_id, title, norm_title, year, media_type, valid_from, is_current, is_deleted, run_id)
       VALUES ('mal:16498', NULL, 16498, 'Shingeki no Kyojin', 'shingeki no kyojin', 2013, 'show', '2026-01-01T00:00:00.000Z', 1, 0, 1)`,
    );
    saveMatches(db, [
      {
        titleKey: 'mal:16498',
        status: 'matched',
        malId: 16498,
        confidence: 1,
        provider: null,
        method: 'mal-export',
        otherMalIds: [],
        reason: null,
        matchedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
    upsertAnime(db, [record(16498, AOT)], 'anilist', '2026-01-01T00:00:00.000Z');
  });
  const kinds = () =>
    wh.db.all<{ kind: string; name: string }>('SELECT kind, name FROM anime_names WHERE mal_id = 16498 ORDER BY rowid');
  assert.deepEqual(
    kinds().map((r) => r.name),
    ['Attack on Titan', 'Shingeki no Kyojin', '進撃の巨人', 'SnK', 'AoT'],
  );
  const [row] = enrichedLibrary(wh.db);
  assert.equal(row!.titleEnglish, 'Attack on Titan');
  assert.equal(row!.titleRomaji, 'Shingeki no Kyojin');
  assert.deepEqual(
    [...row!.normNames].sort(),
    ['aot', 'attack on titan', 'snk', '進撃の巨人'],
    'the title itself is not repeated among its other names',
  );
  assert.deepEqual(titleIndex(wh.db)[0]!.normNames, row!.normNames);

  // A refresh without a synonym the provider dropped: the name goes too.
  await wh.write((db) =>
    upsertAnime(db, [record(16498, { ...AOT, synonyms: ['AoT'] })], 'anilist', '2026-02-01T00:00:00.000Z'),
  );
  assert.deepEqual(
    kinds().map((r) => r.name),
    ['Attack on Titan', 'Shingeki no Kyojin', '進撃の巨人', 'AoT'],
  );
  assert.deepEqual(namedAnime(wh.db)[0]!.norms.sort(), ['aot', 'attack on titan', 'shingeki no kyojin', '進撃の巨人']);
  wh.close();
});

test('upgrade: a warehouse from before anime_names gains every name dim_anime holds, with nothing fetched', async () => {
  const dir = tmp();
  const wh = await Warehouse.open(dir);
  await wh.write((db) => {
    upsertAnime(
      db,
      [
        record(16498, AOT),
        record(9253, {
          english: 'Steins;Gate',
          romaji: 'STEINS;GATE',
          native: 'シュタインズ・ゲート',
          synonyms: ['SG'],
        }),
      ],
      'anilist',
      '2026-01-01T00:00:00.000Z',
    );
    db.run("UPDATE dim_anime SET synonyms = 'not json' WHERE mal_id = 9253");
    // What an older anidex wrote: no names table, no match evidence, schema 4.
    db.exec('DROP TABLE anime_names');
    db.exec('DROP TABLE title_match_season');
    db.exec('ALTER TABLE title_match DROP COLUMN evidence');
    // (and no AniList tables, which came later still)
    db.exec('DROP TABLE bronze_anilist_entries');
    db.exec('DROP TABLE silver_anilist_entries');
    db.exec('PRAGMA user_version = 4');
  });
  wh.close();
  const old = readFileSync(join(dir, 'warehouse.sqlite'));
  const again = await Warehouse.open(dir);
  assert.equal(again.db.get<{ v: number }>('SELECT user_version AS v FROM pragma_user_version')!.v, 7);
  const names = again.db.all<{ id: number; kind: string; name: string; norm: string }>(
    'SELECT mal_id AS id, kind, name, norm_name AS norm FROM anime_names ORDER BY mal_id, rowid',
  );
  assert.deepEqual(
    names.map((n) => `${n.id} ${n.kind} ${n.name} → ${n.norm}`),
    [
      '9253 english Steins;Gate → steins gate',
      '9253 romaji STEINS;GATE → steins gate',
      '9253 native シュタインズ・ゲート → シュタインス ケート',
      '16498 english Attack on Titan → attack on titan',
      '16498 romaji Shingeki no Kyojin → shingeki no kyojin',
      '16498 native 進撃の巨人 → 進撃の巨人',
      '16498 synonym SnK → snk',
      '16498 synonym AoT → aot',
    ],
    // Voicing marks go like accents (as in every normalized title): the query is normalized the same way.
    'a damaged synonym list costs only the synonyms',
  );
  assert.deepEqual(
    readFileSync(join(dir, 'warehouse.sqlite')),
    old,
    'reading migrates in memory; the file is only rewritten by the next write',
  );
  again.close();
});

const ref = (title: string, names: readonly string[], extra: Partial<TitleRef> = {}): TitleRef => {
  const normTitle = normalizeTitle(title);
  return {
    titleKey: `k:${title}`,
    traktId: null,
    title,
    normTitle,
    normNames: names.map(normalizeTitle).filter((n) => n !== normTitle),
    year: 2013,
    mediaType: 'show',
    ...extra,
  };
};
const LIB: TitleRef[] = [
  ref('Shingeki no Kyojin', ['Attack on Titan', '進撃の巨人', 'SnK']),
  ref('Shingeki no Kyojin Season 2', ['Attack on Titan Season 2'], { year: 2017 }),
  ref('Frieren: Beyond Journey’s End', ['Sousou no Frieren', '葬送のフリーレン']),
  ref('Attack on Titan: Junior High', ['Shingeki! Kyojin Chuugakkou']),
  ref('Pokémon', []),
];
const titles = (xs: readonly TitleRef[]): string[] => xs.map((x) => x.title);

test('findTitles (history, match, plan add): an exact title, then an exact other name, then words in one name', () => {
  assert.deepEqual(
    titles(findTitles(LIB, 'attack on titan')),
    ['Shingeki no Kyojin'],
    'the English name of a MAL-list title',
  );
  assert.deepEqual(
    titles(findTitles(LIB, 'ＳＨＩＮＧＥＫＩ NO KYŌJIN')),
    ['Shingeki no Kyojin'],
    'case, full width and accents',
  );
  assert.deepEqual(titles(findTitles(LIB, 'SOUSOU no Frieren')), ['Frieren: Beyond Journey’s End']);
  assert.deepEqual(titles(findTitles(LIB, '葬送のフリーレン')), ['Frieren: Beyond Journey’s End'], 'the native name');
  assert.deepEqual(
    titles(findTitles(LIB, 'Attack on Titan Season 2 (2017)')),
    ['Shingeki no Kyojin Season 2'],
    'a name with its year',
  );
  assert.deepEqual(titles(findTitles(LIB, 'titan season')), ['Shingeki no Kyojin Season 2'], 'words inside one name');
  assert.deepEqual(
    titles(findTitles(LIB, 'frieren titan')),
    [],
    'words spread over two names of different titles match nothing',
  );
  assert.deepEqual(titles(findTitles(LIB, 'pokemon')), ['Pokémon'], 'titles without other names still work');
});

test('library --search: every title with a name holding all the words, exact names first', () => {
  assert.deepEqual(titles(searchByWords(LIB, 'attack on titan')), [
    'Shingeki no Kyojin',
    'Shingeki no Kyojin Season 2',
    'Attack on Titan: Junior High',
  ]);
  assert.deepEqual(titles(searchByWords(LIB, 'shingeki no kyojin')), [
    'Shingeki no Kyojin',
    'Shingeki no Kyojin Season 2',
  ]);
  assert.deepEqual(titles(searchByWords(LIB, 'kyojin')), [
    'Shingeki no Kyojin',
    'Shingeki no Kyojin Season 2',
    'Attack on Titan: Junior High',
  ]);
  assert.deepEqual(titles(searchByWords(LIB, '  ')), []);
});

test('TUI search: a name starting with the query first, then a word of a name, then anywhere; fuzzy only when few', () => {
  const fuzzyAsked: string[] = [];
  const fuzzy = (q: string) => (fuzzyAsked.push(q), []);
  // "snk" starts a synonym of the first title and is nowhere else.
  assert.deepEqual(titles(searchTitles(LIB, 'SnK', fuzzy)), ['Shingeki no Kyojin']);
  // "titan": a word in the other names of the first two and in the title of the fourth; "attack" starts those names.
  assert.deepEqual(titles(searchTitles(LIB, 'attack', fuzzy)), [
    'Shingeki no Kyojin',
    'Shingeki no Kyojin Season 2',
    'Attack on Titan: Junior High',
  ]);
  const byPlace = searchTitles(
    [ref('Tokyo Kyoto', []), ref('Kyoto Story', []), ref('Nothing', ['Old Kyoto'])],
    'kyoto',
    () => [],
  );
  assert.deepEqual(
    titles(byPlace),
    ['Kyoto Story', 'Tokyo Kyoto', 'Nothing'],
    'a word match anywhere in a name beats "inside" even after an earlier inside hit',
  );
  assert.deepEqual(titles(searchTitles(LIB, 'フリーレン', fuzzy)), ['Frieren: Beyond Journey’s End']);
  assert.ok(fuzzyAsked.length > 0, 'fewer than five exact hits ask the fuzzy matcher');
});

test('title language: the chosen name when the provider has one, else the exported title; sort and search follow', () => {
  const row = {
    title: 'Shingeki no Kyojin',
    normTitle: 'shingeki no kyojin',
    titleEnglish: 'Attack on Titan',
    titleRomaji: 'Shingeki no Kyojin',
    normNames: ['attack on titan', 'snk'],
  };
  const bare = { title: 'Arcane', normTitle: 'arcane', titleEnglish: null, titleRomaji: null, normNames: [] };
  assert.equal(shownTitle(row.title, row, 'english'), 'Attack on Titan');
  assert.equal(
    shownTitle('Attack on Titan', { titleEnglish: 'Attack on Titan', titleRomaji: 'Shingeki no Kyojin' }, 'romaji'),
    'Shingeki no Kyojin',
  );
  assert.equal(shownTitle(bare.title, bare, 'romaji'), 'Arcane');
  const rows = [row, bare];
  assert.equal(withShownTitles(rows, 'exported'), rows, 'as exported: the very same rows');
  const [en, b] = withShownTitles(rows, 'english');
  assert.equal(en!.title, 'Attack on Titan');
  assert.equal(en!.normTitle, 'attack on titan');
  assert.deepEqual(en!.normNames, ['shingeki no kyojin', 'snk'], 'the exported title stays searchable');
  assert.equal(b, bare, 'a row without the name is kept as it is');
});

test('titleLanguage setting and ANIDEX_TITLE_LANGUAGE: validated, a bad value is a problem and the default, never a throw', async () => {
  assert.deepEqual(titleLanguageFromSettings(undefined), { titleLanguage: 'exported', problems: [] });
  assert.deepEqual(titleLanguageFromSettings('romaji'), { titleLanguage: 'romaji', problems: [] });
  for (const [bad, why] of [
    ['English', /not "English"; write "english"/],
    ['native', /not "native"; titles are shown as exported/],
    [3, /not 3;/],
    [null, /not null;/],
    [['english'], /not a list;/],
  ] as const) {
    const r = titleLanguageFromSettings(bad);
    assert.equal(r.titleLanguage, 'exported');
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!, /^settings\.json `titleLanguage` must be "exported", "english" or "romaji", /);
    assert.match(r.problems[0]!, why);
  }
  assert.deepEqual(titleLanguageFromEnv({ ANIDEX_TITLE_LANGUAGE: 'english' }), {
    titleLanguage: 'english',
    problems: [],
  });
  assert.deepEqual(titleLanguageFromEnv({}), { titleLanguage: null, problems: [] });
  const env = titleLanguageFromEnv({ ANIDEX_TITLE_LANGUAGE: 'rom' });
  assert.equal(env.titleLanguage, null);
  assert.match(env.problems[0]!, /^ANIDEX_TITLE_LANGUAGE must be .*not "rom"; write "romaji"; it is ignored\.$/);

  const dir = tmp();
  writeFileSync(settingsPath(dir), '{"keys": {"quit": "Q"}, "titleLanguage": "english"}');
  const s = await loadSettings(dir);
  assert.equal(s.titleLanguage, 'english');
  assert.deepEqual(s.bindings.quit.keys, ['Q']);
  writeFileSync(settingsPath(dir), '{"keys": {"dwon": "x"}, "titleLanguage": "kanji"}');
  const bad = await loadSettings(dir);
  assert.equal(bad.titleLanguage, 'exported');
  assert.equal(bad.problems.length, 2, 'the key problem and the title language problem, both shown by the TUI');
  assert.equal(bad.titleLanguageProblems.length, 1, 'only the title language problem concerns the CLI');
  writeFileSync(settingsPath(dir), '{"titleLanguage": "romaji" "keys": {}}');
  const broken = await loadSettings(dir);
  assert.equal(broken.titleLanguage, 'exported');
  assert.match(
    broken.titleLanguageProblems[0]!,
    /is not valid JSON/,
    'a broken file is reported where the title language is used',
  );
});

test('close matches in slices: exactly the list one fuse.js search gives; a newer search or a cancel replaces the old', async () => {
  const words = [
    'crimson',
    'blade',
    'garden',
    'voyage',
    'academy',
    'hunter',
    'kingdom',
    'witch',
    'dragon',
    'frieren',
    'titan',
    'kyojin',
  ];
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
  const rows = Array.from({ length: 2345 }, (_, i) => ({
    id: i,
    normTitle: `${words[rnd(12)]} ${words[rnd(12)]}`,
    normNames: rnd(3) ? [`${words[rnd(12)]} no ${words[rnd(12)]}`, 'シュタインス'] : [],
  }));
  const options = { keys: ['normTitle', 'normNames'], threshold: 0.35, ignoreLocation: true };
  const whole = new Fuse(rows, options);
  const sliced = new CloseMatches(rows, options, 100);
  const run = (q: string) => new Promise<typeof rows>((done) => sliced.search(q, done));
  for (const q of ['fireren', 'crimsn blade', 'kyojn no titan', 'witch', 'シュタイン']) {
    assert.deepEqual(
      (await run(q)).map((r) => r.id),
      whole.search(q).map((r) => r.item.id),
      q,
    );
  }
  const calls: string[] = [];
  sliced.search('dragon', () => calls.push('old'));
  assert.equal(sliced.busy, true);
  const newer = await run('garden');
  assert.deepEqual(
    newer.map((r) => r.id),
    whole.search('garden').map((r) => r.item.id),
  );
  assert.ok(newer.length > 0);
  sliced.search('hunter', () => calls.push('cancelled'));
  sliced.cancel();
  assert.equal(sliced.busy, false);
  await sleep(50);
  assert.deepEqual(calls, [], 'a replaced or cancelled search never reports');

  // With a delay (the library waits for a pause in the typing), nothing is searched before it has passed; a newer
  // search or a cancel during the wait replaces the waiting one, and timers around it still fire.
  const delayed = new CloseMatches(rows, options, 100, 40);
  const started = performance.now();
  const waited = await new Promise<number>((done) => delayed.search('witch', () => done(performance.now() - started)));
  assert.ok(waited >= 35, `reported after ${waited.toFixed(1)} ms`);
  delayed.search('dragon', () => (calls as string[]).push('waiting, then cancelled'));
  assert.equal(delayed.busy, true);
  delayed.cancel();
  assert.equal(delayed.busy, false);
  const fired = await new Promise<boolean>((r) => setTimeout(() => r(true), 80));
  assert.ok(fired);
  assert.deepEqual(calls, []);
});

test('a title in both sources is found by its MyAnimeList title as well as its Trakt one', async () => {
  const wh = await Warehouse.open(tmp());
  await wh.write((db) => {
    const put = db.prepare(
      `INSERT INTO user_watch_history (title_key, trakt_id, mal_id, title, norm_title, year, media_type, total_plays, mal_status, valid_from, is_current, is_deleted, run_id)
       VALUES (?, ?, 457, ?, ?, 2005, 'show', ?, ?, '2026-01-01T00:00:00.000Z', 1, 0, 1)`,
    );
    put.run(['trakt:show:1', 1, 'Mushi-Shi', normalizeTitle('Mushi-Shi'), 26, null]);
    put.run(['mal:457', null, 'Mushishi', normalizeTitle('Mushishi'), null, 'Completed']);
    put.free();
  });
  const lib = libraryView(wh.db);
  assert.equal(lib.length, 1);
  assert.equal(lib[0]!.title, 'Mushi-Shi');
  assert.deepEqual(lib[0]!.normNames, ['mushishi']);
  assert.deepEqual(
    searchByWords(lib, 'mushishi').map((r) => r.titleKey),
    ['trakt:show:1'],
  );
  wh.close();
});
