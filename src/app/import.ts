import { relative, resolve } from 'node:path';
import type { Warehouse } from '../warehouse/store.ts';
import { BronzeWriter } from '../warehouse/bronze.ts';
import { silverPlayTotals, syncSilver } from '../warehouse/silver.ts';
import { addPlanItems } from '../warehouse/plan.ts';
import { titleKey } from '../domain/title-key.ts';
import { currentTitleCount, loadGold, newestValidFrom } from '../warehouse/scd2.ts';
import { finishRun, lastImportDigest, startRun, ZERO_COUNTS, type RunCounts } from '../warehouse/runs.ts';
import { createHash } from 'node:crypto';
import { openExport, readTraktExport, type ExportSource } from '../sources/trakt/index.ts';
import type { SqlDb } from '../warehouse/db.ts';
import { aggregateTitles, crossCheckWatched, dedupePlays, toSilverPlay, type CrossCheck, type TitleFacts } from '../domain/aggregate.ts';
import type { GoldValues, Scd2Plan } from '../domain/scd2-plan.ts';
import type { SkippedRecord, TraktMedia, TraktPlay, TraktRating, TraktWatchedSummary, TraktWatchlistItem } from '../domain/types.ts';
import { LoadRefusedError } from '../lib/errors.ts';
import { emptyExportError } from '../domain/empty-export.ts';
import type { ImportListener, ImportResult } from './events.ts';

/** Copy a gold load's title counts into the run's counts; returns the titles it marked deleted. */
export function recordGoldCounts(counts: RunCounts, plan: Scd2Plan): string[] {
  counts.titlesNew = plan.counts.new;
  counts.titlesChanged = plan.counts.changed;
  counts.titlesUnchanged = plan.counts.unchanged;
  counts.titlesDeleted = plan.counts.deleted;
  counts.titlesRestored = plan.counts.restored;
  return plan.insert.filter((i) => i.isDeleted).map((i) => i.values.title);
}

/**
 * Bump when what silver and gold derive from the records changes (aggregation, title keys), so that
 * re-importing an unchanged export after an upgrade rebuilds them instead of taking the identical-batch shortcut.
 */
export const DERIVATION_VERSION = 1;

export interface ImportOptions extends LoadOptions {
  /** Canonical ISO UTC time the data is valid from; default now. */
  asOf?: string;
  lockWaitMs?: number;
}

function toGold(f: TitleFacts): GoldValues {
  return {
    titleKey: f.titleKey,
    traktId: f.traktId,
    malId: null,
    title: f.title,
    normTitle: f.normTitle,
    year: f.year,
    mediaType: f.mediaType,
    userRating: f.userRating,
    episodesWatched: f.episodesWatched,
    totalPlays: f.totalPlays,
    totalEpisodes: f.totalEpisodes,
    firstWatchedAt: f.firstWatchedAt,
    lastWatchedAt: f.lastWatchedAt,
    watchDurationDays: f.watchDurationDays,
    bingeIndicator: f.bingeIndicator,
  };
}

/** History only moves forward: a load time before the newest version already stored is refused before anything is read. */
export function refuseIfBehind(newest: string | null, loadTime: string, asOfGiven: boolean): void {
  if (newest !== null && loadTime < newest) {
    throw new LoadRefusedError(
      `The load time ${loadTime} is earlier than the newest version already in the warehouse (${newest}); history must move forward, so nothing was written.`,
      asOfGiven ? 'Drop --as-of to load as of now, or give an --as-of later than that time.' : "This machine's clock seems to be behind the last import; check it.",
    );
  }
}

/** The name of an export file inside its export, as bronze records it (the run row has the export's path). */
function relativeName(source: ExportSource, name: string): string {
  if (name.startsWith(`${source.path}:`)) return name.slice(source.path.length + 1);
  const rel = relative(source.path, name);
  return rel && !rel.startsWith('..') ? rel : name;
}

/**
 * One shared object per distinct show/film description: an export repeats the full show object in every play,
 * and 100 000 copies of it are most of an import's heap.
 */
class MediaInterner {
  private readonly seen = new Map<string, TraktMedia>();

  intern(m: TraktMedia): TraktMedia {
    const i = m.ids;
    const key = `${m.mediaType}|${i.trakt}|${i.slug}|${i.imdb}|${i.tmdb}|${i.tvdb}|${m.year}|${m.airedEpisodes}|${m.title}`;
    const hit = this.seen.get(key);
    if (hit) return hit;
    this.seen.set(key, m);
    return m;
  }
}

export interface LoadOptions {
  strict?: boolean;
  /**
   * Load an export with no usable play (Trakt) or entry (MyAnimeList). Without it such an export is refused: every
   * import is read as the whole account, so it would mark every title of its source deleted.
   */
  allowEmpty?: boolean;
  /** Rebuild silver and gold even when the batch is identical to the last import's (benchmarks, repairs). */
  fullReload?: boolean;
  /** Whether the load time came from the user (--as-of), for the wording of a refusal. */
  asOfGiven?: boolean;
  onEvent?: ImportListener;
  /** Aborting stops the load between files and stages; the caller's transaction then rolls everything back. */
  signal?: AbortSignal;
}

/**
 * Load an opened export into `db` as of `loadTime`, inside the caller's transaction. Works on any SqlDb, so
 * the benchmark can run the very same load on better-sqlite3.
 */
export async function loadTraktExport(db: SqlDb, source: ExportSource, loadTime: string, opts: LoadOptions = {}): Promise<ImportResult> {
  const emit = opts.onEvent ?? (() => {});
  refuseIfBehind(newestValidFrom(db), loadTime, opts.asOfGiven ?? true);
  const counts: RunCounts = { ...ZERO_COUNTS };
  const skipped: SkippedRecord[] = [];
  const runId = startRun(db, 'import', new Date().toISOString(), source.path, loadTime);
  const bronze = new BronzeWriter(db, runId);
  const plays: TraktPlay[] = [];
  const playIds = new Set<number>();
  const media = new MediaInterner();
  const digest = createHash('sha1').update(`derivation ${DERIVATION_VERSION}\n`);
  const ratings: TraktRating[] = [];
  const watchlist: TraktWatchlistItem[] = [];
  const watched: TraktWatchedSummary[] = [];

  emit({ type: 'stage', stage: 'read' });
  const sizes = new Map(source.files.map((f) => [f.name, f.size]));
  const bytesTotal = source.files.reduce((n, f) => n + f.size, 0);
  let bytesDone = 0;
  let done = 0;
  try {
    for await (const file of readTraktExport(source, { strict: opts.strict })) {
      const shortName = relativeName(source, file.file);
      if (file.section === 'history') {
        for (const r of file.records) {
          const h = bronze.add(r.raw, shortName);
          digest.update(`${r.raw.section}\u0000${r.raw.key}\u0000${h}\n`);
          playIds.add(r.value.playId);
          r.value.media = media.intern(r.value.media);
          plays.push(r.value);
        }
      } else {
        for (const r of file.records) digest.update(`${r.raw.section}\u0000${r.raw.key}\u0000${bronze.add(r.raw, shortName)}\n`);
        if (file.section === 'ratings') for (const r of file.records) ratings.push(r.value);
        else if (file.section === 'watchlist') for (const r of file.records) watchlist.push(r.value);
        else if (file.section === 'watched') for (const r of file.records) watched.push(r.value);
      }
      counts.recordsRead += file.records.length + file.skipped.length;
      counts.recordsSkipped += file.skipped.length;
      skipped.push(...file.skipped);
      for (const k of file.skipped) digest.update(`skip\u0000${k.file}\u0000${k.index}\u0000${k.field}\n`);
      done++;
      bytesDone += sizes.get(file.file) ?? 0;
      emit({ type: 'file', file: shortName, done, total: source.files.length, bytesDone, bytesTotal, records: file.records.length, skipped: file.skipped.length });
      opts.signal?.throwIfAborted();
    }
  } finally {
    bronze.close();
  }
  if (plays.length === 0 && !opts.allowEmpty) {
    // Named as the reader names them (the path given, then the file), like every other refusal of an export.
    const history = source.files.filter((f) => f.section === 'history').map((f) => f.name);
    const historySkipped = skipped.filter((k) => history.includes(k.file));
    throw emptyExportError({ exportPath: source.path, files: history, skipped: historySkipped, kind: 'trakt' });
  }
  counts.filesRead = done;
  counts.recordsNew = bronze.newRecords;
  counts.recordsKnown = bronze.knownRecords;
  counts.recordsRepeated = bronze.repeatedRecords;

  const batchDigest = digest.digest('hex');
  let deletedTitles: string[] = [];
  let crossCheck: CrossCheck | null = null;
  const identical = !opts.fullReload && batchDigest === lastImportDigest(db);
  if (identical) {
    // The very records of the last import, again: silver and gold cannot change, so skip rebuilding them.
    counts.recordsDuplicate = plays.length - playIds.size;
    counts.titlesUnchanged = currentTitleCount(db);
    // Silver is this very export's, so the cross-check still names what it found (`import --json` lists it all).
    crossCheck = crossCheckWatched(silverPlayTotals(db), watched);
  } else {
    opts.signal?.throwIfAborted();
    emit({ type: 'stage', stage: 'silver' });
    const unique = dedupePlays(plays);
    counts.recordsDuplicate = unique.duplicates;
    const titles = aggregateTitles(unique.plays, ratings);
    crossCheck = crossCheckWatched(titles, watched);
    syncSilver(db, unique.plays.map(toSilverPlay), titles, watchlist);

    opts.signal?.throwIfAborted();
    emit({ type: 'stage', stage: 'gold' });
    deletedTitles = recordGoldCounts(counts, loadGold(db, titles.map(toGold), loadTime, runId));
  }

  // The Trakt watchlist joins the plan-to-watch list once; re-imports and removals on Trakt never touch it again.
  addPlanItems(
    db,
    watchlist
      .filter((w) => w.kind === 'show' || w.kind === 'movie')
      .map((w) => ({ title: w.media.title, malId: null, notes: w.notes, source: 'trakt-watchlist' as const, sourceKey: titleKey(w.media) })),
    loadTime,
  );
  finishRun(db, runId, counts, skipped.length ? 'ok-with-skips' : 'ok', skipped, batchDigest);
  return { runId, sourcePath: source.path, validFrom: loadTime, counts, skipped, deletedTitles, identical, crossCheck };
}

/**
 * Import one Trakt export (a .zip or folder) as a full snapshot of the account: bronze appends, silver is
 * replaced, gold gets SCD2 versions. One transaction: on any error the warehouse file is left untouched.
 */
export async function importTraktExport(wh: Warehouse, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  if (opts.asOf) refuseIfBehind(newestValidFrom(wh.db), opts.asOf, true); // fail fast, before reading anything big
  const source = await openExport(resolve(path));
  try {
    return await wh.write(
      async (db) => {
        // "Now" is taken once the lock is held: another import may have saved a later time while we waited.
        const result = await loadTraktExport(db, source, opts.asOf ?? new Date().toISOString(), { ...opts, asOfGiven: opts.asOf !== undefined });
        // The last moment a cancel can still leave the warehouse exactly as it was.
        opts.signal?.throwIfAborted();
        opts.onEvent?.({ type: 'stage', stage: 'save' });
        return result;
      },
      { snapshot: 'import', snapshotWhen: (r) => !r.identical, what: `importing ${source.path}`, lockWaitMs: opts.lockWaitMs },
    );
  } finally {
    await source.close();
  }
}
