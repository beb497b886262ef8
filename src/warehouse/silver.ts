import type { SqlDb } from './db.ts';
import type { SilverPlay, TitleFacts } from '../domain/aggregate.ts';
import type { TraktWatchlistItem } from '../domain/types.ts';
import { titleKey } from '../domain/title-key.ts';

/** Silver mirrors the latest export: replace it whole. */
export function replaceSilver(db: SqlDb, plays: readonly SilverPlay[], titles: readonly TitleFacts[], watchlist: readonly TraktWatchlistItem[]): void {
  db.exec('DELETE FROM silver_plays; DELETE FROM silver_titles; DELETE FROM silver_watchlist;');

  const p = db.prepare(
    'INSERT INTO silver_plays (play_id, title_key, watched_at, action, season, episode, episode_trakt_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const x of plays) p.run([x.playId, x.titleKey, x.watchedAt, x.action, x.season, x.episode, x.episodeTraktId]);
  p.free();

  const t = db.prepare(
    `INSERT INTO silver_titles (title_key, norm_title, trakt_id, slug, imdb_id, tmdb_id, tvdb_id, title, year, media_type,
       user_rating, rated_at, episodes_watched, specials_watched, total_plays, total_episodes, first_watched_at,
       last_watched_at, watch_duration_days, binge_indicator)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of titles) {
    t.run([
      f.titleKey, f.normTitle, f.traktId, f.slug, f.imdbId, f.tmdbId, f.tvdbId, f.title, f.year, f.mediaType,
      f.userRating, f.ratedAt, f.episodesWatched, f.specialsWatched, f.totalPlays, f.totalEpisodes,
      f.firstWatchedAt, f.lastWatchedAt, f.watchDurationDays, f.bingeIndicator,
    ]);
  }
  t.free();

  const w = db.prepare(
    `INSERT OR IGNORE INTO silver_watchlist (list_item_id, title_key, kind, title, year, media_type, trakt_id, rank, listed_at, notes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const i of watchlist) {
    w.run([i.listItemId, titleKey(i.media), i.kind, i.media.title, i.media.year, i.media.mediaType, i.media.ids.trakt, i.rank, i.listedAt, i.notes]);
  }
  w.free();
}
