import type { SqlDb, SqlParam } from './db.ts';
import { planIsEmpty, planScd2, type CurrentVersion, type GoldValues, type Scd2Plan } from '../domain/scd2-plan.ts';
import { LoadRefusedError } from '../lib/errors.ts';

interface CurrentRow {
  version_id: number;
  title_key: string;
  trakt_id: number | null;
  mal_id: number | null;
  title: string;
  norm_title: string;
  year: number | null;
  media_type: 'show' | 'movie';
  user_rating: number | null;
  episodes_watched: number | null;
  total_plays: number | null;
  total_episodes: number | null;
  first_watched_at: string | null;
  last_watched_at: string | null;
  watch_duration_days: number | null;
  binge_indicator: number | null;
  mal_status: string | null;
  times_watched: number | null;
  valid_from: string;
  is_deleted: number;
}

function toCurrent(r: CurrentRow): CurrentVersion {
  return {
    versionId: r.version_id,
    validFrom: r.valid_from,
    isDeleted: r.is_deleted === 1,
    titleKey: r.title_key,
    traktId: r.trakt_id,
    malId: r.mal_id,
    title: r.title,
    normTitle: r.norm_title,
    year: r.year,
    mediaType: r.media_type,
    userRating: r.user_rating,
    episodesWatched: r.episodes_watched,
    totalPlays: r.total_plays,
    totalEpisodes: r.total_episodes,
    firstWatchedAt: r.first_watched_at,
    lastWatchedAt: r.last_watched_at,
    watchDurationDays: r.watch_duration_days,
    bingeIndicator: r.binge_indicator,
    malStatus: r.mal_status,
    timesWatched: r.times_watched,
  };
}

export function currentVersions(db: SqlDb, keyPrefix = 'trakt:'): CurrentVersion[] {
  return db
    .all<CurrentRow>(
      `SELECT version_id, title_key, trakt_id, mal_id, title, norm_title, year, media_type, user_rating,
              episodes_watched, total_plays, total_episodes, first_watched_at, last_watched_at,
              watch_duration_days, binge_indicator, mal_status, times_watched, valid_from, is_deleted
         FROM user_watch_history WHERE is_current = 1 AND substr(title_key, 1, length(?)) = ?`,
      [keyPrefix, keyPrefix],
    )
    .map(toCurrent);
}

/** The newest `valid_from` in the warehouse, or null when it is empty. */
export function newestValidFrom(db: SqlDb): string | null {
  return db.get<{ t: string | null }>('SELECT max(valid_from) AS t FROM user_watch_history')?.t ?? null;
}

function insertParams(v: GoldValues, isDeleted: boolean, loadTime: string, runId: number): SqlParam[] {
  return [
    v.titleKey,
    v.traktId,
    v.malId,
    v.title,
    v.normTitle,
    v.year,
    v.mediaType,
    v.userRating,
    v.episodesWatched,
    v.totalPlays,
    v.totalEpisodes,
    v.firstWatchedAt,
    v.lastWatchedAt,
    v.watchDurationDays,
    v.bingeIndicator,
    v.malStatus ?? null,
    v.timesWatched ?? null,
    loadTime,
    isDeleted ? 1 : 0,
    runId,
  ];
}

/**
 * Load a full batch of titles as of `loadTime` (ISO UTC): close changed versions, insert new ones, mark
 * missing titles deleted. Only titles under `keyPrefix` are compared (`trakt:` or `mal:`): an export of one
 * source never deletes the other's titles. Refuses a load time earlier than what the warehouse already knows.
 */
export function loadGold(
  db: SqlDb,
  batch: readonly GoldValues[],
  loadTime: string,
  runId: number,
  keyPrefix = 'trakt:',
): Scd2Plan {
  const plan = planScd2(currentVersions(db, keyPrefix), batch);
  const newest = newestValidFrom(db);
  if (newest !== null && (loadTime < newest || (loadTime === newest && !planIsEmpty(plan)))) {
    throw new LoadRefusedError(
      `The load time ${loadTime} is not after the newest version already in the warehouse (${newest}); history must move forward, so nothing was written.`,
      'History only moves forward: import as of a later time (drop --as-of, or give a later one).',
    );
  }

  const close = db.prepare(
    'UPDATE user_watch_history SET valid_to = ?, is_current = 0 WHERE version_id = ? AND is_current = 1',
  );
  for (const id of plan.close) close.run([loadTime, id]);
  close.free();

  const insert = db.prepare(
    `INSERT INTO user_watch_history (title_key, trakt_id, mal_id, title, norm_title, year, media_type, user_rating,
       episodes_watched, total_plays, total_episodes, first_watched_at, last_watched_at, watch_duration_days,
       binge_indicator, mal_status, times_watched, valid_from, valid_to, is_current, is_deleted, run_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?)`,
  );
  for (const { values, isDeleted } of plan.insert) insert.run(insertParams(values, isDeleted, loadTime, runId));
  insert.free();

  const touch = db.prepare(
    'UPDATE user_watch_history SET trakt_id = ?, title = ?, norm_title = ?, year = ?, total_episodes = ? WHERE version_id = ?',
  );
  for (const t of plan.touch) {
    touch.run([
      t.values.traktId,
      t.values.title,
      t.values.normTitle,
      t.values.year,
      t.values.totalEpisodes,
      t.versionId,
    ]);
  }
  touch.free();
  return plan;
}

/** Titles whose current version is live (not a deletion marker). */
export function currentTitleCount(db: SqlDb, keyPrefix = 'trakt:'): number {
  return (
    db.get<{ n: number }>(
      'SELECT count(*) AS n FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0 AND substr(title_key, 1, length(?)) = ?',
      [keyPrefix, keyPrefix],
    )?.n ?? 0
  );
}
