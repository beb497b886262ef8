/**
 * One MyAnimeList import, in its own process, measured. Prints one JSON line on stdout:
 *
 *   { ms, initMs, openMs, maxRssMB, identical, titles, versions, versionsBefore, versionsAdded, counts, stages, … }
 *
 *   node --import tsx scripts/bench/import-mal-once.ts --data-dir <dir> --export <file.xml[.gz]> [--as-of ISO]
 *        [--instrument] [--full-reload]
 *   node --import tsx scripts/bench/import-mal-once.ts --reader-only --export <file.xml[.gz]>
 *
 * The product path on sql.js: `importMalExport(await Warehouse.open(dataDir), file, {asOf})` (reading, the
 * transaction, the snapshot and the atomic save). `ms` is wall time from opening the warehouse to the import's
 * return; module loading and the sql.js WebAssembly instantiation are excluded and reported as `initMs`.
 * `maxRssMB` is the process's peak RSS (`process.resourceUsage().maxRSS`), whole process.
 *
 * `stages` splits `ms` with the import's own stage events plus wrappers on this process's db handle:
 *   open     Warehouse.open (read + deserialize the existing image)
 *   parse    readMalExport (read, gunzip, UTF-8 decode, prolog scan, XML validation, XML parse, entry parsing),
 *            then the writer lock, the reload check and the title count, up to BEGIN
 *   prepare  BEGIN, the load-time check, the run row
 *   bronze   sha1 + INSERT of every entry into bronze_mal_anime, and the batch digest
 *   silver   replace the MAL silver table           (skipped when the export is identical to the last one)
 *   gold     SCD2 plan + gold writes + title matches (skipped when identical)
 *   plan     Plan to Watch entries into the plan, finishing the run row
 *   commit / snapshot / export / write   COMMIT, copy of the old file into snapshots/, db.export(), atomic write
 * Each stage also records the running peak RSS at its end, so the stage that raised the peak can be seen.
 * `--instrument` additionally times every SQL call (small overhead) and reports per stage the time inside
 * SQLite and the statements that took the most of it.
 *
 * `--reader-only` imports nothing: it runs the reader's steps one by one on the file (the same functions
 * readMalExport calls, in the same order) and reports each step's time and the peak RSS, to see where the parse
 * goes. Its figures are not part of `ms`.
 */

import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SqlDb, SqlParam, SqlStatement } from '../../src/warehouse/db.ts';
import type { ImportEvent, ImportResult } from '../../src/app/events.ts';

interface StageRow {
  ms: number;
  /** Running peak RSS (MB) when the stage ended. */
  peakRssMB: number;
  /** RSS (MB) when the stage ended. */
  rssMB: number;
  heapUsedMB: number;
  /** Memory outside the JavaScript heap when the stage ended: sql.js's WebAssembly heap and in-memory files, Buffers. */
  externalMB?: number;
  /** With --instrument: time spent inside SQL calls during the stage, how many calls, and the costliest statements. */
  sqlMs?: number;
  sqlCalls?: number;
  topSql?: Array<{ sql: string; ms: number; calls: number }>;
}

const MB = 1024 * 1024;
const now = (): number => performance.now();
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;
const peakRssMB = (): number => round(process.resourceUsage().maxRSS / 1024);

let instrumenting = false;

/** Marks stage boundaries and snapshots memory at each. */
class StageClock {
  readonly rows: Record<string, StageRow> = {};
  private current: string | null = null;
  private since = 0;
  sqlMs = 0;
  sqlCalls = 0;
  bySql = new Map<string, { ms: number; calls: number }>();

  get stage(): string | null {
    return this.current;
  }

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
    const row: StageRow = {
      ms: round((prev?.ms ?? 0) + t - this.since),
      peakRssMB: peakRssMB(),
      rssMB: round(mem.rss / MB),
      heapUsedMB: round(mem.heapUsed / MB),
      externalMB: round(mem.external / MB),
    };
    if (instrumenting) {
      row.sqlMs = round((prev?.sqlMs ?? 0) + this.sqlMs);
      row.sqlCalls = (prev?.sqlCalls ?? 0) + this.sqlCalls;
      const merged = new Map((prev?.topSql ?? []).map((s) => [s.sql, { ms: s.ms, calls: s.calls }]));
      for (const [sql, s] of this.bySql) {
        const m = merged.get(sql) ?? { ms: 0, calls: 0 };
        merged.set(sql, { ms: m.ms + s.ms, calls: m.calls + s.calls });
      }
      row.topSql = [...merged]
        .map(([sql, s]) => ({ sql, ms: round(s.ms), calls: s.calls }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5);
    }
    this.rows[this.current] = row;
    this.sqlMs = 0;
    this.sqlCalls = 0;
    this.bySql = new Map();
    this.current = null;
  }
}

const PLAN_MARKER = 'SELECT max(priority) AS p FROM plan_to_watch';
const squashSql = (sql: string): string => sql.replace(/\s+/g, ' ').trim().slice(0, 90);

/** Wrap the methods of one db handle (own properties shadow the class's) to mark stages and, optionally, time SQL. */
function hookDb(db: SqlDb, clock: StageClock): void {
  let depth = 0;
  const timed =
    <A extends unknown[], R>(sql: string, fn: (...a: A) => R): ((...a: A) => R) =>
    (...a: A): R => {
      // Only the outermost call counts: SqlJsDb.get calls this.all, which is wrapped too.
      if (!instrumenting || depth > 0) return fn(...a);
      const t = now();
      depth++;
      try {
        return fn(...a);
      } finally {
        depth--;
        const dt = now() - t;
        clock.sqlMs += dt;
        clock.sqlCalls++;
        const key = squashSql(sql);
        const s = clock.bySql.get(key) ?? { ms: 0, calls: 0 };
        s.ms += dt;
        s.calls++;
        clock.bySql.set(key, s);
      }
    };
  const exec = db.exec.bind(db);
  db.exec = (sql: string): void => {
    if (sql === 'BEGIN') {
      clock.start('prepare');
      timed(sql, exec)(sql);
      return;
    }
    if (sql === 'COMMIT') {
      clock.start('commit');
      timed(sql, exec)(sql);
      clock.start('snapshot'); // Warehouse.write snapshots the old file right after COMMIT, then saves
      return;
    }
    timed(sql, exec)(sql);
  };
  const exp = db.export.bind(db);
  db.export = (): Uint8Array => {
    clock.start('export');
    const image = exp();
    clock.start('write');
    return image;
  };
  // addPlanItems (Plan to Watch entries into the plan; then the run row) opens with this query.
  const get = db.get.bind(db);
  db.get = (<T>(sql: string, params?: readonly SqlParam[]): T | undefined => {
    if (sql === PLAN_MARKER) clock.start('plan');
    return timed(sql, get)(sql, params) as T | undefined;
  }) as SqlDb['get'];
  if (!instrumenting) return;
  const run = db.run.bind(db);
  db.run = (sql: string, params?: readonly SqlParam[]): number => timed(sql, run)(sql, params);
  const all = db.all.bind(db);
  db.all = (<T>(sql: string, params?: readonly SqlParam[]): T[] => timed(sql, all)(sql, params) as T[]) as SqlDb['all'];
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string): SqlStatement => {
    const stmt = timed(`prepare ${sql}`, prepare)(sql);
    return { run: timed(sql, stmt.run.bind(stmt)), free: timed(`free ${sql}`, stmt.free.bind(stmt)) };
  };
}

function countGold(db: SqlDb): { titles: number; versions: number } {
  const r = db.get<{ titles: number; versions: number }>(
    "SELECT (SELECT count(*) FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0 AND title_key LIKE 'mal:%') AS titles, " +
      "(SELECT count(*) FROM user_watch_history WHERE title_key LIKE 'mal:%') AS versions",
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

/**
 * The reader against its reference, one after the other in this process: the file streamed (read, gunzip, UTF-8
 * decode) with nothing done to the text; the bare streaming scan (the same stream through saxes with no handler:
 * the least any streaming XML reader of this file costs); then readMalExport itself (the same stream, saxes, the
 * entries built, checked and their bronze JSON written). Running peak RSS at the end of each.
 */
async function readerOnly(exportPath: string): Promise<void> {
  const { streamExportText, DEFAULT_MAL_MAX_BYTES } = await import('../../src/sources/mal/export-file.ts');
  const { readMalExport } = await import('../../src/sources/mal/read-export.ts');
  const { SaxesParser } = await import('saxes');
  const steps: Record<string, StageRow> = {};
  let t = now();
  const step = (name: string): void => {
    const t1 = now();
    const mem = process.memoryUsage();
    steps[name] = {
      ms: round(t1 - t),
      peakRssMB: peakRssMB(),
      rssMB: round(mem.rss / MB),
      heapUsedMB: round(mem.heapUsed / MB),
    };
    t = now();
  };
  let chars = 0;
  await streamExportText(exportPath, exportPath, DEFAULT_MAL_MAX_BYTES, (text) => {
    chars += text.length;
  });
  step('stream: read, gunzip, UTF-8 decode');
  const bare = new SaxesParser();
  let elements = 0;
  bare.on('error', () => {}); // the synthetic file is well-formed; a value-level complaint must not stop the scan
  await streamExportText(exportPath, exportPath, DEFAULT_MAL_MAX_BYTES, (text) => {
    bare.write(text);
  });
  bare.close();
  step('bare streaming scan (stream + saxes, no handlers)');
  const x = await readMalExport(exportPath);
  elements = x.entries.length + x.skipped.length;
  step('readMalExport (stream + saxes + entries)');
  process.stdout.write(
    `${JSON.stringify({ readerOnly: true, chars, elements, ok: x.entries.length, steps, maxRssMB: peakRssMB(), node: process.version })}\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      export: { type: 'string' },
      'as-of': { type: 'string' },
      instrument: { type: 'boolean' },
      'full-reload': { type: 'boolean' },
      'reader-only': { type: 'boolean' },
    },
  });
  if (!values.export || (!values['reader-only'] && !values['data-dir'])) {
    throw new Error(
      'usage: import-mal-once.ts --data-dir <dir> --export <file.xml[.gz]> [--as-of ISO] [--instrument] [--full-reload] | --reader-only --export <file>',
    );
  }
  const exportPath = resolve(values.export);
  if (values['reader-only']) return readerOnly(exportPath);

  instrumenting = Boolean(values.instrument);
  const dataDir = resolve(values['data-dir']!);
  const asOf = values['as-of'] ?? new Date().toISOString();
  mkdirSync(dataDir, { recursive: true });

  const { openSqlJs } = await import('../../src/warehouse/db.ts');
  const { Warehouse } = await import('../../src/warehouse/store.ts');
  const { importMalExport } = await import('../../src/app/import-mal.ts');
  const tInit = now();
  (await openSqlJs()).close(); // instantiate the WASM module once; Warehouse.open reuses it
  const initMs = now() - tInit;

  const clock = new StageClock();
  // importMalExport says 'read' before reading the file, loadMalExport 'read' again before the bronze inserts;
  // 'save' comes after the plan items and the run row, before COMMIT.
  let reads = 0;
  const onEvent = (e: ImportEvent): void => {
    if (e.type !== 'stage') return;
    if (e.stage === 'read') clock.start(reads++ === 0 ? 'parse' : 'bronze');
    else if (e.stage === 'silver' || e.stage === 'gold') clock.start(e.stage);
  };

  const t0 = now();
  clock.start('open');
  const wh = await Warehouse.open(dataDir);
  const openMs = now() - t0;
  clock.end();
  const before = countGold(wh.db);
  hookDb(wh.db, clock);
  const tImport = now();
  const result: ImportResult = await importMalExport(wh, exportPath, {
    asOf,
    onEvent,
    fullReload: Boolean(values['full-reload']),
  });
  const tEnd = now();
  clock.end(tEnd);
  const importMs = tEnd - tImport;
  const after = countGold(wh.db);
  wh.close();

  const c = result.counts;
  const line = {
    ms: round(openMs + importMs),
    initMs: round(initMs),
    openMs: round(openMs),
    maxRssMB: peakRssMB(),
    identical: result.identical,
    titles: after.titles,
    versions: after.versions,
    versionsBefore: before.versions,
    versionsAdded: after.versions - before.versions,
    counts: {
      records: c.recordsRead,
      recordsNew: c.recordsNew,
      skipped: c.recordsSkipped,
      titlesNew: c.titlesNew,
      titlesChanged: c.titlesChanged,
      titlesUnchanged: c.titlesUnchanged,
      titlesDeleted: c.titlesDeleted,
      titlesRestored: c.titlesRestored,
    },
    notes: result.notes ?? [],
    stages: clock.rows,
    dbFileMB: fileMB(join(dataDir, 'warehouse.sqlite')),
    asOf,
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`import-mal-once failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
