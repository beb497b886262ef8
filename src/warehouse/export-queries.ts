import type { SqlDb } from './db.ts';

/** The newest play of the latest Trakt export (watch time), or null when there are no dated plays. */
export function newestPlayAt(db: SqlDb): string | null {
  return db.get<{ t: string | null }>('SELECT max(watched_at) AS t FROM silver_plays')?.t ?? null;
}
