import { metadataGenres } from '../warehouse/queries.ts';
import { libraryListing } from './library-listing.ts';
import { warehouseExists, withWarehouse } from './open-warehouse.ts';

/**
 * The genres a warehouse knows, as completion offers them after `--genre`: those of the library's titles
 * (`library`, sorted), or every genre of its anime metadata (`metadata`: the library's anime and the recommender's
 * candidates). The same genres the commands accept. A warehouse not yet created offers none and is not created.
 */
export async function genresInWarehouse(dataDir: string, from: 'library' | 'metadata'): Promise<string[]> {
  if (!warehouseExists(dataDir)) return [];
  return withWarehouse(dataDir, (wh) =>
    from === 'metadata' ? metadataGenres(wh.db) : libraryListing(wh.db).genres.sort((a, b) => a.localeCompare(b)),
  );
}
