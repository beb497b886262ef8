// What the crash harness checks in a data dir after every kill: the warehouse opens through the product's own
// path, SQLite's integrity check passes, the SCD2 invariants hold, and a digest of its contents says which state
// it is in. Also what a killed process left beside it (lock, temp files).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from '../../src/warehouse/store.ts';
import type { SqlDb } from '../../src/warehouse/db.ts';

/**
 * Columns that hold the wall clock of the run that wrote them (not the data's own time), so two uninterrupted
 * runs of one operation differ there and nowhere else. Imports pass --as-of, so valid_from/valid_to are data.
 */
const WALL_CLOCK: Readonly<Record<string, readonly string[]>> = {
  pipeline_runs: ['started_at', 'finished_at'],
  plan_to_watch: ['added_at', 'recommended_by_ai_at'],
  plan_removed: ['removed_at'],
  title_match: ['matched_at'],
  dim_anime: ['updated_at'],
  api_cache: ['fetched_at', 'expires_at'],
  label_cache: ['labeled_at'],
};

/** Raw record bodies: their content_hash column (in the digest) already stands for them, and they are most of the bytes. */
const BULKY = new Set(['payload']);

export interface Inspection {
  opened: boolean;
  /** Why it did not open, or null. */
  openError: string | null;
  integrity: string;
  /** Violated SCD2 invariants, one line each (empty when all hold). */
  scd2: string[];
  /** Digest of every table (wall-clock columns left out); null when the warehouse did not open. */
  digest: string | null;
  tables: Record<string, string>;
  /** Rows in user_watch_history, for the report. */
  versions: number;
}

export interface Leftovers {
  lock: boolean;
  /** A lock file with no readable holder (killed between creating and writing it): taken over after a grace period. */
  lockUnreadable: boolean;
  takeoverLock: boolean;
  /** Temp files of saves and copies, in the data dir and in snapshots/. */
  temps: string[];
  tempBytes: number;
}

function tableDigest(db: SqlDb, table: string): string {
  const cols = db
    .all<{ name: string }>(`PRAGMA table_info("${table}")`)
    .map((c) => c.name)
    .filter((c) => !(WALL_CLOCK[table] ?? []).includes(c) && !BULKY.has(c));
  const h = createHash('sha256');
  h.update(cols.join(',') + '\n');
  const order = cols.map((_, i) => String(i + 1)).join(', ');
  for (const row of db.all<Record<string, unknown>>(
    `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${order}`,
  )) {
    h.update(JSON.stringify(Object.values(row)) + '\n');
  }
  return h.digest('hex');
}

/** Digest of the whole warehouse's contents (schema version and every table), wall-clock columns left out. */
export function digestOf(db: SqlDb): { digest: string; tables: Record<string, string> } {
  const tables: Record<string, string> = {};
  const names = db
    .all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .map((r) => r.name);
  for (const t of names) tables[t] = tableDigest(db, t);
  const version = db.get<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0;
  const h = createHash('sha256');
  h.update(`user_version ${version}\n`);
  for (const [t, d] of Object.entries(tables)) h.update(`${t} ${d}\n`);
  return { digest: h.digest('hex'), tables };
}

/** The SCD2 rules of docs/data-model.md that must hold in any saved state; each violation as one line. */
export function scd2Violations(db: SqlDb): string[] {
  const out: string[] = [];
  for (const r of db.all<{ title_key: string; n: number }>(
    'SELECT title_key, sum(is_current) AS n FROM user_watch_history GROUP BY title_key HAVING sum(is_current) <> 1 LIMIT 5',
  )) {
    out.push(`${r.title_key}: ${r.n} current rows (must be 1)`);
  }
  // Versions of a title in order: each closed one ends where the next begins; only the last is open and current.
  for (const r of db.all<{
    title_key: string;
    version_id: number;
    valid_to: string | null;
    next_from: string | null;
    is_current: number;
  }>(
    `SELECT title_key, version_id, valid_to, next_from, is_current FROM (
       SELECT title_key, version_id, valid_to, is_current,
              lead(valid_from) OVER (PARTITION BY title_key ORDER BY valid_from, version_id) AS next_from
       FROM user_watch_history)
     WHERE (next_from IS NULL AND (valid_to IS NOT NULL OR is_current <> 1))
        OR (next_from IS NOT NULL AND (valid_to IS NULL OR valid_to <> next_from OR is_current <> 0))
     LIMIT 5`,
  )) {
    out.push(
      r.next_from === null
        ? `${r.title_key} version ${r.version_id}: the latest version must be open and current (valid_to ${r.valid_to}, is_current ${r.is_current})`
        : `${r.title_key} version ${r.version_id}: valid_to ${r.valid_to} but the next version starts ${r.next_from} (is_current ${r.is_current})`,
    );
  }
  for (const r of db.all<{ title_key: string; a: number; b: number }>(
    `SELECT x.title_key, x.version_id AS a, y.version_id AS b
     FROM user_watch_history x JOIN user_watch_history y ON x.title_key = y.title_key AND x.version_id < y.version_id
     WHERE x.valid_from < coalesce(y.valid_to, '9999') AND y.valid_from < coalesce(x.valid_to, '9999')
     LIMIT 5`,
  )) {
    out.push(`${r.title_key}: versions ${r.a} and ${r.b} overlap in time`);
  }
  return out;
}

/** Open the warehouse in `dataDir` as anidex does and check it. Never throws. */
export async function inspectWarehouse(dataDir: string): Promise<Inspection> {
  let wh: Warehouse;
  try {
    wh = await Warehouse.open(dataDir);
  } catch (err) {
    return {
      opened: false,
      openError: (err as Error).message,
      integrity: 'not opened',
      scd2: [],
      digest: null,
      tables: {},
      versions: 0,
    };
  }
  try {
    const integrity = wh.db
      .all<{ integrity_check: string }>('PRAGMA integrity_check')
      .map((r) => r.integrity_check)
      .join('; ');
    const { digest, tables } = digestOf(wh.db);
    const versions = wh.db.get<{ n: number }>('SELECT count(*) AS n FROM user_watch_history')?.n ?? 0;
    return { opened: true, openError: null, integrity, scd2: scd2Violations(wh.db), digest, tables, versions };
  } catch (err) {
    return {
      opened: true,
      openError: null,
      integrity: `query failed: ${(err as Error).message}`,
      scd2: [],
      digest: null,
      tables: {},
      versions: 0,
    };
  } finally {
    wh.close();
  }
}

/** What a killed process may have left in the data dir. */
export function leftovers(dataDir: string): Leftovers {
  const temps: string[] = [];
  let tempBytes = 0;
  for (const dir of [dataDir, join(dataDir, 'snapshots')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (!/\.tmp-\d+-/.test(f)) continue;
      temps.push(join(dir, f));
      try {
        tempBytes += statSync(join(dir, f)).size;
      } catch {
        /* removed meanwhile */
      }
    }
  }
  const lock = existsSync(join(dataDir, 'warehouse.lock'));
  let lockUnreadable = false;
  if (lock) {
    try {
      lockUnreadable =
        typeof (JSON.parse(readFileSync(join(dataDir, 'warehouse.lock'), 'utf8')) as { pid?: unknown }).pid !==
        'number';
    } catch {
      lockUnreadable = true;
    }
  }
  return {
    lock,
    lockUnreadable,
    takeoverLock: existsSync(join(dataDir, 'warehouse.lock.takeover')),
    temps,
    tempBytes,
  };
}
