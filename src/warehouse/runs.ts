import type { SqlDb } from './db.ts';
import type { SkippedRecord } from '../domain/types.ts';
import type { CrossCheck } from '../domain/aggregate.ts';

export interface RunCounts {
  filesRead: number;
  recordsRead: number;
  recordsNew: number;
  /** Records stored by an earlier import (not new). */
  recordsKnown: number;
  /** Records that appear more than once within this export. */
  recordsRepeated: number;
  recordsSkipped: number;
  recordsDuplicate: number;
  titlesNew: number;
  titlesChanged: number;
  titlesUnchanged: number;
  titlesDeleted: number;
  titlesRestored: number;
  apiCalls: number;
  cacheHits: number;
  cacheMisses: number;
  http429: number;
  waitSeconds: number;
}

export const ZERO_COUNTS: RunCounts = {
  filesRead: 0,
  recordsRead: 0,
  recordsNew: 0,
  recordsKnown: 0,
  recordsRepeated: 0,
  recordsSkipped: 0,
  recordsDuplicate: 0,
  titlesNew: 0,
  titlesChanged: 0,
  titlesUnchanged: 0,
  titlesDeleted: 0,
  titlesRestored: 0,
  apiCalls: 0,
  cacheHits: 0,
  cacheMisses: 0,
  http429: 0,
  waitSeconds: 0,
};

export interface RunRow extends RunCounts {
  runId: number;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  validAt: string | null;
  sourcePath: string | null;
  status: string;
  error: string | null;
  skipped: SkippedRecord[];
}

/** Open an audit row for a run; returns its id. */
export function startRun(
  db: SqlDb,
  kind: string,
  startedAt: string,
  sourcePath: string | null,
  validAt: string | null,
): number {
  db.run("INSERT INTO pipeline_runs (kind, started_at, source_path, valid_at, status) VALUES (?, ?, ?, ?, 'running')", [
    kind,
    startedAt,
    sourcePath,
    validAt,
  ]);
  return db.get<{ id: number }>('SELECT last_insert_rowid() AS id')!.id;
}

export function finishRun(
  db: SqlDb,
  runId: number,
  c: RunCounts,
  status: string,
  skipped: readonly SkippedRecord[],
  batchDigest: string | null = null,
  error: string | null = null,
): void {
  db.run(
    `UPDATE pipeline_runs SET finished_at = ?, files_read = ?, records_read = ?, records_new = ?, records_known = ?, records_repeated = ?, records_skipped = ?,
       records_duplicate = ?, titles_new = ?, titles_changed = ?, titles_unchanged = ?, titles_deleted = ?,
       titles_restored = ?, api_calls = ?, cache_hits = ?, cache_misses = ?, http_429 = ?, wait_seconds = ?,
       status = ?, error = ?, skipped_json = ?, batch_digest = ? WHERE run_id = ?`,
    [
      new Date().toISOString(),
      c.filesRead,
      c.recordsRead,
      c.recordsNew,
      c.recordsKnown,
      c.recordsRepeated,
      c.recordsSkipped,
      c.recordsDuplicate,
      c.titlesNew,
      c.titlesChanged,
      c.titlesUnchanged,
      c.titlesDeleted,
      c.titlesRestored,
      c.apiCalls,
      c.cacheHits,
      c.cacheMisses,
      c.http429,
      c.waitSeconds,
      status,
      error,
      skipped.length ? JSON.stringify(skipped) : null,
      batchDigest,
      runId,
    ],
  );
}

interface RunDbRow {
  run_id: number;
  kind: string;
  started_at: string;
  finished_at: string | null;
  valid_at: string | null;
  source_path: string | null;
  files_read: number;
  records_read: number;
  records_new: number;
  records_known: number;
  records_repeated: number;
  records_skipped: number;
  records_duplicate: number;
  titles_new: number;
  titles_changed: number;
  titles_unchanged: number;
  titles_deleted: number;
  titles_restored: number;
  api_calls: number;
  cache_hits: number;
  cache_misses: number;
  http_429: number;
  wait_seconds: number;
  status: string;
  error: string | null;
  skipped_json: string | null;
}

function toRun(r: RunDbRow): RunRow {
  return {
    runId: r.run_id,
    kind: r.kind,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    validAt: r.valid_at,
    sourcePath: r.source_path,
    filesRead: r.files_read,
    recordsRead: r.records_read,
    recordsNew: r.records_new,
    recordsKnown: r.records_known,
    recordsRepeated: r.records_repeated,
    recordsSkipped: r.records_skipped,
    recordsDuplicate: r.records_duplicate,
    titlesNew: r.titles_new,
    titlesChanged: r.titles_changed,
    titlesUnchanged: r.titles_unchanged,
    titlesDeleted: r.titles_deleted,
    titlesRestored: r.titles_restored,
    apiCalls: r.api_calls,
    cacheHits: r.cache_hits,
    cacheMisses: r.cache_misses,
    http429: r.http_429,
    waitSeconds: r.wait_seconds,
    status: r.status,
    error: r.error,
    skipped: r.skipped_json ? (JSON.parse(r.skipped_json) as SkippedRecord[]) : [],
  };
}

/** Runs, newest first. */
export function listRuns(db: SqlDb, limit = 50): RunRow[] {
  return db.all<RunDbRow>('SELECT * FROM pipeline_runs ORDER BY run_id DESC LIMIT ?', [limit]).map(toRun);
}

/** The batch digest of the newest finished load of any of `kinds` (the loads that feed one source's silver), or null. */
export function lastImportDigest(db: SqlDb, kinds: readonly string[] = ['import']): string | null {
  if (kinds.length === 0) return null;
  return (
    db.get<{ d: string | null }>(
      `SELECT batch_digest AS d FROM pipeline_runs WHERE kind IN (${kinds.map(() => '?').join(', ')}) AND finished_at IS NOT NULL ORDER BY run_id DESC LIMIT 1`,
      [...kinds],
    )?.d ?? null
  );
}

/** When each account last synced successfully (the newest finished `sync-<source>` run), by source. */
export function lastSyncs(db: SqlDb): Record<string, string> {
  const rows = db.all<{ kind: string; at: string }>(
    "SELECT kind, max(finished_at) AS at FROM pipeline_runs WHERE kind LIKE 'sync-%' AND finished_at IS NOT NULL GROUP BY kind",
  );
  return Object.fromEntries(rows.map((r) => [r.kind.slice('sync-'.length), r.at]));
}

/** What the newest finished load of a source left for the next one to compare with (see `lastLoad`). */
export interface LastLoad {
  runId: number;
  batchDigest: string | null;
  /** The fingerprint of the files it read (`SourceSnapshot.fingerprint`), or null when none was recorded. */
  fingerprint: string | null;
  /** Its cross-check, recorded with the fingerprint: the same files against the same silver give the same one. */
  crossCheck: CrossCheck | null;
  counts: Pick<RunCounts, 'filesRead' | 'recordsRead' | 'recordsSkipped' | 'recordsDuplicate'>;
  skipped: SkippedRecord[];
}

interface FingerprintMeta {
  run: number;
  fingerprint: string;
  crossCheck: CrossCheck | null;
}

// Kept in `meta` (one row per source, naming its run) rather than in new pipeline_runs columns.
const fingerprintKey = (kinds: readonly string[]): string => `files_fingerprint:${kinds.join(',')}`;

function readFingerprint(db: SqlDb, kinds: readonly string[]): FingerprintMeta | null {
  const row = db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [fingerprintKey(kinds)]);
  if (!row) return null;
  try {
    const m = JSON.parse(row.value) as Partial<FingerprintMeta>;
    return typeof m.run === 'number' && typeof m.fingerprint === 'string'
      ? { run: m.run, fingerprint: m.fingerprint, crossCheck: m.crossCheck ?? null }
      : null;
  } catch {
    return null;
  }
}

/** The newest finished load of any of `kinds`, with the fingerprint recorded for exactly that run; null if none. */
export function lastLoad(db: SqlDb, kinds: readonly string[]): LastLoad | null {
  if (kinds.length === 0) return null;
  const r = db.get<RunDbRow & { batch_digest: string | null }>(
    `SELECT * FROM pipeline_runs WHERE kind IN (${kinds.map(() => '?').join(', ')}) AND finished_at IS NOT NULL ORDER BY run_id DESC LIMIT 1`,
    [...kinds],
  );
  if (!r) return null;
  const meta = readFingerprint(db, kinds);
  const mine = meta?.run === r.run_id ? meta : null;
  const run = toRun(r);
  return {
    runId: r.run_id,
    batchDigest: r.batch_digest,
    fingerprint: mine?.fingerprint ?? null,
    crossCheck: mine?.crossCheck ?? null,
    counts: {
      filesRead: run.filesRead,
      recordsRead: run.recordsRead,
      recordsSkipped: run.recordsSkipped,
      recordsDuplicate: run.recordsDuplicate,
    },
    skipped: run.skipped,
  };
}

/** Remember the fingerprint of the files run `runId` loaded (and its cross-check), for the next load to compare. */
export function recordFingerprint(
  db: SqlDb,
  kinds: readonly string[],
  runId: number,
  fingerprint: string,
  crossCheck: CrossCheck | null,
): void {
  const value: FingerprintMeta = { run: runId, fingerprint, crossCheck };
  db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    fingerprintKey(kinds),
    JSON.stringify(value),
  ]);
}
