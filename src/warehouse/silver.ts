import { hash } from 'node:crypto';
import type { SqlDb } from './db.ts';
import { RowBatch } from './row-batch.ts';
import type { SilverPlay, TitleFacts } from '../domain/aggregate.ts';
import type { TraktWatchlistItem } from '../domain/types.ts';
import { titleKey } from '../domain/title-key.ts';

/** A digest of exactly the columns a silver play has, so a changed row (and only that) is rewritten. */
function rowHash(x: SilverPlay): string {
  return hash(
    'sha1',
    `${x.titleKey}|${x.watchedAt}|${x.action}|${x.season}|${x.episode}|${x.episodeTraktId}`,
    'base64',
  );
}

/**
 * Make silver mirror the latest export. Plays are synced by difference (a play whose bronze content hash is
 * unchanged is left alone), because re-writing 100 000 unchanged rows is most of a re-import's cost; the small
 * title and watchlist tables are replaced whole.
 */
export function syncSilver(
  db: SqlDb,
  plays: readonly SilverPlay[],
  titles: readonly TitleFacts[],
  watchlist: readonly TraktWatchlistItem[],
): { playsWritten: number; playsRemoved: number } {
  const existing = new Map(
    db
      .all<{ id: number; h: string }>('SELECT play_id AS id, content_hash AS h FROM silver_plays')
      .map((r) => [r.id, r.h]),
  );
  const inBatch = new Set<number>();
  const changed: Array<{ x: SilverPlay; h: string }> = [];
  for (const x of plays) {
    inBatch.add(x.playId);
    const h = rowHash(x);
    if (existing.get(x.playId) !== h) changed.push({ x, h });
  }
  const del = db.prepare('DELETE FROM silver_plays WHERE play_id = ?');
  let removed = 0;
  for (const id of existing.keys()) if (!inBatch.has(id)) removed += del.run([id]);
  del.free();
  // Ascending key order fills b-tree pages instead of leaving them half empty (exports list newest first).
  changed.sort((a, b) => a.x.playId - b.x.playId);
  const insert = new RowBatch(
    db,
    `INSERT OR REPLACE INTO silver_plays (play_id, title_key, watched_at, action, season, episode, episode_trakt_id, content_hash)`,
    '(?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const { x, h } of changed)
    insert.push([x.playId, x.titleKey, x.watchedAt, x.action, x.season, x.episode, x.episodeTraktId, h]);
  insert.flush();
  insert.free();

  db.exec('DELETE FROM silver_titles; DELETE FROM silver_watchlist;');

  const t = db.prepare(
    `INSERT INTO silver_titles (title_key, norm_title, trakt_id, slug, imdb_id, tmdb_id, tvdb_id, title, year, media_type,
       user_rating, rated_at, episodes_watched, specials_watched, total_plays, total_episodes, first_watched_at,
       last_watched_at, watch_duration_days, binge_indicator)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of titles) {
    t.run([
      f.titleKey,
      f.normTitle,
      f.traktId,
      f.slug,
      f.imdbId,
      f.tmdbId,
      f.tvdbId,
      f.title,
      f.year,
      f.mediaType,
      f.userRating,
      f.ratedAt,
      f.episodesWatched,
      f.specialsWatched,
      f.totalPlays,
      f.totalEpisodes,
      f.firstWatchedAt,
      f.lastWatchedAt,
      f.watchDurationDays,
      f.bingeIndicator,
    ]);
  }
  t.free();

  const w = db.prepare(
    `INSERT OR IGNORE INTO silver_watchlist (list_item_id, title_key, kind, title, year, media_type, trakt_id, rank, listed_at, notes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const i of watchlist) {
    w.run([
      i.listItemId,
      titleKey(i.media),
      i.kind,
      i.media.title,
      i.media.year,
      i.media.mediaType,
      i.media.ids.trakt,
      i.rank,
      i.listedAt,
      i.notes,
    ]);
  }
  w.free();
  return { playsWritten: changed.length, playsRemoved: removed };
}

/** Plays per title of the latest export, as silver holds them (what the cross-check needs when nothing is rebuilt). */
export function silverPlayTotals(db: SqlDb): Array<{ titleKey: string; totalPlays: number }> {
  return db.all<{ titleKey: string; totalPlays: number }>(
    'SELECT title_key AS titleKey, total_plays AS totalPlays FROM silver_titles',
  );
}
