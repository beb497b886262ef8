import type { SqlDb } from './db.ts';
import { droppedMalIds, showSeasons } from './enrichment.ts';

/** One matched title of the person's history as the recommender reads it. */
export interface HistoryTitle {
  malId: number;
  title: string;
  /** 1–10, MyAnimeList's score when the title has one, else Trakt's rating. */
  rating: number | null;
  status: 'watching' | 'completed' | 'on_hold' | 'dropped' | null;
  /** Times watched again: MyAnimeList's times rewatched, or Trakt's plays beyond one full watch. */
  rewatches: number;
  binged: boolean;
}

const MAL_STATUS: Record<string, HistoryTitle['status']> = {
  Watching: 'watching',
  Completed: 'completed',
  'On-Hold': 'on_hold',
  Dropped: 'dropped',
};

/**
 * The person's live, matched titles (not Plan to Watch), one per MAL id: a Trakt title and its MyAnimeList entry
 * count once, MAL's score and status first, Trakt's binges and plays added. Trakt titles get a derived status:
 * dropped as `droppedMalIds` says, completed when every episode was watched, else watching.
 */
export function historyTitles(db: SqlDb): HistoryTitle[] {
  const rows = db.all<{
    key: string;
    title: string;
    malId: number;
    rating: number | null;
    binge: number | null;
    malStatus: string | null;
    timesWatched: number | null;
    plays: number | null;
    episodes: number | null;
    watched: number | null;
    mediaType: string;
  }>(
    `SELECT title_key AS key, title, mal_id AS malId, user_rating AS rating, binge_indicator AS binge, mal_status AS malStatus,
            times_watched AS timesWatched, total_plays AS plays, total_episodes AS episodes, episodes_watched AS watched,
            media_type AS mediaType
       FROM user_watch_history
      WHERE is_current = 1 AND is_deleted = 0 AND mal_id IS NOT NULL AND coalesce(mal_status, '') <> 'Plan to Watch'
      ORDER BY title_key`,
  );
  const dropped = droppedMalIds(db);
  const byId = new Map<number, HistoryTitle>();
  // MAL rows first (their score and status win), then Trakt rows add binges and plays.
  for (const r of [...rows].sort((a, b) => Number(b.key.startsWith('mal:')) - Number(a.key.startsWith('mal:')))) {
    const prev = byId.get(r.malId);
    const isMal = r.key.startsWith('mal:');
    let rewatches = 0;
    if (isMal) rewatches = r.timesWatched ?? 0;
    else if (r.mediaType === 'movie') rewatches = Math.max(0, (r.plays ?? 0) - 1);
    else if (r.episodes && r.episodes > 0) rewatches = Math.max(0, Math.floor((r.plays ?? 0) / r.episodes) - 1);
    let status: HistoryTitle['status'] = isMal ? (MAL_STATUS[r.malStatus ?? ''] ?? null) : null;
    if (!isMal) {
      if (dropped.has(r.malId)) status = 'dropped';
      else if (r.mediaType === 'movie' || (r.episodes !== null && (r.watched ?? 0) >= r.episodes)) status = 'completed';
      else status = 'watching';
    }
    if (!prev) {
      byId.set(r.malId, { malId: r.malId, title: r.title, rating: r.rating, status, rewatches, binged: r.binge === 1 });
      continue;
    }
    // A Trakt title brings its name, binges and plays; a MAL score and status seen first stay.
    prev.title = isMal ? prev.title : r.title;
    prev.rating ??= r.rating;
    prev.status ??= status;
    prev.rewatches = Math.max(prev.rewatches, rewatches);
    prev.binged ||= r.binge === 1;
  }
  addWatchedSeasons(db, byId);
  return [...byId.values()].sort((a, b) => a.malId - b.malId);
}

/**
 * A Trakt show the id mapping knows spans several MyAnimeList entries: each one watched is a title of the person's
 * own (rated like the show), so its SEQUEL — the next unseen season — is linked from what they watched last. An
 * entry their MyAnimeList list already holds keeps the list's score and status.
 */
function addWatchedSeasons(db: SqlDb, byId: Map<number, HistoryTitle>): void {
  const seasons = showSeasons(db);
  if (seasons.size === 0) return;
  const shows = new Map(
    db
      .all<{ key: string; title: string; rating: number | null; binge: number | null }>(
        'SELECT title_key AS key, title, user_rating AS rating, binge_indicator AS binge FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0',
      )
      .map((r) => [r.key, r]),
  );
  const episodes = new Map(
    db.all<{ m: number; e: number | null }>('SELECT mal_id AS m, episodes AS e FROM dim_anime').map((r) => [r.m, r.e]),
  );
  for (const [key, parts] of seasons) {
    const show = shows.get(key);
    if (!show) continue;
    for (const p of parts) {
      if (p.episodesWatched === 0 || byId.has(p.malId)) continue;
      const total = episodes.get(p.malId) ?? null;
      byId.set(p.malId, {
        malId: p.malId,
        title: show.title,
        rating: show.rating,
        status: total !== null && p.episodesWatched >= total ? 'completed' : 'watching',
        rewatches: 0,
        binged: show.binge === 1,
      });
    }
  }
}
