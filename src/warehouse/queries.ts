import type { SqlDb, SqlParam } from './db.ts';
import type { MediaType } from '../domain/types.ts';

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
  ['title_key', 'titleKey'], ['trakt_id', 'traktId'], ['mal_id', 'malId'], ['title', 'title'], ['year', 'year'],
  ['media_type', 'mediaType'], ['user_rating', 'userRating'], ['episodes_watched', 'episodesWatched'],
  ['total_episodes', 'totalEpisodes'], ['total_plays', 'totalPlays'], ['first_watched_at', 'firstWatchedAt'],
  ['last_watched_at', 'lastWatchedAt'], ['watch_duration_days', 'watchDurationDays'], ['binge_indicator', 'bingeIndicator'],
  ['norm_title', 'normTitle'],
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
              d.community_score AS communityScore
         FROM user_watch_history h
         LEFT JOIN title_match m ON m.title_key = h.title_key
         LEFT JOIN dim_anime d ON d.mal_id = h.mal_id
        WHERE h.is_current = 1 AND h.is_deleted = 0
        ORDER BY h.last_watched_at IS NULL, h.last_watched_at DESC, h.title`,
    )
    .map((r) => ({ ...r, genres: jsonList(r.genres), studios: jsonList(r.studios), moods: jsonList(r.moods) }));
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

/** The title (as of its current version) of every key, deleted ones included, for look-ups by name or id. */
export function titleIndex(db: SqlDb): Array<{ titleKey: string; traktId: number | null; title: string; normTitle: string; year: number | null; mediaType: MediaType; isDeleted: boolean }> {
  return db
    .all<{ titleKey: string; traktId: number | null; title: string; normTitle: string; year: number | null; mediaType: MediaType; isDeleted: number }>(
      `SELECT title_key AS titleKey, trakt_id AS traktId, title, norm_title AS normTitle, year, media_type AS mediaType,
              is_deleted AS isDeleted
         FROM user_watch_history WHERE is_current = 1 ORDER BY title`,
    )
    .map((r) => ({ ...r, isDeleted: r.isDeleted === 1 }));
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

export type { StatsNumbers } from '../domain/stats-text.ts';
import type { StatsNumbers } from '../domain/stats-text.ts';

function one<T>(db: SqlDb, sql: string, params: SqlParam[] = []): T {
  return db.get<T>(sql, params)!;
}

/** Viewing statistics from the current titles and the latest export's plays (watch time, never import time). */
export function statsNumbers(db: SqlDb): StatsNumbers {
  const t = one<{ titles: number; shows: number; movies: number; episodes: number; plays: number; binged: number; dated: number; rated: number; mean: number | null }>(
    db,
    `SELECT count(*) AS titles,
            coalesce(sum(media_type = 'show'), 0) AS shows,
            coalesce(sum(media_type = 'movie'), 0) AS movies,
            coalesce(sum(episodes_watched), 0) AS episodes,
            coalesce(sum(total_plays), 0) AS plays,
            coalesce(sum(binge_indicator = 1), 0) AS binged,
            coalesce(sum(binge_indicator IS NOT NULL), 0) AS dated,
            coalesce(sum(user_rating IS NOT NULL), 0) AS rated,
            avg(user_rating) AS mean
       FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0`,
  );
  const p = one<{ ep: number; mv: number; first: string | null; last: string | null }>(
    db,
    `SELECT coalesce(sum(episode IS NOT NULL), 0) AS ep, coalesce(sum(episode IS NULL), 0) AS mv,
            min(watched_at) AS first, max(watched_at) AS last FROM silver_plays`,
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
  const hist = db.all<{ rating: number; titles: number }>(
    `SELECT user_rating AS rating, count(*) AS titles FROM user_watch_history
      WHERE is_current = 1 AND is_deleted = 0 AND user_rating IS NOT NULL GROUP BY user_rating ORDER BY user_rating`,
  );
  return {
    titles: t.titles,
    shows: t.shows,
    movies: t.movies,
    episodes: t.episodes,
    plays: t.plays,
    episodePlays: p.ep,
    moviePlays: p.mv,
    knownMinutes: runtime.minutes,
    playsWithKnownRuntime: runtime.plays,
    bingedShows: t.binged,
    showsWithDatedPlays: t.dated,
    ratedTitles: t.rated,
    meanRating: t.mean,
    firstPlayAt: p.first,
    lastPlayAt: p.last,
    playsPerMonth: months,
    ratingHistogram: hist,
  };
}

/** Plays per month of one title, by watch time. */
export function playsPerMonthOf(db: SqlDb, titleKey: string): Array<{ month: string; plays: number }> {
  return db.all<{ month: string; plays: number }>(
    `SELECT substr(watched_at, 1, 7) AS month, count(*) AS plays FROM silver_plays
      WHERE title_key = ? AND watched_at IS NOT NULL GROUP BY month ORDER BY month`,
    [titleKey],
  );
}
