import type { SqlDb } from './db.ts';

export type PlanSource = 'gemini' | 'local' | 'trakt-watchlist' | 'user' | 'mal' | 'anilist';

export interface PlanItem {
  id: number;
  title: string;
  malId: number | null;
  streamingService: string | null;
  recommendedByAiAt: string | null;
  priority: number | null;
  confidenceScore: number | null;
  notes: string | null;
  source: PlanSource;
  sourceKey: string | null;
  addedAt: string;
  /** The provider's English and romaji names of the item's anime, when anidex has its metadata. */
  titleEnglish: string | null;
  titleRomaji: string | null;
}

export interface NewPlanItem {
  title: string;
  malId: number | null;
  streamingService?: string | null;
  recommendedByAiAt?: string | null;
  priority?: number | null;
  confidenceScore?: number | null;
  notes?: string | null;
  source: PlanSource;
  /** What identifies the item in its source (a Trakt title key, a MAL id): the same item is never added twice. */
  sourceKey: string | null;
}

/** Sources that every import offers again: a removal from the plan must be remembered, or the next import undoes it. */
const IMPORTED: ReadonlySet<PlanSource> = new Set(['trakt-watchlist', 'mal']);

/** The list, highest priority (1) first, then oldest first. */
export function planItems(db: SqlDb): PlanItem[] {
  return db.all<PlanItem>(
    `SELECT p.id, p.title, p.mal_id AS malId, p.streaming_service AS streamingService, p.recommended_by_ai_at AS recommendedByAiAt,
            p.priority, p.confidence_score AS confidenceScore, p.notes, p.source, p.source_key AS sourceKey, p.added_at AS addedAt,
            d.title_english AS titleEnglish, d.title_romaji AS titleRomaji
       FROM plan_to_watch p LEFT JOIN dim_anime d ON d.mal_id = p.mal_id
      ORDER BY p.priority IS NULL, p.priority, p.added_at, p.id`,
  );
}

/** Add items that are not there yet (by source key, and by MAL id across sources); returns how many were added. */
export function addPlanItems(db: SqlDb, items: readonly NewPlanItem[], at: string): number {
  let next = (db.get<{ p: number | null }>('SELECT max(priority) AS p FROM plan_to_watch')?.p ?? 0) + 1;
  const stmt = db.prepare(
    `INSERT OR IGNORE INTO plan_to_watch (title, mal_id, streaming_service, recommended_by_ai_at, priority, confidence_score,
       notes, source, source_key, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let added = 0;
  // One read of the planned ids, not a query per item: a MAL import offers thousands of Plan to Watch entries.
  const planned = new Set(
    db.all<{ m: number }>('SELECT mal_id AS m FROM plan_to_watch WHERE mal_id IS NOT NULL').map((r) => r.m),
  );
  for (const it of items) {
    if (it.malId !== null && planned.has(it.malId)) continue;
    if (
      IMPORTED.has(it.source) &&
      it.sourceKey &&
      db.get('SELECT 1 AS x FROM plan_removed WHERE source = ? AND source_key = ?', [it.source, it.sourceKey])
    )
      continue;
    const n = stmt.run([
      it.title,
      it.malId,
      it.streamingService ?? null,
      it.recommendedByAiAt ?? null,
      it.priority ?? next,
      it.confidenceScore ?? null,
      it.notes ?? null,
      it.source,
      it.sourceKey,
      at,
    ]);
    if (n > 0) {
      if (it.malId !== null) planned.add(it.malId);
      added++;
      next++;
    }
  }
  stmt.free();
  // Watchlist titles matched earlier get their MAL id straight away.
  db.run(
    `UPDATE plan_to_watch SET mal_id = (SELECT mal_id FROM title_match WHERE title_key = plan_to_watch.source_key)
      WHERE source = 'trakt-watchlist' AND mal_id IS NULL AND source_key IN (SELECT title_key FROM title_match WHERE mal_id IS NOT NULL)`,
  );
  return added;
}

/** Remove an item; an imported item (Trakt watchlist, MAL plan to watch) is remembered as removed, so the next import does not bring it back. */
export function removePlanItem(db: SqlDb, id: number): boolean {
  const item = db.get<{ source: string; key: string | null }>(
    'SELECT source, source_key AS key FROM plan_to_watch WHERE id = ?',
    [id],
  );
  if (!item) return false;
  if (IMPORTED.has(item.source as PlanSource) && item.key) {
    db.run('INSERT OR IGNORE INTO plan_removed (source, source_key, removed_at) VALUES (?, ?, ?)', [
      item.source,
      item.key,
      new Date().toISOString(),
    ]);
  }
  return db.run('DELETE FROM plan_to_watch WHERE id = ?', [id]) > 0;
}

/** Move an item to `priority`, shifting the others so priorities stay 1, 2, 3… */
export function reprioritize(db: SqlDb, id: number, priority: number): boolean {
  const ids = planItems(db)
    .map((p) => p.id)
    .filter((x) => x !== id);
  if (ids.length === planItems(db).length) return false;
  ids.splice(Math.max(0, Math.min(ids.length, priority - 1)), 0, id);
  const stmt = db.prepare('UPDATE plan_to_watch SET priority = ? WHERE id = ?');
  ids.forEach((x, i) => stmt.run([i + 1, x]));
  stmt.free();
  return true;
}

/** Gives a Trakt watchlist item its MAL id once enrichment matched its title (parameters: mal id, title key). */
export const LINK_PLAN_SQL = "UPDATE plan_to_watch SET mal_id = ? WHERE source_key = ? AND source = 'trakt-watchlist'";
