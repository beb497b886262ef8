import { Warehouse } from '../warehouse/store.ts';
import type { SqlDb } from '../warehouse/db.ts';
import { enrichedLibrary, type EnrichedRow } from '../warehouse/queries.ts';
import { mergeSources, type Merged } from '../domain/library-merge.ts';
import { otherNorms } from '../domain/anime-names.ts';

/** A library title: Trakt and MyAnimeList rows of one anime merged (see mergeSources). */
export type LibraryEntry = Merged<EnrichedRow>;

/**
 * The one library of both sources, as the CLI, the TUI and exports show it. A title known to both sources is
 * shown by its Trakt title and found by its MyAnimeList title too.
 */
export function libraryView(db: SqlDb): LibraryEntry[] {
  const rows = enrichedLibrary(db);
  const norms = new Map(rows.map((r) => [r.titleKey, r.normTitle]));
  return mergeSources(rows).map((r) =>
    r.keys.length < 2 ? r : { ...r, normNames: otherNorms(r.normTitle, [...r.normNames, ...r.keys.map((k) => norms.get(k) ?? '')]) },
  );
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
