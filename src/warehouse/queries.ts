import type { SqlDb, SqlParam } from './db.ts';
import type { MediaType } from '../domain/types.ts';
import type { PlayHistoryNumbers } from '../domain/stats-numbers.ts';
import { BINGE_MIN_EPISODES, BINGE_WINDOW_MS } from '../domain/aggregate.ts';
import { otherNorms } from '../domain/anime-names.ts';

/** A current title as the library shows it. */
export interface LibraryRow {
  titleKey: string;
  traktId: number | null;
  malId: number | null;
  title: string;
  year: number | null;
  mediaType: MediaType;
  userRating: number | null;
  episodesWatched: number | null;
  totalEpisodes: number | null;
  totalPlays: number | null;
  firstWatchedAt: string | null;
  lastWatchedAt: string | null;
  watchDurationDays: number | null;
  bingeIndicator: number | null;
  normTitle: string;
  /** MyAnimeList titles only: the list status and the rewatch count. */
  malStatus: string | null;
  timesWatched: number | null;
}

/** One version of a title in `user_watch_history`. */
export interface VersionRow extends LibraryRow {
  versionId: number;
  validFrom: string;
  validTo: string | null;
  isCurrent: boolean;
  isDeleted: boolean;
  runId: number;
}

const COLUMN_ALIASES: ReadonlyArray<[string, string]> = [
  ['title_key', 'titleKey'],
  ['trakt_id', 'traktId'],
  ['mal_id', 'malId'],
  ['title', 'title'],
  ['year', 'year'],
  ['media_type', 'mediaType'],
  ['user_rating', 'userRating'],
  ['episodes_watched', 'episodesWatched'],
  ['total_episodes', 'totalEpisodes'],
  ['total_plays', 'totalPlays'],
  ['first_watched_at', 'firstWatchedAt'],
  ['last_watched_at', 'lastWatchedAt'],
  ['watch_duration_days', 'watchDurationDays'],
  ['binge_indicator', 'bingeIndicator'],
  ['norm_title', 'normTitle'],
  ['mal_status', 'malStatus'],
  ['times_watched', 'timesWatched'],
];

/** The select list of a LibraryRow from user_watch_history (optionally under a table alias). */
function libraryColumns(table = ''): string {
  const p = table ? `${table}.` : '';
  return COLUMN_ALIASES.map(([col, alias]) => `${p}${col} AS ${alias}`).join(', ');
}

const LIBRARY_COLUMNS = libraryColumns();

/** Current, not-deleted titles, most recently watched first. */
export function libraryRows(db: SqlDb): LibraryRow[] {
  return db.all<LibraryRow>(
    `SELECT ${LIBRARY_COLUMNS} FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0
      ORDER BY last_watched_at IS NULL, last_watched_at DESC, title`,
  );
}

/** A library title with what enrichment knows of it. */
export interface EnrichedRow extends LibraryRow {
  /** `matched`, `manual`, `unmatched`, or `pending` (never looked up). */
  matchStatus: 'matched' | 'manual' | 'unmatched' | 'pending';
  matchConfidence: number | null;
  matchReason: string | null;
  format: string | null;
  animeEpisodes: number | null;
  minutesPerEpisode: number | null;
  genres: string[];
  studios: string[];
  moods: string[];
  communityScore: number | null;
  /** dim_anime has a row for the title's MAL id (a matched title without one is still pending: `anidex enrich`). */
  hasMetadata: boolean;
  /** The provider's English and romaji names of the anime (null when it gave none, or nothing is matched). */
  titleEnglish: string | null;
  titleRomaji: string | null;
  /** Every other name of the anime (English, romaji, native, synonyms, other languages), normalized, for search. */
  normNames: string[];
}

interface EnrichedDbRow extends LibraryRow {
  matchStatus: EnrichedRow['matchStatus'];
  matchConfidence: number | null;
  matchReason: string | null;
  format: string | null;
  animeEpisodes: number | null;
  minutesPerEpisode: number | null;
  genres: string | null;
  studios: string | null;
  moods: string | null;
  communityScore: number | null;
  hasMetadata: number;
  titleEnglish: string | null;
  titleRomaji: string | null;
  normNames: string | null;
}

/** The normalized names of a row's anime, one per line (the separator normalizeTitle never leaves in a name). */
const NAMES_OF_MAL_ID = (malIdColumn: string): string =>
  `(SELECT group_concat(n.norm_name, char(10)) FROM anime_names n WHERE n.mal_id = ${malIdColumn})`;

function splitNames(normTitle: string, text: string | null): string[] {
  return text ? otherNorms(normTitle, text.split('\n')) : [];
}

function jsonList(text: string | null): string[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The library joined with matches and anime metadata. */
export function enrichedLibrary(db: SqlDb): EnrichedRow[] {
  return db
    .all<EnrichedDbRow>(
      `SELECT ${libraryColumns('h')},
              coalesce(m.status, 'pending') AS matchStatus, m.confidence AS matchConfidence, m.reason AS matchReason,
              d.format, d.episodes AS animeEpisodes, d.minutes_per_episode AS minutesPerEpisode, d.genres, d.studios, d.moods,
              d.community_score AS communityScore, d.mal_id IS NOT NULL AS hasMetadata, d.title_english AS titleEnglish, d.title_romaji AS titleRomaji,
              ${NAMES_OF_MAL_ID('h.mal_id')} AS normNames
         FROM user_watch_history h
         LEFT JOIN title_match m ON m.title_key = h.title_key
         LEFT JOIN dim_anime d ON d.mal_id = h.mal_id
        WHERE h.is_current = 1 AND h.is_deleted = 0
        ORDER BY h.last_watched_at IS NULL, h.last_watched_at DESC, h.title`,
    )
    .map((r) => ({
      ...r,
      genres: jsonList(r.genres),
      studios: jsonList(r.studios),
      moods: jsonList(r.moods),
      hasMetadata: r.hasMetadata === 1,
      normNames: splitNames(r.normTitle, r.normNames),
    }));
}

/** A title whose current version is a deletion marker: gone from its source's latest export, kept in history. */
export interface DeletedRow extends LibraryRow {
  /** When anidex learned it was gone (the marker's valid_from). */
  goneSince: string;
}

/** Every title gone from its source's latest export (Trakt and MyAnimeList), by title. */
export function deletedRows(db: SqlDb): DeletedRow[] {
  return db.all<DeletedRow>(
    `SELECT ${LIBRARY_COLUMNS}, valid_from AS goneSince FROM user_watch_history
      WHERE is_current = 1 AND is_deleted = 1 ORDER BY norm_title, title, title_key`,
  );
}

/** Every genre in the warehouse's anime metadata (dim_anime: the library's anime and the recommender's candidates). */
export function metadataGenres(db: SqlDb): string[] {
  return db
    .all<{ g: string }>(
      `SELECT DISTINCT j.value AS g
         FROM dim_anime d,
              json_each(CASE WHEN json_valid(d.genres) AND json_type(d.genres) = 'array' THEN d.genres ELSE '[]' END) j
        WHERE j.type = 'text' AND trim(j.value) <> '' ORDER BY g`,
    )
    .map((r) => r.g);
}

interface VersionDbRow extends LibraryRow {
  versionId: number;
  validFrom: string;
  validTo: string | null;
  isCurrent: number;
  isDeleted: number;
  runId: number;
}

function toVersion(r: VersionDbRow): VersionRow {
  return { ...r, isCurrent: r.isCurrent === 1, isDeleted: r.isDeleted === 1 };
}

/** Every version of one title, newest first. */
export function versionsOf(db: SqlDb, titleKey: string): VersionRow[] {
  return db
    .all<VersionDbRow>(
      `SELECT ${LIBRARY_COLUMNS}, version_id AS versionId, valid_from AS validFrom, valid_to AS validTo,
              is_current AS isCurrent, is_deleted AS isDeleted, run_id AS runId
         FROM user_watch_history WHERE title_key = ? ORDER BY valid_from DESC, version_id DESC`,
      [titleKey],
    )
    .map(toVersion);
}

/** Gold keys of current titles with this MAL id, the most played first (Trakt and MAL rows of one anime). */
export function sameAnimeKeys(db: SqlDb, malId: number): string[] {
  return db
    .all<{ k: string }>(
      'SELECT title_key AS k FROM user_watch_history WHERE is_current = 1 AND mal_id = ? ORDER BY total_plays DESC, title_key',
      [malId],
    )
    .map((r) => r.k);
}

/** A title as look-ups by name or id see it: its current version's title, and every name of its anime. */
export interface IndexedTitle {
  titleKey: string;
  traktId: number | null;
  malId: number | null;
  title: string;
  normTitle: string;
  year: number | null;
  mediaType: MediaType;
  isDeleted: boolean;
  titleEnglish: string | null;
  titleRomaji: string | null;
  normNames: string[];
}

/** The title (as of its current version) of every key, deleted ones included, for look-ups by name or id. */
export function titleIndex(db: SqlDb): IndexedTitle[] {
  return db
    .all<Omit<IndexedTitle, 'isDeleted' | 'normNames'> & { isDeleted: number; normNames: string | null }>(
      `SELECT h.title_key AS titleKey, h.trakt_id AS traktId, h.mal_id AS malId, h.title, h.norm_title AS normTitle, h.year,
              h.media_type AS mediaType, h.is_deleted AS isDeleted, d.title_english AS titleEnglish, d.title_romaji AS titleRomaji,
              ${NAMES_OF_MAL_ID('h.mal_id')} AS normNames
         FROM user_watch_history h LEFT JOIN dim_anime d ON d.mal_id = h.mal_id
        WHERE h.is_current = 1 ORDER BY h.title`,
    )
    .map((r) => ({ ...r, isDeleted: r.isDeleted === 1, normNames: splitNames(r.normTitle, r.normNames) }));
}

/** Rows valid at time `t` (time travel): exactly one per title known then. */
export function versionsAt(db: SqlDb, t: string): VersionRow[] {
  return db
    .all<VersionDbRow>(
      `SELECT ${LIBRARY_COLUMNS}, version_id AS versionId, valid_from AS validFrom, valid_to AS validTo,
              is_current AS isCurrent, is_deleted AS isDeleted, run_id AS runId
         FROM user_watch_history WHERE valid_from <= ? AND (valid_to > ? OR valid_to IS NULL) ORDER BY title_key`,
      [t, t],
    )
    .map(toVersion);
}

function one<T>(db: SqlDb, sql: string, params: SqlParam[] = []): T {
  return db.get<T>(sql, params)!;
}

/**
 * Per calendar year of watch time: the shows with a dated episode play that year, and how many of them had a
 * binge starting that year. A binge is the rule of aggregate.ts: plays of BINGE_MIN_EPISODES distinct episodes
 * at distinct times within BINGE_WINDOW_MS. Plays sharing one exact time count once (a bulk back-fill, not a
 * binge), as their lowest episode: the title-level indicator keeps the export's first, which differs only when
 * one instant carries several episodes.
 */
function bingeByYear(db: SqlDb): Array<{ year: string; shows: number; bingedShows: number }> {
  // A window that starts in one time bucket of its own length ends in that bucket or the next: joining on the
  // bucket lets SQLite index the points, where a join on the time range alone compares every pair of a show.
  return db.all<{ year: string; shows: number; bingedShows: number }>(
    `WITH pts AS MATERIALIZED (
       SELECT k, t, t / ?1 AS bucket, y, ep FROM (
         SELECT p.title_key AS k, CAST(round((julianday(p.watched_at) - 2440587.5) * 86400000) AS INTEGER) AS t,
                min(substr(p.watched_at, 1, 4)) AS y, min(p.season * 1000000 + p.episode) AS ep
           FROM silver_plays p
           JOIN user_watch_history h ON h.title_key = p.title_key AND h.is_current = 1 AND h.is_deleted = 0 AND h.media_type = 'show'
          WHERE p.watched_at IS NOT NULL AND p.season IS NOT NULL AND p.episode IS NOT NULL
          GROUP BY p.title_key, t)
     ),
     binges AS (
       SELECT DISTINCT k, y FROM (
         SELECT a.k, a.y FROM pts a
           JOIN (SELECT 0 AS next UNION ALL SELECT 1) o
           JOIN pts b ON b.k = a.k AND b.bucket = a.bucket + o.next
          WHERE b.t >= a.t AND b.t < a.t + ?1
          GROUP BY a.k, a.t HAVING count(DISTINCT b.ep) >= ?2)
     ),
     shows AS (SELECT DISTINCT k, y FROM pts)
     SELECT s.y AS year, count(*) AS shows, count(b.k) AS bingedShows
       FROM shows s LEFT JOIN binges b ON b.k = s.k AND b.y = s.y
      GROUP BY s.y ORDER BY s.y`,
    [BINGE_WINDOW_MS, BINGE_MIN_EPISODES],
  );
}

/**
 * The figures only a play history gives (the latest Trakt export's plays, by watch time, never import time), or
 * null when there is no play at all: a MyAnimeList list has none, and its stats say so instead of showing zeros.
 */
export function playHistoryNumbers(db: SqlDb): PlayHistoryNumbers | null {
  const p = one<{ n: number; ep: number; mv: number; first: string | null; last: string | null }>(
    db,
    `SELECT count(*) AS n, coalesce(sum(episode IS NOT NULL), 0) AS ep, coalesce(sum(episode IS NULL), 0) AS mv,
            min(watched_at) AS first, max(watched_at) AS last FROM silver_plays`,
  );
  if (p.n === 0) return null;
  const t = one<{ binged: number; dated: number }>(
    db,
    `SELECT coalesce(sum(binge_indicator = 1), 0) AS binged, coalesce(sum(binge_indicator IS NOT NULL), 0) AS dated
       FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0 AND title_key LIKE 'trakt:%'`,
  );
  const runtime = one<{ minutes: number; plays: number }>(
    db,
    `SELECT coalesce(sum(d.minutes_per_episode), 0) AS minutes, count(d.minutes_per_episode) AS plays
       FROM silver_plays p
       JOIN user_watch_history h ON h.title_key = p.title_key AND h.is_current = 1
       JOIN dim_anime d ON d.mal_id = h.mal_id`,
  );
  const months = db.all<{ month: string; plays: number }>(
    `SELECT substr(watched_at, 1, 7) AS month, count(*) AS plays FROM silver_plays
      WHERE watched_at IS NOT NULL GROUP BY month ORDER BY month`,
  );
  // The same runtime rule as knownMinutes, split by the year the play was watched.
  const years = db.all<{ year: string; plays: number; knownMinutes: number; playsWithKnownRuntime: number }>(
    `SELECT substr(p.watched_at, 1, 4) AS year, count(*) AS plays,
            coalesce(sum(d.minutes_per_episode), 0) AS knownMinutes, count(d.minutes_per_episode) AS playsWithKnownRuntime
       FROM silver_plays p
       LEFT JOIN user_watch_history h ON h.title_key = p.title_key AND h.is_current = 1
       LEFT JOIN dim_anime d ON d.mal_id = h.mal_id
      WHERE p.watched_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  return {
    plays: p.n,
    episodePlays: p.ep,
    moviePlays: p.mv,
    knownMinutes: runtime.minutes,
    playsWithKnownRuntime: runtime.plays,
    firstPlayAt: p.first,
    lastPlayAt: p.last,
    playsPerMonth: months,
    playsPerYear: years,
    bingedShows: t.binged,
    showsWithDatedPlays: t.dated,
    bingeByYear: bingeByYear(db),
  };
}

/** Per Trakt title key: its plays in the latest export and the minutes of those whose runtime metadata knows. */
export function playMinutesByTitle(db: SqlDb): Map<string, { plays: number; minutes: number; timedPlays: number }> {
  const rows = db.all<{ k: string; plays: number; minutes: number; timed: number }>(
    `SELECT p.title_key AS k, count(*) AS plays, coalesce(sum(d.minutes_per_episode), 0) AS minutes, count(d.minutes_per_episode) AS timed
       FROM silver_plays p
       JOIN user_watch_history h ON h.title_key = p.title_key AND h.is_current = 1
       LEFT JOIN dim_anime d ON d.mal_id = h.mal_id
      GROUP BY p.title_key`,
  );
  return new Map(rows.map((r) => [r.k, { plays: r.plays, minutes: r.minutes, timedPlays: r.timed }]));
}

/** Plays per month of one title, by watch time. */
export function playsPerMonthOf(db: SqlDb, titleKey: string): Array<{ month: string; plays: number }> {
  return db.all<{ month: string; plays: number }>(
    `SELECT substr(watched_at, 1, 7) AS month, count(*) AS plays FROM silver_plays
      WHERE title_key = ? AND watched_at IS NOT NULL GROUP BY month ORDER BY month`,
    [titleKey],
  );
}
