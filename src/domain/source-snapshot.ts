/**
 * What every source adapter produces: the whole current state of one source (a Trakt export on disk, a MyAnimeList
 * XML file, an account pulled over an API) as pages of raw records, each with its parsed value. One loader
 * (src/app/load-snapshot.ts) versions any of them the same way.
 */

import type { RawRecord, SkippedRecord } from './types.ts';

/** One file of an export, or one page of an API answer. */
export interface SnapshotPage<V> {
  /** As bronze records it: the file inside the export, or the API page (`anilist:lists`, `page 2`). */
  name: string;
  /** Which kind of records the page holds, for a source with several (Trakt's history, ratings, watchlist, watched). */
  section?: string;
  /** The page as messages name it (the export's path and the file; the URL), when that differs from `name`. */
  origin?: string;
  /** Size for progress (bytes of a file; 0 when unknown). */
  bytes: number;
  records: ReadonlyArray<{ raw: RawRecord; value: V }>;
  skipped: readonly SkippedRecord[];
}

/** The whole current state of one source, ready to be loaded (opened or fetched before the writer lock). */
export interface SourceSnapshot<V> {
  /** What the run row names: an export's path, or `anilist:<user>` for an account. */
  path: string;
  /** `pipeline_runs.kind` of this load (`import`, `import-mal`, `sync-anilist`, …). */
  runKind: string;
  /** How many pages there are and their total size, for progress. */
  pageCount: number;
  bytesTotal: number;
  /** Every page, or with `sections` only the pages of those sections (the rest are not read at all). */
  pages(sections?: ReadonlySet<string>): AsyncIterable<SnapshotPage<V>>;
  /**
   * A digest of everything the pages are read from (each file's name and bytes, and the reader's version), for a
   * source that is files: two snapshots with the same fingerprint hold the same records. After a full `pages()`
   * it is the digest of what that pass read; before, it reads every file once without parsing.
   */
  fingerprint?(): Promise<string>;
  /** Sentences worth telling after the load (a MAL export's totals that disagree with its entries). */
  notes?: string[];
  close?(): Promise<void>;
}
