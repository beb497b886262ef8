import { resolve } from 'node:path';
import type { Warehouse } from '../warehouse/store.ts';
import type { SqlDb } from '../warehouse/db.ts';
import { openExport, type ExportSource } from '../sources/trakt/index.ts';
import { traktExportSnapshot } from '../sources/trakt/export-snapshot.ts';
import type { ImportResult } from './events.ts';
import { importSnapshot, loadSnapshot, type ImportOptions, type LoadOptions } from './load-snapshot.ts';
import { TraktShape } from './trakt-shape.ts';

export { recordGoldCounts, refuseIfBehind, type ImportOptions, type LoadOptions } from './load-snapshot.ts';
export { DERIVATION_VERSION } from './trakt-shape.ts';

/**
 * Load an opened Trakt export into `db` as of `loadTime`, inside the caller's transaction (the one loader, fed by
 * the export adapter). Works on any SqlDb, so the benchmark can run the very same load on better-sqlite3.
 */
export function loadTraktExport(
  db: SqlDb,
  source: ExportSource,
  loadTime: string,
  opts: LoadOptions = {},
): Promise<ImportResult> {
  return loadSnapshot(db, traktExportSnapshot(source, { strict: opts.strict }), new TraktShape(), loadTime, opts);
}

/**
 * Import one Trakt export (a .zip or folder) as a full snapshot of the account: bronze appends, silver is
 * replaced, gold gets SCD2 versions. One transaction: on any error the warehouse file is left untouched.
 */
export function importTraktExport(wh: Warehouse, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  return importSnapshot(
    wh,
    async () => traktExportSnapshot(await openExport(resolve(path)), { strict: opts.strict }),
    () => new TraktShape(),
    opts,
  );
}
