/**
 * How a source's snapshot (src/domain/source-snapshot.ts) becomes titles: a shape says how that source's values
 * become silver rows and gold titles. `loadSnapshot` does everything else the same way for every source:
 * bronze, the identical-batch shortcut, SCD2 versions, the plan, the audit row.
 */

import type { SqlDb } from '../warehouse/db.ts';
import type { GoldValues } from '../domain/scd2-plan.ts';
import type { RawRecord, SkippedRecord } from '../domain/types.ts';
import type { SnapshotPage, SourceSnapshot } from '../domain/source-snapshot.ts';
import type { CrossCheck } from '../domain/aggregate.ts';
import type { NewPlanItem } from '../warehouse/plan.ts';
import type { TitleMatch } from '../warehouse/enrichment.ts';

export type { SnapshotPage, SourceSnapshot };

/** What a shape derives from a whole snapshot. */
export interface Derived {
  gold: GoldValues[];
  writeSilver(db: SqlDb): void;
  /** Matches the source names itself (a MAL id on every entry): recorded once, so enrichment never searches them. */
  matches: (known: ReadonlyMap<string, TitleMatch>, at: string) => TitleMatch[];
  crossCheck: CrossCheck | null;
  /** Records seen twice in this batch (Trakt repeats plays at page boundaries). */
  duplicates: number;
}

/** How one source's values become silver and gold titles. One instance per load: it collects the pages. */
export interface SnapshotShape<V> {
  /** Gold keys this source owns: a full snapshot marks its own missing titles deleted, never another source's. */
  keyPrefix: string;
  /** Run kinds whose silver this shape replaces: the identical-batch shortcut compares with the newest of them. */
  runKinds: readonly string[];
  /** First line of the batch digest; bump its version when what silver and gold derive from the records changes. */
  digestHeader: string;
  digestRecord(raw: RawRecord, hash: string): string;
  digestSkip(s: SkippedRecord): string;
  collect(page: SnapshotPage<V>): void;
  /** The refusal of a snapshot with nothing usable in it (it would delete every title of the source), or null. */
  emptyError(snapshot: SourceSnapshot<V>, skipped: readonly SkippedRecord[]): Error | null;
  derive(): Derived;
  /**
   * The sections an identical snapshot is still read for (what `planItems` needs), when its
   * fingerprint shows it is the very files of the last load; without it such a snapshot is read whole.
   */
  identicalSections?: readonly string[];
  /** What an identical batch still reports (the silver it already has is this batch's). */
  identical(db: SqlDb): { crossCheck: CrossCheck | null; duplicates: number };
  planItems(): NewPlanItem[];
}
