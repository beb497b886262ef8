import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { InputError } from '../src/lib/errors.ts';
import type { TraktPlay } from '../src/domain/types.ts';
import { unsafeEntryName } from '../src/sources/trakt/export-source.ts';
import {
  classifyTraktFile,
  normalizeTraktTimestamp,
  openExport,
  parseHistoryRecord,
  parseRatingRecord,
  parseWatchedRecord,
  parseWatchlistRecord,
  readTraktExport,
  type ExportSource,
  type ParsedFile,
} from '../src/sources/trakt/index.ts';

// ---------- fixtures ----------

// Verbatim real records (FuzzyGrim/Yamtrack fixtures), copied here so the test is
// hermetic. Classic serialization: key order title/year/ids with ids.tvrage.
const REAL_RATING_SHOW = {
  rated_at: '2024-09-11T08:38:40.000Z',
  rating: 8,
  type: 'show',
  show: {
    title: "Frieren: Beyond Journey's End",
    year: 2023,
    ids: {
      trakt: 198225,
      slug: 'frieren-beyond-journey-s-end',
      tvdb: 424536,
      imdb: 'tt22248376',
      tmdb: 209867,
      tvrage: null,
    },
    aired_episodes: 38,
  },
};
const REAL_RATING_EPISODE = {
  rated_at: '2024-09-11T08:38:24.000Z',
  rating: 7,
  type: 'episode',
  episode: {
    season: 1,
    number: 1,
    title: 'Pilot (1)',
    ids: { trakt: 342245, tvdb: 127131, imdb: 'tt0636289', tmdb: 333924, tvrage: null },
  },
  show: {
    title: 'Lost',
    year: 2004,
    ids: { trakt: 4583, slug: 'lost-2004', tvdb: 73739, imdb: 'tt0411008', tmdb: 4607, tvrage: null },
    aired_episodes: 118,
  },
};
// Ids-first serialization with ids.plex {guid, slug} and no tvrage; ranks 4 and 4 repeat in the real file.
const REAL_WATCHLIST = [
  {
    type: 'movie',
    movie: {
      ids: {
        imdb: 'tt0156887',
        plex: { guid: '5d77683585719b001f3a3b8c', slug: 'perfect-blue' },
        slug: 'perfect-blue-1998',
        tmdb: 10494,
        trakt: 5677,
      },
      year: 1998,
      title: 'Perfect Blue',
    },
    rank: 1,
    id: 1085775335,
    listed_at: '2024-09-11T07:45:03.000Z',
    notes: null,
    my_rating: null,
  },
  {
    type: 'show',
    show: {
      ids: {
        imdb: 'tt9522300',
        plex: { guid: '5d9c090f02391c001f594b8b', slug: 'kaguya-sama-love-is-war' },
        slug: 'kaguya-sama-love-is-war',
        tmdb: 83121,
        tvdb: 354198,
        trakt: 138254,
      },
      year: 2019,
      title: 'Kaguya-sama: Love is War',
      aired_episodes: 37,
    },
    rank: 4,
    id: 1085779483,
    listed_at: '2024-09-11T07:59:23.000Z',
    notes: null,
    my_rating: null,
  },
  {
    type: 'show',
    show: {
      ids: {
        imdb: 'tt12846096',
        plex: { guid: '5e5855aaef1f92003e96b348', slug: '18-again' },
        slug: '18-again',
        tmdb: 99654,
        tvdb: 377956,
        trakt: 158853,
      },
      year: 2020,
      title: '18 Again',
      aired_episodes: 16,
    },
    rank: 4,
    id: 1183101605,
    listed_at: '2025-03-01T21:54:51.000Z',
    notes: null,
    my_rating: null,
  },
];

const ONE_PIECE = {
  title: 'ONE PIECE',
  year: 2023,
  ids: { trakt: 184618, slug: 'one-piece-2023', tvdb: 392276, imdb: 'tt11737520', tmdb: 111110, tvrage: null },
  aired_episodes: 16,
};

function episodePlay(id: number, watchedAt: string, season: number, number: number, show: object = ONE_PIECE): object {
  return {
    id,
    watched_at: watchedAt,
    action: 'scrobble',
    type: 'episode',
    episode: {
      season,
      number,
      title: 'x',
      ids: { trakt: 13670420 + (id % 1000), tvdb: null, imdb: null, tmdb: null, tvrage: null },
    },
    show,
  };
}

// Ids-first serialization of a movie play, with a non-breaking space inside the title.
const MOVIE_PLAY = {
  id: 12259260693,
  watched_at: '2026-05-09T07:33:00.000Z',
  action: 'watch',
  type: 'movie',
  movie: {
    ids: {
      plex: { guid: null, slug: 'a-quiet-place-day-one' },
      imdb: 'tt13433802',
      trakt: 746852,
      slug: 'a-quiet-place-day-one-2024',
      tmdb: 762441,
    },
    year: 2024,
    title: 'A Quiet Place:\u00a0Day One',
  },
};

const pretty = (v: unknown): string => JSON.stringify(v, null, 2);

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'anidex-trakt-'));
  dirs.push(d);
  return d;
}

async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<string> {
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(root, name);
    await mkdir(path.dirname(p), { recursive: true });
    await writeFile(p, content);
  }
  return root;
}

async function zipBuffer(entries: Array<[string, string | Buffer]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of entries) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.from(content), name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function writeZip(entries: Array<[string, string | Buffer]>, name = 'trakt-export.zip'): Promise<string> {
  const p = path.join(await tempDir(), name);
  await writeFile(p, await zipBuffer(entries));
  return p;
}

async function readAll(source: ExportSource, strict = false): Promise<ParsedFile[]> {
  const out: ParsedFile[] = [];
  try {
    for await (const f of readTraktExport(source, { strict })) out.push(f);
  } finally {
    await source.close();
  }
  return out;
}

async function rejectsInput(p: Promise<unknown>, ...mustContain: string[]): Promise<InputError> {
  let caught: unknown;
  await assert.rejects(p, (err: unknown) => {
    caught = err;
    return true;
  });
  assert.ok(caught instanceof InputError, `expected InputError, got ${String(caught)}`);
  for (const s of mustContain) assert.ok(caught.message.includes(s), `"${caught.message}" should mention "${s}"`);
  assert.ok(caught.hint, 'an InputError says what to do next');
  return caught;
}

const HISTORY = pretty([episodePlay(12259473176, '2026-05-09T09:58:00.000Z', 2, 7), MOVIE_PLAY]);
const ctx = { file: 'f.json', index: 3 };

// ---------- sections ----------

describe('file classification', () => {
  test('matches each prefix exactly, numbered or not', () => {
    assert.deepEqual(classifyTraktFile('watched-history.json'), {
      section: 'history',
      prefix: 'watched-history',
      page: null,
    });
    assert.deepEqual(classifyTraktFile('watched-history-10.json'), {
      section: 'history',
      prefix: 'watched-history',
      page: 10,
    });
    assert.deepEqual(classifyTraktFile('ratings-episodes-1.json'), {
      section: 'ratings',
      prefix: 'ratings-episodes',
      page: 1,
    });
    assert.equal(classifyTraktFile('ratings-seasons.json')?.section, 'ratings');
    assert.equal(classifyTraktFile('lists-watchlist.json')?.section, 'watchlist');
    assert.equal(classifyTraktFile('watched-movies.json')?.prefix, 'watched-movies');
    assert.equal(classifyTraktFile('watched-shows-3.json')?.section, 'watched');
    for (const other of [
      'user-settings.json',
      'watched-playback.json',
      'watched-history-extra.json',
      'watched-historyx.json',
      'ratings-shows-reset.json',
      'lists-list-123-anime.json',
      'lists-lists.json',
      'hidden-progress-watched-reset.json',
      'watched-history.json.bak',
      'Watched-History.json',
      'watched-history-.json',
      'watched-history-1-2.json',
      'xwatched-history.json',
      'user-stats.json',
    ]) {
      assert.equal(classifyTraktFile(other), null, other);
    }
  });

  test('zip entry names that escape the folder are recognised', () => {
    assert.match(unsafeEntryName('../evil.json') ?? '', /\.\./);
    assert.match(unsafeEntryName('a/../../evil.json') ?? '', /\.\./);
    assert.match(unsafeEntryName('/etc/evil.json') ?? '', /absolute/);
    assert.match(unsafeEntryName('C:/evil.json') ?? '', /absolute/);
    assert.match(unsafeEntryName('a\\evil.json') ?? '', /backslash/);
    assert.equal(unsafeEntryName('trakt/watched-history.json'), null);
  });
});

// ---------- record parsing ----------

describe('record parsing', () => {
  test('history: classic serialization, ids beyond 32 bits, raw JSON kept compact', () => {
    const rec = episodePlay(12259473176, '2026-05-09T09:58:00.000Z', 2, 7);
    const r = parseHistoryRecord(rec, ctx);
    assert.ok(r.ok);
    assert.equal(r.value.playId, 12259473176);
    assert.equal(r.value.watchedAt, '2026-05-09T09:58:00.000Z');
    assert.equal(r.value.action, 'scrobble');
    assert.deepEqual(r.value.media, {
      mediaType: 'show',
      title: 'ONE PIECE',
      year: 2023,
      airedEpisodes: 16,
      ids: { trakt: 184618, slug: 'one-piece-2023', imdb: 'tt11737520', tmdb: 111110, tvdb: 392276 },
    });
    assert.deepEqual([r.value.season, r.value.episode], [2, 7]);
    assert.deepEqual(r.raw, {
      section: 'history',
      file: 'f.json',
      index: 3,
      key: '12259473176',
      json: JSON.stringify(rec),
    });
  });

  test('history: ids-first movie with plex ids, NBSP title kept verbatim', () => {
    const r = parseHistoryRecord(MOVIE_PLAY, ctx);
    assert.ok(r.ok);
    assert.equal(r.value.media.title, 'A Quiet Place:\u00a0Day One');
    assert.equal(r.value.media.mediaType, 'movie');
    assert.equal(r.value.media.ids.trakt, 746852);
    assert.equal(r.value.media.ids.tvdb, null);
    assert.deepEqual([r.value.season, r.value.episode, r.value.episodeTraktId], [null, null, null]);
  });

  test('history: null ids, null year, season 0, year-numbered season, epoch means unknown', () => {
    const noIds = {
      title: 'Pokémon',
      year: null,
      ids: { trakt: null, slug: null, tvdb: null, imdb: null, tmdb: null },
    };
    const a = parseHistoryRecord(episodePlay(1, '1970-01-01T00:00:00.000Z', 0, 3, noIds), ctx);
    assert.ok(a.ok);
    assert.equal(a.value.watchedAt, null);
    assert.equal(a.value.season, 0);
    assert.equal(a.value.media.ids.trakt, null);
    assert.equal(a.value.media.year, null);
    assert.equal(a.value.media.title, 'Pokémon');
    const b = parseHistoryRecord(episodePlay(2, '2014-06-01T00:00:00Z', 2014, 12), ctx);
    assert.ok(b.ok);
    assert.equal(b.value.season, 2014);
    assert.equal(b.value.watchedAt, '2014-06-01T00:00:00.000Z');
  });

  test('history: bad records are skipped with the field named', () => {
    const cases: Array<[unknown, string]> = [
      [episodePlay(1, '2014-02-31T00:00:00.000Z', 1, 1), 'watched_at'],
      [episodePlay(1, '2024-13-01T00:00:00.000Z', 1, 1), 'watched_at'],
      [episodePlay(1, '2024-05-01 10:00:00', 1, 1), 'watched_at'],
      [episodePlay(1, '2024-05-01T24:00:00.000Z', 1, 1), 'watched_at'],
      [episodePlay(1, '2024-05-01T10:00:00.000Z', -1, 1), 'episode.season'],
      [episodePlay(1, '2024-05-01T10:00:00.000Z', 1, 1.5), 'episode.number'],
      [episodePlay(-5, '2024-05-01T10:00:00.000Z', 1, 1), 'id'],
      [{ ...MOVIE_PLAY, id: '12' }, 'id'],
      [{ ...MOVIE_PLAY, type: 'show' }, 'type'],
      [{ ...MOVIE_PLAY, movie: undefined }, 'movie'],
      [{ ...MOVIE_PLAY, movie: { ...MOVIE_PLAY.movie, title: '' } }, 'movie.title'],
      [{ ...MOVIE_PLAY, movie: { ...MOVIE_PLAY.movie, ids: { trakt: Number.NaN } } }, 'movie.ids.trakt'],
      [{ ...MOVIE_PLAY, movie: { ...MOVIE_PLAY.movie, year: 2024.5 } }, 'movie.year'],
      [{ ...MOVIE_PLAY, watched_at: undefined }, 'watched_at'],
      ['just a string', '(record)'],
      [null, '(record)'],
      [[1, 2], '(record)'],
    ];
    for (const [rec, field] of cases) {
      const r = parseHistoryRecord(rec, ctx);
      assert.ok(!r.ok, `${JSON.stringify(rec)} should be skipped`);
      assert.equal(r.skipped.field, field);
      assert.equal(r.skipped.file, 'f.json');
      assert.equal(r.skipped.index, 3);
      assert.ok(r.skipped.reason.length > 0);
    }
  });

  test('ratings: real show and episode records, season ratings, keys by rated object', () => {
    const show = parseRatingRecord(REAL_RATING_SHOW, ctx);
    assert.ok(show.ok);
    assert.equal(show.raw.key, 'show:198225');
    assert.equal(show.value.rating, 8);
    assert.equal(show.value.ratedAt, '2024-09-11T08:38:40.000Z');
    assert.equal(show.value.media.airedEpisodes, 38);
    const ep = parseRatingRecord(REAL_RATING_EPISODE, ctx);
    assert.ok(ep.ok);
    assert.equal(ep.raw.key, 'episode:342245');
    assert.deepEqual(
      [ep.value.kind, ep.value.season, ep.value.episode, ep.value.objectTraktId],
      ['episode', 1, 1, 342245],
    );
    assert.equal(ep.value.media.ids.trakt, 4583);
    const season = parseRatingRecord(
      {
        rated_at: '2024-01-01T00:00:00.000Z',
        rating: 10,
        type: 'season',
        season: { number: 0, ids: { trakt: 3950, tvdb: 28012, tmdb: 3572 }, aired_episodes: 4 },
        show: REAL_RATING_EPISODE.show,
      },
      ctx,
    );
    assert.ok(season.ok);
    assert.equal(season.raw.key, 'season:3950');
    assert.equal(season.value.season, 0);
    for (const [rating, ok] of [
      [0, false],
      [11, false],
      [7.5, false],
      [1, true],
      [10, true],
    ] as const) {
      assert.equal(parseRatingRecord({ ...REAL_RATING_SHOW, rating }, ctx).ok, ok, `rating ${rating}`);
    }
    const bad = parseRatingRecord({ ...REAL_RATING_SHOW, type: 'list' }, ctx);
    assert.ok(!bad.ok);
    assert.equal(bad.skipped.field, 'type');
  });

  test('watchlist: real ids-first records, repeated rank, null notes, key is the list item id', () => {
    const items = REAL_WATCHLIST.map((rec, index) => parseWatchlistRecord(rec, { file: 'w', index }));
    const values = items.map((r) => {
      assert.ok(r.ok);
      return r;
    });
    assert.deepEqual(
      values.map((r) => r.raw.key),
      ['1085775335', '1085779483', '1183101605'],
    );
    assert.deepEqual(
      values.map((r) => r.value.rank),
      [1, 4, 4],
    );
    assert.deepEqual(
      values.map((r) => r.value.kind),
      ['movie', 'show', 'show'],
    );
    assert.equal(values[0]?.value.notes, null);
    assert.equal(values[0]?.value.media.ids.slug, 'perfect-blue-1998');
    assert.equal(values[1]?.value.media.ids.tvdb, 354198);
    assert.equal(values[2]?.value.listedAt, '2025-03-01T21:54:51.000Z');
  });

  test('watched summaries: plays and last_watched_at, media by key', () => {
    const r = parseWatchedRecord(
      {
        plays: 56,
        last_watched_at: '2026-05-09T09:58:00.000Z',
        last_updated_at: '2026-05-09T09:58:00.000Z',
        reset_at: null,
        show: ONE_PIECE,
        seasons: [],
      },
      ctx,
    );
    assert.ok(r.ok);
    assert.equal(r.raw.key, 'show:184618');
    assert.deepEqual(
      [r.value.plays, r.value.lastWatchedAt, r.value.media.mediaType],
      [56, '2026-05-09T09:58:00.000Z', 'show'],
    );
    const m = parseWatchedRecord({ plays: 1, last_watched_at: null, movie: MOVIE_PLAY.movie }, ctx);
    assert.ok(m.ok);
    assert.equal(m.value.media.mediaType, 'movie');
    const bad = parseWatchedRecord({ plays: -1, show: ONE_PIECE }, ctx);
    assert.ok(!bad.ok);
    assert.equal(bad.skipped.field, 'plays');
  });

  test('timestamps normalize to milliseconds and check the calendar', () => {
    assert.equal(normalizeTraktTimestamp('2024-02-29T23:59:59Z'), '2024-02-29T23:59:59.000Z');
    assert.equal(normalizeTraktTimestamp('2023-02-29T00:00:00.000Z'), undefined);
    assert.equal(normalizeTraktTimestamp('2014-02-31T00:00:00.000Z'), undefined);
    assert.equal(normalizeTraktTimestamp('1970-01-01T00:00:00.000Z'), null);
    assert.equal(normalizeTraktTimestamp('2024-01-01T00:00:00.000+01:00'), undefined);
  });
});

// ---------- reading exports ----------

describe('opening and reading exports', () => {
  test('a folder: pages in numeric order, exact prefixes, both serializations, everything kept', async () => {
    const root = await writeTree(await tempDir(), {
      'watched-history-10.json': pretty([episodePlay(10, '2020-01-01T00:00:00.000Z', 1, 1)]),
      'watched-history-2.json': pretty([episodePlay(2, '2021-01-01T00:00:00.000Z', 1, 2)]),
      'watched-history.json': HISTORY,
      'watched-history-1.json': pretty([
        episodePlay(1, '2022-01-01T00:00:00.000Z', 1, 3),
        episodePlay(1, '2022-01-01T00:00:00.000Z', 1, 3),
      ]),
      'ratings-shows.json': pretty([REAL_RATING_SHOW]),
      'ratings-episodes-1.json': pretty([REAL_RATING_EPISODE]),
      'lists-watchlist.json': pretty(REAL_WATCHLIST),
      'watched-shows.json': pretty([{ plays: 2, last_watched_at: '2022-01-01T00:00:00.000Z', show: ONE_PIECE }]),
      'watched-movies.json': '[]',
      'watched-history-extra.json': 'not json',
      'watched-playback.json': 'not json',
      'ratings-shows-reset.json': 'not json',
      'lists-list-123-anime.json': 'not json',
      'hidden-progress-watched-reset.json': 'not json',
      'user-stats.json': '{}',
    });
    const source = await openExport(root);
    assert.equal(source.kind, 'folder');
    assert.deepEqual(
      source.files.map((f) => path.basename(f.name)),
      [
        'watched-history.json',
        'watched-history-1.json',
        'watched-history-2.json',
        'watched-history-10.json',
        'ratings-episodes-1.json',
        'ratings-shows.json',
        'lists-watchlist.json',
        'watched-movies.json',
        'watched-shows.json',
      ],
    );
    assert.equal(source.files[3]?.page, 10);
    assert.equal(source.files[0]?.name, path.join(root, 'watched-history.json'));
    const parsed = await readAll(source);
    assert.deepEqual(
      parsed.map((p) => [p.section, p.records.length, p.skipped.length]),
      [
        ['history', 2, 0],
        ['history', 2, 0],
        ['history', 1, 0],
        ['history', 1, 0],
        ['ratings', 1, 0],
        ['ratings', 1, 0],
        ['watchlist', 3, 0],
        ['watched', 0, 0],
        ['watched', 1, 0],
      ],
    );
    // Duplicates within and across files are kept: de-duplication on play id is the pipeline's job.
    assert.deepEqual(
      parsed[1]?.records.map((r) => r.raw.key),
      ['1', '1'],
    );
    const first = parsed[0];
    assert.equal(first?.section, 'history');
    const movie = first?.records[1]?.value as TraktPlay;
    assert.equal(movie.media.title, 'A Quiet Place:\u00a0Day One');
  });

  test(
    'user-settings.json is never opened (a FIFO there would hang any read)',
    { timeout: 4000, skip: process.platform === 'win32' },
    async () => {
      const root = await writeTree(await tempDir(), { 'watched-history.json': HISTORY });
      execFileSync('mkfifo', [path.join(root, 'user-settings.json')]);
      const parsed = await readAll(await openExport(root));
      assert.equal(parsed.length, 1);
    },
  );

  test('a folder wrapped in one subfolder; unrelated symlinks are ignored', async () => {
    const root = await tempDir();
    await writeTree(path.join(root, 'trakt-export-2026-05-10'), {
      'watched-history.json': HISTORY,
      'user-settings.json': '{}',
    });
    await symlink('/etc/hostname', path.join(root, 'trakt-export-2026-05-10', 'notes.json'));
    const source = await openExport(root);
    assert.equal(source.files.length, 1);
    assert.equal(source.files[0]?.name, path.join(root, 'trakt-export-2026-05-10', 'watched-history.json'));
    assert.equal((await readAll(source))[0]?.records.length, 2);
  });

  test('a zip wrapped in one folder; stray __MACOSX copies and user-settings.json are left alone', async () => {
    const zipPath = await writeZip([
      ['trakt/', ''],
      ['trakt/watched-history-2.json', pretty([episodePlay(5, '2020-01-01T00:00:00.000Z', 1, 1)])],
      ['trakt/watched-history-1.json', HISTORY],
      ['trakt/lists-watchlist.json', pretty(REAL_WATCHLIST)],
      // Larger than the limit below: refused at once if anidex ever considered reading it.
      ['trakt/user-settings.json', Buffer.alloc(2 * 1024 * 1024, 0x20)],
      ['__MACOSX/trakt/._watched-history-1.json', 'binary junk'],
    ]);
    const source = await openExport(zipPath, { maxFileBytes: 1024 * 1024 });
    assert.equal(source.kind, 'zip');
    assert.deepEqual(
      source.files.map((f) => f.name),
      [
        `${zipPath}:trakt/watched-history-1.json`,
        `${zipPath}:trakt/watched-history-2.json`,
        `${zipPath}:trakt/lists-watchlist.json`,
      ],
    );
    const parsed = await readAll(source);
    assert.deepEqual(
      parsed.map((p) => p.records.length),
      [2, 1, 3],
    );
    assert.equal(parsed[0]?.records[0]?.raw.file, `${zipPath}:trakt/watched-history-1.json`);
  });

  test('a UTF-8 BOM is accepted', async () => {
    const root = await writeTree(await tempDir(), { 'watched-history.json': `\uFEFF${HISTORY}` });
    const parsed = await readAll(await openExport(root));
    assert.equal(parsed[0]?.records.length, 2);
  });

  test('a bad record is skipped and listed; with strict it is fatal, naming file, record and field', async () => {
    const history = pretty([
      episodePlay(1, '2024-05-01T10:00:00.000Z', 1, 1),
      episodePlay(2, '2014-02-31T00:00:00.000Z', 1, 2),
      42,
    ]);
    const root = await writeTree(await tempDir(), { 'watched-history.json': history });
    const parsed = await readAll(await openExport(root));
    assert.equal(parsed[0]?.records.length, 1);
    assert.deepEqual(
      parsed[0]?.skipped.map((s) => [s.index, s.field]),
      [
        [1, 'watched_at'],
        [2, '(record)'],
      ],
    );
    assert.equal(parsed[0]?.skipped[0]?.file, path.join(root, 'watched-history.json'));
    const err = await rejectsInput(
      readAll(await openExport(root), true),
      'watched-history.json',
      'record 1',
      'watched_at',
    );
    assert.equal(err.file, path.join(root, 'watched-history.json'));
  });
});

describe('refused inputs name the file', () => {
  test('missing path', async () => {
    const missing = path.join(await tempDir(), 'nope.zip');
    await rejectsInput(openExport(missing), missing, 'does not exist');
  });

  test('empty folder', async () => {
    const root = await tempDir();
    await rejectsInput(openExport(root), root, 'empty folder');
  });

  test('folder without Trakt files', async () => {
    const root = await writeTree(await tempDir(), {
      'notes.txt': 'hi',
      'user-settings.json': '{}',
      'watched-playback.json': '[]',
    });
    await rejectsInput(openExport(root), root, 'no Trakt export files');
  });

  test('export without watched-history', async () => {
    const root = await writeTree(await tempDir(), { 'ratings-shows.json': pretty([REAL_RATING_SHOW]) });
    await rejectsInput(openExport(root), root, 'watched-history');
    const zipPath = await writeZip([['ratings-shows.json', '[]']]);
    await rejectsInput(openExport(zipPath), zipPath, 'watched-history');
  });

  test('truncated JSON', async () => {
    const root = await writeTree(await tempDir(), { 'watched-history.json': HISTORY.slice(0, 200) });
    await rejectsInput(readAll(await openExport(root)), 'watched-history.json', 'not valid JSON');
    const bad = await writeTree(await tempDir(), { 'watched-history.json': '[\n  {"id": 1}\n  {"id": 2}\n]' });
    await rejectsInput(readAll(await openExport(bad)), 'watched-history.json', 'line 3');
    const empty = await writeTree(await tempDir(), { 'watched-history.json': '' });
    await rejectsInput(readAll(await openExport(empty)), 'watched-history.json', 'empty');
  });

  test('top level that is not an array', async () => {
    const root = await writeTree(await tempDir(), { 'watched-history.json': '{"history": []}' });
    await rejectsInput(readAll(await openExport(root)), 'watched-history.json', 'an object');
  });

  test('invalid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"title": "Pok'), Buffer.from([0xe9]), Buffer.from('mon"}]')]);
    const root = await writeTree(await tempDir(), { 'watched-history.json': bytes });
    await rejectsInput(readAll(await openExport(root)), 'watched-history.json', 'UTF-8');
  });

  test('a zip entry that climbs out with ../', async () => {
    const zip = await zipBuffer([
      ['watched-history.json', HISTORY],
      ['xx/evil.json', '[]'],
    ]);
    const p = path.join(await tempDir(), 'evil.zip');
    await writeFile(p, replaceAll(zip, 'xx/evil.json', '../evil.json'));
    await rejectsInput(openExport(p), p, '../evil.json');
  });

  test('a zip bomb: declared size over the limit', async () => {
    const zipPath = await writeZip([['watched-history.json', Buffer.alloc(5 * 1024 * 1024)]]);
    await rejectsInput(
      openExport(zipPath, { maxFileBytes: 1024 * 1024 }),
      `${zipPath}:watched-history.json`,
      '5.0 MiB',
      '1.0 MiB',
    );
  });

  test('a zip bomb: a header that lies about the size is caught while inflating', async () => {
    const zip = await zipBuffer([['watched-history.json', Buffer.alloc(5 * 1024 * 1024)]]);
    const p = path.join(await tempDir(), 'liar.zip');
    await writeFile(p, setDeclaredSize(zip, 100));
    const source = await openExport(p, { maxFileBytes: 1024 * 1024 });
    assert.equal(source.files[0]?.size, 100);
    await rejectsInput(readAll(source), `${p}:watched-history.json`, 'zip bomb');
  });

  test('a zip holding Trakt files in two folders', async () => {
    const zipPath = await writeZip([
      ['a/watched-history.json', HISTORY],
      ['b/watched-history.json', HISTORY],
    ]);
    await rejectsInput(openExport(zipPath), zipPath, 'more than one folder');
  });

  test('a total over the export limit', async () => {
    const zipPath = await writeZip([
      ['watched-history.json', HISTORY],
      ['watched-history-2.json', HISTORY],
    ]);
    await rejectsInput(openExport(zipPath, { maxTotalBytes: HISTORY.length + 10 }), zipPath, 'limit');
  });

  test('too many zip entries', async () => {
    const zipPath = await writeZip([
      ['watched-history.json', HISTORY],
      ['a.txt', ''],
      ['b.txt', ''],
    ]);
    await rejectsInput(openExport(zipPath, { maxEntries: 2 }), zipPath, '3 entries');
  });

  test('an enormous file in a folder (sparse, so the test stays fast)', async () => {
    const root = await writeTree(await tempDir(), { 'watched-history.json': HISTORY, 'watched-history-2.json': '' });
    await truncate(path.join(root, 'watched-history-2.json'), 300 * 1024 * 1024);
    await rejectsInput(openExport(root), path.join(root, 'watched-history-2.json'), '300.0 MiB', '256.0 MiB');
  });

  test('a corrupt or truncated zip', async () => {
    const zip = await zipBuffer([['watched-history.json', HISTORY]]);
    const truncatedZip = path.join(await tempDir(), 'truncated.zip');
    await writeFile(truncatedZip, zip.subarray(0, Math.floor(zip.length / 2)));
    await rejectsInput(openExport(truncatedZip), truncatedZip, 'corrupt or truncated');
    const notZip = path.join(await tempDir(), 'export.zip');
    await writeFile(notZip, 'hello');
    await rejectsInput(openExport(notZip), notZip, 'corrupt or truncated');
  });

  test('a MyAnimeList export, by name or by content', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" ?>\n<myanimelist><myinfo><user_id>1</user_id></myinfo></myanimelist>';
    const dir = await writeTree(await tempDir(), { 'animelist_1734298612_-_16433979.xml': xml, 'export.txt': xml });
    await writeFile(path.join(dir, 'animelist.xml.gz'), gzipSync(xml));
    await writeFile(path.join(dir, 'download'), gzipSync(xml));
    for (const name of ['animelist_1734298612_-_16433979.xml', 'export.txt', 'animelist.xml.gz', 'download']) {
      const p = path.join(dir, name);
      await rejectsInput(openExport(p), p, 'looks like a MyAnimeList export', 'not a Trakt one');
    }
  });

  test('a single file that is neither zip nor folder', async () => {
    const root = await writeTree(await tempDir(), { 'watched-history.json': HISTORY });
    const p = path.join(root, 'watched-history.json');
    const err = await rejectsInput(openExport(p), p, 'neither');
    assert.ok(err.hint?.includes(root), 'hints at the folder that holds it');
  });

  test('a symlinked Trakt file is refused', { skip: process.platform === 'win32' }, async () => {
    const elsewhere = await writeTree(await tempDir(), { 'real.json': '[]' });
    const root = await writeTree(await tempDir(), { 'watched-history.json': HISTORY });
    await symlink(path.join(elsewhere, 'real.json'), path.join(root, 'ratings-shows.json'));
    await rejectsInput(openExport(root), path.join(root, 'ratings-shows.json'), 'symbolic link');
  });
});

// ---------- zip byte surgery ----------

function replaceAll(buf: Buffer, from: string, to: string): Buffer {
  assert.equal(from.length, to.length);
  const out = Buffer.from(buf);
  const needle = Buffer.from(from);
  for (let i = out.indexOf(needle); i !== -1; i = out.indexOf(needle, i + 1)) out.write(to, i);
  return out;
}

// Rewrites the uncompressed size in every local and central header, as a hand-made zip bomb would.
function setDeclaredSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = out.indexOf('PK\x03\x04'); i !== -1; i = out.indexOf('PK\x03\x04', i + 1))
    out.writeUInt32LE(size, i + 22);
  for (let i = out.indexOf('PK\x01\x02'); i !== -1; i = out.indexOf('PK\x01\x02', i + 1))
    out.writeUInt32LE(size, i + 24);
  return out;
}
