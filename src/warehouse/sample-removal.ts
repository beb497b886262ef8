import type { SqlDb, SqlParam } from './db.ts';

/*
 * Before the demo had a warehouse of its own, `npm start` imported the bundled sample (an invented account) into
 * the person's warehouse. This finds it there and takes it out again: every trace of the sample's imports goes,
 * and whatever the person's own imports say stays, including titles both happen to share.
 */

export interface SampleRun {
  runId: number;
  sourcePath: string;
  validAt: string | null;
}

/** Imports of the bundled sample: runs whose source path ends in one of the sample exports' own paths. */
export function sampleRuns(db: SqlDb, samplePaths: readonly string[]): SampleRun[] {
  const runs = db.all<SampleRun>(
    "SELECT run_id AS runId, source_path AS sourcePath, valid_at AS validAt FROM pipeline_runs WHERE kind = 'import' AND source_path IS NOT NULL ORDER BY run_id",
  );
  const ends = samplePaths.map((p) => p.replace(/\\/g, '/'));
  return runs.filter((r) => ends.some((e) => r.sourcePath.replace(/\\/g, '/').endsWith(`/${e}`)));
}

export interface SampleRemoval {
  /** Titles that were the sample's alone and are gone now. */
  titles: number;
  /** Versions (gold rows) removed, the sample's and the deletion markers it caused. */
  versions: number;
  planItems: number;
  runs: number;
}

const list = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * Remove what the given sample runs put into the warehouse; inside the caller's transaction. `bundled` are the
 * provider answers shipped with the sample (request key → payload): enrichment copied them into the cache, where
 * they would go on answering the person's own lookups.
 */
export function removeSampleRuns(
  db: SqlDb,
  runs: readonly SampleRun[],
  bundled: { provider: string; answers: ReadonlyMap<string, string | null> },
): SampleRemoval {
  if (runs.length === 0) return { titles: 0, versions: 0, planItems: 0, runs: 0 };
  const ids: SqlParam[] = runs.map((r) => r.runId);
  const inRuns = `run_id IN (${list(ids.length)})`;
  const keys = db
    .all<{ k: string }>(`SELECT DISTINCT title_key AS k FROM user_watch_history WHERE ${inRuns}`, ids)
    .map((r) => r.k);
  const versionsBefore = count(db, 'SELECT COUNT(*) AS n FROM user_watch_history');

  db.run(`DELETE FROM user_watch_history WHERE ${inRuns}`, ids);
  let titles = 0;
  for (const key of keys) {
    // What the person's own imports said of this title, oldest first. Leading deletion markers only said "the
    // sample's title is not in my export": without the sample they mean nothing.
    const rows = db.all<{ id: number; validFrom: string; deleted: number }>(
      'SELECT version_id AS id, valid_from AS validFrom, is_deleted AS deleted FROM user_watch_history WHERE title_key = ? ORDER BY valid_from, version_id',
      [key],
    );
    let first = 0;
    while (first < rows.length && rows[first]!.deleted === 1) first++;
    for (const r of rows.slice(0, first)) db.run('DELETE FROM user_watch_history WHERE version_id = ?', [r.id]);
    const kept = rows.slice(first);
    if (kept.length === 0) {
      titles++;
      db.run('DELETE FROM title_match WHERE title_key = ?', [key]);
      db.run('DELETE FROM title_match_season WHERE title_key = ?', [key]);
      continue;
    }
    // Keep the versions contiguous and exactly one current; the unique index allows one current row at a time.
    db.run('UPDATE user_watch_history SET is_current = 0 WHERE title_key = ?', [key]);
    kept.forEach((r, i) => {
      const next = kept[i + 1];
      db.run('UPDATE user_watch_history SET valid_to = ?, is_current = ? WHERE version_id = ?', [
        next ? next.validFrom : null,
        next ? 0 : 1,
        r.id,
      ]);
    });
  }
  const versions = versionsBefore - count(db, 'SELECT COUNT(*) AS n FROM user_watch_history');

  for (const t of ['bronze_trakt_history', 'bronze_trakt_ratings', 'bronze_trakt_watchlist', 'bronze_trakt_watched'])
    db.run(`DELETE FROM ${t} WHERE ${inRuns}`, ids);
  // Silver holds the latest Trakt export: the sample's, unless the person imported their own since.
  const lastTrakt =
    db.get<{ id: number }>("SELECT MAX(run_id) AS id FROM pipeline_runs WHERE kind = 'import'")?.id ?? null;
  const silverIsSample = lastTrakt !== null && ids.includes(lastTrakt);
  if (silverIsSample) for (const t of ['silver_plays', 'silver_titles', 'silver_watchlist']) db.run(`DELETE FROM ${t}`);

  // The sample's watchlist joined the plan stamped with its import's time; the person's own watchlist keeps any
  // title it shares with the sample.
  const stamps: SqlParam[] = runs.map((r) => r.validAt).filter((v): v is string => v !== null);
  let planItems = 0;
  if (stamps.length) {
    const before = count(db, 'SELECT COUNT(*) AS n FROM plan_to_watch');
    db.run(
      `DELETE FROM plan_to_watch WHERE source = 'trakt-watchlist' AND added_at IN (${list(stamps.length)})
         AND (source_key IS NULL OR source_key NOT IN (SELECT title_key FROM silver_watchlist))`,
      stamps,
    );
    planItems = before - count(db, 'SELECT COUNT(*) AS n FROM plan_to_watch');
  }
  db.run(`DELETE FROM pipeline_runs WHERE ${inRuns}`, ids);

  for (const [key, payload] of bundled.answers) {
    db.run('DELETE FROM api_cache WHERE provider = ? AND request_key = ? AND payload IS ?', [
      bundled.provider,
      key,
      payload,
    ]);
  }
  // The sample's anime metadata, where nothing of the person's refers to it.
  for (const key of bundled.answers.keys()) {
    const m = /^mal:(\d+)$/.exec(key);
    if (!m) continue;
    db.run(
      `DELETE FROM dim_anime WHERE mal_id = ? AND mal_id NOT IN (SELECT mal_id FROM user_watch_history WHERE mal_id IS NOT NULL)
         AND mal_id NOT IN (SELECT mal_id FROM title_match WHERE mal_id IS NOT NULL)
         AND mal_id NOT IN (SELECT mal_id FROM plan_to_watch WHERE mal_id IS NOT NULL)`,
      [Number(m[1])],
    );
  }
  return { titles, versions, planItems, runs: runs.length };
}

function count(db: SqlDb, sql: string): number {
  return db.get<{ n: number }>(sql)?.n ?? 0;
}
