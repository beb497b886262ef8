/**
 * The hand-written catalogue behind anidex's bundled sample data (`data/sample/`).
 *
 * Two halves per title:
 * - the FACTS: how Trakt shows the title (title, year, ids, aired episodes, TVDB-style seasons) and, for anime,
 *   every MyAnimeList entry the Trakt title spans, described the way AniList describes it. These are public facts
 *   and are meant to be real. The enrichment work turns them into a bundled AniList-shaped provider cache, so a value
 *   is only here when it was checked or is well known; ids that were not certain are `null`.
 * - the BEHAVIOUR of one invented person ("sample-otaku"): what they watched, when, how fast, what they rated.
 *   All of it is made up.
 *
 * Conventions
 * - `traktId`: the real Trakt id where known (Frieren 198225, Kaguya-sama 138254, Breaking Bad 1388, Friends 1657,
 *   Lost 4583, ONE PIECE (2023) 184618 and the watchlist items copied from a real export); every other one is an
 *   invented, unique integer in 1000–999999.
 * - `seasons`: episodes per regular season in Trakt/TVDB order (season 1 first). Trakt numbers anime like TVDB, so
 *   One Piece is split into story-arc seasons and Attack on Titan's final chapters are S04E29–30.
 * - `season`/`year` of a MAL entry: the broadcast season of its premiere as MyAnimeList lists it (roughly Jan–Mar
 *   WINTER, Apr–Jun SPRING, Jul–Sep SUMMER, Oct–Dec FALL; a late-September TV premiere is FALL and a December one the
 *   next year's WINTER, so `year` is the season's year). Films use their Japanese release date; null when unsure.
 * - `averageScore` is AniList's 0–100 average and `malScore` MyAnimeList's 0–10 score, both approximate
 *   (they drift by a point or so over time).
 * - `minutes` is AniList's `duration` (minutes per episode). Studio names are spelled as AniList spells them
 *   ("MADHOUSE", "bones"). AniList's English titles can differ from Trakt's in punctuation (Frieren uses U+2019).
 */

export type Season = 'WINTER' | 'SPRING' | 'SUMMER' | 'FALL';
export type AnimeFormat = 'TV' | 'TV_SHORT' | 'MOVIE' | 'SPECIAL' | 'OVA' | 'ONA';
/** AniList's genre names. */
export type Genre =
  | 'Action' | 'Adventure' | 'Comedy' | 'Drama' | 'Ecchi' | 'Fantasy' | 'Horror' | 'Mahou Shoujo' | 'Mecha'
  | 'Music' | 'Mystery' | 'Psychological' | 'Romance' | 'Sci-Fi' | 'Slice of Life' | 'Sports' | 'Supernatural'
  | 'Thriller';
/** anidex's fixed mood vocabulary (docs/data-model.md). */
export type Mood =
  | 'cozy' | 'dark' | 'emotional' | 'epic' | 'funny' | 'hype' | 'mind-bending' | 'romantic' | 'tense' | 'wholesome';

/** One MyAnimeList entry, described the way AniList describes it. */
export interface MalEntry {
  malId: number;
  /** AniList media id; equal to the MAL id for most older entries, different for newer ones; null when not checked. */
  anilistId: number | null;
  romaji: string;
  /** null: the entry has no English title. */
  english: string | null;
  native: string;
  format: AnimeFormat;
  /** null while airing (One Piece). */
  episodes: number | null;
  minutes: number;
  season: Season | null;
  year: number;
  genres: Genre[];
  tags: string[];
  studios: string[];
  averageScore: number | null;
  malScore: number | null;
  note?: string;
}

/** A real episode record (ids and title copied from a real Trakt export). */
export interface KnownEpisode {
  season: number;
  number: number;
  title: string;
  trakt: number;
  tvdb: number | null;
  imdb: string | null;
  tmdb: number | null;
}

/** The title as Trakt shows it. */
export interface TraktSide {
  title: string;
  year: number;
  mediaType: 'show' | 'movie';
  traktId: number;
  slug: string;
  tvdb: number | null;
  tmdb: number | null;
  imdb: string | null;
  /** Trakt's `aired_episodes` for the whole show (all seasons); null for movies or when unknown (then omitted). */
  airedEpisodes: number | null;
  /** Episodes per regular season, in Trakt order. Shows only. */
  seasons?: number[];
  /** Season numbers when they are not 1, 2, 3… (a show numbered by year). */
  seasonNumbers?: number[];
  /** Runtime in minutes per episode (or of the movie) for non-anime titles; anime use their MAL entry. */
  runtime?: number;
  /** Plex ids as a real export carried them (watchlist items copied from the reference export). */
  plex?: { guid: string; slug: string };
  knownEpisodes?: KnownEpisode[];
  note?: string;
}

export type Pace = 'binge' | 'daily' | 'weekly' | 'sporadic';

/** A run of plays. Shows: episodes `from`…`from+count-1` (0-based, regular seasons in Trakt order). Movies: `count` plays. */
export interface WatchSegment {
  from: number;
  count: number;
  /** First day (UTC, YYYY-MM-DD). For a back-fill: the earliest allowed day. */
  start: string;
  pace: Pace;
  /** New plays that only the later export (2026-08-15) has. */
  later?: boolean;
  /**
   * Logged in one go at a single midnight (date-only bulk back-fill). The generator picks the day, between `start`
   * and `until`, so that the block straddles a page boundary of the first (A) or the later (B) export.
   */
  backfill?: 'A' | 'B';
  until?: string;
}

export interface Behaviour {
  segments: WatchSegment[];
  /** Season-0 specials watched (S00E01…), on this day. */
  specials?: { count: number; start: string };
  /** One episode played again and again. */
  repeat?: { season: number; number: number; extraPlays: number; start: string };
  /** One extra play with Trakt's "unknown date" (1970-01-01T00:00:00.000Z). */
  epochPlay?: { season: number; number: number } | 'movie';
  /** Show/movie rating 1–10 in the first export (null: not rated). */
  rating: number | null;
  /** The rating in the later export when it changed, or was added. */
  ratingLater?: number;
  seasonRatings?: { season: number; rating: number }[];
  episodeRatings?: { season: number; number: number; rating: number; ratedAt?: string }[];
  /** The user deleted this title from Trakt before the later export (plays and rating gone). */
  removedLater?: boolean;
}

export interface WatchlistItem {
  listedAt: string;
  rank: number;
  /** The list item id; real ones are kept for items copied from the reference export. */
  id?: number;
}

export interface CatalogueEntry {
  /** Stable key used by the generator and the tests. */
  key: string;
  anime: boolean;
  trakt: TraktSide;
  /** Every MAL entry the Trakt title spans, first season first. Empty for non-anime. */
  mal: MalEntry[];
  moods: Mood[];
  /** What the sample person did; null for watchlist-only titles. */
  behaviour: Behaviour | null;
  watchlist?: WatchlistItem;
  note?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// helpers (keep the table below readable)

const seg = (start: string, count: number, pace: Pace, from = 0, extra: Partial<WatchSegment> = {}): WatchSegment => ({
  from, count, start, pace, ...extra,
});
const play = (start: string): WatchSegment => ({ from: 0, count: 1, start, pace: 'sporadic' });
const show = (
  title: string, year: number, traktId: number, slug: string, seasons: number[],
  ids: { tvdb?: number | null; tmdb?: number | null; imdb?: string | null; aired?: number | null } = {},
  extra: Partial<TraktSide> = {},
): TraktSide => ({
  title, year, mediaType: 'show', traktId, slug,
  tvdb: ids.tvdb ?? null, tmdb: ids.tmdb ?? null, imdb: ids.imdb ?? null,
  airedEpisodes: ids.aired === undefined ? seasons.reduce((a, b) => a + b, 0) : ids.aired,
  seasons, ...extra,
});
const movie = (
  title: string, year: number, traktId: number, slug: string,
  ids: { tmdb?: number | null; imdb?: string | null } = {}, extra: Partial<TraktSide> = {},
): TraktSide => ({
  title, year, mediaType: 'movie', traktId, slug, tvdb: null, tmdb: ids.tmdb ?? null, imdb: ids.imdb ?? null,
  airedEpisodes: null, ...extra,
});

// ---------------------------------------------------------------------------------------------------------------
// anime

const ANIME: CatalogueEntry[] = [
  // --- the cozy / iyashikei core ---------------------------------------------------------------------------------
  {
    key: 'mushishi', anime: true, moods: ['cozy', 'mind-bending', 'emotional'],
    trakt: show('Mushishi', 2005, 41620, 'mushishi', [26, 20]),
    mal: [
      { malId: 457, anilistId: 457, romaji: 'Mushishi', english: 'Mushi-Shi', native: '蟲師', format: 'TV', episodes: 26, minutes: 25, season: 'FALL', year: 2005, genres: ['Adventure', 'Mystery', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Episodic', 'Rural', 'Travel', 'Male Protagonist'], studios: ['Artland'], averageScore: 86, malScore: 8.67 },
      { malId: 21939, anilistId: null, romaji: 'Mushishi Zoku Shou', english: 'Mushi-Shi: Next Passage', native: '蟲師 続章', format: 'TV', episodes: 10, minutes: 24, season: 'SPRING', year: 2014, genres: ['Adventure', 'Mystery', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Episodic', 'Rural', 'Travel'], studios: ['Artland'], averageScore: 87, malScore: 8.71 },
      { malId: 24701, anilistId: null, romaji: 'Mushishi Zoku Shou 2nd Season', english: 'Mushi-Shi: Next Passage Part 2', native: '蟲師 続章 第2期', format: 'TV', episodes: 10, minutes: 24, season: 'FALL', year: 2014, genres: ['Adventure', 'Mystery', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Episodic', 'Rural', 'Travel'], studios: ['Artland'], averageScore: 87, malScore: 8.75 },
    ],
    behaviour: {
      segments: [seg('2019-02-10', 26, 'sporadic'), seg('2019-07-06', 20, 'sporadic', 26), seg('2022-11-01', 26, 'sporadic')],
      specials: { count: 1, start: '2019-06-22' },
      repeat: { season: 1, number: 1, extraPlays: 2, start: '2020-01-04' },
      rating: 10,
      episodeRatings: [{ season: 1, number: 1, rating: 10 }],
    },
    note: 'TVDB keeps Zoku Shou (two 10-episode cours) as season 2 of Mushishi; the Hihamukage special is season 0.',
  },
  {
    key: 'natsume', anime: true, moods: ['cozy', 'wholesome', 'emotional'],
    trakt: show("Natsume's Book of Friends", 2008, 33270, 'natsume-s-book-of-friends', [13, 13, 13, 13, 11, 11, 12]),
    mal: [
      { malId: 4081, anilistId: 4081, romaji: 'Natsume Yuujinchou', english: "Natsume's Book of Friends", native: '夏目友人帳', format: 'TV', episodes: 13, minutes: 24, season: 'SUMMER', year: 2008, genres: ['Drama', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Youkai', 'Episodic', 'Orphan', 'Shoujo'], studios: ["Brain's Base"], averageScore: 83, malScore: 8.4 },
      { malId: 5300, anilistId: 5300, romaji: 'Zoku Natsume Yuujinchou', english: "Natsume's Book of Friends Season 2", native: '続 夏目友人帳', format: 'TV', episodes: 13, minutes: 24, season: 'WINTER', year: 2009, genres: ['Drama', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Youkai', 'Episodic', 'Shoujo'], studios: ["Brain's Base"], averageScore: 85, malScore: 8.6 },
      { malId: 10379, anilistId: 10379, romaji: 'Natsume Yuujinchou San', english: "Natsume's Book of Friends Season 3", native: '夏目友人帳 参', format: 'TV', episodes: 13, minutes: 24, season: 'SUMMER', year: 2011, genres: ['Drama', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Youkai', 'Episodic', 'Shoujo'], studios: ["Brain's Base"], averageScore: 86, malScore: 8.6 },
      { malId: 11665, anilistId: 11665, romaji: 'Natsume Yuujinchou Shi', english: "Natsume's Book of Friends Season 4", native: '夏目友人帳 肆', format: 'TV', episodes: 13, minutes: 24, season: 'WINTER', year: 2012, genres: ['Drama', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Youkai', 'Episodic', 'Shoujo'], studios: ["Brain's Base"], averageScore: 87, malScore: 8.7 },
      { malId: 32983, anilistId: null, romaji: 'Natsume Yuujinchou Go', english: "Natsume's Book of Friends Season 5", native: '夏目友人帳 伍', format: 'TV', episodes: 11, minutes: 24, season: 'FALL', year: 2016, genres: ['Drama', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Youkai', 'Episodic', 'Shoujo'], studios: ['Shuka'], averageScore: 86, malScore: 8.6 },
      { malId: 34591, anilistId: null, romaji: 'Natsume Yuujinchou Roku', english: "Natsume's Book of Friends Season 6", native: '夏目友人帳 陸', format: 'TV', episodes: 11, minutes: 24, season: 'SPRING', year: 2017, genres: ['Drama', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Youkai', 'Episodic', 'Shoujo'], studios: ['Shuka'], averageScore: 87, malScore: 8.7 },
    ],
    behaviour: {
      segments: [seg('2021-03-01', 52, 'daily'), seg('2021-06-05', 22, 'sporadic', 52), seg('2024-02-03', 13, 'sporadic')],
      specials: { count: 1, start: '2021-05-22' },
      rating: 10,
      seasonRatings: [{ season: 1, rating: 10 }],
    },
    note: 'Season 7 (Natsume Yuujinchou Shichi, Fall 2024, 12 episodes) is part of the Trakt show, but its MAL id was not confirmed, so it is not listed; the sample person has not watched it.',
  },
  {
    key: 'yokohama-kaidashi-kikou', anime: true, moods: ['cozy', 'emotional'],
    trakt: show('Yokohama Kaidashi Kikou', 1998, 76513, 'yokohama-kaidashi-kikou', [2, 2]),
    mal: [
      { malId: 975, anilistId: 975, romaji: 'Yokohama Kaidashi Kikou', english: null, native: 'ヨコハマ買い出し紀行', format: 'OVA', episodes: 2, minutes: 29, season: null, year: 1998, genres: ['Sci-Fi', 'Slice of Life'], tags: ['Iyashikei', 'Post-Apocalyptic', 'Android', 'Rural', 'Female Protagonist'], studios: ['Ajia-do'], averageScore: 76, malScore: 7.9 },
      { malId: 976, anilistId: 976, romaji: 'Yokohama Kaidashi Kikou: Quiet Country Cafe', english: null, native: 'ヨコハマ買い出し紀行 Quiet Country Cafe', format: 'OVA', episodes: 2, minutes: 33, season: null, year: 2002, genres: ['Sci-Fi', 'Slice of Life'], tags: ['Iyashikei', 'Post-Apocalyptic', 'Android', 'Travel'], studios: ['Ajia-do'], averageScore: 75, malScore: 7.8 },
    ],
    behaviour: { segments: [seg('2024-08-17', 4, 'binge'), seg('2025-08-16', 4, 'binge')], rating: 9 },
    note: 'The matcher case with a romaji-only Trakt title and no English title on the provider side.',
  },
  {
    key: 'laid-back-camp', anime: true, moods: ['cozy', 'wholesome', 'funny'],
    trakt: show('Laid-Back Camp', 2018, 125714, 'laid-back-camp', [12, 13, 12]),
    mal: [
      { malId: 34798, anilistId: 98444, romaji: 'Yuru Camp△', english: 'Laid-Back Camp', native: 'ゆるキャン△', format: 'TV', episodes: 12, minutes: 24, season: 'WINTER', year: 2018, genres: ['Comedy', 'Slice of Life'], tags: ['Camping', 'Iyashikei', 'Cute Girls Doing Cute Things', 'Outdoor Activities'], studios: ['C-Station'], averageScore: 83, malScore: 8.25 },
      { malId: 38474, anilistId: null, romaji: 'Yuru Camp△ SEASON 2', english: 'Laid-Back Camp Season 2', native: 'ゆるキャン△ SEASON２', format: 'TV', episodes: 13, minutes: 24, season: 'WINTER', year: 2021, genres: ['Comedy', 'Slice of Life'], tags: ['Camping', 'Iyashikei', 'Cute Girls Doing Cute Things', 'Travel'], studios: ['C-Station'], averageScore: 86, malScore: 8.5 },
      { malId: 53410, anilistId: 155908, romaji: 'Yuru Camp△ SEASON 3', english: 'Laid-Back Camp Season 3', native: 'ゆるキャン△ SEASON３', format: 'TV', episodes: 12, minutes: 24, season: 'SPRING', year: 2024, genres: ['Comedy', 'Slice of Life'], tags: ['Camping', 'Iyashikei', 'Cute Girls Doing Cute Things'], studios: ['Eight Bit'], averageScore: 80, malScore: 8.0 },
    ],
    behaviour: {
      segments: [
        seg('2018-01-05', 12, 'weekly'), seg('2021-01-07', 13, 'weekly', 12), seg('2024-04-04', 6, 'weekly', 25),
        seg('2026-06-06', 6, 'binge', 31, { later: true }),
      ],
      rating: 9,
    },
  },
  {
    key: 'place-further', anime: true, moods: ['emotional', 'wholesome', 'funny'],
    trakt: show('A Place Further Than the Universe', 2018, 127095, 'a-place-further-than-the-universe', [13]),
    mal: [
      { malId: 35839, anilistId: 99426, romaji: 'Sora yori mo Tooi Basho', english: 'A Place Further Than the Universe', native: '宇宙よりも遠い場所', format: 'TV', episodes: 13, minutes: 24, season: 'WINTER', year: 2018, genres: ['Adventure', 'Comedy', 'Drama'], tags: ['Travel', 'Coming of Age', 'Primarily Female Cast', 'Snowscape', 'Iyashikei'], studios: ['MADHOUSE'], averageScore: 84, malScore: 8.5 },
    ],
    behaviour: { segments: [seg('2018-01-03', 13, 'weekly')], rating: 10 },
  },
  {
    key: 'girls-last-tour', anime: true, moods: ['cozy', 'mind-bending', 'emotional'],
    trakt: show("Girls' Last Tour", 2017, 124911, 'girls-last-tour', [12]),
    mal: [
      { malId: 35838, anilistId: 99420, romaji: 'Shoujo Shuumatsu Ryokou', english: "Girls' Last Tour", native: '少女終末旅行', format: 'TV', episodes: 12, minutes: 24, season: 'FALL', year: 2017, genres: ['Adventure', 'Mystery', 'Sci-Fi', 'Slice of Life'], tags: ['Post-Apocalyptic', 'Iyashikei', 'Travel', 'Philosophy'], studios: ['White Fox'], averageScore: 82, malScore: 8.2 },
    ],
    behaviour: { segments: [seg('2018-05-05', 12, 'binge')], rating: 9 },
  },
  {
    key: 'flying-witch', anime: true, moods: ['cozy', 'wholesome'],
    trakt: show('Flying Witch', 2016, 103318, 'flying-witch', [12]),
    mal: [
      { malId: 31376, anilistId: null, romaji: 'Flying Witch', english: 'Flying Witch', native: 'ふらいんぐうぃっち', format: 'TV', episodes: 12, minutes: 24, season: 'SPRING', year: 2016, genres: ['Comedy', 'Slice of Life', 'Supernatural'], tags: ['Witch', 'Iyashikei', 'Rural', 'Magic'], studios: ['J.C.Staff'], averageScore: 78, malScore: 7.6 },
    ],
    behaviour: { segments: [seg('2024-07-06', 12, 'sporadic')], rating: 8 },
  },
  {
    key: 'frieren', anime: true, moods: ['cozy', 'emotional', 'epic'],
    trakt: show("Frieren: Beyond Journey's End", 2023, 198225, 'frieren-beyond-journey-s-end', [28, 10],
      { tvdb: 424536, imdb: 'tt22248376', tmdb: 209867, aired: 38 }),
    mal: [
      { malId: 52991, anilistId: 154587, romaji: 'Sousou no Frieren', english: 'Frieren: Beyond Journey’s End', native: '葬送のフリーレン', format: 'TV', episodes: 28, minutes: 24, season: 'FALL', year: 2023, genres: ['Adventure', 'Drama', 'Fantasy'], tags: ['Travel', 'Time Skip', 'Iyashikei', 'Magic', 'Female Protagonist', 'Elf'], studios: ['MADHOUSE'], averageScore: 91, malScore: 9.3 },
      { malId: 59978, anilistId: null, romaji: 'Sousou no Frieren 2nd Season', english: 'Frieren: Beyond Journey’s End Season 2', native: '葬送のフリーレン 第2期', format: 'TV', episodes: 10, minutes: 24, season: 'WINTER', year: 2026, genres: ['Adventure', 'Drama', 'Fantasy'], tags: ['Travel', 'Magic', 'Female Protagonist', 'Elf'], studios: ['MADHOUSE'], averageScore: null, malScore: null, note: 'Aired January–March 2026; scores left empty.' },
    ],
    behaviour: {
      segments: [
        seg('2023-09-29', 28, 'weekly'), seg('2025-02-01', 28, 'daily'), seg('2026-01-16', 10, 'weekly', 28),
        seg('2026-06-13', 10, 'binge', 28, { later: true }),
      ],
      rating: 10,
    },
  },
  {
    key: 'dungeon-meshi', anime: true, moods: ['cozy', 'funny', 'wholesome'],
    trakt: show('Delicious in Dungeon', 2024, 196418, 'delicious-in-dungeon', [24]),
    mal: [
      { malId: 52701, anilistId: 153518, romaji: 'Dungeon Meshi', english: 'Delicious in Dungeon', native: 'ダンジョン飯', format: 'TV', episodes: 24, minutes: 24, season: 'WINTER', year: 2024, genres: ['Adventure', 'Comedy', 'Fantasy'], tags: ['Food', 'Dungeon', 'Ensemble Cast', 'Elf'], studios: ['Trigger'], averageScore: 85, malScore: 8.6 },
    ],
    behaviour: { segments: [seg('2024-01-04', 24, 'weekly')], rating: null, ratingLater: 9 },
  },
  {
    key: 'skip-and-loafer', anime: true, moods: ['wholesome', 'cozy', 'funny'],
    trakt: show('Skip and Loafer', 2023, 193407, 'skip-and-loafer', [12]),
    mal: [
      { malId: 50416, anilistId: null, romaji: 'Skip to Loafer', english: 'Skip and Loafer', native: 'スキップとローファー', format: 'TV', episodes: 12, minutes: 23, season: 'SPRING', year: 2023, genres: ['Comedy', 'Drama', 'Slice of Life'], tags: ['School', 'Coming of Age', 'Iyashikei', 'Female Protagonist'], studios: ['P.A. Works'], averageScore: 83, malScore: 8.3 },
    ],
    behaviour: { segments: [seg('2023-04-04', 12, 'weekly')], rating: 9 },
  },
  {
    key: 'march-lion', anime: true, moods: ['emotional', 'cozy'],
    trakt: show('March Comes in Like a Lion', 2016, 112240, 'march-comes-in-like-a-lion', [22, 22]),
    mal: [
      { malId: 31646, anilistId: 21366, romaji: '3-gatsu no Lion', english: 'March Comes In Like a Lion', native: '３月のライオン', format: 'TV', episodes: 22, minutes: 25, season: 'FALL', year: 2016, genres: ['Drama', 'Slice of Life'], tags: ['Shogi', 'Family Life', 'Depression', 'Found Family', 'Seinen'], studios: ['Shaft'], averageScore: 84, malScore: 8.4 },
      { malId: 35180, anilistId: 98478, romaji: '3-gatsu no Lion 2', english: 'March Comes In Like a Lion Season 2', native: '３月のライオン 第2シリーズ', format: 'TV', episodes: 22, minutes: 25, season: 'FALL', year: 2017, genres: ['Drama', 'Slice of Life'], tags: ['Shogi', 'Family Life', 'Bullying', 'Found Family', 'Seinen'], studios: ['Shaft'], averageScore: 89, malScore: 8.95 },
    ],
    behaviour: {
      segments: [seg('2017-11-04', 22, 'daily'), seg('2018-04-01', 22, 'daily', 22)],
      rating: 10,
      seasonRatings: [{ season: 2, rating: 10 }],
    },
  },
  {
    key: 'kids-on-the-slope', anime: true, moods: ['emotional', 'romantic'],
    trakt: show('Kids on the Slope', 2012, 49318, 'kids-on-the-slope', [12]),
    mal: [
      { malId: 12531, anilistId: 12531, romaji: 'Sakamichi no Apollon', english: 'Kids on the Slope', native: '坂道のアポロン', format: 'TV', episodes: 12, minutes: 23, season: 'SPRING', year: 2012, genres: ['Drama', 'Music', 'Romance'], tags: ['Jazz', 'School', 'Coming of Age', 'Historical'], studios: ['MAPPA', 'Tezuka Productions'], averageScore: 81, malScore: 8.3 },
    ],
    behaviour: { segments: [seg('2022-01-15', 12, 'binge')], rating: 9 },
  },
  {
    key: 'kinos-journey', anime: true, moods: ['mind-bending', 'cozy'],
    trakt: show("Kino's Journey", 2003, 72805, 'kino-s-journey', [13]),
    mal: [
      { malId: 486, anilistId: 486, romaji: 'Kino no Tabi: the Beautiful World', english: "Kino's Journey", native: 'キノの旅 -the Beautiful World-', format: 'TV', episodes: 13, minutes: 24, season: 'SPRING', year: 2003, genres: ['Adventure', 'Drama', 'Slice of Life'], tags: ['Travel', 'Philosophy', 'Episodic', 'Female Protagonist'], studios: ['A.C.G.T'], averageScore: 80, malScore: 8.2 },
    ],
    behaviour: { segments: [seg('2018-09-15', 13, 'sporadic')], rating: 9 },
  },
  {
    key: 'haibane-renmei', anime: true, moods: ['emotional', 'mind-bending', 'cozy'],
    trakt: show('Haibane Renmei', 2002, 72431, 'haibane-renmei', [13]),
    mal: [
      { malId: 387, anilistId: 387, romaji: 'Haibane Renmei', english: 'Haibane Renmei', native: '灰羽連盟', format: 'TV', episodes: 13, minutes: 24, season: 'FALL', year: 2002, genres: ['Drama', 'Fantasy', 'Mystery', 'Psychological', 'Slice of Life'], tags: ['Angels', 'Coming of Age', 'Philosophy', 'Female Protagonist'], studios: ['Radix'], averageScore: 80, malScore: 8.0 },
    ],
    behaviour: { segments: [seg('2020-04-11', 13, 'binge')], rating: 9 },
  },
  {
    key: 'shirobako', anime: true, moods: ['funny', 'wholesome'],
    trakt: show('Shirobako', 2014, 80662, 'shirobako', [24]),
    mal: [
      { malId: 25835, anilistId: null, romaji: 'SHIROBAKO', english: 'Shirobako', native: 'SHIROBAKO', format: 'TV', episodes: 24, minutes: 24, season: 'FALL', year: 2014, genres: ['Comedy', 'Drama', 'Slice of Life'], tags: ['Work', 'Filmmaking', 'Primarily Female Cast', 'Ensemble Cast'], studios: ['P.A. Works'], averageScore: 82, malScore: 8.3 },
    ],
    behaviour: { segments: [seg('2024-06-01', 24, 'daily')], rating: 8 },
  },
  {
    key: 'nichijou', anime: true, moods: ['funny', 'wholesome'],
    trakt: show('Nichijou', 2011, 43981, 'nichijou', [26]),
    mal: [
      { malId: 10165, anilistId: 10165, romaji: 'Nichijou', english: 'Nichijou - My Ordinary Life', native: '日常', format: 'TV', episodes: 26, minutes: 24, season: 'SPRING', year: 2011, genres: ['Comedy', 'Slice of Life'], tags: ['Surreal Comedy', 'School', 'Cute Girls Doing Cute Things', 'Slapstick'], studios: ['Kyoto Animation'], averageScore: 84, malScore: 8.5 },
    ],
    behaviour: { segments: [seg('2020-10-01', 26, 'sporadic')], rating: 8 },
  },
  {
    key: 'hyouka', anime: true, moods: ['cozy', 'mind-bending'],
    trakt: show('Hyouka', 2012, 49020, 'hyouka', [22]),
    mal: [
      { malId: 12189, anilistId: 12189, romaji: 'Hyouka', english: 'Hyouka', native: '氷菓', format: 'TV', episodes: 22, minutes: 24, season: 'SPRING', year: 2012, genres: ['Mystery', 'Romance', 'Slice of Life'], tags: ['School Club', 'Detective', 'School', 'Male Protagonist'], studios: ['Kyoto Animation'], averageScore: 80, malScore: 8.1 },
    ],
    behaviour: { segments: [seg('2020-09-01', 22, 'daily')], rating: 8 },
  },
  {
    key: 'bocchi', anime: true, moods: ['funny', 'wholesome', 'hype'],
    trakt: show('Bocchi the Rock!', 2022, 190811, 'bocchi-the-rock', [12]),
    mal: [
      { malId: 47917, anilistId: 130003, romaji: 'Bocchi the Rock!', english: 'BOCCHI THE ROCK!', native: 'ぼっち・ざ・ろっく！', format: 'TV', episodes: 12, minutes: 23, season: 'FALL', year: 2022, genres: ['Comedy', 'Music', 'Slice of Life'], tags: ['Band', 'Cute Girls Doing Cute Things', 'Primarily Female Cast', 'Female Protagonist'], studios: ['CloverWorks'], averageScore: 87, malScore: 8.8 },
    ],
    behaviour: { segments: [seg('2022-10-08', 12, 'weekly'), seg('2023-06-10', 12, 'binge')], rating: 8 },
  },
  {
    key: 'sound-euphonium', anime: true, moods: ['emotional', 'hype'],
    trakt: show('Sound! Euphonium', 2015, 97204, 'sound-euphonium', [13, 13, 13]),
    mal: [
      { malId: 27989, anilistId: null, romaji: 'Hibike! Euphonium', english: 'Sound! Euphonium', native: '響け！ユーフォニアム', format: 'TV', episodes: 13, minutes: 24, season: 'SPRING', year: 2015, genres: ['Drama', 'Music', 'Slice of Life'], tags: ['Band', 'School Club', 'Primarily Female Cast', 'Coming of Age'], studios: ['Kyoto Animation'], averageScore: 80, malScore: 8.0 },
      { malId: 31988, anilistId: null, romaji: 'Hibike! Euphonium 2', english: 'Sound! Euphonium 2', native: '響け！ユーフォニアム2', format: 'TV', episodes: 13, minutes: 24, season: 'FALL', year: 2016, genres: ['Drama', 'Music', 'Slice of Life'], tags: ['Band', 'School Club', 'Primarily Female Cast', 'Coming of Age'], studios: ['Kyoto Animation'], averageScore: 84, malScore: 8.3 },
      { malId: 39894, anilistId: null, romaji: 'Hibike! Euphonium 3', english: 'Sound! Euphonium 3', native: '響け！ユーフォニアム3', format: 'TV', episodes: 13, minutes: 24, season: 'SPRING', year: 2024, genres: ['Drama', 'Music', 'Slice of Life'], tags: ['Band', 'School Club', 'Primarily Female Cast', 'Coming of Age'], studios: ['Kyoto Animation'], averageScore: 86, malScore: 8.7 },
    ],
    behaviour: {
      segments: [seg('2024-03-02', 13, 'binge'), seg('2024-03-16', 13, 'binge', 13), seg('2026-07-04', 13, 'binge', 26, { later: true })],
      rating: 8,
    },
  },

  // --- emotional dramas -------------------------------------------------------------------------------------
  {
    key: 'violet-evergarden', anime: true, moods: ['emotional', 'wholesome'],
    trakt: show('Violet Evergarden', 2018, 124308, 'violet-evergarden', [13]),
    mal: [
      { malId: 33352, anilistId: 21827, romaji: 'Violet Evergarden', english: 'Violet Evergarden', native: 'ヴァイオレット・エヴァーガーデン', format: 'TV', episodes: 13, minutes: 24, season: 'WINTER', year: 2018, genres: ['Drama', 'Fantasy', 'Slice of Life'], tags: ['Tragedy', 'Military', 'Female Protagonist', 'Coming of Age'], studios: ['Kyoto Animation'], averageScore: 85, malScore: 8.68 },
    ],
    behaviour: {
      segments: [seg('2018-01-11', 13, 'weekly'), seg('2021-06-12', 13, 'binge')],
      repeat: { season: 1, number: 10, extraPlays: 4, start: '2019-05-12' },
      rating: 10,
      episodeRatings: [{ season: 1, number: 10, rating: 10 }],
    },
  },
  {
    key: 'your-lie-in-april', anime: true, moods: ['emotional', 'romantic'],
    trakt: show('Your Lie in April', 2014, 79814, 'your-lie-in-april', [22]),
    mal: [
      { malId: 23273, anilistId: 20665, romaji: 'Shigatsu wa Kimi no Uso', english: 'Your Lie in April', native: '四月は君の嘘', format: 'TV', episodes: 22, minutes: 23, season: 'FALL', year: 2014, genres: ['Drama', 'Music', 'Romance'], tags: ['Classical Music', 'Tragedy', 'Coming of Age', 'School'], studios: ['A-1 Pictures'], averageScore: 85, malScore: 8.65 },
    ],
    behaviour: { segments: [seg('2017-09-02', 22, 'binge')], rating: 9 },
  },
  {
    key: 'anohana', anime: true, moods: ['emotional'],
    trakt: show('Anohana: The Flower We Saw That Day', 2011, 43552, 'anohana-the-flower-we-saw-that-day', [11]),
    mal: [
      { malId: 9989, anilistId: 9989, romaji: 'Ano Hi Mita Hana no Namae wo Bokutachi wa Mada Shiranai.', english: 'Anohana: The Flower We Saw That Day', native: 'あの日見た花の名前を僕達はまだ知らない。', format: 'TV', episodes: 11, minutes: 23, season: 'SPRING', year: 2011, genres: ['Drama', 'Slice of Life', 'Supernatural'], tags: ['Tragedy', 'Coming of Age', 'Ensemble Cast'], studios: ['A-1 Pictures'], averageScore: 81, malScore: 8.3 },
    ],
    behaviour: { segments: [seg('2017-08-12', 11, 'binge')], rating: 8 },
  },
  {
    key: 'clannad', anime: true, moods: ['emotional', 'romantic', 'wholesome'],
    trakt: show('Clannad', 2007, 37914, 'clannad', [23, 24]),
    mal: [
      { malId: 2167, anilistId: 2167, romaji: 'CLANNAD', english: 'Clannad', native: 'CLANNAD', format: 'TV', episodes: 23, minutes: 24, season: 'FALL', year: 2007, genres: ['Comedy', 'Drama', 'Romance', 'Slice of Life', 'Supernatural'], tags: ['School', 'Family Life', 'Tragedy', 'Male Protagonist'], studios: ['Kyoto Animation'], averageScore: 79, malScore: 8.0 },
      { malId: 4181, anilistId: 4181, romaji: 'CLANNAD: AFTER STORY', english: 'Clannad: After Story', native: 'CLANNAD ～AFTER STORY～', format: 'TV', episodes: 24, minutes: 24, season: 'FALL', year: 2008, genres: ['Drama', 'Romance', 'Slice of Life', 'Supernatural'], tags: ['Family Life', 'Tragedy', 'Time Skip', 'Coming of Age'], studios: ['Kyoto Animation'], averageScore: 89, malScore: 8.93 },
    ],
    behaviour: { segments: [seg('2017-10-01', 47, 'daily')], specials: { count: 1, start: '2017-11-25' }, rating: 8 },
    note: 'TVDB keeps After Story as season 2. The 2007 film with the same name is the separate entry "clannad-movie".',
  },
  {
    key: 'fruits-basket-2001', anime: true, moods: ['wholesome', 'emotional', 'funny'],
    trakt: show('Fruits Basket', 2001, 30427, 'fruits-basket', [26]),
    mal: [
      { malId: 120, anilistId: 120, romaji: 'Fruits Basket', english: 'Fruits Basket', native: 'フルーツバスケット', format: 'TV', episodes: 26, minutes: 24, season: 'SUMMER', year: 2001, genres: ['Comedy', 'Drama', 'Romance', 'Slice of Life', 'Supernatural'], tags: ['Shoujo', 'Female Protagonist', 'Coming of Age'], studios: ['Studio Deen'], averageScore: 71, malScore: 7.7 },
    ],
    behaviour: { segments: [seg('2019-03-01', 26, 'binge')], rating: null },
  },
  {
    key: 'fruits-basket-2019', anime: true, moods: ['emotional', 'wholesome', 'romantic'],
    trakt: show('Fruits Basket', 2019, 139561, 'fruits-basket-2019', [25, 25, 13]),
    mal: [
      { malId: 38680, anilistId: 105334, romaji: 'Fruits Basket: 1st Season', english: 'Fruits Basket Season 1', native: 'フルーツバスケット 1st season', format: 'TV', episodes: 25, minutes: 24, season: 'SPRING', year: 2019, genres: ['Comedy', 'Drama', 'Romance', 'Slice of Life', 'Supernatural'], tags: ['Shoujo', 'Female Protagonist', 'Coming of Age', 'Found Family'], studios: ['TMS Entertainment'], averageScore: 80, malScore: 8.2 },
      { malId: 40417, anilistId: null, romaji: 'Fruits Basket: 2nd Season', english: 'Fruits Basket Season 2', native: 'フルーツバスケット 2nd season', format: 'TV', episodes: 25, minutes: 24, season: 'SPRING', year: 2020, genres: ['Drama', 'Romance', 'Slice of Life', 'Supernatural'], tags: ['Shoujo', 'Female Protagonist', 'Coming of Age', 'Found Family'], studios: ['TMS Entertainment'], averageScore: 86, malScore: 8.7 },
      { malId: 42938, anilistId: 124194, romaji: 'Fruits Basket: The Final', english: 'Fruits Basket The Final Season', native: 'フルーツバスケット The Final', format: 'TV', episodes: 13, minutes: 23, season: 'SPRING', year: 2021, genres: ['Drama', 'Romance', 'Slice of Life', 'Supernatural'], tags: ['Shoujo', 'Female Protagonist', 'Coming of Age', 'Found Family'], studios: ['TMS Entertainment'], averageScore: 89, malScore: 9.0 },
    ],
    behaviour: {
      segments: [seg('2019-04-06', 25, 'weekly'), seg('2020-04-07', 25, 'weekly', 25), seg('2021-04-06', 13, 'weekly', 50)],
      rating: 8, ratingLater: 9,
    },
    note: 'Same Trakt title as the 2001 series; only the year (and slug) tells them apart.',
  },
  {
    key: 'horimiya', anime: true, moods: ['romantic', 'wholesome', 'funny'],
    trakt: show('Horimiya', 2021, 169317, 'horimiya', [13, 13]),
    mal: [
      { malId: 42897, anilistId: 124080, romaji: 'Horimiya', english: 'Horimiya', native: 'ホリミヤ', format: 'TV', episodes: 13, minutes: 23, season: 'WINTER', year: 2021, genres: ['Comedy', 'Romance', 'Slice of Life'], tags: ['School', 'Heterosexual', 'Primarily Teen Cast'], studios: ['CloverWorks'], averageScore: 82, malScore: 8.2 },
      { malId: 54856, anilistId: null, romaji: 'Horimiya: piece', english: 'Horimiya: The Missing Pieces', native: 'ホリミヤ -piece-', format: 'TV', episodes: 13, minutes: 23, season: 'SUMMER', year: 2023, genres: ['Comedy', 'Romance', 'Slice of Life'], tags: ['School', 'Heterosexual', 'Episodic'], studios: ['CloverWorks'], averageScore: 80, malScore: 8.2 },
    ],
    behaviour: { segments: [seg('2021-01-09', 13, 'weekly'), seg('2023-07-01', 13, 'weekly', 13)], rating: null },
  },
  {
    key: 'toradora', anime: true, moods: ['romantic', 'funny'],
    trakt: show('Toradora!', 2008, 35762, 'toradora', [25]),
    mal: [
      { malId: 4224, anilistId: 4224, romaji: 'Toradora!', english: 'Toradora!', native: 'とらドラ！', format: 'TV', episodes: 25, minutes: 23, season: 'FALL', year: 2008, genres: ['Comedy', 'Drama', 'Romance', 'Slice of Life'], tags: ['Tsundere', 'School', 'Love Triangle'], studios: ['J.C.Staff'], averageScore: 80, malScore: 8.05 },
    ],
    behaviour: { segments: [seg('2016-10-20', 25, 'binge')], rating: null },
  },
  {
    key: 'kaguya-sama', anime: true, moods: ['funny', 'romantic'],
    trakt: show('Kaguya-sama: Love is War', 2019, 138254, 'kaguya-sama-love-is-war', [12, 12, 13],
      { tvdb: 354198, imdb: 'tt9522300', tmdb: 83121, aired: 37 },
      {
        knownEpisodes: [{ season: 1, number: 1, title: 'I Will Make You Invite Me to a Movie / Kaguya Wants to Be Stopped / Kaguya Wants It', trakt: 3196949, tvdb: 6864635, imdb: 'tt9640418', tmdb: 1594897 }],
      }),
    mal: [
      { malId: 37999, anilistId: 101921, romaji: 'Kaguya-sama wa Kokurasetai: Tensai-tachi no Renai Zunousen', english: 'Kaguya-sama: Love is War', native: 'かぐや様は告らせたい～天才たちの恋愛頭脳戦～', format: 'TV', episodes: 12, minutes: 25, season: 'WINTER', year: 2019, genres: ['Comedy', 'Psychological', 'Romance'], tags: ['Student Council', 'School', 'Primarily Teen Cast', 'Heterosexual'], studios: ['A-1 Pictures'], averageScore: 83, malScore: 8.4 },
      { malId: 40591, anilistId: 112641, romaji: 'Kaguya-sama wa Kokurasetai? Tensai-tachi no Renai Zunousen', english: 'Kaguya-sama: Love is War?', native: 'かぐや様は告らせたい？～天才たちの恋愛頭脳戦～', format: 'TV', episodes: 12, minutes: 24, season: 'SPRING', year: 2020, genres: ['Comedy', 'Psychological', 'Romance'], tags: ['Student Council', 'School', 'Primarily Teen Cast', 'Heterosexual'], studios: ['A-1 Pictures'], averageScore: 85, malScore: 8.6 },
      { malId: 43608, anilistId: 125367, romaji: 'Kaguya-sama wa Kokurasetai: Ultra Romantic', english: 'Kaguya-sama: Love is War -Ultra Romantic-', native: 'かぐや様は告らせたい-ウルトラロマンティック-', format: 'TV', episodes: 13, minutes: 24, season: 'SPRING', year: 2022, genres: ['Comedy', 'Psychological', 'Romance'], tags: ['Student Council', 'School', 'Primarily Teen Cast', 'Heterosexual'], studios: ['A-1 Pictures'], averageScore: 89, malScore: 9.0 },
    ],
    behaviour: {
      segments: [seg('2019-01-12', 12, 'weekly'), seg('2020-04-11', 12, 'weekly', 12), seg('2022-04-09', 13, 'weekly', 24)],
      rating: 8,
      seasonRatings: [{ season: 3, rating: 9 }],
      episodeRatings: [{ season: 1, number: 1, rating: 7 }],
    },
  },

  // --- Satoshi Kon, psychological, mind-bending ---------------------------------------------------------------
  {
    key: 'paranoia-agent', anime: true, moods: ['mind-bending', 'dark', 'tense'],
    trakt: show('Paranoia Agent', 2004, 73145, 'paranoia-agent', [13]),
    mal: [
      { malId: 323, anilistId: 323, romaji: 'Mousou Dairinin', english: 'Paranoia Agent', native: '妄想代理人', format: 'TV', episodes: 13, minutes: 25, season: 'WINTER', year: 2004, genres: ['Drama', 'Mystery', 'Psychological', 'Thriller'], tags: ['Urban', 'Anthology', 'Satire', 'Police'], studios: ['MADHOUSE'], averageScore: 76, malScore: 7.7 },
    ],
    behaviour: { segments: [seg('2022-03-12', 13, 'binge')], rating: 9 },
  },
  {
    key: 'serial-experiments-lain', anime: true, moods: ['mind-bending', 'dark'],
    trakt: show('Serial Experiments Lain', 1998, 71892, 'serial-experiments-lain', [13]),
    mal: [
      { malId: 339, anilistId: 339, romaji: 'serial experiments lain', english: 'Serial Experiments Lain', native: 'serial experiments lain', format: 'TV', episodes: 13, minutes: 23, season: 'SUMMER', year: 1998, genres: ['Drama', 'Mystery', 'Psychological', 'Sci-Fi', 'Supernatural'], tags: ['Cyberpunk', 'Philosophy', 'Female Protagonist', 'Artificial Intelligence'], studios: ['Triangle Staff'], averageScore: 79, malScore: 8.1 },
    ],
    behaviour: { segments: [seg('2022-04-09', 13, 'binge')], rating: 8 },
  },
  {
    key: 'tatami-galaxy', anime: true, moods: ['mind-bending', 'funny', 'romantic'],
    trakt: show('The Tatami Galaxy', 2010, 44102, 'the-tatami-galaxy', [11]),
    mal: [
      { malId: 7785, anilistId: 7785, romaji: 'Yojouhan Shinwa Taikei', english: 'The Tatami Galaxy', native: '四畳半神話大系', format: 'TV', episodes: 11, minutes: 23, season: 'SPRING', year: 2010, genres: ['Comedy', 'Mystery', 'Psychological', 'Romance'], tags: ['Time Loop', 'Surreal Comedy', 'College', 'Male Protagonist'], studios: ['MADHOUSE'], averageScore: 84, malScore: 8.6 },
    ],
    behaviour: { segments: [seg('2022-02-05', 11, 'binge')], rating: 9 },
  },
  {
    key: 'steins-gate', anime: true, moods: ['mind-bending', 'tense', 'emotional'],
    trakt: show('Steins;Gate', 2011, 43620, 'steins-gate', [24], { imdb: 'tt1910272' }),
    mal: [
      { malId: 9253, anilistId: 9253, romaji: 'Steins;Gate', english: 'Steins;Gate', native: 'STEINS;GATE', format: 'TV', episodes: 24, minutes: 24, season: 'SPRING', year: 2011, genres: ['Drama', 'Psychological', 'Sci-Fi', 'Thriller'], tags: ['Time Manipulation', 'Conspiracy', 'Male Protagonist', 'Otaku Culture'], studios: ['White Fox'], averageScore: 89, malScore: 9.07 },
    ],
    behaviour: { segments: [seg('2017-07-01', 24, 'binge')], rating: 9, ratingLater: 10 },
  },
  {
    key: 'monster', anime: true, moods: ['tense', 'dark', 'mind-bending'],
    trakt: show('Monster', 2004, 73023, 'monster', [74]),
    mal: [
      { malId: 19, anilistId: 19, romaji: 'MONSTER', english: 'Monster', native: 'MONSTER', format: 'TV', episodes: 74, minutes: 24, season: 'SPRING', year: 2004, genres: ['Drama', 'Horror', 'Mystery', 'Psychological', 'Thriller'], tags: ['Crime', 'Conspiracy', 'Primarily Adult Cast', 'Seinen'], studios: ['MADHOUSE'], averageScore: 88, malScore: 8.88 },
    ],
    behaviour: { segments: [seg('2018-10-01', 74, 'daily')], rating: 9 },
  },
  {
    key: 'death-note', anime: true, moods: ['tense', 'dark', 'mind-bending'],
    trakt: show('Death Note', 2006, 35441, 'death-note', [37], { imdb: 'tt0877057' }),
    mal: [
      { malId: 1535, anilistId: 1535, romaji: 'DEATH NOTE', english: 'Death Note', native: 'DEATH NOTE', format: 'TV', episodes: 37, minutes: 23, season: 'FALL', year: 2006, genres: ['Mystery', 'Psychological', 'Supernatural', 'Thriller'], tags: ['Detective', 'Anti-Hero', 'Crime', 'Gods'], studios: ['MADHOUSE'], averageScore: 84, malScore: 8.62 },
    ],
    behaviour: { segments: [seg('2016-04-02', 37, 'binge')], rating: 8 },
  },
  {
    key: 'erased', anime: true, moods: ['tense', 'emotional', 'mind-bending'],
    trakt: show('ERASED', 2016, 102733, 'erased', [12]),
    mal: [
      { malId: 31043, anilistId: 21234, romaji: 'Boku dake ga Inai Machi', english: 'ERASED', native: '僕だけがいない街', format: 'TV', episodes: 12, minutes: 23, season: 'WINTER', year: 2016, genres: ['Drama', 'Mystery', 'Psychological', 'Supernatural', 'Thriller'], tags: ['Time Manipulation', 'Crime', 'Male Protagonist'], studios: ['A-1 Pictures'], averageScore: 82, malScore: 8.3 },
    ],
    behaviour: { segments: [seg('2020-11-14', 12, 'binge')], rating: 7 },
    note: 'An ALL-CAPS Trakt title on an anime.',
  },
  {
    key: 'odd-taxi', anime: true, moods: ['mind-bending', 'tense', 'funny'],
    trakt: show('ODDTAXI', 2021, 170214, 'oddtaxi', [13]),
    mal: [
      { malId: 46102, anilistId: null, romaji: 'ODD TAXI', english: 'ODDTAXI', native: 'オッドタクシー', format: 'TV', episodes: 13, minutes: 24, season: 'SPRING', year: 2021, genres: ['Drama', 'Mystery', 'Psychological'], tags: ['Crime', 'Conspiracy', 'Urban', 'Ensemble Cast'], studios: ['OLM', 'P.I.C.S.'], averageScore: 84, malScore: 8.79 },
    ],
    behaviour: { segments: [seg('2021-04-06', 13, 'weekly')], rating: 9 },
  },
  {
    key: 'from-the-new-world', anime: true, moods: ['dark', 'mind-bending', 'tense'],
    trakt: show('From the New World', 2012, 50133, 'from-the-new-world', [25]),
    mal: [
      { malId: 13125, anilistId: 13125, romaji: 'Shinsekai yori', english: 'From the New World', native: '新世界より', format: 'TV', episodes: 25, minutes: 25, season: 'FALL', year: 2012, genres: ['Drama', 'Horror', 'Mystery', 'Psychological', 'Sci-Fi', 'Supernatural'], tags: ['Dystopian', 'Time Skip', 'Super Power', 'Female Protagonist'], studios: ['A-1 Pictures'], averageScore: 80, malScore: 8.3 },
    ],
    behaviour: { segments: [seg('2021-10-09', 25, 'daily')], rating: 8 },
  },
  {
    key: 'death-parade', anime: true, moods: ['mind-bending', 'dark', 'emotional'],
    trakt: show('Death Parade', 2015, 90781, 'death-parade', [12]),
    mal: [
      { malId: 28223, anilistId: 20931, romaji: 'Death Parade', english: 'Death Parade', native: 'デス・パレード', format: 'TV', episodes: 12, minutes: 23, season: 'WINTER', year: 2015, genres: ['Drama', 'Mystery', 'Psychological', 'Thriller'], tags: ['Afterlife', 'Episodic', 'Death Game'], studios: ['MADHOUSE'], averageScore: 79, malScore: 8.1 },
    ],
    behaviour: { segments: [seg('2023-10-07', 12, 'binge')], rating: 8 },
  },
  {
    key: 'summer-time-rendering', anime: true, moods: ['tense', 'mind-bending'],
    trakt: show('Summer Time Rendering', 2022, 184022, 'summer-time-rendering', [25]),
    mal: [
      { malId: 47194, anilistId: null, romaji: 'Summer Time Rendering', english: 'Summer Time Rendering', native: 'サマータイムレンダ', format: 'TV', episodes: 25, minutes: 24, season: 'SPRING', year: 2022, genres: ['Mystery', 'Psychological', 'Supernatural', 'Thriller'], tags: ['Time Loop', 'Rural', 'Male Protagonist'], studios: ['OLM'], averageScore: 82, malScore: 8.4 },
    ],
    behaviour: { segments: [seg('2022-09-10', 25, 'binge')], rating: 7 },
  },
  {
    key: 'terror-in-resonance', anime: true, moods: ['tense', 'dark'],
    trakt: show('Terror in Resonance', 2014, 79406, 'terror-in-resonance', [11]),
    mal: [
      { malId: 23283, anilistId: null, romaji: 'Zankyou no Terror', english: 'Terror in Resonance', native: '残響のテロル', format: 'TV', episodes: 11, minutes: 23, season: 'SUMMER', year: 2014, genres: ['Drama', 'Mystery', 'Psychological', 'Thriller'], tags: ['Terrorism', 'Conspiracy', 'Tragedy'], studios: ['MAPPA'], averageScore: 79, malScore: 8.1 },
    ],
    behaviour: { segments: [seg('2022-05-07', 11, 'binge')], rating: 7 },
  },
  {
    key: 'wonder-egg-priority', anime: true, moods: ['dark', 'mind-bending'],
    trakt: show('Wonder Egg Priority', 2021, 167402, 'wonder-egg-priority', [12]),
    mal: [
      { malId: 43299, anilistId: null, romaji: 'Wonder Egg Priority', english: 'Wonder Egg Priority', native: 'ワンダーエッグ・プライオリティ', format: 'TV', episodes: 12, minutes: 24, season: 'WINTER', year: 2021, genres: ['Drama', 'Fantasy', 'Mystery', 'Psychological'], tags: ['Suicide', 'Female Protagonist', 'Bullying'], studios: ['CloverWorks'], averageScore: 75, malScore: 7.4 },
    ],
    behaviour: { segments: [seg('2021-01-13', 12, 'weekly')], rating: 6 },
  },
  {
    key: 'heavenly-delusion', anime: true, moods: ['mind-bending', 'tense'],
    trakt: show('Heavenly Delusion', 2023, 194806, 'heavenly-delusion', [13]),
    mal: [
      { malId: 53393, anilistId: null, romaji: 'Tengoku Daimakyou', english: 'Heavenly Delusion', native: '天国大魔境', format: 'TV', episodes: 13, minutes: 24, season: 'SPRING', year: 2023, genres: ['Adventure', 'Mystery', 'Sci-Fi'], tags: ['Post-Apocalyptic', 'Travel', 'Body Horror'], studios: ['Production I.G'], averageScore: 81, malScore: 8.2 },
    ],
    behaviour: { segments: [seg('2023-04-01', 13, 'weekly')], rating: 8 },
  },
  {
    key: 'pluto', anime: true, moods: ['emotional', 'mind-bending', 'tense'],
    trakt: show('Pluto', 2023, 188250, 'pluto', [8]),
    mal: [
      { malId: 35737, anilistId: null, romaji: 'PLUTO', english: 'PLUTO', native: 'PLUTO', format: 'ONA', episodes: 8, minutes: 60, season: 'FALL', year: 2023, genres: ['Drama', 'Mystery', 'Psychological', 'Sci-Fi'], tags: ['Robots', 'Detective', 'Artificial Intelligence', 'Philosophy'], studios: ['Studio M2'], averageScore: 84, malScore: 8.5 },
    ],
    behaviour: { segments: [seg('2023-10-28', 8, 'binge')], rating: 9 },
  },
  {
    key: 'land-of-the-lustrous', anime: true, moods: ['mind-bending', 'emotional'],
    trakt: show('Land of the Lustrous', 2017, 124620, 'land-of-the-lustrous', [12]),
    mal: [
      { malId: 35557, anilistId: null, romaji: 'Houseki no Kuni', english: 'Land of the Lustrous', native: '宝石の国', format: 'TV', episodes: 12, minutes: 24, season: 'FALL', year: 2017, genres: ['Action', 'Drama', 'Fantasy', 'Mystery', 'Psychological'], tags: ['Full CGI', 'Philosophy', 'Gods'], studios: ['Orange'], averageScore: 82, malScore: 8.4 },
    ],
    behaviour: { segments: [seg('2021-09-04', 12, 'binge')], rating: 8 },
  },
  {
    key: 'welcome-to-the-nhk', anime: true, moods: ['dark', 'funny', 'emotional'],
    trakt: show('Welcome to the N.H.K.', 2006, 75311, 'welcome-to-the-n-h-k', [24]),
    mal: [
      { malId: 1210, anilistId: 1210, romaji: 'NHK ni Youkoso!', english: 'Welcome to the NHK', native: 'N・H・Kにようこそ！', format: 'TV', episodes: 24, minutes: 24, season: 'SUMMER', year: 2006, genres: ['Comedy', 'Drama', 'Psychological', 'Romance'], tags: ['Hikikomori', 'Otaku Culture', 'Depression', 'Male Protagonist'], studios: ['Gonzo'], averageScore: 80, malScore: 8.3 },
    ],
    behaviour: { segments: [seg('2023-11-11', 24, 'daily')], rating: 8 },
  },

  // --- dark, epic, action -------------------------------------------------------------------------------------
  {
    key: 'attack-on-titan', anime: true, moods: ['epic', 'dark', 'tense', 'hype'],
    trakt: show('Attack on Titan', 2013, 54218, 'attack-on-titan', [25, 12, 22, 30], { tvdb: 267440, imdb: 'tt2560140', tmdb: 1429 }),
    mal: [
      { malId: 16498, anilistId: 16498, romaji: 'Shingeki no Kyojin', english: 'Attack on Titan', native: '進撃の巨人', format: 'TV', episodes: 25, minutes: 24, season: 'SPRING', year: 2013, genres: ['Action', 'Drama', 'Fantasy', 'Mystery'], tags: ['Military', 'Survival', 'Gore', 'Tragedy', 'Shounen'], studios: ['Wit Studio'], averageScore: 85, malScore: 8.55 },
      { malId: 25777, anilistId: 20958, romaji: 'Shingeki no Kyojin Season 2', english: 'Attack on Titan Season 2', native: '進撃の巨人２', format: 'TV', episodes: 12, minutes: 25, season: 'SPRING', year: 2017, genres: ['Action', 'Drama', 'Fantasy', 'Mystery'], tags: ['Military', 'Survival', 'Gore', 'Tragedy'], studios: ['Wit Studio'], averageScore: 85, malScore: 8.5 },
      { malId: 35760, anilistId: 99147, romaji: 'Shingeki no Kyojin Season 3', english: 'Attack on Titan Season 3', native: '進撃の巨人３', format: 'TV', episodes: 12, minutes: 24, season: 'SUMMER', year: 2018, genres: ['Action', 'Drama', 'Fantasy', 'Mystery'], tags: ['Military', 'Conspiracy', 'Politics', 'Gore'], studios: ['Wit Studio'], averageScore: 85, malScore: 8.6 },
      { malId: 38524, anilistId: 104578, romaji: 'Shingeki no Kyojin Season 3 Part 2', english: 'Attack on Titan Season 3 Part 2', native: '進撃の巨人３ Part.2', format: 'TV', episodes: 10, minutes: 24, season: 'SPRING', year: 2019, genres: ['Action', 'Drama', 'Fantasy', 'Mystery'], tags: ['Military', 'Tragedy', 'Gore'], studios: ['Wit Studio'], averageScore: 90, malScore: 9.05 },
      { malId: 40028, anilistId: 110277, romaji: 'Shingeki no Kyojin: The Final Season', english: 'Attack on Titan Final Season', native: '進撃の巨人 The Final Season', format: 'TV', episodes: 16, minutes: 24, season: 'WINTER', year: 2021, genres: ['Action', 'Drama', 'Fantasy', 'Mystery'], tags: ['War', 'Military', 'Tragedy', 'Time Skip'], studios: ['MAPPA'], averageScore: 88, malScore: 8.8 },
      { malId: 48583, anilistId: null, romaji: 'Shingeki no Kyojin: The Final Season Part 2', english: 'Attack on Titan Final Season Part 2', native: '進撃の巨人 The Final Season Part 2', format: 'TV', episodes: 12, minutes: 23, season: 'WINTER', year: 2022, genres: ['Action', 'Drama', 'Fantasy', 'Mystery'], tags: ['War', 'Military', 'Tragedy'], studios: ['MAPPA'], averageScore: 86, malScore: 8.8 },
      { malId: 51535, anilistId: 146984, romaji: 'Shingeki no Kyojin: The Final Season - Kanketsu-hen', english: 'Attack on Titan Final Season THE FINAL CHAPTERS', native: '進撃の巨人 The Final Season完結編', format: 'SPECIAL', episodes: 2, minutes: 73, season: 'WINTER', year: 2023, genres: ['Action', 'Drama', 'Fantasy', 'Mystery'], tags: ['War', 'Tragedy'], studios: ['MAPPA'], averageScore: 89, malScore: 8.8, note: 'Two specials (about 61 and 85 minutes; minutes is the average). AniList splits them: 146984 is part 1 (idMal 51535), 162314 is part 2 (idMal null). Trakt/TVDB number them S04E29–30.' },
    ],
    behaviour: { segments: [seg('2023-05-06', 59, 'binge')], rating: 8, seasonRatings: [{ season: 3, rating: 9 }] },
  },
  {
    key: 'vinland-saga', anime: true, moods: ['epic', 'dark', 'emotional'],
    trakt: show('Vinland Saga', 2019, 142316, 'vinland-saga', [24, 24]),
    mal: [
      { malId: 37521, anilistId: 101348, romaji: 'Vinland Saga', english: 'Vinland Saga', native: 'ヴィンランド・サガ', format: 'TV', episodes: 24, minutes: 24, season: 'SUMMER', year: 2019, genres: ['Action', 'Adventure', 'Drama'], tags: ['Vikings', 'Revenge', 'Historical', 'War', 'Seinen'], studios: ['Wit Studio'], averageScore: 87, malScore: 8.75 },
      { malId: 49387, anilistId: 136430, romaji: 'Vinland Saga SEASON 2', english: 'Vinland Saga Season 2', native: 'ヴィンランド・サガ SEASON2', format: 'TV', episodes: 24, minutes: 24, season: 'WINTER', year: 2023, genres: ['Action', 'Adventure', 'Drama'], tags: ['Vikings', 'Philosophy', 'Historical', 'Seinen'], studios: ['MAPPA'], averageScore: 88, malScore: 8.8 },
    ],
    behaviour: { segments: [seg('2019-07-08', 24, 'weekly'), seg('2023-01-09', 24, 'weekly', 24)], rating: 9 },
  },
  {
    key: 'made-in-abyss', anime: true, moods: ['dark', 'epic', 'emotional'],
    trakt: show('Made in Abyss', 2017, 122863, 'made-in-abyss', [13, 12]),
    mal: [
      { malId: 34599, anilistId: 97986, romaji: 'Made in Abyss', english: 'Made in Abyss', native: 'メイドインアビス', format: 'TV', episodes: 13, minutes: 25, season: 'SUMMER', year: 2017, genres: ['Adventure', 'Drama', 'Fantasy', 'Mystery', 'Sci-Fi'], tags: ['Tragedy', 'Body Horror', 'Orphan', 'Survival'], studios: ['Kinema Citrus'], averageScore: 84, malScore: 8.65 },
      { malId: 41084, anilistId: 114745, romaji: 'Made in Abyss: Retsujitsu no Ougonkyou', english: 'Made in Abyss: The Golden City of the Scorching Sun', native: 'メイドインアビス 烈日の黄金郷', format: 'TV', episodes: 12, minutes: 24, season: 'SUMMER', year: 2022, genres: ['Adventure', 'Drama', 'Fantasy', 'Mystery', 'Sci-Fi'], tags: ['Tragedy', 'Body Horror', 'Survival'], studios: ['Kinema Citrus'], averageScore: 86, malScore: 8.6 },
    ],
    behaviour: { segments: [seg('2018-03-10', 13, 'binge'), seg('2022-07-07', 12, 'weekly', 13)], rating: 9 },
  },
  {
    key: 'hunter-x-hunter-2011', anime: true, moods: ['epic', 'hype', 'emotional'],
    trakt: show('Hunter x Hunter', 2011, 47620, 'hunter-x-hunter-2011', [148], { imdb: 'tt2098220' }),
    mal: [
      { malId: 11061, anilistId: 11061, romaji: 'HUNTER×HUNTER (2011)', english: 'Hunter x Hunter (2011)', native: 'HUNTER×HUNTER (2011)', format: 'TV', episodes: 148, minutes: 23, season: 'FALL', year: 2011, genres: ['Action', 'Adventure', 'Fantasy'], tags: ['Shounen', 'Super Power', 'Male Protagonist', 'Found Family'], studios: ['MADHOUSE'], averageScore: 89, malScore: 9.03 },
    ],
    behaviour: { segments: [seg('2017-02-01', 148, 'daily')], rating: 9 },
    note: 'Same Trakt title as the 1999 series.',
  },
  {
    key: 'hunter-x-hunter-1999', anime: true, moods: ['epic', 'hype'],
    trakt: show('Hunter x Hunter', 1999, 31420, 'hunter-x-hunter', [62]),
    mal: [
      { malId: 136, anilistId: 136, romaji: 'HUNTER×HUNTER', english: 'Hunter x Hunter', native: 'HUNTER×HUNTER', format: 'TV', episodes: 62, minutes: 24, season: 'FALL', year: 1999, genres: ['Action', 'Adventure', 'Fantasy'], tags: ['Shounen', 'Super Power', 'Male Protagonist'], studios: ['Nippon Animation'], averageScore: 82, malScore: 8.4 },
    ],
    behaviour: { segments: [seg('2024-09-07', 62, 'daily')], rating: 7 },
  },
  {
    key: 'fullmetal-alchemist', anime: true, moods: ['epic', 'emotional', 'dark'],
    trakt: show('Fullmetal Alchemist', 2003, 36712, 'fullmetal-alchemist', [51]),
    mal: [
      { malId: 121, anilistId: 121, romaji: 'Hagane no Renkinjutsushi', english: 'Fullmetal Alchemist', native: '鋼の錬金術師', format: 'TV', episodes: 51, minutes: 24, season: 'FALL', year: 2003, genres: ['Action', 'Adventure', 'Drama', 'Fantasy'], tags: ['Alchemy', 'Military', 'Shounen', 'Tragedy'], studios: ['bones'], averageScore: 79, malScore: 8.1 },
    ],
    behaviour: { segments: [seg('2016-06-01', 51, 'daily')], rating: 7 },
  },
  {
    key: 'fullmetal-alchemist-brotherhood', anime: true, moods: ['epic', 'emotional', 'hype'],
    trakt: show('Fullmetal Alchemist: Brotherhood', 2009, 38891, 'fullmetal-alchemist-brotherhood', [64], { imdb: 'tt1355642' }),
    mal: [
      { malId: 5114, anilistId: 5114, romaji: 'Hagane no Renkinjutsushi: FULLMETAL ALCHEMIST', english: 'Fullmetal Alchemist: Brotherhood', native: '鋼の錬金術師 FULLMETAL ALCHEMIST', format: 'TV', episodes: 64, minutes: 25, season: 'SPRING', year: 2009, genres: ['Action', 'Adventure', 'Drama', 'Fantasy'], tags: ['Alchemy', 'Military', 'Shounen', 'Conspiracy'], studios: ['bones'], averageScore: 90, malScore: 9.1 },
    ],
    behaviour: {
      segments: [seg('2016-08-01', 64, 'daily'), seg('2023-02-01', 64, 'daily')],
      rating: 10,
      episodeRatings: [{ season: 1, number: 19, rating: 10 }],
    },
  },
  {
    key: 'hellsing', anime: true, moods: ['dark', 'hype'],
    trakt: show('Hellsing', 2001, 32411, 'hellsing', [13]),
    mal: [
      { malId: 270, anilistId: 270, romaji: 'Hellsing', english: 'Hellsing', native: 'ヘルシング', format: 'TV', episodes: 13, minutes: 24, season: 'FALL', year: 2001, genres: ['Action', 'Horror', 'Supernatural'], tags: ['Vampire', 'Gore', 'Anti-Hero'], studios: ['Gonzo'], averageScore: 71, malScore: 7.4 },
    ],
    behaviour: { segments: [seg('2016-12-01', 13, 'binge')], rating: 6 },
  },
  {
    key: 'hellsing-ultimate', anime: true, moods: ['dark', 'hype', 'epic'],
    trakt: show('Hellsing Ultimate', 2006, 32412, 'hellsing-ultimate', [10]),
    mal: [
      { malId: 777, anilistId: 777, romaji: 'Hellsing Ultimate', english: 'Hellsing Ultimate', native: 'HELLSING OVA', format: 'OVA', episodes: 10, minutes: 50, season: 'WINTER', year: 2006, genres: ['Action', 'Horror', 'Supernatural'], tags: ['Vampire', 'Gore', 'Anti-Hero', 'War'], studios: ['Satelight', 'MADHOUSE', 'Graphinica'], averageScore: 83, malScore: 8.35 },
    ],
    behaviour: { segments: [seg('2016-12-10', 10, 'binge')], rating: 7 },
    note: 'The OVA remake of Hellsing (2001): a different MAL entry with a similar title.',
  },
  {
    key: 'berserk-1997', anime: true, moods: ['dark', 'epic'],
    trakt: show('Berserk', 1997, 70802, 'berserk', [25]),
    mal: [
      { malId: 33, anilistId: 33, romaji: 'Kenpuu Denki Berserk', english: 'Berserk', native: '剣風伝奇ベルセルク', format: 'TV', episodes: 25, minutes: 23, season: 'FALL', year: 1997, genres: ['Action', 'Adventure', 'Drama', 'Fantasy', 'Horror', 'Psychological'], tags: ['Gore', 'Tragedy', 'Revenge', 'Seinen'], studios: ['OLM'], averageScore: 82, malScore: 8.6 },
    ],
    behaviour: { segments: [seg('2023-08-05', 25, 'daily')], rating: 8 },
  },
  {
    key: 'devilman-crybaby', anime: true, moods: ['dark', 'tense'],
    trakt: show('Devilman Crybaby', 2018, 123417, 'devilman-crybaby', [10]),
    mal: [
      { malId: 35120, anilistId: null, romaji: 'DEVILMAN crybaby', english: 'Devilman Crybaby', native: 'DEVILMAN crybaby', format: 'ONA', episodes: 10, minutes: 25, season: 'WINTER', year: 2018, genres: ['Action', 'Drama', 'Horror', 'Psychological', 'Supernatural'], tags: ['Demons', 'Gore', 'Tragedy'], studios: ['Science SARU'], averageScore: 77, malScore: 7.7 },
    ],
    behaviour: { segments: [seg('2018-01-06', 10, 'binge')], rating: 6 },
  },
  {
    key: 'parasyte', anime: true, moods: ['dark', 'tense'],
    trakt: show('Parasyte -the maxim-', 2014, 80031, 'parasyte-the-maxim', [24]),
    mal: [
      { malId: 22535, anilistId: 20623, romaji: 'Kiseijuu: Sei no Kakuritsu', english: 'Parasyte -the maxim-', native: '寄生獣 セイの格率', format: 'TV', episodes: 24, minutes: 23, season: 'FALL', year: 2014, genres: ['Action', 'Drama', 'Horror', 'Psychological', 'Sci-Fi'], tags: ['Body Horror', 'Aliens', 'Gore', 'Seinen'], studios: ['MADHOUSE'], averageScore: 81, malScore: 8.3 },
    ],
    behaviour: { segments: [seg('2024-05-04', 24, 'daily')], rating: 7 },
  },
  {
    key: 'chainsaw-man', anime: true, moods: ['hype', 'dark', 'funny'],
    trakt: show('Chainsaw Man', 2022, 189012, 'chainsaw-man', [12]),
    mal: [
      { malId: 44511, anilistId: 127230, romaji: 'Chainsaw Man', english: 'Chainsaw Man', native: 'チェンソーマン', format: 'TV', episodes: 12, minutes: 24, season: 'FALL', year: 2022, genres: ['Action', 'Comedy', 'Horror', 'Supernatural'], tags: ['Gore', 'Demons', 'Anti-Hero', 'Urban Fantasy'], studios: ['MAPPA'], averageScore: 83, malScore: 8.5 },
    ],
    behaviour: { segments: [seg('2022-10-11', 12, 'weekly')], rating: 8, ratingLater: 7 },
  },
  {
    key: 'cyberpunk-edgerunners', anime: true, moods: ['hype', 'dark', 'emotional'],
    trakt: show('Cyberpunk: Edgerunners', 2022, 186211, 'cyberpunk-edgerunners', [10]),
    mal: [
      { malId: 42310, anilistId: 120377, romaji: 'Cyberpunk: Edgerunners', english: 'Cyberpunk: Edgerunners', native: 'サイバーパンク エッジランナーズ', format: 'ONA', episodes: 10, minutes: 25, season: 'SUMMER', year: 2022, genres: ['Action', 'Drama', 'Psychological', 'Sci-Fi'], tags: ['Cyberpunk', 'Tragedy', 'Gore', 'Urban'], studios: ['Trigger'], averageScore: 85, malScore: 8.6 },
    ],
    behaviour: { segments: [seg('2022-09-13', 10, 'binge')], rating: 8 },
  },
  {
    key: 'mob-psycho-100', anime: true, moods: ['hype', 'funny', 'wholesome'],
    trakt: show('Mob Psycho 100', 2016, 104612, 'mob-psycho-100', [12, 13, 12]),
    mal: [
      { malId: 32182, anilistId: 21507, romaji: 'Mob Psycho 100', english: 'Mob Psycho 100', native: 'モブサイコ100', format: 'TV', episodes: 12, minutes: 24, season: 'SUMMER', year: 2016, genres: ['Action', 'Comedy', 'Supernatural'], tags: ['Super Power', 'Coming of Age', 'Male Protagonist', 'Shounen'], studios: ['bones'], averageScore: 84, malScore: 8.5 },
      { malId: 37510, anilistId: 101338, romaji: 'Mob Psycho 100 II', english: 'Mob Psycho 100 II', native: 'モブサイコ100 II', format: 'TV', episodes: 13, minutes: 24, season: 'WINTER', year: 2019, genres: ['Action', 'Comedy', 'Supernatural'], tags: ['Super Power', 'Coming of Age', 'Male Protagonist', 'Shounen'], studios: ['bones'], averageScore: 88, malScore: 8.8 },
      { malId: 50172, anilistId: null, romaji: 'Mob Psycho 100 III', english: 'Mob Psycho 100 III', native: 'モブサイコ100 III', format: 'TV', episodes: 12, minutes: 24, season: 'FALL', year: 2022, genres: ['Action', 'Comedy', 'Supernatural'], tags: ['Super Power', 'Coming of Age', 'Male Protagonist'], studios: ['bones'], averageScore: 86, malScore: 8.7 },
    ],
    behaviour: {
      segments: [seg('2017-03-15', 12, 'binge'), seg('2019-01-09', 13, 'weekly', 12), seg('2022-10-05', 12, 'weekly', 25)],
      rating: 9,
    },
  },
  {
    key: 'code-geass', anime: true, moods: ['epic', 'tense', 'hype'],
    trakt: show('Code Geass: Lelouch of the Rebellion', 2006, 36614, 'code-geass-lelouch-of-the-rebellion', [25, 25]),
    mal: [
      { malId: 1575, anilistId: 1575, romaji: 'Code Geass: Hangyaku no Lelouch', english: 'Code Geass: Lelouch of the Rebellion', native: 'コードギアス 反逆のルルーシュ', format: 'TV', episodes: 25, minutes: 24, season: 'FALL', year: 2006, genres: ['Action', 'Drama', 'Mecha', 'Sci-Fi', 'Thriller'], tags: ['Super Power', 'Anti-Hero', 'Military', 'Revenge'], studios: ['Sunrise'], averageScore: 85, malScore: 8.7 },
      { malId: 2904, anilistId: 2904, romaji: 'Code Geass: Hangyaku no Lelouch R2', english: 'Code Geass: Lelouch of the Rebellion R2', native: 'コードギアス 反逆のルルーシュ R2', format: 'TV', episodes: 25, minutes: 24, season: 'SPRING', year: 2008, genres: ['Action', 'Drama', 'Mecha', 'Sci-Fi', 'Thriller'], tags: ['Super Power', 'Anti-Hero', 'Military', 'Tragedy'], studios: ['Sunrise'], averageScore: 88, malScore: 8.9 },
    ],
    behaviour: { segments: [seg('2017-05-06', 50, 'binge')], rating: 7 },
  },
  {
    key: 'gurren-lagann', anime: true, moods: ['hype', 'epic', 'funny'],
    trakt: show('Gurren Lagann', 2007, 37108, 'gurren-lagann', [27]),
    mal: [
      { malId: 2001, anilistId: 2001, romaji: 'Tengen Toppa Gurren Lagann', english: 'Gurren Lagann', native: '天元突破グレンラガン', format: 'TV', episodes: 27, minutes: 24, season: 'SPRING', year: 2007, genres: ['Action', 'Adventure', 'Comedy', 'Mecha', 'Sci-Fi'], tags: ['Super Robot', 'Space', 'Time Skip', 'Coming of Age'], studios: ['Gainax'], averageScore: 85, malScore: 8.6 },
    ],
    behaviour: { segments: [seg('2020-07-01', 27, 'binge')], rating: 7 },
  },
  {
    key: 'madoka-magica', anime: true, moods: ['dark', 'mind-bending', 'emotional'],
    trakt: show('Puella Magi Madoka Magica', 2011, 43309, 'puella-magi-madoka-magica', [12]),
    mal: [
      { malId: 9756, anilistId: 9756, romaji: 'Mahou Shoujo Madoka☆Magica', english: 'Puella Magi Madoka Magica', native: '魔法少女まどか☆マギカ', format: 'TV', episodes: 12, minutes: 24, season: 'WINTER', year: 2011, genres: ['Drama', 'Mahou Shoujo', 'Mystery', 'Psychological', 'Thriller'], tags: ['Tragedy', 'Magic', 'Female Protagonist', 'Primarily Female Cast'], studios: ['Shaft'], averageScore: 84, malScore: 8.35 },
    ],
    behaviour: { segments: [seg('2020-08-08', 12, 'binge')], rating: 8 },
  },
  {
    key: 'neon-genesis-evangelion', anime: true, moods: ['mind-bending', 'dark', 'epic'],
    trakt: show('Neon Genesis Evangelion', 1995, 70350, 'neon-genesis-evangelion', [26], { imdb: 'tt0112159' }),
    mal: [
      { malId: 30, anilistId: 30, romaji: 'Shin Seiki Evangelion', english: 'Neon Genesis Evangelion', native: '新世紀エヴァンゲリオン', format: 'TV', episodes: 26, minutes: 24, season: 'FALL', year: 1995, genres: ['Action', 'Drama', 'Mecha', 'Psychological', 'Sci-Fi'], tags: ['Post-Apocalyptic', 'Coming of Age', 'Real Robot', 'Philosophy'], studios: ['Gainax', 'Tatsunoko Production'], averageScore: 83, malScore: 8.36 },
    ],
    behaviour: { segments: [seg('2016-11-12', 26, 'daily')], rating: 8 },
  },
  {
    key: 'ghost-in-the-shell-sac', anime: true, moods: ['mind-bending', 'tense'],
    trakt: show('Ghost in the Shell: Stand Alone Complex', 2002, 72601, 'ghost-in-the-shell-stand-alone-complex', [26, 26]),
    mal: [
      { malId: 467, anilistId: 467, romaji: 'Koukaku Kidoutai: STAND ALONE COMPLEX', english: 'Ghost in the Shell: Stand Alone Complex', native: '攻殻機動隊 STAND ALONE COMPLEX', format: 'TV', episodes: 26, minutes: 25, season: 'FALL', year: 2002, genres: ['Action', 'Mecha', 'Mystery', 'Sci-Fi'], tags: ['Cyberpunk', 'Police', 'Artificial Intelligence', 'Conspiracy'], studios: ['Production I.G'], averageScore: 82, malScore: 8.4 },
      { malId: 801, anilistId: 801, romaji: 'Koukaku Kidoutai: S.A.C. 2nd GIG', english: 'Ghost in the Shell: Stand Alone Complex 2nd GIG', native: '攻殻機動隊 S.A.C. 2nd GIG', format: 'TV', episodes: 26, minutes: 25, season: 'WINTER', year: 2004, genres: ['Action', 'Mecha', 'Mystery', 'Sci-Fi'], tags: ['Cyberpunk', 'Police', 'Politics', 'Terrorism'], studios: ['Production I.G'], averageScore: 83, malScore: 8.6 },
    ],
    behaviour: { segments: [seg('2023-06-10', 52, 'daily')], rating: 8 },
  },
  {
    key: 'eighty-six', anime: true, moods: ['epic', 'dark', 'emotional'],
    trakt: show('86 EIGHTY-SIX', 2021, 170882, '86-eighty-six', [23]),
    mal: [
      { malId: 41457, anilistId: null, romaji: '86', english: '86 EIGHTY-SIX', native: '86―エイティシックス―', format: 'TV', episodes: 11, minutes: 23, season: 'SPRING', year: 2021, genres: ['Action', 'Drama', 'Mecha', 'Sci-Fi'], tags: ['Military', 'War', 'Tragedy'], studios: ['A-1 Pictures'], averageScore: 81, malScore: 8.3 },
      { malId: 48569, anilistId: null, romaji: '86 Part 2', english: '86 EIGHTY-SIX Part 2', native: '86―エイティシックス― 第2クール', format: 'TV', episodes: 12, minutes: 23, season: 'FALL', year: 2021, genres: ['Action', 'Drama', 'Mecha', 'Sci-Fi'], tags: ['Military', 'War', 'Tragedy'], studios: ['A-1 Pictures'], averageScore: 85, malScore: 8.7 },
    ],
    behaviour: { segments: [seg('2021-04-10', 11, 'weekly'), seg('2021-10-02', 12, 'weekly', 11)], rating: 8 },
    note: 'TVDB lists both cours as one 23-episode season.',
  },
  {
    key: 'banana-fish', anime: true, moods: ['dark', 'tense', 'emotional'],
    trakt: show('Banana Fish', 2018, 138020, 'banana-fish', [24]),
    mal: [
      { malId: 36649, anilistId: 100388, romaji: 'BANANA FISH', english: 'Banana Fish', native: 'BANANA FISH', format: 'TV', episodes: 24, minutes: 23, season: 'SUMMER', year: 2018, genres: ['Action', 'Adventure', 'Drama'], tags: ['Crime', 'Tragedy', 'Urban', 'Male Protagonist'], studios: ['MAPPA'], averageScore: 80, malScore: 8.4 },
    ],
    behaviour: { segments: [seg('2018-07-06', 24, 'weekly')], rating: 7 },
  },
  {
    key: 'dororo', anime: true, moods: ['dark', 'epic'],
    trakt: show('Dororo', 2019, 139404, 'dororo', [24]),
    mal: [
      { malId: 37520, anilistId: 101347, romaji: 'Dororo', english: 'Dororo', native: 'どろろ', format: 'TV', episodes: 24, minutes: 24, season: 'WINTER', year: 2019, genres: ['Action', 'Adventure', 'Drama', 'Supernatural'], tags: ['Demons', 'Samurai', 'Historical'], studios: ['MAPPA', 'Tezuka Productions'], averageScore: 80, malScore: 8.2 },
    ],
    behaviour: { segments: [seg('2019-01-08', 24, 'weekly')], rating: null },
  },

  // --- classics and comedies ----------------------------------------------------------------------------------
  {
    key: 'cowboy-bebop', anime: true, moods: ['hype', 'emotional', 'funny'],
    trakt: show('Cowboy Bebop', 1998, 30857, 'cowboy-bebop', [26], { imdb: 'tt0213338' }),
    mal: [
      { malId: 1, anilistId: 1, romaji: 'Cowboy Bebop', english: 'Cowboy Bebop', native: 'カウボーイビバップ', format: 'TV', episodes: 26, minutes: 24, season: 'SPRING', year: 1998, genres: ['Action', 'Adventure', 'Drama', 'Sci-Fi'], tags: ['Space', 'Episodic', 'Crime', 'Primarily Adult Cast'], studios: ['Sunrise'], averageScore: 86, malScore: 8.75 },
    ],
    behaviour: {
      segments: [seg('2016-03-05', 26, 'daily'), seg('2020-05-10', 26, 'binge')],
      epochPlay: { season: 1, number: 1 },
      rating: 9,
    },
  },
  {
    key: 'trigun', anime: true, moods: ['hype', 'funny', 'emotional'],
    trakt: show('Trigun', 1998, 71278, 'trigun', [26]),
    mal: [
      { malId: 6, anilistId: 6, romaji: 'TRIGUN', english: 'Trigun', native: 'TRIGUN', format: 'TV', episodes: 26, minutes: 24, season: 'SPRING', year: 1998, genres: ['Action', 'Adventure', 'Comedy', 'Drama', 'Sci-Fi'], tags: ['Guns', 'Primarily Adult Cast', 'Tragedy'], studios: ['MADHOUSE'], averageScore: 79, malScore: 8.22 },
    ],
    behaviour: { segments: [seg('2023-12-02', 26, 'daily')], rating: null },
  },
  {
    key: 'samurai-champloo', anime: true, moods: ['hype', 'funny'],
    trakt: show('Samurai Champloo', 2004, 73489, 'samurai-champloo', [26]),
    mal: [
      { malId: 205, anilistId: 205, romaji: 'Samurai Champloo', english: 'Samurai Champloo', native: 'サムライチャンプルー', format: 'TV', episodes: 26, minutes: 24, season: 'SPRING', year: 2004, genres: ['Action', 'Adventure', 'Comedy'], tags: ['Samurai', 'Travel', 'Historical', 'Episodic'], studios: ['Manglobe'], averageScore: 85, malScore: 8.5 },
    ],
    behaviour: { segments: [seg('2020-06-10', 26, 'daily')], rating: null },
  },
  {
    key: 'planetes', anime: true, moods: ['emotional', 'wholesome'],
    trakt: show('Planetes', 2003, 72808, 'planetes', [26]),
    mal: [
      { malId: 329, anilistId: 329, romaji: 'Planetes', english: 'Planetes', native: 'プラネテス', format: 'TV', episodes: 26, minutes: 25, season: 'FALL', year: 2003, genres: ['Drama', 'Romance', 'Sci-Fi'], tags: ['Space', 'Work', 'Primarily Adult Cast', 'Seinen'], studios: ['Sunrise'], averageScore: 82, malScore: 8.3 },
    ],
    behaviour: { segments: [seg('2020-05-20', 26, 'daily')], rating: 9 },
  },
  {
    key: 'ping-pong', anime: true, moods: ['hype', 'emotional'],
    trakt: show('Ping Pong the Animation', 2014, 78941, 'ping-pong-the-animation', [11]),
    mal: [
      { malId: 22135, anilistId: null, romaji: 'Ping Pong THE ANIMATION', english: 'Ping Pong the Animation', native: 'ピンポン THE ANIMATION', format: 'TV', episodes: 11, minutes: 23, season: 'SPRING', year: 2014, genres: ['Drama', 'Psychological', 'Sports'], tags: ['Table Tennis', 'Coming of Age', 'Male Protagonist'], studios: ['Tatsunoko Production'], averageScore: 86, malScore: 8.6 },
    ],
    behaviour: { segments: [seg('2021-08-01', 11, 'binge')], rating: 9 },
  },
  {
    key: 'yuri-on-ice', anime: true, moods: ['romantic', 'hype', 'wholesome'],
    trakt: show('Yuri!!! on ICE', 2016, 112601, 'yuri-on-ice', [12]),
    mal: [
      { malId: 32995, anilistId: 21709, romaji: 'Yuri!!! on ICE', english: 'Yuri!!! on ICE', native: 'ユーリ!!! on ICE', format: 'TV', episodes: 12, minutes: 23, season: 'FALL', year: 2016, genres: ['Comedy', 'Drama', 'Sports'], tags: ['Figure Skating', 'Male Protagonist', 'Travel'], studios: ['MAPPA'], averageScore: 78, malScore: 7.9 },
    ],
    behaviour: { segments: [seg('2023-12-20', 12, 'binge')], rating: 7 },
  },
  {
    key: 'lycoris-recoil', anime: true, moods: ['hype', 'funny'],
    trakt: show('Lycoris Recoil', 2022, 185340, 'lycoris-recoil', [13]),
    mal: [
      { malId: 50709, anilistId: 143270, romaji: 'Lycoris Recoil', english: 'Lycoris Recoil', native: 'リコリス・リコイル', format: 'TV', episodes: 13, minutes: 24, season: 'SUMMER', year: 2022, genres: ['Action', 'Comedy'], tags: ['Guns', 'Female Protagonist', 'Primarily Female Cast', 'Assassins'], studios: ['A-1 Pictures'], averageScore: 81, malScore: 8.2 },
    ],
    behaviour: { segments: [seg('2022-07-02', 13, 'weekly')], rating: null },
  },
  {
    key: 'konosuba', anime: true, moods: ['funny'],
    trakt: show("KonoSuba: God's Blessing on This Wonderful World!", 2016, 103216, 'konosuba-god-s-blessing-on-this-wonderful-world', [10, 10, 11]),
    mal: [
      { malId: 30831, anilistId: 21202, romaji: 'Kono Subarashii Sekai ni Shukufuku wo!', english: "KONOSUBA -God's blessing on this wonderful world!", native: 'この素晴らしい世界に祝福を！', format: 'TV', episodes: 10, minutes: 24, season: 'WINTER', year: 2016, genres: ['Adventure', 'Comedy', 'Fantasy'], tags: ['Isekai', 'Parody', 'Slapstick', 'Ensemble Cast'], studios: ['Studio Deen'], averageScore: 81, malScore: 8.1 },
      { malId: 32937, anilistId: 21699, romaji: 'Kono Subarashii Sekai ni Shukufuku wo! 2', english: "KONOSUBA -God's blessing on this wonderful world! 2", native: 'この素晴らしい世界に祝福を！2', format: 'TV', episodes: 10, minutes: 24, season: 'WINTER', year: 2017, genres: ['Adventure', 'Comedy', 'Fantasy'], tags: ['Isekai', 'Parody', 'Slapstick', 'Ensemble Cast'], studios: ['Studio Deen'], averageScore: 83, malScore: 8.3 },
      { malId: 49458, anilistId: 136804, romaji: 'Kono Subarashii Sekai ni Shukufuku wo! 3', english: "KONOSUBA -God's blessing on this wonderful world! 3", native: 'この素晴らしい世界に祝福を！３', format: 'TV', episodes: 11, minutes: 24, season: 'SPRING', year: 2024, genres: ['Adventure', 'Comedy', 'Fantasy'], tags: ['Isekai', 'Parody', 'Slapstick'], studios: ['Drive'], averageScore: 82, malScore: 8.2 },
    ],
    behaviour: { segments: [seg('2020-03-20', 20, 'binge'), seg('2024-04-10', 11, 'weekly', 20)], rating: 7 },
    note: 'The isekai the person does like (a parody of the genre).',
  },
  {
    key: 'no-game-no-life', anime: true, moods: ['funny'],
    trakt: show('No Game No Life', 2014, 77620, 'no-game-no-life', [12]),
    mal: [
      { malId: 19815, anilistId: 19815, romaji: 'No Game No Life', english: 'No Game, No Life', native: 'ノーゲーム・ノーライフ', format: 'TV', episodes: 12, minutes: 23, season: 'SPRING', year: 2014, genres: ['Comedy', 'Ecchi', 'Fantasy'], tags: ['Isekai', 'Video Games', 'Gambling'], studios: ['MADHOUSE'], averageScore: 77, malScore: 8.0 },
    ],
    behaviour: { segments: [seg('2025-03-08', 12, 'binge')], rating: 4 },
    note: 'A generic isekai the person disliked.',
  },
  {
    key: 'smartphone-isekai', anime: true, moods: ['funny'],
    trakt: show('In Another World With My Smartphone', 2017, 121514, 'in-another-world-with-my-smartphone', [12, 12]),
    mal: [
      { malId: 35203, anilistId: null, romaji: 'Isekai wa Smartphone to Tomo ni.', english: 'In Another World With My Smartphone', native: '異世界はスマートフォンとともに。', format: 'TV', episodes: 12, minutes: 24, season: 'SUMMER', year: 2017, genres: ['Adventure', 'Comedy', 'Fantasy', 'Romance'], tags: ['Isekai', 'Harem', 'Magic', 'Male Protagonist'], studios: ['Production Reed'], averageScore: 56, malScore: 6.2 },
      { malId: 51632, anilistId: null, romaji: 'Isekai wa Smartphone to Tomo ni. 2', english: 'In Another World With My Smartphone 2', native: '異世界はスマートフォンとともに。2', format: 'TV', episodes: 12, minutes: 23, season: 'SPRING', year: 2023, genres: ['Adventure', 'Comedy', 'Fantasy', 'Romance'], tags: ['Isekai', 'Harem', 'Magic'], studios: ['J.C.Staff'], averageScore: 55, malScore: 6.1 },
    ],
    behaviour: { segments: [seg('2025-04-12', 3, 'binge')], rating: 2, removedLater: true },
    note: 'Dropped after three episodes, rated 2, and deleted from Trakt before the later export.',
  },

  // --- films ----------------------------------------------------------------------------------------------
  {
    key: 'akira', anime: true, moods: ['hype', 'dark', 'epic'],
    trakt: movie('Akira', 1988, 1204, 'akira-1988', { imdb: 'tt0094625', tmdb: 149 }),
    mal: [
      { malId: 47, anilistId: 47, romaji: 'AKIRA', english: 'Akira', native: 'AKIRA', format: 'MOVIE', episodes: 1, minutes: 124, season: 'SUMMER', year: 1988, genres: ['Action', 'Adventure', 'Horror', 'Psychological', 'Sci-Fi', 'Supernatural'], tags: ['Cyberpunk', 'Post-Apocalyptic', 'Super Power', 'Gore', 'Dystopian'], studios: ['TMS Entertainment'], averageScore: 81, malScore: 8.2 },
    ],
    behaviour: { segments: [play('2016-10-15')], epochPlay: 'movie', rating: 8 },
  },
  {
    key: 'my-neighbor-totoro', anime: true, moods: ['cozy', 'wholesome'],
    trakt: movie('My Neighbor Totoro', 1988, 6119, 'my-neighbor-totoro-1988', { imdb: 'tt0096283', tmdb: 8392 }),
    mal: [
      { malId: 523, anilistId: 523, romaji: 'Tonari no Totoro', english: 'My Neighbor Totoro', native: 'となりのトトロ', format: 'MOVIE', episodes: 1, minutes: 86, season: 'SPRING', year: 1988, genres: ['Adventure', 'Comedy', 'Slice of Life', 'Supernatural'], tags: ['Iyashikei', 'Rural', 'Family Life'], studios: ['Studio Ghibli'], averageScore: 84, malScore: 8.25 },
    ],
    behaviour: { segments: [play('2016-05-21'), play('2021-08-14')], rating: 9 },
  },
  {
    key: 'grave-of-the-fireflies', anime: true, moods: ['emotional', 'dark'],
    trakt: movie('Grave of the Fireflies', 1988, 9023, 'grave-of-the-fireflies-1988', { imdb: 'tt0095327', tmdb: 12477 }),
    mal: [
      { malId: 578, anilistId: 578, romaji: 'Hotaru no Haka', english: 'Grave of the Fireflies', native: '火垂るの墓', format: 'MOVIE', episodes: 1, minutes: 88, season: 'SPRING', year: 1988, genres: ['Drama'], tags: ['Tragedy', 'War', 'Historical', 'Orphan'], studios: ['Studio Ghibli'], averageScore: 84, malScore: 8.5 },
    ],
    behaviour: { segments: [play('2019-08-15')], rating: 9 },
  },
  {
    key: 'princess-mononoke', anime: true, moods: ['epic', 'emotional'],
    trakt: movie('Princess Mononoke', 1997, 2140, 'princess-mononoke-1997', { imdb: 'tt0119698', tmdb: 128 }),
    mal: [
      { malId: 164, anilistId: 164, romaji: 'Mononoke-hime', english: 'Princess Mononoke', native: 'もののけ姫', format: 'MOVIE', episodes: 1, minutes: 134, season: 'SUMMER', year: 1997, genres: ['Action', 'Adventure', 'Drama', 'Fantasy'], tags: ['Gods', 'Historical', 'War'], studios: ['Studio Ghibli'], averageScore: 85, malScore: 8.67 },
    ],
    behaviour: { segments: [play('2017-06-24')], rating: 9 },
  },
  {
    key: 'spirited-away', anime: true, moods: ['cozy', 'emotional', 'wholesome'],
    trakt: movie('Spirited Away', 2001, 1181, 'spirited-away-2001', { imdb: 'tt0245429', tmdb: 129 }),
    mal: [
      { malId: 199, anilistId: 199, romaji: 'Sen to Chihiro no Kamikakushi', english: 'Spirited Away', native: '千と千尋の神隠し', format: 'MOVIE', episodes: 1, minutes: 125, season: 'SUMMER', year: 2001, genres: ['Adventure', 'Drama', 'Fantasy', 'Supernatural'], tags: ['Gods', 'Coming of Age', 'Female Protagonist', 'Youkai'], studios: ['Studio Ghibli'], averageScore: 86, malScore: 8.77 },
    ],
    behaviour: { segments: [play('2016-03-20'), play('2019-12-28'), play('2024-08-10')], rating: 10 },
  },
  {
    key: 'millennium-actress', anime: true, moods: ['mind-bending', 'romantic', 'emotional'],
    trakt: movie('Millennium Actress', 2001, 23017, 'millennium-actress-2001', { imdb: 'tt0291350', tmdb: 33320 }),
    mal: [
      { malId: 1033, anilistId: 1033, romaji: 'Sennen Joyuu', english: 'Millennium Actress', native: '千年女優', format: 'MOVIE', episodes: 1, minutes: 87, season: 'SUMMER', year: 2001, genres: ['Drama', 'Fantasy', 'Romance'], tags: ['Acting', 'Filmmaking', 'Historical', 'Female Protagonist'], studios: ['MADHOUSE'], averageScore: 82, malScore: 8.24 },
    ],
    behaviour: { segments: [play('2020-02-08'), play('2023-03-11')], rating: 10 },
  },
  {
    key: 'tokyo-godfathers', anime: true, moods: ['wholesome', 'funny', 'emotional'],
    trakt: movie('Tokyo Godfathers', 2003, 10215, 'tokyo-godfathers-2003', { imdb: 'tt0388473', tmdb: 13398 }),
    mal: [
      { malId: 759, anilistId: 759, romaji: 'Tokyo Godfathers', english: 'Tokyo Godfathers', native: '東京ゴッドファーザーズ', format: 'MOVIE', episodes: 1, minutes: 92, season: 'FALL', year: 2003, genres: ['Comedy', 'Drama'], tags: ['Homeless', 'Found Family', 'Urban', 'Christmas'], studios: ['MADHOUSE'], averageScore: 82, malScore: 8.3 },
    ],
    behaviour: { segments: [play('2019-12-24')], rating: 9 },
  },
  {
    key: 'paprika', anime: true, moods: ['mind-bending', 'tense'],
    trakt: movie('Paprika', 2006, 3528, 'paprika-2006', { imdb: 'tt0851578', tmdb: 4977 }),
    mal: [
      { malId: 1943, anilistId: 1943, romaji: 'Paprika', english: 'Paprika', native: 'パプリカ', format: 'MOVIE', episodes: 1, minutes: 90, season: 'FALL', year: 2006, genres: ['Mystery', 'Psychological', 'Sci-Fi', 'Thriller'], tags: ['Dreams', 'Female Protagonist', 'Conspiracy'], studios: ['MADHOUSE'], averageScore: 80, malScore: 8.0 },
    ],
    behaviour: { segments: [play('2018-04-14'), play('2022-10-29')], rating: 9 },
  },
  {
    key: 'five-centimeters', anime: true, moods: ['emotional', 'romantic'],
    trakt: movie('5 Centimeters per Second', 2007, 28611, '5-centimeters-per-second-2007', { imdb: 'tt0983213', tmdb: 38142 }),
    mal: [
      { malId: 1689, anilistId: 1689, romaji: 'Byousoku 5 Centimeter', english: '5 Centimeters per Second', native: '秒速5センチメートル', format: 'MOVIE', episodes: 3, minutes: 21, season: 'WINTER', year: 2007, genres: ['Drama', 'Romance', 'Slice of Life'], tags: ['Anthology', 'Coming of Age', 'Tragedy'], studios: ['CoMix Wave Films'], averageScore: 73, malScore: 7.5 },
    ],
    behaviour: { segments: [play('2017-03-11')], rating: 6 },
    note: 'A film that MyAnimeList counts as three episodes.',
  },
  {
    key: 'clannad-movie', anime: true, moods: ['emotional', 'romantic'],
    trakt: movie('Clannad', 2007, 37915, 'clannad-2007'),
    mal: [
      { malId: 1723, anilistId: 1723, romaji: 'CLANNAD Movie', english: 'Clannad: The Motion Picture', native: '劇場版 CLANNAD', format: 'MOVIE', episodes: 1, minutes: 94, season: 'SUMMER', year: 2007, genres: ['Drama', 'Romance', 'Slice of Life'], tags: ['School', 'Family Life', 'Tragedy'], studios: ['Toei Animation'], averageScore: 70, malScore: 7.3 },
    ],
    behaviour: { segments: [play('2017-12-09')], rating: 5 },
    note: 'A film with the same title and year as the Clannad TV series.',
  },
  {
    key: 'wolf-children', anime: true, moods: ['emotional', 'wholesome'],
    trakt: movie('Wolf Children', 2012, 81230, 'wolf-children-2012', { imdb: 'tt2140203', tmdb: 110420 }),
    mal: [
      { malId: 12355, anilistId: 12355, romaji: 'Ookami Kodomo no Ame to Yuki', english: 'Wolf Children', native: 'おおかみこどもの雨と雪', format: 'MOVIE', episodes: 1, minutes: 117, season: 'SUMMER', year: 2012, genres: ['Drama', 'Fantasy', 'Slice of Life'], tags: ['Family Life', 'Rural', 'Coming of Age'], studios: ['Studio Chizu'], averageScore: 85, malScore: 8.55 },
    ],
    behaviour: { segments: [play('2020-12-26')], rating: 9 },
  },
  {
    key: 'your-name', anime: true, moods: ['romantic', 'emotional'],
    trakt: movie('Your Name.', 2016, 245112, 'your-name-2016', { imdb: 'tt5311514', tmdb: 372058 }),
    mal: [
      { malId: 32281, anilistId: 21519, romaji: 'Kimi no Na wa.', english: 'Your Name.', native: '君の名は。', format: 'MOVIE', episodes: 1, minutes: 106, season: 'SUMMER', year: 2016, genres: ['Drama', 'Romance', 'Supernatural'], tags: ['Body Swapping', 'Time Manipulation', 'Rural', 'Urban'], studios: ['CoMix Wave Films'], averageScore: 85, malScore: 8.82 },
    ],
    behaviour: { segments: [play('2017-04-22'), play('2021-02-13')], rating: 8 },
  },
  {
    key: 'a-silent-voice', anime: true, moods: ['emotional', 'romantic'],
    trakt: movie('A Silent Voice', 2016, 251306, 'a-silent-voice-2016', { imdb: 'tt5323662', tmdb: 378064 }),
    mal: [
      { malId: 28851, anilistId: 20954, romaji: 'Koe no Katachi', english: 'A Silent Voice', native: '聲の形', format: 'MOVIE', episodes: 1, minutes: 130, season: 'SUMMER', year: 2016, genres: ['Drama', 'Romance', 'Slice of Life'], tags: ['Disability', 'Bullying', 'Suicide', 'Coming of Age'], studios: ['Kyoto Animation'], averageScore: 88, malScore: 8.93 },
    ],
    behaviour: { segments: [play('2018-06-16')], rating: 9 },
  },
  {
    key: 'look-back', anime: true, moods: ['emotional'],
    trakt: movie('Look Back', 2024, 905214, 'look-back-2024'),
    mal: [
      { malId: 58125, anilistId: 174788, romaji: 'Look Back', english: 'Look Back', native: 'ルックバック', format: 'MOVIE', episodes: 1, minutes: 58, season: 'SPRING', year: 2024, genres: ['Drama', 'Slice of Life'], tags: ['Drawing', 'Coming of Age', 'Tragedy', 'Female Protagonist'], studios: ['Studio Durian'], averageScore: 86, malScore: 8.6 },
    ],
    behaviour: { segments: [{ ...play('2026-07-18'), later: true }], rating: null, ratingLater: 9 },
    note: 'First watched after the first export: a title that only the later export has.',
  },
  {
    key: 'one-piece', anime: true, moods: ['epic', 'hype', 'funny', 'emotional'],
    trakt: show('One Piece', 1999, 37696, 'one-piece', [61, 16, 15, 38, 13, 52, 33],
      { tvdb: 81797, imdb: 'tt0388629', tmdb: 37854, aired: 1170 },
      { note: 'seasons lists only the first seven TVDB story-arc seasons (episodes 1–228); aired_episodes is approximate (the show is still airing).' }),
    mal: [
      { malId: 21, anilistId: 21, romaji: 'ONE PIECE', english: 'ONE PIECE', native: 'ONE PIECE', format: 'TV', episodes: null, minutes: 24, season: 'FALL', year: 1999, genres: ['Action', 'Adventure', 'Comedy', 'Drama', 'Fantasy'], tags: ['Pirates', 'Shounen', 'Ensemble Cast', 'Found Family'], studios: ['Toei Animation'], averageScore: 87, malScore: 8.72 },
    ],
    behaviour: {
      segments: [
        seg('2016-03-01', 40, 'binge', 0, { backfill: 'A', until: '2021-05-20' }),
        seg('2021-06-01', 155, 'daily', 40),
        seg('2026-05-16', 30, 'daily', 195, { later: true }),
      ],
      rating: 8,
    },
    note: 'Watched partially; the first 40 episodes were logged as one date-only bulk back-fill.',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// anime on the watchlist only (not watched)

const WATCHLIST_ANIME: CatalogueEntry[] = [
  {
    key: 'perfect-blue', anime: true, moods: ['mind-bending', 'dark', 'tense'],
    trakt: movie('Perfect Blue', 1998, 5677, 'perfect-blue-1998', { imdb: 'tt0156887', tmdb: 10494 },
      { plex: { guid: '5d77683585719b001f3a3b8c', slug: 'perfect-blue' } }),
    mal: [
      { malId: 437, anilistId: 437, romaji: 'Perfect Blue', english: 'Perfect Blue', native: 'パーフェクトブルー', format: 'MOVIE', episodes: 1, minutes: 81, season: 'WINTER', year: 1998, genres: ['Drama', 'Horror', 'Psychological', 'Thriller'], tags: ['Idol', 'Acting', 'Female Protagonist'], studios: ['MADHOUSE'], averageScore: 83, malScore: 8.5 },
    ],
    behaviour: null,
    watchlist: { listedAt: '2024-09-11T07:45:03.000Z', rank: 1, id: 1085775335 },
    note: 'Watchlist record copied from the reference export.',
  },
  {
    key: 'legend-of-the-galactic-heroes', anime: true, moods: ['epic', 'mind-bending'],
    trakt: show('Legend of the Galactic Heroes', 1988, 71064, 'legend-of-the-galactic-heroes', [26, 28, 32, 24]),
    mal: [
      { malId: 820, anilistId: 820, romaji: 'Ginga Eiyuu Densetsu', english: 'Legend of the Galactic Heroes', native: '銀河英雄伝説', format: 'OVA', episodes: 110, minutes: 26, season: 'WINTER', year: 1988, genres: ['Drama', 'Sci-Fi'], tags: ['Space', 'Military', 'Politics', 'War'], studios: ['K-Factory', 'Kitty Film Mitaka Studio'], averageScore: 88, malScore: 9.0 },
    ],
    behaviour: null,
    watchlist: { listedAt: '2022-12-03T21:14:09.000Z', rank: 2 },
  },
  {
    key: 'ergo-proxy', anime: true, moods: ['mind-bending', 'dark'],
    trakt: show('Ergo Proxy', 2006, 79696, 'ergo-proxy', [23]),
    mal: [
      { malId: 790, anilistId: 790, romaji: 'Ergo Proxy', english: 'Ergo Proxy', native: 'エルゴプラクシー', format: 'TV', episodes: 23, minutes: 25, season: 'WINTER', year: 2006, genres: ['Mystery', 'Psychological', 'Sci-Fi'], tags: ['Cyberpunk', 'Post-Apocalyptic', 'Philosophy', 'Android'], studios: ['Manglobe'], averageScore: 77, malScore: 7.9 },
    ],
    behaviour: null,
    watchlist: { listedAt: '2023-02-18T20:41:55.000Z', rank: 3 },
  },
  {
    key: 'texhnolyze', anime: true, moods: ['dark', 'mind-bending'],
    trakt: show('Texhnolyze', 2003, 72312, 'texhnolyze', [22]),
    mal: [
      { malId: 26, anilistId: 26, romaji: 'TEXHNOLYZE', english: 'Texhnolyze', native: 'TEXHNOLYZE', format: 'TV', episodes: 22, minutes: 25, season: 'SPRING', year: 2003, genres: ['Action', 'Drama', 'Psychological', 'Sci-Fi'], tags: ['Cyberpunk', 'Dystopian', 'Tragedy', 'Gore'], studios: ['MADHOUSE'], averageScore: 75, malScore: 7.8 },
    ],
    behaviour: null,
    watchlist: { listedAt: '2023-02-18T20:43:12.000Z', rank: 4 },
  },
  {
    key: 'gankutsuou', anime: true, moods: ['tense', 'romantic'],
    trakt: show('Gankutsuou: The Count of Monte Cristo', 2004, 73532, 'gankutsuou-the-count-of-monte-cristo', [24]),
    mal: [
      { malId: 239, anilistId: 239, romaji: 'Gankutsuou', english: 'Gankutsuou: The Count of Monte Cristo', native: '巌窟王', format: 'TV', episodes: 24, minutes: 24, season: 'FALL', year: 2004, genres: ['Drama', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller'], tags: ['Revenge', 'Space', 'Tragedy'], studios: ['Gonzo'], averageScore: 78, malScore: 8.1 },
    ],
    behaviour: null,
    watchlist: { listedAt: '2024-01-20T19:05:31.000Z', rank: 5 },
  },
  {
    key: 'hotarubi-no-mori-e', anime: true, moods: ['cozy', 'emotional', 'romantic'],
    trakt: movie("Into the Forest of Fireflies' Light", 2011, 86421, 'into-the-forest-of-fireflies-light-2011'),
    mal: [
      { malId: 10408, anilistId: 10408, romaji: 'Hotarubi no Mori e', english: "Into the Forest of Fireflies' Light", native: '蛍火の杜へ', format: 'MOVIE', episodes: 1, minutes: 44, season: 'SUMMER', year: 2011, genres: ['Drama', 'Romance', 'Supernatural'], tags: ['Youkai', 'Rural', 'Tragedy', 'Female Protagonist'], studios: ["Brain's Base"], averageScore: 84, malScore: 8.3 },
    ],
    behaviour: null,
    watchlist: { listedAt: '2025-05-03T10:12:48.000Z', rank: 6 },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// not anime (traps for the anime matcher, and ordinary TV)

const NOT_ANIME: CatalogueEntry[] = [
  {
    key: 'breaking-bad', anime: false, moods: [], mal: [],
    trakt: show('Breaking Bad', 2008, 1388, 'breaking-bad', [7, 13, 13, 13, 16], { tvdb: 81189, imdb: 'tt0903747', tmdb: 1396, aired: 62 }, { runtime: 47 }),
    behaviour: { segments: [seg('2016-05-02', 62, 'binge')], rating: 8 },
  },
  {
    key: 'friends', anime: false, moods: [], mal: [],
    trakt: show('Friends', 1994, 1657, 'friends', [24, 24, 25, 24, 24, 25, 24, 24, 24, 18], { tvdb: 79168, imdb: 'tt0108778', tmdb: 1668, aired: 228 }, {
      runtime: 22,
      note: 'aired_episodes 228 is what Trakt reports (it merges some double episodes); seasons are the broadcast counts.',
      knownEpisodes: [
        { season: 1, number: 1, title: 'Pilot', trakt: 97992, tvdb: 303821, imdb: 'tt0583459', tmdb: 85987 },
        { season: 1, number: 2, title: 'The One with the Sonogram at the End', trakt: 97993, tvdb: 303822, imdb: 'tt0583647', tmdb: 86012 },
      ],
    }),
    behaviour: {
      segments: [
        seg('2016-02-15', 121, 'daily'),
        seg('2019-11-01', 24, 'daily'),
        seg('2021-06-01', 25, 'binge', 121, { backfill: 'B', until: '2026-04-20' }),
      ],
      rating: 8,
      episodeRatings: [
        { season: 1, number: 1, rating: 7, ratedAt: '2023-02-06T20:36:12.000Z' },
        { season: 1, number: 2, rating: 8, ratedAt: '2024-07-25T20:16:29.000Z' },
      ],
    },
    note: 'Season 6 was logged as one date-only bulk back-fill.',
  },
  {
    key: 'lost', anime: false, moods: [], mal: [],
    trakt: show('Lost', 2004, 4583, 'lost-2004', [25, 24, 23, 14, 17, 18], { tvdb: 73739, imdb: 'tt0411008', tmdb: 4607, aired: 118 }, {
      runtime: 43,
      knownEpisodes: [{ season: 1, number: 1, title: 'Pilot (1)', trakt: 342245, tvdb: 127131, imdb: 'tt0636289', tmdb: 333924 }],
    }),
    behaviour: {
      segments: [seg('2016-09-10', 49, 'sporadic')],
      rating: 7,
      episodeRatings: [{ season: 1, number: 1, rating: 7, ratedAt: '2024-09-11T08:38:24.000Z' }],
    },
  },
  {
    key: 'avatar-the-last-airbender', anime: false, moods: [], mal: [],
    trakt: show('Avatar: The Last Airbender', 2005, 2680, 'avatar-the-last-airbender', [20, 20, 21], { tvdb: 74852, imdb: 'tt0417299', tmdb: 246 }, { runtime: 23 }),
    behaviour: { segments: [seg('2017-01-07', 61, 'daily'), seg('2020-04-01', 61, 'binge')], rating: 10 },
    note: 'Animated and anime-styled, but American: not anime.',
  },
  {
    key: 'castlevania', anime: false, moods: [], mal: [],
    trakt: show('Castlevania', 2017, 119211, 'castlevania', [4, 8, 10, 10], { imdb: 'tt6517102' }, { runtime: 25 }),
    behaviour: { segments: [seg('2021-06-12', 32, 'binge')], rating: 7 },
    note: 'Western animation with an anime look.',
  },
  {
    key: 'arcane', anime: false, moods: [], mal: [],
    trakt: show('Arcane', 2021, 161917, 'arcane', [9, 9], { imdb: 'tt11126994', tmdb: 94605 }, { runtime: 40 }),
    behaviour: { segments: [seg('2021-11-07', 9, 'binge'), seg('2024-11-24', 9, 'binge', 9)], rating: 9 },
    note: 'Animated, not anime.',
  },
  {
    key: 'one-piece-live-action', anime: false, moods: [], mal: [],
    trakt: show('ONE PIECE', 2023, 184618, 'one-piece-2023', [8, 8], { tvdb: 392276, imdb: 'tt11737520', tmdb: 111110, aired: 16 }, { runtime: 60 }),
    behaviour: { segments: [seg('2023-09-01', 8, 'binge'), seg('2026-03-11', 8, 'binge', 8)], rating: 7 },
    note: 'ALL-CAPS title; the live-action series, not the anime One Piece (1999).',
  },
  {
    key: 'the-last-of-us', anime: false, moods: [], mal: [],
    trakt: show('The Last of Us', 2023, 158947, 'the-last-of-us', [9, 7], { imdb: 'tt3581920', tmdb: 100088 }, { runtime: 55 }),
    behaviour: { segments: [seg('2023-01-16', 9, 'weekly'), seg('2025-04-14', 7, 'weekly', 9)], rating: 8 },
  },
  {
    key: 'shogun', anime: false, moods: [], mal: [],
    trakt: show('Shōgun', 2024, 158102, 'shogun-2024', [10], { imdb: 'tt2788316', tmdb: 126308 }, { runtime: 59 }),
    behaviour: {
      segments: [seg('2024-02-27', 10, 'weekly'), seg('2026-07-25', 2, 'binge', 0, { later: true })],
      rating: 8, ratingLater: 9,
    },
    note: 'Set in Japan, made in America: not anime. Non-ASCII title.',
  },
  {
    key: 'the-daily-show', anime: false, moods: [], mal: [],
    trakt: show('The Daily Show', 1996, 2211, 'the-daily-show', [160], { aired: null }, {
      seasonNumbers: [2024], runtime: 22,
      note: 'TVDB numbers its seasons by year; only season 2024 is described (its episode count is approximate), so aired_episodes is left out.',
    }),
    behaviour: { segments: [seg('2024-09-03', 12, 'sporadic', 99)], rating: null },
  },
  {
    key: 'blue-eye-samurai', anime: false, moods: [], mal: [],
    trakt: show('Blue Eye Samurai', 2023, 195532, 'blue-eye-samurai', [8], {}, { runtime: 45 }),
    behaviour: { segments: [seg('2023-11-05', 8, 'binge')], rating: 8 },
    note: 'Western animation set in Edo Japan.',
  },
  {
    key: 'wall-e', anime: false, moods: [], mal: [],
    trakt: movie('WALL·E', 2008, 7120, 'wall-e-2008', { imdb: 'tt0910970', tmdb: 10681 }, { runtime: 98 }),
    behaviour: { segments: [play('2016-07-09'), play('2022-12-26')], rating: 9 },
  },
  {
    key: 'a-quiet-place-day-one', anime: false, moods: [], mal: [],
    trakt: movie('A Quiet Place:\u00a0Day One', 2024, 548316, 'a-quiet-place-day-one-2024', { imdb: 'tt13433802', tmdb: 762441 }, { runtime: 99 }),
    behaviour: { segments: [play('2024-10-12')], rating: 6 },
    note: 'The title has a NON-BREAKING SPACE (U+00A0) after the colon, as Trakt sends it.',
  },
  {
    key: 'detective-pikachu', anime: false, moods: [], mal: [],
    trakt: movie('Pokémon Detective Pikachu', 2019, 300512, 'pokemon-detective-pikachu-2019', { imdb: 'tt5884052', tmdb: 447404 }, { runtime: 104 }),
    behaviour: { segments: [play('2019-06-01')], rating: 5 },
    note: 'Live action with a Pokémon title.',
  },
  {
    key: 'dune-part-two', anime: false, moods: [], mal: [],
    trakt: movie('Dune: Part Two', 2024, 506131, 'dune-part-two-2024', { imdb: 'tt15239678', tmdb: 693134 }, { runtime: 166 }),
    behaviour: { segments: [play('2024-03-03'), play('2025-01-18')], rating: 8 },
  },
  {
    key: 'spider-verse', anime: false, moods: [], mal: [],
    trakt: movie('Spider-Man: Into the Spider-Verse', 2018, 284412, 'spider-man-into-the-spider-verse-2018', { imdb: 'tt4633694', tmdb: 324857 }, { runtime: 117 }),
    behaviour: { segments: [play('2019-01-20')], rating: 9 },
  },
  {
    key: 'godzilla-minus-one', anime: false, moods: [], mal: [],
    trakt: movie('Godzilla Minus One', 2023, 710233, 'godzilla-minus-one-2023', { imdb: 'tt23289160', tmdb: 940721 }, { runtime: 125 }),
    behaviour: { segments: [play('2024-06-15')], rating: 9 },
    note: 'Japanese, but live action.',
  },
  // watchlist only (records copied from the reference export, except Severance)
  {
    key: 'my-mister', anime: false, moods: [], mal: [], behaviour: null,
    trakt: show('My Mister', 2018, 127400, 'my-mister', [16], { tvdb: 341871, imdb: 'tt7923710', tmdb: 76662, aired: 16 },
      { plex: { guid: '5d9c08f23c3f87001f35949f', slug: 'my-mister' } }),
    watchlist: { listedAt: '2025-03-01T21:54:31.000Z', rank: 7, id: 1183101440 },
  },
  {
    key: '18-again', anime: false, moods: [], mal: [], behaviour: null,
    trakt: show('18 Again', 2020, 158853, '18-again', [16], { tvdb: 377956, imdb: 'tt12846096', tmdb: 99654, aired: 16 },
      { plex: { guid: '5e5855aaef1f92003e96b348', slug: '18-again' } }),
    watchlist: { listedAt: '2025-03-01T21:54:51.000Z', rank: 7, id: 1183101605 },
  },
  {
    key: 'avatar-fire-and-ash', anime: false, moods: [], mal: [], behaviour: null,
    trakt: movie('Avatar: Fire and Ash', 2025, 62544, 'avatar-fire-and-ash-2025', { imdb: 'tt1757678', tmdb: 83533 },
      { plex: { guid: '5d7768cc9ab54400214eba10', slug: 'avatar-fire-and-ash' } }),
    watchlist: { listedAt: '2026-02-01T16:38:55.000Z', rank: 8, id: 1420265380 },
  },
  {
    key: 'exit-8', anime: false, moods: [], mal: [], behaviour: null,
    trakt: movie('Exit 8', 2025, 1152229, 'exit-8-2025', { imdb: 'tt35222590', tmdb: 1408208 },
      { plex: { guid: '676f65b521ceb06885761587', slug: 'the-exit-8-2025' } }),
    watchlist: { listedAt: '2026-02-01T16:39:27.000Z', rank: 9, id: 1420265640 },
    note: 'Japanese live action.',
  },
  {
    key: 'severance', anime: false, moods: [], mal: [], behaviour: null,
    trakt: show('Severance', 2022, 154997, 'severance', [9, 10], {}, { runtime: 50 }),
    watchlist: { listedAt: '2025-06-14T18:20:02.000Z', rank: 10 },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// anime the sample person has NOT watched: recommendation targets
//
// Not part of CATALOGUE (the sample exports never mention them): the fake AniList/Jikan database serves them, so the
// recommender has real, unwatched candidates. Which titles recommend which is not decided here: the fake's
// recommendation links are MyAnimeList's real user-recommendation counts between the sample's anime
// (scripts/sample/recommendation-counts.ts), with no slot reserved for these titles.
// Same rules as above: real facts, one MAL entry each; `anilistId` only where it was checked or equals the MAL id of
// an older entry, else null. The Trakt side is invented (ids 800101–800151, plausible slugs, no external ids).
// At least 15 are cozy and short (episodes × minutes < 300: 12 × 24 = 288 qualifies, 13 × 24 = 312 does not),
// and a few are the generic isekai the person dislikes, so the ranking has something to rank down.

const unwatched = (key: string, moods: Mood[], trakt: TraktSide, mal: MalEntry, note?: string): CatalogueEntry => ({
  key, anime: true, moods, trakt, mal: [mal], behaviour: null, ...(note ? { note } : {}),
});

export const RECOMMENDABLE: readonly CatalogueEntry[] = [
  // --- cozy and short (under five hours) ----------------------------------------------------------------------
  unwatched('non-non-biyori', ['cozy', 'wholesome', 'funny'], show('Non Non Biyori', 2013, 800101, 'non-non-biyori', [12]),
    { malId: 17549, anilistId: 17549, romaji: 'Non Non Biyori', english: null, native: 'のんのんびより', format: 'TV', episodes: 12, minutes: 24, season: 'FALL', year: 2013, genres: ['Comedy', 'Slice of Life'], tags: ['Iyashikei', 'Rural', 'Cute Girls Doing Cute Things', 'School'], studios: ['SILVER LINK.'], averageScore: 79, malScore: 7.9 }),
  unwatched('barakamon', ['cozy', 'funny', 'wholesome'], show('Barakamon', 2014, 800102, 'barakamon', [12]),
    { malId: 22789, anilistId: null, romaji: 'Barakamon', english: 'Barakamon', native: 'ばらかもん', format: 'TV', episodes: 12, minutes: 23, season: 'SUMMER', year: 2014, genres: ['Comedy', 'Slice of Life'], tags: ['Rural', 'Iyashikei', 'Male Protagonist', 'Coming of Age'], studios: ['Kinema Citrus'], averageScore: 82, malScore: 8.4 }),
  unwatched('usagi-drop', ['cozy', 'wholesome', 'emotional'], show('Bunny Drop', 2011, 800103, 'bunny-drop', [11]),
    { malId: 10162, anilistId: 10162, romaji: 'Usagi Drop', english: 'Bunny Drop', native: 'うさぎドロップ', format: 'TV', episodes: 11, minutes: 23, season: 'SUMMER', year: 2011, genres: ['Drama', 'Slice of Life'], tags: ['Family Life', 'Iyashikei', 'Josei', 'Primarily Adult Cast'], studios: ['Production I.G'], averageScore: 81, malScore: 8.3 }),
  unwatched('tamako-market', ['cozy', 'wholesome', 'funny'], show('Tamako Market', 2013, 800104, 'tamako-market', [12]),
    { malId: 16417, anilistId: null, romaji: 'Tamako Market', english: 'Tamako Market', native: 'たまこまーけっと', format: 'TV', episodes: 12, minutes: 24, season: 'WINTER', year: 2013, genres: ['Comedy', 'Slice of Life'], tags: ['Family Life', 'Female Protagonist', 'Urban', 'Iyashikei'], studios: ['Kyoto Animation'], averageScore: 72, malScore: 7.2 }),
  unwatched('is-the-order-a-rabbit', ['cozy', 'wholesome', 'funny'], show('Is the Order a Rabbit?', 2014, 800105, 'is-the-order-a-rabbit', [12]),
    { malId: 21273, anilistId: null, romaji: 'Gochuumon wa Usagi Desu ka?', english: 'Is the Order a Rabbit?', native: 'ご注文はうさぎですか？', format: 'TV', episodes: 12, minutes: 24, season: 'SPRING', year: 2014, genres: ['Comedy', 'Slice of Life'], tags: ['Cute Girls Doing Cute Things', 'Iyashikei', 'Primarily Female Cast', 'Work'], studios: ['White Fox'], averageScore: 74, malScore: 7.7 }),
  unwatched('kiniro-mosaic', ['cozy', 'funny', 'wholesome'], show('KINMOZA!', 2013, 800106, 'kinmoza', [12]),
    { malId: 16732, anilistId: null, romaji: 'Kiniro Mosaic', english: 'KINMOZA!', native: 'きんいろモザイク', format: 'TV', episodes: 12, minutes: 24, season: 'SUMMER', year: 2013, genres: ['Comedy', 'Slice of Life'], tags: ['Cute Girls Doing Cute Things', 'School', 'Primarily Female Cast', 'Iyashikei'], studios: ['Studio Gokumi'], averageScore: 73, malScore: 7.5 }),
  unwatched('sweetness-and-lightning', ['cozy', 'wholesome', 'emotional'], show('Sweetness & Lightning', 2016, 800107, 'sweetness-lightning', [12]),
    { malId: 32828, anilistId: null, romaji: 'Amaama to Inazuma', english: 'Sweetness & Lightning', native: '甘々と稲妻', format: 'TV', episodes: 12, minutes: 23, season: 'SUMMER', year: 2016, genres: ['Comedy', 'Slice of Life'], tags: ['Food', 'Family Life', 'Iyashikei', 'Male Protagonist'], studios: ['TMS Entertainment'], averageScore: 78, malScore: 7.8 }),
  unwatched('silver-spoon', ['cozy', 'funny', 'wholesome'], show('Silver Spoon', 2013, 800108, 'silver-spoon', [11]),
    { malId: 16918, anilistId: null, romaji: 'Gin no Saji', english: 'Silver Spoon', native: '銀の匙 Silver Spoon', format: 'TV', episodes: 11, minutes: 23, season: 'SUMMER', year: 2013, genres: ['Comedy', 'Slice of Life'], tags: ['Agriculture', 'Rural', 'School', 'Male Protagonist'], studios: ['A-1 Pictures'], averageScore: 79, malScore: 8.0 }),
  unwatched('hakumei-and-mikochi', ['cozy', 'wholesome'], show('Hakumei and Mikochi', 2018, 800109, 'hakumei-and-mikochi', [12]),
    { malId: 36094, anilistId: null, romaji: 'Hakumei to Mikochi', english: 'Hakumei and Mikochi', native: 'ハクメイとミコチ', format: 'TV', episodes: 12, minutes: 24, season: 'WINTER', year: 2018, genres: ['Adventure', 'Fantasy', 'Slice of Life'], tags: ['Iyashikei', 'Primarily Female Cast', 'Food', 'Female Protagonist'], studios: ['Lerche'], averageScore: 77, malScore: 7.6 }),
  unwatched('pocos-udon-world', ['cozy', 'wholesome', 'emotional'], show("Poco's Udon World", 2016, 800110, 'poco-s-udon-world', [12]),
    { malId: 32673, anilistId: null, romaji: 'Udon no Kuni no Kiniro Kemari', english: "Poco's Udon World", native: 'うどんの国の金色毛鞠', format: 'TV', episodes: 12, minutes: 24, season: 'FALL', year: 2016, genres: ['Slice of Life', 'Supernatural'], tags: ['Family Life', 'Rural', 'Food', 'Iyashikei'], studios: ['LIDENFILMS'], averageScore: 75, malScore: 7.5 }),
  unwatched('restaurant-to-another-world', ['cozy', 'wholesome'], show('Restaurant to Another World', 2017, 800111, 'restaurant-to-another-world', [12]),
    { malId: 34012, anilistId: null, romaji: 'Isekai Shokudou', english: 'Restaurant to Another World', native: '異世界食堂', format: 'TV', episodes: 12, minutes: 24, season: 'SUMMER', year: 2017, genres: ['Fantasy', 'Slice of Life'], tags: ['Food', 'Isekai', 'Episodic', 'Iyashikei'], studios: ['SILVER LINK.'], averageScore: 75, malScore: 7.8 },
    'An isekai, but a cozy one: the matcher and ranker should not treat every Isekai tag alike.'),
  unwatched('encouragement-of-climb', ['cozy', 'wholesome'], show('Encouragement of Climb', 2013, 800112, 'encouragement-of-climb', [12]),
    { malId: 14355, anilistId: null, romaji: 'Yama no Susume', english: 'Encouragement of Climb', native: 'ヤマノススメ', format: 'TV_SHORT', episodes: 12, minutes: 5, season: 'WINTER', year: 2013, genres: ['Adventure', 'Comedy', 'Slice of Life'], tags: ['Cute Girls Doing Cute Things', 'Outdoor Activities', 'Iyashikei', 'Female Protagonist'], studios: ['8bit'], averageScore: 70, malScore: 7.0 }),
  unwatched('hidamari-sketch', ['cozy', 'funny', 'wholesome'], show('Hidamari Sketch', 2007, 800113, 'hidamari-sketch', [12]),
    { malId: 1852, anilistId: 1852, romaji: 'Hidamari Sketch', english: null, native: 'ひだまりスケッチ', format: 'TV', episodes: 12, minutes: 24, season: 'WINTER', year: 2007, genres: ['Comedy', 'Slice of Life'], tags: ['Cute Girls Doing Cute Things', 'School', 'Primarily Female Cast', 'Iyashikei'], studios: ['Shaft'], averageScore: 73, malScore: 7.6 }),
  unwatched('tanaka-kun-is-always-listless', ['cozy', 'funny'], show('Tanaka-kun is Always Listless', 2016, 800114, 'tanaka-kun-is-always-listless', [12]),
    { malId: 32093, anilistId: null, romaji: 'Tanaka-kun wa Itsumo Kedaruge', english: 'Tanaka-kun is Always Listless', native: '田中くんはいつもけだるげ', format: 'TV', episodes: 12, minutes: 24, season: 'SPRING', year: 2016, genres: ['Comedy', 'Slice of Life'], tags: ['School', 'Male Protagonist', 'Iyashikei', 'Episodic'], studios: ['SILVER LINK.'], averageScore: 76, malScore: 7.7 }),
  unwatched('kikis-delivery-service', ['cozy', 'wholesome', 'emotional'], movie("Kiki's Delivery Service", 1989, 800115, 'kiki-s-delivery-service-1989'),
    { malId: 512, anilistId: 512, romaji: 'Majo no Takkyuubin', english: "Kiki's Delivery Service", native: '魔女の宅急便', format: 'MOVIE', episodes: 1, minutes: 102, season: 'SUMMER', year: 1989, genres: ['Adventure', 'Drama', 'Fantasy', 'Slice of Life'], tags: ['Witch', 'Coming of Age', 'Female Protagonist', 'Iyashikei'], studios: ['Studio Ghibli'], averageScore: 82, malScore: 8.2 }),
  unwatched('whisper-of-the-heart', ['cozy', 'romantic', 'emotional'], movie('Whisper of the Heart', 1995, 800116, 'whisper-of-the-heart-1995'),
    { malId: 585, anilistId: 585, romaji: 'Mimi wo Sumaseba', english: 'Whisper of the Heart', native: '耳をすませば', format: 'MOVIE', episodes: 1, minutes: 111, season: 'SUMMER', year: 1995, genres: ['Drama', 'Romance', 'Slice of Life'], tags: ['Coming of Age', 'Female Protagonist', 'Urban', 'Heterosexual'], studios: ['Studio Ghibli'], averageScore: 80, malScore: 8.2 }),
  unwatched('only-yesterday', ['cozy', 'emotional', 'romantic'], movie('Only Yesterday', 1991, 800117, 'only-yesterday-1991'),
    { malId: 1029, anilistId: 1029, romaji: 'Omoide Poroporo', english: 'Only Yesterday', native: 'おもひでぽろぽろ', format: 'MOVIE', episodes: 1, minutes: 118, season: 'SUMMER', year: 1991, genres: ['Drama', 'Romance', 'Slice of Life'], tags: ['Rural', 'Agriculture', 'Female Protagonist', 'Primarily Adult Cast'], studios: ['Studio Ghibli'], averageScore: 76, malScore: 7.7 }),
  unwatched('the-secret-world-of-arrietty', ['cozy', 'wholesome'], movie('The Secret World of Arrietty', 2010, 800118, 'the-secret-world-of-arrietty-2010'),
    { malId: 7711, anilistId: 7711, romaji: 'Karigurashi no Arrietty', english: 'The Secret World of Arrietty', native: '借りぐらしのアリエッティ', format: 'MOVIE', episodes: 1, minutes: 94, season: 'SUMMER', year: 2010, genres: ['Adventure', 'Fantasy', 'Slice of Life'], tags: ['Female Protagonist', 'Rural', 'Family Life', 'Iyashikei'], studios: ['Studio Ghibli'], averageScore: 78, malScore: 7.9 }),
  unwatched('ponyo', ['cozy', 'wholesome', 'funny'], movie('Ponyo', 2008, 800119, 'ponyo-2008'),
    { malId: 2890, anilistId: 2890, romaji: 'Gake no Ue no Ponyo', english: 'Ponyo', native: '崖の上のポニョ', format: 'MOVIE', episodes: 1, minutes: 101, season: 'SUMMER', year: 2008, genres: ['Adventure', 'Comedy', 'Fantasy'], tags: ['Kids', 'Family Life', 'Male Protagonist'], studios: ['Studio Ghibli'], averageScore: 77, malScore: 7.6 }),
  unwatched('the-garden-of-words', ['cozy', 'romantic', 'emotional'], movie('The Garden of Words', 2013, 800120, 'the-garden-of-words-2013'),
    { malId: 16782, anilistId: null, romaji: 'Kotonoha no Niwa', english: 'The Garden of Words', native: '言の葉の庭', format: 'MOVIE', episodes: 1, minutes: 46, season: 'SPRING', year: 2013, genres: ['Drama', 'Romance', 'Slice of Life'], tags: ['Urban', 'Age Gap', 'Coming of Age', 'Male Protagonist'], studios: ['CoMix Wave Films'], averageScore: 79, malScore: 7.9 }),

  // --- cozy, but five hours or longer -------------------------------------------------------------------------
  unwatched('aria-the-animation', ['cozy', 'wholesome'], show('Aria the Animation', 2005, 800121, 'aria-the-animation', [13]),
    { malId: 477, anilistId: 477, romaji: 'ARIA The ANIMATION', english: 'Aria the Animation', native: 'ARIA The ANIMATION', format: 'TV', episodes: 13, minutes: 24, season: 'FALL', year: 2005, genres: ['Sci-Fi', 'Slice of Life'], tags: ['Iyashikei', 'Episodic', 'Work', 'Primarily Female Cast'], studios: ['Hal Film Maker'], averageScore: 77, malScore: 7.9 },
    '13 × 24 min = 312 min: cozy, but not short.'),
  unwatched('spice-and-wolf', ['cozy', 'romantic'], show('Spice and Wolf', 2008, 800122, 'spice-and-wolf', [13]),
    { malId: 2966, anilistId: 2966, romaji: 'Ookami to Koushinryou', english: 'Spice and Wolf', native: '狼と香辛料', format: 'TV', episodes: 13, minutes: 24, season: 'WINTER', year: 2008, genres: ['Adventure', 'Fantasy', 'Romance'], tags: ['Travel', 'Economics', 'Primarily Adult Cast', 'Heterosexual'], studios: ['IMAGIN'], averageScore: 79, malScore: 8.2 }),
  unwatched('hanasaku-iroha', ['emotional', 'wholesome', 'cozy'], show('Hanasaku Iroha', 2011, 800123, 'hanasaku-iroha', [26]),
    { malId: 9289, anilistId: 9289, romaji: 'Hanasaku Iroha', english: 'Hanasaku Iroha: Blossoms for Tomorrow', native: '花咲くいろは', format: 'TV', episodes: 26, minutes: 24, season: 'SPRING', year: 2011, genres: ['Comedy', 'Drama', 'Slice of Life'], tags: ['Work', 'Coming of Age', 'Female Protagonist', 'Rural'], studios: ['P.A. Works'], averageScore: 76, malScore: 7.8 }),
  unwatched('azumanga-daioh', ['funny', 'cozy', 'wholesome'], show('Azumanga Daioh', 2002, 800124, 'azumanga-daioh', [26]),
    { malId: 66, anilistId: 66, romaji: 'Azumanga Daioh', english: 'Azumanga Daioh: The Animation', native: 'あずまんが大王', format: 'TV', episodes: 26, minutes: 24, season: 'SPRING', year: 2002, genres: ['Comedy', 'Slice of Life'], tags: ['School', 'Cute Girls Doing Cute Things', 'Surreal Comedy', 'Episodic'], studios: ['J.C.Staff'], averageScore: 80, malScore: 8.0 }),
  unwatched('k-on', ['funny', 'cozy', 'wholesome'], show('K-ON!', 2009, 800125, 'k-on', [13]),
    { malId: 5680, anilistId: 5680, romaji: 'K-On!', english: 'K-ON!', native: 'けいおん！', format: 'TV', episodes: 13, minutes: 24, season: 'SPRING', year: 2009, genres: ['Comedy', 'Music', 'Slice of Life'], tags: ['Band', 'School Club', 'Cute Girls Doing Cute Things', 'Primarily Female Cast'], studios: ['Kyoto Animation'], averageScore: 77, malScore: 7.9 },
    'MyAnimeList counts 13 episodes (12 aired plus one extra): 312 min, so not short.'),

  // --- emotional and romantic ---------------------------------------------------------------------------------
  unwatched('angel-beats', ['emotional', 'funny'], show('Angel Beats!', 2010, 800126, 'angel-beats', [13]),
    { malId: 6547, anilistId: 6547, romaji: 'Angel Beats!', english: 'Angel Beats!', native: 'Angel Beats!', format: 'TV', episodes: 13, minutes: 24, season: 'SPRING', year: 2010, genres: ['Action', 'Comedy', 'Drama', 'Supernatural'], tags: ['Afterlife', 'School', 'Tragedy', 'Ensemble Cast'], studios: ['P.A. Works'], averageScore: 78, malScore: 8.1 }),
  unwatched('plastic-memories', ['emotional', 'romantic'], show('Plastic Memories', 2015, 800127, 'plastic-memories', [13]),
    { malId: 27775, anilistId: null, romaji: 'Plastic Memories', english: 'Plastic Memories', native: 'プラスティック・メモリーズ', format: 'TV', episodes: 13, minutes: 24, season: 'SPRING', year: 2015, genres: ['Drama', 'Romance', 'Sci-Fi'], tags: ['Android', 'Tragedy', 'Work', 'Male Protagonist'], studios: ['Doga Kobo'], averageScore: 76, malScore: 7.9 }),
  unwatched('orange', ['emotional', 'romantic'], show('orange', 2016, 800128, 'orange', [13]),
    { malId: 32729, anilistId: null, romaji: 'orange', english: 'Orange', native: 'orange', format: 'TV', episodes: 13, minutes: 24, season: 'SUMMER', year: 2016, genres: ['Drama', 'Romance', 'Sci-Fi', 'Slice of Life'], tags: ['Time Manipulation', 'Suicide', 'School', 'Shoujo'], studios: ['Telecom Animation Film'], averageScore: 76, malScore: 7.6 }),
  unwatched('kimi-ni-todoke', ['romantic', 'wholesome'], show('Kimi ni Todoke: From Me to You', 2009, 800129, 'kimi-ni-todoke-from-me-to-you', [25]),
    { malId: 6045, anilistId: 6045, romaji: 'Kimi ni Todoke', english: 'Kimi ni Todoke: From Me to You', native: '君に届け', format: 'TV', episodes: 25, minutes: 23, season: 'FALL', year: 2009, genres: ['Comedy', 'Drama', 'Romance', 'Slice of Life'], tags: ['School', 'Shoujo', 'Female Protagonist', 'Heterosexual'], studios: ['Production I.G'], averageScore: 78, malScore: 7.9 }),
  unwatched('honey-and-clover', ['romantic', 'emotional', 'funny'], show('Honey and Clover', 2005, 800130, 'honey-and-clover', [24]),
    { malId: 16, anilistId: 16, romaji: 'Hachimitsu to Clover', english: 'Honey and Clover', native: 'ハチミツとクローバー', format: 'TV', episodes: 24, minutes: 23, season: 'SPRING', year: 2005, genres: ['Comedy', 'Drama', 'Romance', 'Slice of Life'], tags: ['College', 'Love Triangle', 'Josei', 'Coming of Age'], studios: ['J.C.Staff'], averageScore: 79, malScore: 8.0 }),
  unwatched('nana', ['emotional', 'romantic'], show('Nana', 2006, 800131, 'nana', [47]),
    { malId: 877, anilistId: 877, romaji: 'NANA', english: 'Nana', native: 'NANA', format: 'TV', episodes: 47, minutes: 23, season: 'SPRING', year: 2006, genres: ['Drama', 'Music', 'Romance', 'Slice of Life'], tags: ['Band', 'Josei', 'Female Protagonist', 'Primarily Adult Cast'], studios: ['MADHOUSE'], averageScore: 83, malScore: 8.5 }),
  unwatched('the-girl-who-leapt-through-time', ['emotional', 'romantic', 'mind-bending'], movie('The Girl Who Leapt Through Time', 2006, 800132, 'the-girl-who-leapt-through-time-2006'),
    { malId: 2236, anilistId: 2236, romaji: 'Toki wo Kakeru Shoujo', english: 'The Girl Who Leapt Through Time', native: '時をかける少女', format: 'MOVIE', episodes: 1, minutes: 98, season: 'SUMMER', year: 2006, genres: ['Drama', 'Romance', 'Sci-Fi'], tags: ['Time Manipulation', 'Female Protagonist', 'School', 'Coming of Age'], studios: ['MADHOUSE'], averageScore: 81, malScore: 8.1 }),

  // --- mind-bending, psychological, thrillers -----------------------------------------------------------------
  unwatched('mononoke', ['mind-bending', 'dark', 'tense'], show('Mononoke', 2007, 800133, 'mononoke', [12]),
    { malId: 2246, anilistId: 2246, romaji: 'Mononoke', english: 'Mononoke', native: 'モノノ怪', format: 'TV', episodes: 12, minutes: 24, season: 'SUMMER', year: 2007, genres: ['Horror', 'Mystery', 'Supernatural'], tags: ['Youkai', 'Episodic', 'Historical', 'Male Protagonist'], studios: ['Toei Animation'], averageScore: 82, malScore: 8.4 },
    'Not Princess Mononoke (Mononoke-hime): a title-similarity case for the matcher.'),
  unwatched('kaiba', ['mind-bending', 'emotional'], show('Kaiba', 2008, 800134, 'kaiba', [12]),
    { malId: 3701, anilistId: 3701, romaji: 'Kaiba', english: 'Kaiba', native: 'カイバ', format: 'TV', episodes: 12, minutes: 24, season: 'SPRING', year: 2008, genres: ['Adventure', 'Mystery', 'Psychological', 'Romance', 'Sci-Fi'], tags: ['Memory Manipulation', 'Philosophy', 'Space', 'Male Protagonist'], studios: ['MADHOUSE'], averageScore: 78, malScore: 8.0 }),
  unwatched('mawaru-penguindrum', ['mind-bending', 'emotional', 'dark'], show('Penguindrum', 2011, 800135, 'penguindrum', [24]),
    { malId: 10721, anilistId: 10721, romaji: 'Mawaru Penguindrum', english: 'Penguindrum', native: '輪るピングドラム', format: 'TV', episodes: 24, minutes: 24, season: 'SUMMER', year: 2011, genres: ['Drama', 'Mystery', 'Psychological'], tags: ['Tragedy', 'Family Life', 'Urban', 'Philosophy'], studios: ["Brain's Base"], averageScore: 77, malScore: 7.7 }),
  unwatched('shiki', ['dark', 'tense'], show('Shiki', 2010, 800136, 'shiki', [22]),
    { malId: 7724, anilistId: 7724, romaji: 'Shiki', english: 'Shiki', native: '屍鬼', format: 'TV', episodes: 22, minutes: 23, season: 'SUMMER', year: 2010, genres: ['Horror', 'Mystery', 'Supernatural', 'Thriller'], tags: ['Vampire', 'Rural', 'Ensemble Cast', 'Gore'], studios: ['Daume'], averageScore: 76, malScore: 7.8 }),
  unwatched('higurashi', ['dark', 'tense', 'mind-bending'], show('Higurashi: When They Cry', 2006, 800137, 'higurashi-when-they-cry', [26]),
    { malId: 934, anilistId: 934, romaji: 'Higurashi no Naku Koro ni', english: 'Higurashi: When They Cry', native: 'ひぐらしのなく頃に', format: 'TV', episodes: 26, minutes: 24, season: 'SPRING', year: 2006, genres: ['Horror', 'Mystery', 'Psychological', 'Supernatural', 'Thriller'], tags: ['Rural', 'Gore', 'Time Loop', 'Ensemble Cast'], studios: ['Studio Deen'], averageScore: 76, malScore: 7.9 }),
  unwatched('psycho-pass', ['dark', 'tense', 'mind-bending'], show('Psycho-Pass', 2012, 800138, 'psycho-pass', [22]),
    { malId: 13601, anilistId: 13601, romaji: 'PSYCHO-PASS', english: 'Psycho-Pass', native: 'PSYCHO-PASS サイコパス', format: 'TV', episodes: 22, minutes: 23, season: 'FALL', year: 2012, genres: ['Action', 'Mystery', 'Psychological', 'Sci-Fi', 'Thriller'], tags: ['Dystopian', 'Police', 'Cyberpunk', 'Crime'], studios: ['Production I.G'], averageScore: 80, malScore: 8.3 }),
  unwatched('the-promised-neverland', ['tense', 'dark', 'mind-bending'], show('The Promised Neverland', 2019, 800139, 'the-promised-neverland', [12]),
    { malId: 37779, anilistId: 101759, romaji: 'Yakusoku no Neverland', english: 'The Promised Neverland', native: '約束のネバーランド', format: 'TV', episodes: 12, minutes: 23, season: 'WINTER', year: 2019, genres: ['Horror', 'Mystery', 'Psychological', 'Sci-Fi', 'Thriller'], tags: ['Orphan', 'Survival', 'Shounen', 'Female Protagonist'], studios: ['CloverWorks'], averageScore: 84, malScore: 8.5 }),
  unwatched('another', ['dark', 'tense'], show('Another', 2012, 800140, 'another', [12]),
    { malId: 11111, anilistId: 11111, romaji: 'Another', english: 'Another', native: 'Another', format: 'TV', episodes: 12, minutes: 24, season: 'WINTER', year: 2012, genres: ['Horror', 'Mystery', 'Supernatural', 'Thriller'], tags: ['School', 'Gore', 'Tragedy', 'Male Protagonist'], studios: ['P.A. Works'], averageScore: 71, malScore: 7.5 }),
  unwatched('kaiji', ['tense', 'hype'], show('Kaiji: Ultimate Survivor', 2007, 800141, 'kaiji-ultimate-survivor', [26]),
    { malId: 3002, anilistId: 3002, romaji: 'Gyakkyou Burai Kaiji: Ultimate Survivor', english: 'Kaiji: Ultimate Survivor', native: '逆境無頼カイジ Ultimate Survivor', format: 'TV', episodes: 26, minutes: 23, season: 'FALL', year: 2007, genres: ['Drama', 'Psychological', 'Thriller'], tags: ['Gambling', 'Death Game', 'Male Protagonist', 'Seinen'], studios: ['MADHOUSE'], averageScore: 79, malScore: 8.3 }),
  unwatched('ghost-in-the-shell-1995', ['mind-bending', 'dark'], movie('Ghost in the Shell', 1995, 800142, 'ghost-in-the-shell-1995'),
    { malId: 43, anilistId: 43, romaji: 'Koukaku Kidoutai', english: 'Ghost in the Shell', native: '攻殻機動隊', format: 'MOVIE', episodes: 1, minutes: 82, season: 'FALL', year: 1995, genres: ['Action', 'Mecha', 'Mystery', 'Psychological', 'Sci-Fi'], tags: ['Cyberpunk', 'Artificial Intelligence', 'Philosophy', 'Female Protagonist'], studios: ['Production I.G'], averageScore: 80, malScore: 8.3 },
    'Shares a title prefix with the watched Stand Alone Complex.'),
  unwatched('now-and-then-here-and-there', ['dark', 'emotional'], show('Now and Then, Here and There', 1999, 800143, 'now-and-then-here-and-there', [13]),
    { malId: 160, anilistId: 160, romaji: 'Ima, Soko ni Iru Boku', english: 'Now and Then, Here and There', native: '今、そこにいる僕', format: 'TV', episodes: 13, minutes: 24, season: 'FALL', year: 1999, genres: ['Adventure', 'Drama', 'Sci-Fi'], tags: ['Tragedy', 'War', 'Male Protagonist', 'Post-Apocalyptic'], studios: ['AIC'], averageScore: 73, malScore: 7.9 }),
  unwatched('sonny-boy', ['mind-bending', 'emotional'], show('Sonny Boy', 2021, 800144, 'sonny-boy', [12]),
    { malId: 48849, anilistId: null, romaji: 'Sonny Boy', english: 'Sonny Boy', native: 'Sonny Boy', format: 'TV', episodes: 12, minutes: 24, season: 'SUMMER', year: 2021, genres: ['Drama', 'Mystery', 'Psychological', 'Sci-Fi', 'Supernatural'], tags: ['Super Power', 'Philosophy', 'Ensemble Cast', 'Male Protagonist'], studios: ['MADHOUSE'], averageScore: 75, malScore: 7.6 }),

  // --- adventure and action -----------------------------------------------------------------------------------
  unwatched('baccano', ['funny', 'hype', 'mind-bending'], show('Baccano!', 2007, 800145, 'baccano', [13]),
    { malId: 2251, anilistId: 2251, romaji: 'Baccano!', english: 'Baccano!', native: 'バッカーノ！', format: 'TV', episodes: 13, minutes: 24, season: 'SUMMER', year: 2007, genres: ['Action', 'Comedy', 'Mystery', 'Supernatural'], tags: ['Ensemble Cast', 'Crime', 'Historical', 'Immortality'], studios: ["Brain's Base"], averageScore: 82, malScore: 8.3 }),
  unwatched('katanagatari', ['epic', 'romantic', 'hype'], show('Katanagatari', 2010, 800146, 'katanagatari', [12]),
    { malId: 6594, anilistId: 6594, romaji: 'Katanagatari', english: 'Katanagatari', native: '刀語', format: 'TV', episodes: 12, minutes: 50, season: 'WINTER', year: 2010, genres: ['Action', 'Adventure', 'Romance'], tags: ['Samurai', 'Historical', 'Travel', 'Male Protagonist'], studios: ['White Fox'], averageScore: 81, malScore: 8.3 }),

  // --- generic isekai (the person dislikes them) --------------------------------------------------------------
  unwatched('sword-art-online', ['hype', 'romantic'], show('Sword Art Online', 2012, 800147, 'sword-art-online', [25]),
    { malId: 11757, anilistId: 11757, romaji: 'Sword Art Online', english: 'Sword Art Online', native: 'ソードアート・オンライン', format: 'TV', episodes: 25, minutes: 23, season: 'SUMMER', year: 2012, genres: ['Action', 'Adventure', 'Fantasy', 'Romance'], tags: ['Video Games', 'Virtual World', 'Male Protagonist', 'Heterosexual'], studios: ['A-1 Pictures'], averageScore: 67, malScore: 7.2 }),
  unwatched('the-rising-of-the-shield-hero', ['hype', 'dark'], show('The Rising of the Shield Hero', 2019, 800148, 'the-rising-of-the-shield-hero', [25]),
    { malId: 35790, anilistId: 99263, romaji: 'Tate no Yuusha no Nariagari', english: 'The Rising of the Shield Hero', native: '盾の勇者の成り上がり', format: 'TV', episodes: 25, minutes: 24, season: 'WINTER', year: 2019, genres: ['Action', 'Adventure', 'Drama', 'Fantasy'], tags: ['Isekai', 'Revenge', 'Male Protagonist', 'Magic'], studios: ['Kinema Citrus'], averageScore: 76, malScore: 8.0 }),
  unwatched('reincarnated-as-a-slime', ['funny', 'hype'], show('That Time I Got Reincarnated as a Slime', 2018, 800149, 'that-time-i-got-reincarnated-as-a-slime', [24]),
    { malId: 37430, anilistId: 101280, romaji: 'Tensei shitara Slime Datta Ken', english: 'That Time I Got Reincarnated as a Slime', native: '転生したらスライムだった件', format: 'TV', episodes: 24, minutes: 24, season: 'FALL', year: 2018, genres: ['Action', 'Adventure', 'Comedy', 'Fantasy'], tags: ['Isekai', 'Reincarnation', 'Male Protagonist', 'Magic'], studios: ['8bit'], averageScore: 77, malScore: 8.1 }),
  unwatched('death-march', ['funny'], show('Death March to the Parallel World Rhapsody', 2018, 800150, 'death-march-to-the-parallel-world-rhapsody', [12]),
    { malId: 34497, anilistId: null, romaji: 'Death March kara Hajimaru Isekai Kyousoukyoku', english: 'Death March to the Parallel World Rhapsody', native: 'デスマーチからはじまる異世界狂想曲', format: 'TV', episodes: 12, minutes: 24, season: 'WINTER', year: 2018, genres: ['Adventure', 'Comedy', 'Fantasy', 'Romance'], tags: ['Isekai', 'Harem', 'Male Protagonist', 'Magic'], studios: ['SILVER LINK.', 'CONNECT'], averageScore: 60, malScore: 6.4 },
    'Short (288 min) but not cozy.'),
  unwatched('arifureta', ['hype'], show("Arifureta: From Commonplace to World's Strongest", 2019, 800151, 'arifureta-from-commonplace-to-world-s-strongest', [13]),
    { malId: 36882, anilistId: null, romaji: 'Arifureta Shokugyou de Sekai Saikyou', english: "Arifureta: From Commonplace to World's Strongest", native: 'ありふれた職業で世界最強', format: 'TV', episodes: 13, minutes: 24, season: 'SUMMER', year: 2019, genres: ['Action', 'Adventure', 'Fantasy', 'Romance'], tags: ['Isekai', 'Harem', 'Male Protagonist', 'Dungeon'], studios: ['White Fox', 'asread.'], averageScore: 62, malScore: 6.4 }),
];

export const CATALOGUE: readonly CatalogueEntry[] = [...ANIME, ...WATCHLIST_ANIME, ...NOT_ANIME];

/** The two exports the generator writes. */
export const FIRST_EXPORT = { name: 'trakt-2026-05-01', exportedAt: '2026-05-01T06:00:00.000Z' } as const;
export const LATER_EXPORT = { name: 'trakt-2026-08-15', exportedAt: '2026-08-15T06:00:00.000Z' } as const;
export const SAMPLE_USERNAME = 'sample-otaku';
