/**
 * One import, in its own process, measured. Prints one JSON line on stdout:
 *
 *   { engine, ms, initMs, openMs, maxRssMB, titles, versions, versionsBefore, versionsAdded, counts, stages, … }
 *
 *   node --import tsx scripts/bench/import-once.ts --engine sqljs|native --data-dir <dir> --export <dir|zip>
 *        [--as-of ISO] [--instrument]
 *
 * --engine sqljs  the product path: `importTraktExport(await Warehouse.open(dataDir), export, {asOf})`
 *                 (reading, the transaction, the snapshot and the atomic save).
 * --engine native the same reader and the same loader (`loadTraktExport`) on a better-sqlite3 file database
 *                 `<dataDir>/warehouse.sqlite`: openExport → open → migrate → transaction(load).
 *
 * `ms` is wall time from opening the warehouse to the import's return: module loading and the sql.js WASM
 * instantiation (or loading the native addon) are excluded and reported as `initMs`. `openMs` (Warehouse.open
 * = read + deserialize the existing image, or open + migrate natively) is inside `ms` and also shown apart.
 * `maxRssMB` is the process's peak RSS (`process.resourceUsage().maxRSS`), whole process.
 *
 * `stages` splits `ms` with the import's own stage events (read → silver → gold → save) plus, for sql.js,
 * wrappers on this process's db handle around COMMIT and export(): open, prepare, read (files read, JSON.parse,
 * record parsing, bronze sha1 + INSERTs), silver, gold, commit, snapshot (copy of the old file), export
 * (db.export()), write (atomic write + fsync). Each stage also records the running peak RSS at its end, so the
 * stage that raised the peak can be seen. `--instrument` additionally times every SQL call (small overhead)
 * and reports per stage how much of it was spent inside SQLite.
 */

import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SqlDb, SqlStatement } from '../../src/warehouse/db.ts';
import type { ImportEvent, ImportResult } from '../../src/app/events.ts';

type Engine = 'sqljs' | 'native';

interface StageRow {
  ms: number;
  /** Running peak RSS (MB) when the stage ended. */
  peakRssMB: number;
  /** RSS (MB) when the stage ended. */
  rssMB: number;
  heapUsedMB: number;
  /** With --instrument: time spent inside SQL calls during the stage, and how many calls. */
  sqlMs?: number;
  sqlCalls?: number;
}

const MB = 1024 * 1024;
const now = (): number => performance.now();
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

/** Marks stage boundaries and snapshots memory at each. */
class StageClock {
  readonly rows: Record<string, StageRow> = {};
  private current: string | null = null;
  private since = 0;
  sqlMs = 0;
  sqlCalls = 0;

  start(stage: string): void {
    const t = now();
    this.end(t);
    this.current = stage;
    this.since = t;
  }

  end(t = now()): void {
    if (this.current === null) return;
    const mem = process.memoryUsage();
    const prev = this.rows[this.current];
    this.rows[this.current] = {
      ms: round((prev?.ms ?? 0) + t - this.since),
      peakRssMB: round(process.resourceUsage().maxRSS / 1024),
      rssMB: round(mem.rss / MB),
      heapUsedMB: round(mem.heapUsed / MB),
      ...(instrumenting
        ? { sqlMs: round((prev?.sqlMs ?? 0) + this.sqlMs), sqlCalls: (prev?.sqlCalls ?? 0) + this.sqlCalls }
        : {}),
    };
    this.sqlMs = 0;
    this.sqlCalls = 0;
    this.current = null;
  }
}

let instrumenting = false;

/** Wrap the methods of one db handle (own properties shadow the class's) to time stages and, optionally, SQL. */
function hookDb(db: SqlDb, clock: StageClock, opts: { sql: boolean; exportStages: boolean }): void {
  const timed = <A extends unknown[], R>(fn: (...a: A) => R): ((...a: A) => R) =>
    opts.sql
      ? (...a: A): R => {
          const t = now();
          try {
            return fn(...a);
          } finally {
            clock.sqlMs += now() - t;
            clock.sqlCalls++;
          }
        }
      : fn;
  const exec = db.exec.bind(db);
  const timedExec = timed(exec);
  db.exec = (sql: string): void => {
    if (opts.exportStages && sql === 'COMMIT') {
      clock.start('commit');
      timedExec(sql);
      clock.start('snapshot'); // Warehouse.write snapshots the old file right after COMMIT, then saves
      return;
    }
    timedExec(sql);
  };
  if (opts.exportStages) {
    const exp = db.export.bind(db);
    db.export = (): Uint8Array => {
      clock.start('export');
      const image = exp();
      clock.start('write');
      return image;
    };
  }
  if (!opts.sql) return;
  db.run = timed(db.run.bind(db));
  db.all = timed(db.all.bind(db)) as SqlDb['all'];
  db.get = timed(db.get.bind(db)) as SqlDb['get'];
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string): SqlStatement => {
    const stmt = timed(prepare)(sql);
    return { run: timed(stmt.run.bind(stmt)), free: timed(stmt.free.bind(stmt)) };
  };
}

function countGold(db: SqlDb): { titles: number; versions: number } {
  const r = db.get<{ titles: number; versions: number }>(
    'SELECT (SELECT count(*) FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0) AS titles, (SELECT count(*) FROM user_watch_history) AS versions',
  );
  return { titles: r?.titles ?? 0, versions: r?.versions ?? 0 };
}

function fileMB(path: string): number | null {
  try {
    return round(statSync(path).size / MB);
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      'data-dir': { type: 'string' },
      export: { type: 'string' },
      'as-of': { type: 'string' },
      instrument: { type: 'boolean' },
      'full-reload': { type: 'boolean' },
    },
  });
  const engine = values.engine as Engine | undefined;
  if ((engine !== 'sqljs' && engine !== 'native') || !values['data-dir'] || !values.export) {
    throw new Error(
      'usage: import-once.ts --engine sqljs|native --data-dir <dir> --export <path> [--as-of ISO] [--instrument]',
    );
  }
  instrumenting = Boolean(values.instrument);
  const dataDir = resolve(values['data-dir']);
  const exportPath = resolve(values.export);
  const asOf = values['as-of'] ?? new Date().toISOString();
  const clock = new StageClock();
  const onEvent = (e: ImportEvent): void => {
    if (e.type === 'stage') clock.start(e.stage);
  };
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dataDir, { recursive: true });

  let initMs: number;
  let openMs: number;
  let importMs: number;
  let before: { titles: number; versions: number };
  let after: { titles: number; versions: number };
  let result: ImportResult;

  if (engine === 'sqljs') {
    const { openSqlJs } = await import('../../src/warehouse/db.ts');
    const { Warehouse } = await import('../../src/warehouse/store.ts');
    const { importTraktExport } = await import('../../src/app/import.ts');
    const tInit = now();
    (await openSqlJs()).close(); // instantiate the WASM module once; Warehouse.open reuses it
    initMs = now() - tInit;

    const t0 = now();
    clock.start('open');
    const wh = await Warehouse.open(dataDir);
    openMs = now() - t0;
    clock.end();
    before = countGold(wh.db);
    hookDb(wh.db, clock, { sql: instrumenting, exportStages: true });
    const tImport = now();
    clock.start('prepare'); // openExport, lock, refresh check, title count: until the 'read' stage event
    result = await importTraktExport(wh, exportPath, { asOf, onEvent, fullReload: Boolean(values['full-reload']) });
    const tEnd = now();
    clock.end(tEnd);
    importMs = tEnd - tImport; // `ms` = open + import; the uncounted countGold between them is left out
    after = countGold(wh.db);
    wh.close();
  } else {
    const { transaction } = await import('../../src/warehouse/db.ts');
    const { migrate } = await import('../../src/warehouse/migrations.ts');
    const { openExport } = await import('../../src/sources/trakt/index.ts');
    const { loadTraktExport } = await import('../../src/app/import.ts');
    const tInit = now();
    const { openBetterSqlite } = await import('./better-sqlite-db.ts');
    initMs = now() - tInit;

    const t0 = now();
    clock.start('open');
    const source = await openExport(exportPath);
    const db = openBetterSqlite(join(dataDir, 'warehouse.sqlite'));
    migrate(db);
    openMs = now() - t0;
    clock.end();
    before = countGold(db);
    hookDb(db, clock, { sql: instrumenting, exportStages: false });
    const tImport = now();
    clock.start('prepare');
    try {
      result = await transaction(db, async () => {
        const r = await loadTraktExport(db, source, asOf, { onEvent, fullReload: Boolean(values['full-reload']) });
        clock.start('commit');
        return r;
      });
    } finally {
      await source.close();
    }
    const tEnd = now();
    clock.end(tEnd);
    importMs = tEnd - tImport;
    after = countGold(db);
    db.close();
  }

  const c = result.counts;
  const line = {
    engine,
    ms: round(openMs + importMs),
    initMs: round(initMs),
    openMs: round(openMs),
    maxRssMB: round(process.resourceUsage().maxRSS / 1024),
    titles: after.titles,
    versions: after.versions,
    versionsBefore: before.versions,
    versionsAdded: after.versions - before.versions,
    counts: {
      files: c.filesRead,
      records: c.recordsRead,
      recordsNew: c.recordsNew,
      skipped: c.recordsSkipped,
      duplicatePlays: c.recordsDuplicate,
      titlesNew: c.titlesNew,
      titlesChanged: c.titlesChanged,
      titlesUnchanged: c.titlesUnchanged,
      titlesDeleted: c.titlesDeleted,
      titlesRestored: c.titlesRestored,
    },
    stages: clock.rows,
    dbFileMB: fileMB(join(dataDir, 'warehouse.sqlite')),
    asOf,
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`import-once failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
