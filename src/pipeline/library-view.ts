import { Warehouse } from '../warehouse/store.ts';
import type { SqlDb } from '../warehouse/db.ts';
import { enrichedLibrary, type EnrichedRow } from '../warehouse/queries.ts';
import { mergeSources, type Merged } from '../domain/library-merge.ts';

/** A library title: Trakt and MyAnimeList rows of one anime merged (see mergeSources). */
export type LibraryEntry = Merged<EnrichedRow>;

/** The one library of both sources, as the CLI, the TUI and exports show it. */
export function libraryView(db: SqlDb): LibraryEntry[] {
  return mergeSources(enrichedLibrary(db));
}

/** The library from a data directory (opens and closes the warehouse). */
export async function loadLibraryView(dataDir: string): Promise<LibraryEntry[]> {
  const wh = await Warehouse.open(dataDir);
  try {
    return libraryView(wh.db);
  } finally {
    wh.close();
  }
}
