import { hash } from 'node:crypto';
import type { SqlDb } from './db.ts';
import { RowBatch } from './row-batch.ts';
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

/**
 * Appends raw records verbatim. History is de-duplicated on Trakt's play id (a play re-exported with newer
 * show metadata is the same play); other sections on (key, content), so a rating whose value changed is kept
 * beside the old one. What is stored is read once per section, so a re-import costs a set look-up per record.
 * New rows are written in batches, in the order they came: call `flush()` before reading the counts or the tables.
 */
export class BronzeWriter {
  private readonly batches = new Map<BronzeSection, RowBatch>();
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
    let batch = this.batches.get(rec.section);
    if (!batch) {
      // The payload travels as UTF-8 bytes and is stored as TEXT by the CAST: the same column a reader sees,
      // without sql.js's slow per-character string encoding (most of a cold import's SQL time).
      batch = new RowBatch(
        this.db,
        `INSERT OR IGNORE INTO ${TABLE[rec.section]} (record_key, content_hash, source_file, payload, run_id)`,
        '(?, ?, ?, CAST(? AS TEXT), ?)',
        (added, rows) => {
          this.newRecords += added;
          this.knownRecords += rows - added;
        },
      );
      this.batches.set(rec.section, batch);
    }
    batch.push([rec.key, h, sourceFile, bytes, this.runId]);
    return h;
  }

  /** Write the rows still pending. */
  flush(): void {
    for (const b of this.batches.values()) b.flush();
  }

  close(): void {
    for (const b of this.batches.values()) b.free();
    this.batches.clear();
    this.known.clear();
    this.addedNow.clear();
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
