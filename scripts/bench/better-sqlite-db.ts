/**
 * The warehouse's `SqlDb` surface over better-sqlite3: the benchmark's native baseline. Same SQL, same loader
 * code, native SQLite on a file instead of sql.js in memory.
 *
 * Semantics kept identical to the sql.js adapter (src/warehouse/db.ts): positional parameters only,
 * `run()` and `prepare().run()` return the number of rows changed, `all()` returns plain row objects,
 * `export()` returns a whole SQLite file image (`db.serialize()`).
 */

import Database from 'better-sqlite3';
import type { SqlDb, SqlParam, SqlStatement } from '../../src/warehouse/db.ts';

export interface BetterSqliteOptions {
  /** Extra PRAGMAs run after opening, e.g. `['journal_mode = WAL']`. Defaults are SQLite's (rollback journal, FULL sync). */
  pragmas?: readonly string[];
}

export class BetterSqliteDb implements SqlDb {
  readonly raw: Database.Database;

  constructor(file: string, opts: BetterSqliteOptions = {}) {
    this.raw = new Database(file);
    for (const p of opts.pragmas ?? []) this.raw.pragma(p);
  }

  exec(sql: string): void {
    this.raw.exec(sql);
  }

  run(sql: string, params: readonly SqlParam[] = []): number {
    return this.raw.prepare(sql).run(...params).changes;
  }

  all<T>(sql: string, params: readonly SqlParam[] = []): T[] {
    const stmt = this.raw.prepare(sql);
    if (!stmt.reader) {
      // sql.js returns no rows for a statement that yields none; do the same rather than throw.
      stmt.run(...params);
      return [];
    }
    return stmt.all(...params) as T[];
  }

  get<T>(sql: string, params: readonly SqlParam[] = []): T | undefined {
    return this.all<T>(sql, params)[0];
  }

  prepare(sql: string): SqlStatement {
    const stmt = this.raw.prepare(sql);
    return {
      run: (params) => stmt.run(...params).changes,
      free: () => {
        /* better-sqlite3 finalizes statements when they are garbage-collected */
      },
    };
  }

  export(): Uint8Array {
    return this.raw.serialize();
  }

  close(): void {
    this.raw.close();
  }
}

/** Open (or create) a file-backed better-sqlite3 database as an `SqlDb`. */
export function openBetterSqlite(file: string, opts: BetterSqliteOptions = {}): BetterSqliteDb {
  return new BetterSqliteDb(file, opts);
}
