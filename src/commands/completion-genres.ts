/**
 * The genres completion offers after `--genre`, read from the warehouse the line names. The one completion that
 * loads sql.js (tens of milliseconds more per Tab); a warehouse not yet created offers nothing and is not created.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir, resolveDirs } from '../lib/config.ts';
import { demoDir } from '../app/demo.ts';
import { libraryView } from '../app/library-view.ts';
import { metadataGenres } from '../warehouse/queries.ts';
import { Warehouse, WAREHOUSE_FILE } from '../warehouse/store.ts';
import type { GenreLookup } from './complete.ts';

export const warehouseGenres: GenreLookup = async (source, where) => {
  const dataDir = where.demo ? demoDir(resolveDirs()) : resolveDataDir(where.dataDir);
  if (!existsSync(join(dataDir, WAREHOUSE_FILE))) return [];
  const wh = await Warehouse.open(dataDir);
  try {
    // The same genres the command accepts: see checkGenres in filters.ts.
    if (source === 'known-genre') return metadataGenres(wh.db);
    return [...new Set(libraryView(wh.db, { planned: true }).flatMap((r) => r.genres))].sort((a, b) =>
      a.localeCompare(b),
    );
  } finally {
    wh.close();
  }
};
