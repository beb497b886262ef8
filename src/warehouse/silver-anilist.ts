import type { SqlDb } from './db.ts';
import type { AniListEntry } from '../domain/anilist-list.ts';

/** Silver for AniList: the latest pull of the list, cleaned, replacing the previous one. */
export function replaceAniListSilver(db: SqlDb, entries: readonly AniListEntry[]): void {
  db.run('DELETE FROM silver_anilist_entries');
  const put = db.prepare(
    `INSERT OR REPLACE INTO silver_anilist_entries (anilist_id, mal_id, title, format, episodes, status, score, progress, repeat,
       started_at, completed_at, updated_at, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of entries) {
    put.run([
      e.anilistId,
      e.malId,
      e.title,
      e.format,
      e.episodes,
      e.status,
      e.score,
      e.progress,
      e.repeat,
      e.startedAt,
      e.completedAt,
      e.updatedAt,
      e.notes || null,
    ]);
  }
  put.free();
}

/** The latest AniList pull's entries (what `anidex export` writes for AniList-sourced titles MAL's list lacks). */
export function aniListSilverEntries(db: SqlDb): AniListEntry[] {
  return db
    .all<Omit<AniListEntry, 'status' | 'notes'> & { status: AniListEntry['status']; notes: string | null }>(
      `SELECT anilist_id AS anilistId, mal_id AS malId, title, format, episodes, status, score, progress, repeat,
              started_at AS startedAt, completed_at AS completedAt, updated_at AS updatedAt, notes
         FROM silver_anilist_entries ORDER BY anilist_id`,
    )
    .map((r) => ({ ...r, notes: r.notes ?? '' }));
}
