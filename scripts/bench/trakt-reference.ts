/**
 * The reference for the Trakt import benchmark: the `sqlite3` shell doing the least a loader of the same export
 * must do, on a fresh file database, in one transaction:
 *   1. load: every JSON file of the export into one table, record by record, verbatim (json_each over the shell's
 *      readfile(); what bronze keeps);
 *   2. plays: the history records, de-duplicated on Trakt's play id (pages repeat their boundary record), with the
 *      title each belongs to (the show's or the film's Trakt id) and the episode;
 *   3. titles: one row per title: plays, distinct episodes, first and last watch, the title's name and year, and
 *      its rating from ratings-shows/ratings-movies.
 * No versions, no history, no matching: it is a floor for what the product does, not the same work.
 *
 *   node --import tsx scripts/bench/trakt-reference.ts --export <dir> --db <file>   (prints one JSON line)
 *
 * Returns null (and says why) where the sqlite3 shell is not installed.
 */

import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

export interface ReferenceRun {
  ms: number;
  files: number;
  records: number;
  plays: number;
  titles: number;
  maxRssMB: number | null;
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function referenceSql(exportDir: string): { sql: string; files: number } {
  const files = readdirSync(exportDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const load = files
    .map(
      (f) =>
        `INSERT INTO raw(file, idx, json) SELECT ${quote(f)}, key, value FROM json_each(readfile(${quote(join(exportDir, f))}));`,
    )
    .join('\n');
  const sql = `
PRAGMA journal_mode = DELETE;
PRAGMA page_size = 16384;
BEGIN;
CREATE TABLE raw(id INTEGER PRIMARY KEY, file TEXT NOT NULL, idx INTEGER NOT NULL, json TEXT NOT NULL);
${load}
CREATE TABLE plays(play_id INTEGER PRIMARY KEY, title_key TEXT NOT NULL, episode TEXT, watched_at TEXT NOT NULL);
INSERT OR IGNORE INTO plays
  SELECT json_extract(json, '$.id'),
         CASE json_extract(json, '$.type') WHEN 'episode' THEN 'show:' || json_extract(json, '$.show.ids.trakt')
                                           ELSE 'movie:' || json_extract(json, '$.movie.ids.trakt') END,
         CASE json_extract(json, '$.type') WHEN 'episode'
              THEN json_extract(json, '$.episode.season') || 'x' || json_extract(json, '$.episode.number') END,
         json_extract(json, '$.watched_at')
    FROM raw WHERE file LIKE 'watched-history%' ORDER BY id;
CREATE TABLE ratings AS
  SELECT CASE json_extract(json, '$.type') WHEN 'show' THEN 'show:' || json_extract(json, '$.show.ids.trakt')
                                           ELSE 'movie:' || json_extract(json, '$.movie.ids.trakt') END AS title_key,
         json_extract(json, '$.rating') AS rating
    FROM raw WHERE file IN ('ratings-shows.json', 'ratings-movies.json');
CREATE TABLE names AS
  SELECT title_key, title, year FROM (
    SELECT CASE json_extract(json, '$.type') WHEN 'episode' THEN 'show:' || json_extract(json, '$.show.ids.trakt')
                                             ELSE 'movie:' || json_extract(json, '$.movie.ids.trakt') END AS title_key,
           coalesce(json_extract(json, '$.show.title'), json_extract(json, '$.movie.title')) AS title,
           coalesce(json_extract(json, '$.show.year'), json_extract(json, '$.movie.year')) AS year
      FROM raw WHERE file LIKE 'watched-history%') GROUP BY title_key;
CREATE TABLE titles AS
  SELECT p.title_key, n.title, n.year, count(*) AS plays, count(DISTINCT p.episode) AS episodes,
         min(p.watched_at) AS first_watched, max(p.watched_at) AS last_watched, r.rating
    FROM plays p JOIN names n USING (title_key) LEFT JOIN ratings r USING (title_key)
   GROUP BY p.title_key;
COMMIT;
SELECT json_object('records', (SELECT count(*) FROM raw), 'plays', (SELECT count(*) FROM plays), 'titles', (SELECT count(*) FROM titles));
`;
  return { sql, files: files.length };
}

/** One reference run on a fresh database file; null when there is no sqlite3 shell. */
export function runReference(exportDir: string, dbFile: string): ReferenceRun | null {
  const sqlite3 = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find((p) => spawnSync(p, ['-version']).status === 0);
  if (!sqlite3) return null;
  rmSync(dbFile, { force: true });
  const { sql, files } = referenceSql(resolve(exportDir));
  const timeBin = spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;
  const cmd = timeBin ? '/usr/bin/time' : sqlite3;
  const args = timeBin ? ['-f', 'maxrss=%M', sqlite3, '-bail', dbFile] : ['-bail', dbFile];
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { input: sql, maxBuffer: 16 * 1024 * 1024 });
  const ms = performance.now() - t0;
  rmSync(dbFile, { force: true });
  if (r.status !== 0) throw new Error(`the sqlite3 reference failed: ${r.stderr.toString().slice(-2000)}`);
  const out = JSON.parse(r.stdout.toString().trim().split('\n').pop() ?? '{}') as {
    records: number;
    plays: number;
    titles: number;
  };
  const rss = /maxrss=(\d+)/.exec(r.stderr.toString());
  return { ms, files, ...out, maxRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { export: { type: 'string' }, db: { type: 'string' } } });
  if (!values.export || !values.db) throw new Error('usage: trakt-reference.ts --export <dir> --db <file>');
  const r = runReference(values.export, values.db);
  process.stdout.write(`${JSON.stringify(r ?? { skipped: 'no sqlite3 shell on this machine' })}\n`);
}
