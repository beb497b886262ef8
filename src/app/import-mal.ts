import { resolve } from 'node:path';
import type { Warehouse } from '../warehouse/store.ts';
import { readMalExport } from '../sources/mal/index.ts';
import { malExportSnapshot } from '../sources/mal/export-snapshot.ts';
import type { ImportResult } from './events.ts';
import { importSnapshot, type ImportOptions } from './load-snapshot.ts';
import { MalShape } from './mal-shape.ts';

export { MAL_DERIVATION_VERSION } from './mal-shape.ts';

/**
 * Import a MyAnimeList anime list export (`.xml` or `.xml.gz`) as a full snapshot of the list: read before the
 * writer lock, then one transaction, so on any error the warehouse file is left untouched.
 */
export function importMalExport(wh: Warehouse, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  return importSnapshot(
    wh,
    async () => {
      opts.onEvent?.({ type: 'stage', stage: 'read' });
      return malExportSnapshot(await readMalExport(resolve(path), { strict: opts.strict }));
    },
    () => new MalShape(),
    opts,
  );
}
