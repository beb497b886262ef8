/**
 * The genres completion offers after `--genre`, read from the warehouse the line names. The one completion that
 * loads sql.js (tens of milliseconds more per Tab); a warehouse not yet created offers nothing and is not created.
 */
import { resolveDataDir, resolveDirs } from '../lib/config.ts';
import { demoDir } from '../app/demo.ts';
import { genresInWarehouse } from '../app/known-genres.ts';
import type { GenreLookup } from './complete.ts';

export const warehouseGenres: GenreLookup = async (source, where) => {
  const dataDir = where.demo ? demoDir(resolveDirs()) : resolveDataDir(where.dataDir);
  // The same genres the command accepts: see checkGenres in filters.ts.
  return genresInWarehouse(dataDir, source === 'known-genre' ? 'metadata' : 'library');
};
