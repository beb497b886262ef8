import type { SqlDb, SqlParam, SqlStatement } from './db.ts';

/**
 * Rows inserted many to a statement: one step across the JavaScript/WebAssembly boundary for `size` rows instead
 * of one per row, which is most of what a large import's inserts cost on sql.js. Rows are written in the order
 * they are pushed; `flush()` writes the rest, `free()` releases the statement.
 */
export class RowBatch {
  private readonly pending: SqlParam[] = [];
  private readonly columns: number;
  private full: SqlStatement | null = null;

  /**
   * `head`: the statement up to `VALUES`; `row`: one row's placeholders, e.g. `(?, ?, CAST(? AS TEXT))`.
   * `written` hears, after each statement, how many rows it changed of how many it carried.
   */
  constructor(
    private readonly db: SqlDb,
    private readonly head: string,
    private readonly row: string,
    private readonly written: (changed: number, rows: number) => void = () => {},
    private readonly size = 64,
  ) {
    this.columns = row.split('?').length - 1;
  }

  push(values: readonly SqlParam[]): void {
    for (const v of values) this.pending.push(v);
    if (this.pending.length === this.size * this.columns) this.write(this.size);
  }

  flush(): void {
    if (this.pending.length) this.write(this.pending.length / this.columns);
  }

  free(): void {
    this.full?.free();
    this.full = null;
    this.pending.length = 0;
  }

  private write(n: number): void {
    const sql = () => `${this.head} VALUES ${Array.from({ length: n }, () => this.row).join(', ')}`;
    const stmt = n === this.size ? (this.full ??= this.db.prepare(sql())) : this.db.prepare(sql());
    try {
      this.written(stmt.run(this.pending), n);
    } finally {
      if (stmt !== this.full) stmt.free();
    }
    this.pending.length = 0;
  }
}
