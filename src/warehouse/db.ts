import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic } from 'sql.js';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Uint8Array binds as a BLOB (sql.js copies it in one call, where a long string is encoded char by char). */
export type SqlParam = string | number | null | Uint8Array;

/** A prepared statement for hot loops (bulk inserts). */
export interface SqlStatement {
  /** Returns the number of rows changed. */
  run(params: readonly SqlParam[]): number;
  free(): void;
}

/**
 * The small SQL surface the warehouse uses, so the same loader runs on sql.js (the product) and on
 * better-sqlite3 (the benchmark's native baseline). Parameters are always positional.
 */
export interface SqlDb {
  exec(sql: string): void;
  run(sql: string, params?: readonly SqlParam[]): number;
  all<T>(sql: string, params?: readonly SqlParam[]): T[];
  get<T>(sql: string, params?: readonly SqlParam[]): T | undefined;
  prepare(sql: string): SqlStatement;
  /** Serialise the whole database to an SQLite file image. */
  export(): Uint8Array;
  close(): void;
}

let sqlJs: Promise<SqlJsStatic> | undefined;

/**
 * sql.js's WebAssembly file. The bundle (dist/cli.js) carries sql.js inside it and the wasm beside it, so an
 * installed anidex has no node_modules; run from source, it is the one in sql.js's own folder.
 */
function sqlWasmPath(): string {
  const beside = fileURLToPath(new URL('sql-wasm.wasm', import.meta.url));
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
}

function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const wasm = sqlWasmPath();
    sqlJs = initSqlJs({ locateFile: () => wasm });
  }
  return sqlJs;
}

class SqlJsDb implements SqlDb {
  constructor(private readonly db: Database) {}

  exec(sql: string): void {
    this.db.exec(sql);
  }

  run(sql: string, params: readonly SqlParam[] = []): number {
    this.db.run(sql, params as SqlParam[]);
    return this.db.getRowsModified();
  }

  all<T>(sql: string, params: readonly SqlParam[] = []): T[] {
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind(params as SqlParam[]);
      const rows: T[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject() as T);
      return rows;
    } finally {
      stmt.free();
    }
  }

  get<T>(sql: string, params: readonly SqlParam[] = []): T | undefined {
    return this.all<T>(sql, params)[0];
  }

  prepare(sql: string): SqlStatement {
    const stmt = this.db.prepare(sql);
    return {
      run: (params) => {
        stmt.run(params as SqlParam[]);
        return this.db.getRowsModified();
      },
      free: () => {
        stmt.free();
      },
    };
  }

  export(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    this.db.close();
  }
}

/** Open an SQLite image (or a new empty database) in memory with sql.js. */
export async function openSqlJs(image?: Uint8Array): Promise<SqlDb> {
  const SQL = await loadSqlJs();
  return new SqlJsDb(new SQL.Database(image ?? null));
}

/** Run `fn` inside one transaction: all of it is written, or none of it. */
export async function transaction<T>(db: SqlDb, fn: () => T | Promise<T>): Promise<T> {
  db.exec('BEGIN');
  try {
    const out = await fn();
    db.exec('COMMIT');
    return out;
  } catch (err) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // SQLite may already have rolled back by itself (out of memory, disk full): keep the first error.
    }
    throw err;
  }
}
