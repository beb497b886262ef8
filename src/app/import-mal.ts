import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Warehouse } from '../warehouse/store.ts';
import type { SqlDb } from '../warehouse/db.ts';
import { BronzeWriter } from '../warehouse/bronze.ts';
import { replaceMalSilver } from '../warehouse/silver-mal.ts';
import { saveMatches, allMatches } from '../warehouse/enrichment.ts';
import { addPlanItems } from '../warehouse/plan.ts';
import { currentTitleCount, loadGold, newestValidFrom } from '../warehouse/scd2.ts';
import { finishRun, lastImportDigest, startRun, ZERO_COUNTS, type RunCounts } from '../warehouse/runs.ts';
import { readMalExport, type MalExport } from '../sources/mal/index.ts';
import { malGoldValues, malTitleKey } from '../domain/mal-gold.ts';
import type { ImportResult } from './events.ts';
import { emptyExportError } from '../domain/empty-export.ts';
import { recordGoldCounts, refuseIfBehind, type ImportOptions, type LoadOptions } from './import.ts';

/** Bump when what silver and gold derive from MAL entries changes, so an unchanged export is rebuilt after an upgrade. */
export const MAL_DERIVATION_VERSION = 1;

/**
 * Load a read MyAnimeList export into `db` as of `loadTime`, inside the caller's transaction: bronze keeps every
 * entry verbatim, silver the latest export, gold versions each entry under `mal:<id>` with the Trakt SCD2 rules.
 * The entries name their MAL ids, so they are matched as they arrive; `Plan to Watch` joins the plan once.
 */
export function loadMalExport(db: SqlDb, exp: MalExport, loadTime: string, opts: LoadOptions = {}): ImportResult {
  const emit = opts.onEvent ?? (() => {});
  refuseIfBehind(newestValidFrom(db), loadTime, opts.asOfGiven ?? true);
  if (exp.entries.length === 0 && !opts.allowEmpty) throw emptyExportError({ exportPath: exp.path, files: [exp.path], skipped: exp.skipped, kind: 'mal' });
  const counts: RunCounts = { ...ZERO_COUNTS };
  const runId = startRun(db, 'import-mal', new Date().toISOString(), exp.path, loadTime);
  const bronze = new BronzeWriter(db, runId);
  const digest = createHash('sha1').update(`mal-derivation ${MAL_DERIVATION_VERSION}\n`);
  const file = basename(exp.path);
  emit({ type: 'stage', stage: 'read' });
  try {
    for (const e of exp.entries) digest.update(`${e.raw.key}\u0000${bronze.add(e.raw, file)}\n`);
  } finally {
    bronze.close();
  }
  for (const k of exp.skipped) digest.update(`skip\u0000${k.index}\u0000${k.field}\n`);
  counts.filesRead = 1;
  counts.recordsRead = exp.entries.length + exp.skipped.length;
  counts.recordsSkipped = exp.skipped.length;
  counts.recordsNew = bronze.newRecords;
  counts.recordsKnown = bronze.knownRecords;
  counts.recordsRepeated = bronze.repeatedRecords;
  emit({ type: 'file', file, done: 1, total: 1, bytesDone: 1, bytesTotal: 1, records: exp.entries.length, skipped: exp.skipped.length });
  opts.signal?.throwIfAborted();

  const batchDigest = digest.digest('hex');
  const identical = !opts.fullReload && batchDigest === lastImportDigest(db, 'import-mal');
  let deletedTitles: string[] = [];
  if (identical) {
    counts.titlesUnchanged = currentTitleCount(db, 'mal:');
  } else {
    emit({ type: 'stage', stage: 'silver' });
    const entries = exp.entries.map((e) => e.value);
    replaceMalSilver(db, entries);
    opts.signal?.throwIfAborted();
    emit({ type: 'stage', stage: 'gold' });
    deletedTitles = recordGoldCounts(counts, loadGold(db, entries.map(malGoldValues), loadTime, runId, 'mal:'));
    // The export names each entry's MAL id: record it as the match once, so enrichment fetches details and never searches.
    const known = allMatches(db);
    saveMatches(
      db,
      entries
        .filter((e) => known.get(malTitleKey(e.malId))?.malId !== e.malId)
        .map((e) => ({ titleKey: malTitleKey(e.malId), status: 'matched' as const, malId: e.malId, confidence: 1, provider: null, method: 'mal-export' as const, otherMalIds: [], reason: 'named by the MyAnimeList export', matchedAt: loadTime })),
    );
  }
  addPlanItems(
    db,
    exp.entries
      .filter((e) => e.value.status === 'Plan to Watch')
      .map((e) => ({ title: e.value.title, malId: e.value.malId, notes: e.value.comments || null, source: 'mal' as const, sourceKey: malTitleKey(e.value.malId) })),
    loadTime,
  );
  finishRun(db, runId, counts, exp.skipped.length ? 'ok-with-skips' : 'ok', exp.skipped, batchDigest);
  return { runId, sourcePath: exp.path, validFrom: loadTime, counts, skipped: exp.skipped, deletedTitles, identical, crossCheck: null, notes: exp.totalsDiffer };
}

/**
 * Import a MyAnimeList anime list export (`.xml` or `.xml.gz`) as a full snapshot of the list: one transaction,
 * so on any error the warehouse file is left untouched.
 */
export async function importMalExport(wh: Warehouse, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  if (opts.asOf) refuseIfBehind(newestValidFrom(wh.db), opts.asOf, true);
  opts.onEvent?.({ type: 'stage', stage: 'read' });
  const exp = await readMalExport(resolve(path), { strict: opts.strict });
  opts.signal?.throwIfAborted();
  return wh.write(
    (db) => {
      const result = loadMalExport(db, exp, opts.asOf ?? new Date().toISOString(), { ...opts, asOfGiven: opts.asOf !== undefined });
      opts.signal?.throwIfAborted();
      opts.onEvent?.({ type: 'stage', stage: 'save' });
      return result;
    },
    { snapshot: 'import', snapshotWhen: (r) => !r.identical, what: `importing ${exp.path}`, lockWaitMs: opts.lockWaitMs },
  );
}
