import { hash } from 'node:crypto';
import type { SqlDb, SqlParam, SqlStatement } from './db.ts';
import type { BronzeSection, RawRecord } from '../domain/types.ts';

const TABLE: Record<BronzeSection, string> = {
  history: 'bronze_trakt_history',
  ratings: 'bronze_trakt_ratings',
  watchlist: 'bronze_trakt_watchlist',
  watched: 'bronze_trakt_watched',
  mal: 'bronze_mal_anime',
  anilist: 'bronze_anilist_entries',
};

/** The content hash bronze keys records by (sha1 of the compact JSON, as UTF-8). */
export function contentHash(json: string | Uint8Array): string {
  return hash('sha1', json);
}

/** Rows per INSERT: one statement step for many records, instead of a JavaScript/WebAssembly round trip each. */
const BATCH = 64;

/**
 * Appends raw records verbatim. History is de-duplicated on Trakt's play id (a play re-exported with newer
 * show metadata is the same play); other sections on (key, content), so a rating whose value changed is kept
 * beside the old one. What is stored is read once per section, so a re-import costs a set look-up per record.
 * New rows are written in batches, in the order they came: call `flush()` before reading the counts or the tables.
 */
export class BronzeWriter {
  private readonly stmts = new Map<BronzeSection, SqlStatement>();
  private readonly pending = new Map<BronzeSection, SqlParam[]>();
  private readonly known = new Map<BronzeSection, Set<string>>();
  newRecords = 0;
  /** Records stored by an earlier import. */
  knownRecords = 0;
  /** Records that appear twice in this very export (Trakt repeats page-boundary plays). */
  repeatedRecords = 0;
  private readonly addedNow = new Set<string>();

  constructor(
    private readonly db: SqlDb,
    private readonly runId: number,
  ) {}

  /** Store `rec` unless it is already there; returns its content hash. */
  add(rec: RawRecord, sourceFile: string): string {
    // Encoded once: hashed, and bound as the payload's bytes when new.
    const bytes = Buffer.from(rec.json, 'utf8');
    const h = contentHash(bytes);
    const known = this.knownSet(rec.section);
    const id = rec.section === 'history' ? rec.key : `${rec.key}\u0000${h}`;
    if (known.has(id)) {
      if (this.addedNow.has(id)) this.repeatedRecords++;
      else this.knownRecords++;
      return h;
    }
    known.add(id);
    this.addedNow.add(id);
    let rows = this.pending.get(rec.section);
    if (!rows) this.pending.set(rec.section, (rows = []));
    // The payload travels as UTF-8 bytes and is stored as TEXT by the CAST: the same column a reader sees,
    // without sql.js's slow per-character string encoding (most of a cold import's SQL time).
    rows.push(rec.key, h, sourceFile, bytes, this.runId);
    if (rows.length === BATCH * COLUMNS) this.write(rec.section, rows, BATCH);
    return h;
  }

  /** Write the rows still pending. */
  flush(): void {
    for (const [section, rows] of this.pending) if (rows.length) this.write(section, rows, rows.length / COLUMNS);
  }

  close(): void {
    for (const s of this.stmts.values()) s.free();
    this.stmts.clear();
    this.pending.clear();
    this.known.clear();
    this.addedNow.clear();
  }

  private write(section: BronzeSection, rows: SqlParam[], n: number): void {
    let stmt = n === BATCH ? this.stmts.get(section) : undefined;
    const sql = `INSERT OR IGNORE INTO ${TABLE[section]} (record_key, content_hash, source_file, payload, run_id)
       VALUES ${Array.from({ length: n }, () => '(?, ?, ?, CAST(? AS TEXT), ?)').join(', ')}`;
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (n === BATCH) this.stmts.set(section, stmt);
    }
    try {
      const added = stmt.run(rows);
      this.newRecords += added;
      this.knownRecords += n - added;
    } finally {
      if (n !== BATCH) stmt.free();
    }
    rows.length = 0;
  }

  private knownSet(section: BronzeSection): Set<string> {
    let set = this.known.get(section);
    if (!set) {
      const key = section === 'history' ? 'record_key' : 'record_key || char(0) || content_hash';
      set = new Set(this.db.all<{ k: string }>(`SELECT ${key} AS k FROM ${TABLE[section]}`).map((r) => r.k));
      this.known.set(section, set);
    }
    return set;
  }
}

const COLUMNS = 5;
