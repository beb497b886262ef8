import type { SqlDb } from '../warehouse/db.ts';
import { enrichedLibrary, type EnrichedRow } from '../warehouse/queries.ts';
import { droppedMalIds } from '../warehouse/enrichment.ts';
import { newestPlayAt } from '../warehouse/export-queries.ts';
import { mergeSources, plannedRows, type Merged } from '../domain/library-merge.ts';
import { titleStatus, type TitleStatus } from '../domain/status.ts';
import { otherNorms } from '../domain/anime-names.ts';

/** A library title: Trakt and MyAnimeList rows of one anime merged (see mergeSources), with its list status. */
export type LibraryEntry = Merged<EnrichedRow> & { status: TitleStatus };

export interface LibraryViewOptions {
  /**
   * Add the MyAnimeList Plan to Watch entries no Trakt title stands for, with status plan_to_watch. They are not
   * library titles (passesFilter hides them unless the filter asks for plan_to_watch); the CLI and the TUI
   * include them so that `--status plan_to_watch` and the filter panel can show them.
   */
  planned?: boolean;
}

/**
 * The one library of both sources, as the CLI, the TUI and exports show it. A title known to both sources is
 * shown by its Trakt title and found by its MyAnimeList title too.
 */
export function libraryView(db: SqlDb, opts: LibraryViewOptions = {}): LibraryEntry[] {
  const rows = enrichedLibrary(db);
  const ctx = { newestPlayAt: newestPlayAt(db), droppedMalIds: droppedMalIds(db) };
  const norms = new Map(rows.map((r) => [r.titleKey, r.normTitle]));
  const library = mergeSources(rows).map((r): LibraryEntry => {
    const named =
      r.keys.length < 2
        ? r
        : { ...r, normNames: otherNorms(r.normTitle, [...r.normNames, ...r.keys.map((k) => norms.get(k) ?? '')]) };
    return { ...named, status: titleStatus(r, ctx) };
  });
  if (!opts.planned) return library;
  return [...library, ...plannedRows(rows).map((r): LibraryEntry => ({ ...r, status: 'plan_to_watch' }))];
}
