import { Warehouse } from '../warehouse/store.ts';
import { enrichedLibrary, type EnrichedRow } from '../warehouse/queries.ts';

/** The library as the TUI shows it (screens never run SQL). */
export async function loadLibraryView(dataDir: string): Promise<EnrichedRow[]> {
  const wh = await Warehouse.open(dataDir);
  try {
    return enrichedLibrary(wh.db);
  } finally {
    wh.close();
  }
}
