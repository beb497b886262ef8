import { createHash } from 'node:crypto';
import type { SqlDb, SqlStatement } from './db.ts';
import type { RawRecord, TraktSection } from '../domain/types.ts';

const TABLE: Record<TraktSection, string> = {
  history: 'bronze_trakt_history',
  ratings: 'bronze_trakt_ratings',
  watchlist: 'bronze_trakt_watchlist',
  watched: 'bronze_trakt_watched',
};

/**
 * Appends raw records verbatim. A record is new when its (key, content) pair is: the same play id seen again
 * adds nothing, while a rating whose value changed is kept beside the old one.
 */
export class BronzeWriter {
  private readonly stmts = new Map<TraktSection, SqlStatement>();
  newRecords = 0;
  knownRecords = 0;

  constructor(
    private readonly db: SqlDb,
    private readonly runId: number,
  ) {}

  add(rec: RawRecord): void {
    let stmt = this.stmts.get(rec.section);
    if (!stmt) {
      stmt = this.db.prepare(
        `INSERT OR IGNORE INTO ${TABLE[rec.section]} (record_key, content_hash, source_file, payload, run_id) VALUES (?, ?, ?, ?, ?)`,
      );
      this.stmts.set(rec.section, stmt);
    }
    const hash = createHash('sha1').update(rec.json).digest('hex');
    if (stmt.run([rec.key, hash, rec.file, rec.json, this.runId]) > 0) this.newRecords++;
    else this.knownRecords++;
  }

  close(): void {
    for (const s of this.stmts.values()) s.free();
    this.stmts.clear();
  }
}
