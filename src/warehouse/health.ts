import type { SqlDb } from './db.ts';

/** What `anidex doctor` checks inside the warehouse. */
export function warehouseHealth(db: SqlDb): {
  integrity: string;
  schemaVersion: number;
  titles: number;
  versions: number;
  runs: number;
  cachedAnswers: number;
  doubleCurrent: number;
} {
  const n = (sql: string) => db.get<{ n: number }>(sql)?.n ?? 0;
  return {
    integrity: db
      .all<{ integrity_check: string }>('PRAGMA integrity_check')
      .map((r) => r.integrity_check)
      .join('; '),
    schemaVersion: db.get<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0,
    titles: n('SELECT count(*) AS n FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0'),
    versions: n('SELECT count(*) AS n FROM user_watch_history'),
    runs: n('SELECT count(*) AS n FROM pipeline_runs'),
    cachedAnswers: n('SELECT count(*) AS n FROM api_cache'),
    doubleCurrent: n(
      'SELECT count(*) AS n FROM (SELECT title_key FROM user_watch_history WHERE is_current = 1 GROUP BY title_key HAVING count(*) > 1)',
    ),
  };
}
