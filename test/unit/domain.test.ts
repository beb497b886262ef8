import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTitle, titleKey, parseTitleKey } from '../../src/domain/title-key.ts';
import {
  aggregateTitles,
  bingeIndicator,
  crossCheckWatched,
  dedupePlays,
  watchDurationDays,
} from '../../src/domain/aggregate.ts';
import { parseIsoTime } from '../../src/domain/time.ts';
import { sanitizeText } from '../../src/lib/sanitize.ts';
import { findTitles } from '../../src/domain/find-title.ts';
import { displayWidth, fit } from '../../src/lib/text/cells.ts';
import { fillMonths, hbar } from '../../src/app/charts.ts';
import type { TraktMedia, TraktPlay, TraktRating } from '../../src/domain/types.ts';

const FRIEREN: TraktMedia = {
  mediaType: 'show',
  title: "Frieren: Beyond Journey's End",
  year: 2023,
  ids: { trakt: 198225, slug: 'frieren-beyond-journey-s-end', imdb: null, tmdb: null, tvdb: null },
  airedEpisodes: 28,
};
const MOVIE: TraktMedia = {
  mediaType: 'movie',
  title: 'Perfect Blue',
  year: 1998,
  ids: { trakt: 5677, slug: null, imdb: null, tmdb: null, tvdb: null },
  airedEpisodes: null,
};

let nextId = 1;
function play(
  media: TraktMedia,
  watchedAt: string | null,
  season: number | null = 1,
  episode: number | null = 1,
  playId = nextId++,
): TraktPlay {
  return {
    playId,
    watchedAt,
    action: 'watch',
    media,
    season: media.mediaType === 'movie' ? null : season,
    episode: media.mediaType === 'movie' ? null : episode,
    episodeTraktId: null,
  };
}

test('normalized titles survive case, punctuation, diacritics, full-width forms and odd whitespace', () => {
  const want = 'frieren beyond journeys end';
  for (const t of [
    "Frieren: Beyond Journey's End",
    'FRIEREN — BEYOND JOURNEY’S END',
    "Ｆｒｉｅｒｅｎ：　Ｂｅｙｏｎｄ　Ｊｏｕｒｎｅｙ'ｓ　Ｅｎｄ",
    '  frieren\u00a0beyond\tjourneys   end ',
  ]) {
    assert.equal(normalizeTitle(t), want, t);
  }
  assert.equal(normalizeTitle('Pokémon'), 'pokemon');
  assert.equal(normalizeTitle('Shōgun'), 'shogun');
  assert.equal(normalizeTitle('WALL·E'), 'wall e');
  assert.equal(normalizeTitle('A Quiet Place:\u00a0Day One'), 'a quiet place day one');
  assert.equal(normalizeTitle('葬送のフリーレン'), '葬送のフリーレン');
});

test('title keys use the Trakt id, or the normalized title and year when the id is missing', () => {
  assert.equal(titleKey(FRIEREN), 'trakt:show:198225');
  const noId = { ...FRIEREN, ids: { ...FRIEREN.ids, trakt: null } };
  assert.equal(titleKey(noId), 'trakt:show:~frieren-beyond-journeys-end~2023');
  assert.equal(titleKey({ ...noId, title: 'FRIEREN: Beyond Journey’s End' }), titleKey(noId));
  assert.deepEqual(parseTitleKey('trakt:movie:5677'), { mediaType: 'movie', traktId: 5677 });
  assert.deepEqual(parseTitleKey(titleKey(noId)), { mediaType: 'show', traktId: null });
});

test('aggregation: distinct regular episodes, specials apart, rewatches in plays, first/last by watch time', () => {
  const plays = [
    play(FRIEREN, '2024-01-01T20:00:00.000Z', 1, 1),
    play(FRIEREN, '2024-01-08T20:00:00.000Z', 1, 2),
    play(FRIEREN, '2024-03-01T20:00:00.000Z', 1, 1), // rewatch
    play(FRIEREN, '2024-02-01T20:00:00.000Z', 0, 1), // special
    play(FRIEREN, null, 1, 3), // unknown date
    play(MOVIE, '2023-05-05T18:00:00.000Z'),
    play(MOVIE, '2024-05-05T18:00:00.000Z'),
  ];
  const ratings: TraktRating[] = [
    {
      kind: 'show',
      rating: 7,
      ratedAt: '2024-01-02T00:00:00.000Z',
      media: FRIEREN,
      season: null,
      episode: null,
      objectTraktId: 198225,
    },
    {
      kind: 'show',
      rating: 9,
      ratedAt: '2024-03-02T00:00:00.000Z',
      media: FRIEREN,
      season: null,
      episode: null,
      objectTraktId: 198225,
    },
    {
      kind: 'episode',
      rating: 2,
      ratedAt: '2024-03-02T00:00:00.000Z',
      media: FRIEREN,
      season: 1,
      episode: 1,
      objectTraktId: 1,
    },
  ];
  const [frieren, movie] = aggregateTitles(plays, ratings).sort((a, b) => a.title.localeCompare(b.title));
  assert.equal(frieren!.episodesWatched, 3);
  assert.equal(frieren!.specialsWatched, 1);
  assert.equal(frieren!.totalPlays, 5);
  assert.equal(frieren!.firstWatchedAt, '2024-01-01T20:00:00.000Z');
  assert.equal(frieren!.lastWatchedAt, '2024-03-01T20:00:00.000Z');
  assert.equal(frieren!.watchDurationDays, 61);
  assert.equal(frieren!.userRating, 9, 'the newest show rating wins; episode ratings do not count');
  assert.equal(frieren!.totalEpisodes, 28);
  assert.equal(movie!.episodesWatched, null);
  assert.equal(movie!.totalPlays, 2);
  assert.equal(movie!.bingeIndicator, null);
});

test('a rated title that was never logged as watched is still a title', () => {
  const titles = aggregateTitles(
    [],
    [{ kind: 'movie', rating: 8, ratedAt: null, media: MOVIE, season: null, episode: null, objectTraktId: 5677 }],
  );
  assert.equal(titles.length, 1);
  assert.equal(titles[0]!.totalPlays, 0);
  assert.equal(titles[0]!.userRating, 8);
});

test('binge: 3 distinct episodes at distinct times within 24 hours; a bulk back-fill at one timestamp is not a binge', () => {
  const t = (h: number) => new Date(Date.UTC(2024, 0, 1, h)).toISOString();
  assert.equal(bingeIndicator([play(FRIEREN, t(20), 1, 1), play(FRIEREN, t(21), 1, 2), play(FRIEREN, t(22), 1, 3)]), 1);
  assert.equal(
    bingeIndicator([play(FRIEREN, t(0), 1, 1), play(FRIEREN, t(12), 1, 2), play(FRIEREN, t(24), 1, 3)]),
    0,
    'exactly 24 h apart is outside the window',
  );
  assert.equal(
    bingeIndicator([play(FRIEREN, t(20), 1, 1), play(FRIEREN, t(21), 1, 1), play(FRIEREN, t(22), 1, 1)]),
    0,
    'one episode thrice is a rewatch',
  );
  const backfill = Array.from({ length: 40 }, (_, i) => play(FRIEREN, t(0), 1, i + 1));
  assert.equal(bingeIndicator(backfill), 0);
  assert.equal(bingeIndicator([play(FRIEREN, null)]), null);
});

test('watch duration counts calendar days, both ends included', () => {
  assert.equal(watchDurationDays('2024-01-01T20:00:00.000Z', '2024-01-01T23:00:00.000Z'), 1);
  assert.equal(watchDurationDays('2024-01-01T23:00:00.000Z', '2024-01-02T01:00:00.000Z'), 2);
  assert.equal(watchDurationDays(null, '2024-01-02T01:00:00.000Z'), null);
});

test('duplicate play ids (the same play on two pages) are kept once', () => {
  const p = play(FRIEREN, '2024-01-01T20:00:00.000Z');
  const { plays, duplicates } = dedupePlays([p, { ...p }, play(FRIEREN, '2024-01-02T20:00:00.000Z')]);
  assert.equal(plays.length, 2);
  assert.equal(duplicates, 1);
});

test('ISO times: canonical UTC out, impossible or loose input refused', () => {
  assert.equal(parseIsoTime('2026-05-01'), '2026-05-01T00:00:00.000Z');
  assert.equal(parseIsoTime('2026-05-01T12:00:00Z'), '2026-05-01T12:00:00.000Z');
  assert.equal(parseIsoTime('2026-05-01T12:00'), '2026-05-01T12:00:00.000Z');
  assert.equal(parseIsoTime('2026-05-01T14:00:00+02:00'), '2026-05-01T12:00:00.000Z');
  for (const bad of ['2014-02-31', '2026-13-01', 'tomorrow', '5', '2026-05-01T25:00:00Z', ''])
    assert.equal(parseIsoTime(bad), null, bad);
});

test('untrusted text loses escape sequences and control characters but keeps Unicode', () => {
  assert.equal(sanitizeText('\u001b[31mRed\u001b[0m Title'), 'Red Title');
  assert.equal(sanitizeText('a\u001b]52;c;ZXZpbA==\u0007b'), 'ab', 'OSC 52 (clipboard write) is dropped');
  assert.equal(sanitizeText('x\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\y'), 'xlinky');
  assert.equal(sanitizeText('bell\u0007 nul\u0000 del\u007f c1\u009b2J'), 'bell nul del c1');
  assert.equal(sanitizeText('line\nbreak\ttab'), 'line break tab');
  assert.equal(sanitizeText('\u202eevil'), 'evil');
  assert.equal(sanitizeText('Pokémon 葬送のフリーレン'), 'Pokémon 葬送のフリーレン');
});

test('finding a title by id, exact name, name with year, or words', () => {
  const idx = [
    {
      titleKey: 'trakt:show:1',
      traktId: 1,
      title: 'Hunter x Hunter',
      normTitle: 'hunter x hunter',
      year: 1999,
      mediaType: 'show' as const,
    },
    {
      titleKey: 'trakt:show:2',
      traktId: 2,
      title: 'Hunter x Hunter',
      normTitle: 'hunter x hunter',
      year: 2011,
      mediaType: 'show' as const,
    },
    {
      titleKey: 'trakt:show:3',
      traktId: 3,
      title: 'Mushishi',
      normTitle: 'mushishi',
      year: 2005,
      mediaType: 'show' as const,
    },
  ];
  assert.deepEqual(
    findTitles(idx, '3').map((t) => t.traktId),
    [3],
  );
  assert.deepEqual(
    findTitles(idx, 'MUSHISHI').map((t) => t.traktId),
    [3],
  );
  assert.deepEqual(
    findTitles(idx, 'hunter x hunter').map((t) => t.traktId),
    [1, 2],
    'ambiguous',
  );
  assert.deepEqual(
    findTitles(idx, 'Hunter x Hunter (2011)').map((t) => t.traktId),
    [2],
  );
  assert.deepEqual(
    findTitles(idx, 'mushi').map((t) => t.traktId),
    [3],
  );
  assert.deepEqual(findTitles(idx, 'nothing'), []);
});

test('terminal width: wide characters take two cells; fit pads and cuts by cells', () => {
  assert.equal(displayWidth('フリーレン'), 10);
  assert.equal(fit('フリーレン', 6), 'フリ… ');
  assert.equal(fit('ab', 4, 'right'), '  ab');
});

test('charts: eighth-block bars and gap-free months', () => {
  assert.equal(hbar(10, 10, 4), '████');
  assert.equal(hbar(0, 10, 4), '');
  assert.deepEqual(
    fillMonths([
      { month: '2025-11', plays: 2 },
      { month: '2026-02', plays: 1 },
    ]).map((m) => m.plays),
    [2, 0, 0, 1],
  );
});

test('cross-check with watched-shows/movies.json reports titles missing from history and differing counts', () => {
  const titles = aggregateTitles(
    [play(FRIEREN, '2024-01-01T20:00:00.000Z', 1, 1), play(FRIEREN, '2024-01-02T20:00:00.000Z', 1, 2)],
    [],
  );
  const other: TraktMedia = { ...MOVIE, title: 'Akira', ids: { ...MOVIE.ids, trakt: 7 } };
  const x = crossCheckWatched(titles, [
    { media: FRIEREN, plays: 3, lastWatchedAt: null },
    { media: other, plays: 1, lastWatchedAt: null },
  ]);
  assert.deepEqual(x, { checked: 2, missingFromHistory: ['Akira'], playsDiffer: 1 });
});
