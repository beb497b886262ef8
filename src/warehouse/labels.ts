import type { SqlDb } from './db.ts';
import type { Mood } from '../domain/moods.ts';

/** MAL ids among `ids` with no labels from `model` yet. */
export function unlabeled(db: SqlDb, ids: Iterable<number>, model: string): number[] {
  return [...new Set(ids)].filter(
    (id) => !db.get('SELECT 1 AS x FROM label_cache WHERE mal_id = ? AND model = ?', [id, model]),
  );
}

/** Cache the model's labels and make them the title's moods (AI labels win over the genre mapping). */
export function saveLabels(db: SqlDb, labels: ReadonlyMap<number, Mood[]>, model: string, at: string): void {
  const put = db.prepare(
    `INSERT INTO label_cache (mal_id, model, labels, labeled_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (mal_id, model) DO UPDATE SET labels = excluded.labels, labeled_at = excluded.labeled_at`,
  );
  const dim = db.prepare('UPDATE dim_anime SET moods = ? WHERE mal_id = ?');
  for (const [id, moods] of labels) {
    put.run([id, model, JSON.stringify(moods), at]);
    dim.run([JSON.stringify(moods), id]);
  }
  put.free();
  dim.free();
}

/** Re-apply cached labels of `model` to dim_anime (after an enrichment rewrote moods from genres). */
export function applyCachedLabels(db: SqlDb, model: string): void {
  db.run(
    `UPDATE dim_anime SET moods = (SELECT labels FROM label_cache l WHERE l.mal_id = dim_anime.mal_id AND l.model = ?)
      WHERE mal_id IN (SELECT mal_id FROM label_cache WHERE model = ?)`,
    [model, model],
  );
}
