import { createHash } from 'node:crypto';
import type { Warehouse } from '../warehouse/store.ts';
import type { SqlDb } from '../warehouse/db.ts';
import { BronzeWriter } from '../warehouse/bronze.ts';
import { addPlanItems } from '../warehouse/plan.ts';
import { allMatches, saveMatches } from '../warehouse/enrichment.ts';
import { currentTitleCount, loadGold, newestValidFrom } from '../warehouse/scd2.ts';
import {
  finishRun,
  lastImportDigest,
  lastLoad,
  recordFingerprint,
  startRun,
  ZERO_COUNTS,
  type LastLoad,
  type RunCounts,
} from '../warehouse/runs.ts';
import type { Scd2Plan } from '../domain/scd2-plan.ts';
import type { SkippedRecord } from '../domain/types.ts';
import { LoadRefusedError } from '../lib/errors.ts';
import type { CrossCheck } from '../domain/aggregate.ts';
import type { ImportListener, ImportResult } from './events.ts';
import type { SnapshotShape, SourceSnapshot } from './snapshot.ts';

export interface LoadOptions {
  strict?: boolean;
  /**
   * Load a snapshot with no usable play (Trakt) or entry (a list). Without it such a snapshot is refused: every
   * load is read as the whole account, so it would mark every title of its source deleted.
   */
  allowEmpty?: boolean;
  /** Rebuild silver and gold even when the batch is identical to the last load's (benchmarks, repairs). */
  fullReload?: boolean;
  /** Whether the load time came from the user (--as-of), for the wording of a refusal. */
  asOfGiven?: boolean;
  onEvent?: ImportListener;
  /** Aborting stops the load between pages and stages; the caller's transaction then rolls everything back. */
  signal?: AbortSignal;
}

export interface ImportOptions extends LoadOptions {
  /** Canonical ISO UTC time the data is valid from; default now. */
  asOf?: string;
  lockWaitMs?: number;
}

/** Copy a gold load's title counts into the run's counts; returns the titles it marked deleted. */
export function recordGoldCounts(counts: RunCounts, plan: Scd2Plan): string[] {
  counts.titlesNew = plan.counts.new;
  counts.titlesChanged = plan.counts.changed;
  counts.titlesUnchanged = plan.counts.unchanged;
  counts.titlesDeleted = plan.counts.deleted;
  counts.titlesRestored = plan.counts.restored;
  return plan.insert.filter((i) => i.isDeleted).map((i) => i.values.title);
}

/** History only moves forward: a load time before the newest version already stored is refused before anything is read. */
export function refuseIfBehind(newest: string | null, loadTime: string, asOfGiven: boolean): void {
  if (newest !== null && loadTime < newest) {
    throw new LoadRefusedError(
      `The load time ${loadTime} is earlier than the newest version already in the warehouse (${newest}); history must move forward, so nothing was written.`,
      asOfGiven
        ? 'Drop --as-of to load as of now, or give an --as-of later than that time.'
        : "This machine's clock seems to be behind the last import; check it.",
    );
  }
}

/**
 * THE loader: version one source's whole current state into `db` as of `loadTime`, inside the caller's
 * transaction. Bronze appends every record verbatim; a batch identical to the last load of the same source skips
 * silver and gold; otherwise silver is replaced and gold gets SCD2 versions under the shape's key prefix. Works
 * on any SqlDb, so the benchmark can run the very same load on better-sqlite3.
 */
export async function loadSnapshot<V>(
  db: SqlDb,
  snapshot: SourceSnapshot<V>,
  shape: SnapshotShape<V>,
  loadTime: string,
  opts: LoadOptions = {},
): Promise<ImportResult> {
  const emit = opts.onEvent ?? (() => {});
  refuseIfBehind(newestValidFrom(db), loadTime, opts.asOfGiven ?? true);
  const counts: RunCounts = { ...ZERO_COUNTS };
  const skipped: SkippedRecord[] = [];
  const runId = startRun(db, snapshot.runKind, new Date().toISOString(), snapshot.path, loadTime);
  const prior = opts.fullReload ? null : lastLoad(db, shape.runKinds);
  if (prior && (await sameFilesAsLast(db, snapshot, shape, prior, opts))) {
    return loadSameFiles(db, snapshot, shape, prior, runId, loadTime, opts);
  }
  const bronze = new BronzeWriter(db, runId);
  const digest = createHash('sha1').update(shape.digestHeader);

  emit({ type: 'stage', stage: 'read' });
  let bytesDone = 0;
  let done = 0;
  try {
    for await (const page of snapshot.pages()) {
      for (const r of page.records) digest.update(shape.digestRecord(r.raw, bronze.add(r.raw, page.name)));
      shape.collect(page);
      counts.recordsRead += page.records.length + page.skipped.length;
      counts.recordsSkipped += page.skipped.length;
      skipped.push(...page.skipped);
      for (const k of page.skipped) digest.update(shape.digestSkip(k));
      done++;
      bytesDone += page.bytes;
      emit({
        type: 'file',
        file: page.name,
        done,
        total: snapshot.pageCount,
        bytesDone,
        bytesTotal: snapshot.bytesTotal,
        records: page.records.length,
        skipped: page.skipped.length,
      });
      opts.signal?.throwIfAborted();
    }
    bronze.flush();
  } finally {
    bronze.close();
  }
  const empty = opts.allowEmpty ? null : shape.emptyError(snapshot, skipped);
  if (empty) throw empty;
  counts.filesRead = done;
  counts.recordsNew = bronze.newRecords;
  counts.recordsKnown = bronze.knownRecords;
  counts.recordsRepeated = bronze.repeatedRecords;

  const batchDigest = digest.digest('hex');
  let deletedTitles: string[] = [];
  let crossCheck: CrossCheck | null;
  const identical = !opts.fullReload && batchDigest === lastImportDigest(db, shape.runKinds);
  if (identical) {
    // The very records of the last load of this source: silver and gold cannot change, so skip rebuilding them.
    const same = shape.identical(db);
    counts.recordsDuplicate = same.duplicates;
    counts.titlesUnchanged = currentTitleCount(db, shape.keyPrefix);
    crossCheck = same.crossCheck;
  } else {
    opts.signal?.throwIfAborted();
    emit({ type: 'stage', stage: 'silver' });
    const derived = shape.derive();
    counts.recordsDuplicate = derived.duplicates;
    crossCheck = derived.crossCheck;
    derived.writeSilver(db);

    opts.signal?.throwIfAborted();
    emit({ type: 'stage', stage: 'gold' });
    deletedTitles = recordGoldCounts(counts, loadGold(db, derived.gold, loadTime, runId, shape.keyPrefix));
    const named = derived.matches(allMatches(db), loadTime);
    if (named.length) saveMatches(db, named);
  }
  // A source's plan-to-watch items join the plan once; later loads and removals at the source never touch them again.
  addPlanItems(db, shape.planItems(), loadTime);
  finishRun(db, runId, counts, skipped.length ? 'ok-with-skips' : 'ok', skipped, batchDigest);
  if (snapshot.fingerprint) recordFingerprint(db, shape.runKinds, runId, await snapshot.fingerprint(), crossCheck);
  return {
    runId,
    sourcePath: snapshot.path,
    validFrom: loadTime,
    counts,
    skipped,
    deletedTitles,
    identical,
    crossCheck,
    notes: snapshot.notes,
  };
}

/**
 * Whether `snapshot` is the very files the last load of its source read (same fingerprint), so that its records
 * are that load's and need not be read. Only where reading them again could not say anything new: not with
 * --strict after a load that skipped records (strict must refuse them), nor when the last load had no title left
 * (an empty export must still be refused unless allowed).
 */
async function sameFilesAsLast<V>(
  db: SqlDb,
  snapshot: SourceSnapshot<V>,
  shape: SnapshotShape<V>,
  prior: LastLoad,
  opts: LoadOptions,
): Promise<boolean> {
  if (!prior.fingerprint || !prior.batchDigest || !snapshot.fingerprint || !shape.identicalSections) return false;
  if (opts.strict && prior.skipped.length > 0) return false;
  if (!opts.allowEmpty && currentTitleCount(db, shape.keyPrefix) === 0) return false;
  return (await snapshot.fingerprint()) === prior.fingerprint;
}

/**
 * The identical load without reading the records again: bronze already holds every one of them and silver and
 * gold are theirs, so only what the plan needs is read, and the cross-check is the last load's. The run row repeats the last load's
 * counts as an identical re-read would give them (every record known, none new).
 */
async function loadSameFiles<V>(
  db: SqlDb,
  snapshot: SourceSnapshot<V>,
  shape: SnapshotShape<V>,
  prior: LastLoad,
  runId: number,
  loadTime: string,
  opts: LoadOptions,
): Promise<ImportResult> {
  const emit = opts.onEvent ?? (() => {});
  emit({ type: 'stage', stage: 'read' });
  for await (const page of snapshot.pages(new Set(shape.identicalSections))) {
    shape.collect(page);
    opts.signal?.throwIfAborted();
  }
  const c = prior.counts;
  const counts: RunCounts = {
    ...ZERO_COUNTS,
    ...c,
    recordsKnown: c.recordsRead - c.recordsSkipped,
    titlesUnchanged: currentTitleCount(db, shape.keyPrefix),
  };
  emit({
    type: 'file',
    file: snapshot.path,
    done: snapshot.pageCount,
    total: snapshot.pageCount,
    bytesDone: snapshot.bytesTotal,
    bytesTotal: snapshot.bytesTotal,
    records: counts.recordsRead - c.recordsSkipped,
    skipped: c.recordsSkipped,
  });
  const skipped = prior.skipped;
  const crossCheck = prior.crossCheck;
  addPlanItems(db, shape.planItems(), loadTime);
  finishRun(db, runId, counts, skipped.length ? 'ok-with-skips' : 'ok', skipped, prior.batchDigest);
  recordFingerprint(db, shape.runKinds, runId, prior.fingerprint!, crossCheck);
  return {
    runId,
    sourcePath: snapshot.path,
    validFrom: loadTime,
    counts,
    skipped,
    deletedTitles: [],
    identical: true,
    crossCheck,
    notes: snapshot.notes,
  };
}

/**
 * Load a snapshot as one all-or-nothing write: `prepare` opens or fetches it before the writer lock is taken
 * (a slow network never holds the lock), then one transaction under the lock, with a snapshot of the warehouse
 * file before any change and none when the batch was identical. On any error the file is left untouched.
 */
export async function importSnapshot<V>(
  wh: Warehouse,
  prepare: () => Promise<SourceSnapshot<V>>,
  makeShape: () => SnapshotShape<V>,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  if (opts.asOf) refuseIfBehind(newestValidFrom(wh.db), opts.asOf, true); // fail fast, before reading anything big
  const snapshot = await prepare();
  try {
    opts.signal?.throwIfAborted();
    return await wh.write(
      async (db) => {
        // "Now" is taken once the lock is held: another import may have saved a later time while we waited.
        const result = await loadSnapshot(db, snapshot, makeShape(), opts.asOf ?? new Date().toISOString(), {
          ...opts,
          asOfGiven: opts.asOf !== undefined,
        });
        // The last moment a cancel can still leave the warehouse exactly as it was.
        opts.signal?.throwIfAborted();
        opts.onEvent?.({ type: 'stage', stage: 'save' });
        return result;
      },
      {
        snapshot: 'import',
        snapshotWhen: (r) => !r.identical,
        what: `importing ${snapshot.path}`,
        lockWaitMs: opts.lockWaitMs,
      },
    );
  } finally {
    await snapshot.close?.();
  }
}
