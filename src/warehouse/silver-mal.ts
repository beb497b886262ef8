import type { SqlDb } from './db.ts';
import type { MalEntry } from '../domain/mal.ts';

/** Silver for MyAnimeList: the latest export's entries, cleaned, replacing the previous ones. */
export function replaceMalSilver(db: SqlDb, entries: readonly MalEntry[]): void {
  db.run('DELETE FROM silver_mal_entries');
  const put = db.prepare(
    `INSERT OR REPLACE INTO silver_mal_entries (mal_id, title, series_type, series_episodes, watched_episodes, start_date,
       finish_date, score, status, times_watched, rewatching, priority, tags, comments)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of entries) {
    put.run([
      e.malId,
      e.title,
      e.seriesType,
      e.seriesEpisodes,
      e.watchedEpisodes,
      e.startDate,
      e.finishDate,
      e.score,
      e.status,
      e.timesWatched,
      e.rewatching ? 1 : 0,
      e.priority,
      e.tags,
      e.comments,
    ]);
  }
  put.free();
}

/** The latest MAL export's entries (what `anidex export` writes back for MAL-sourced titles). */
export function malSilverEntries(db: SqlDb): MalEntry[] {
  return db
    .all<{
      malId: number;
      title: string;
      seriesType: string | null;
      seriesEpisodes: number | null;
      watchedEpisodes: number;
      startDate: string | null;
      finishDate: string | null;
      score: number | null;
      status: MalEntry['status'];
      timesWatched: number;
      rewatching: number;
      priority: MalEntry['priority'];
      tags: string | null;
      comments: string | null;
    }>(
      `SELECT mal_id AS malId, title, series_type AS seriesType, series_episodes AS seriesEpisodes, watched_episodes AS watchedEpisodes,
              start_date AS startDate, finish_date AS finishDate, score, status, times_watched AS timesWatched, rewatching,
              priority, tags, comments
         FROM silver_mal_entries ORDER BY mal_id`,
    )
    .map((r) => ({ ...r, rewatching: r.rewatching === 1, tags: r.tags ?? '', comments: r.comments ?? '' }));
}
