import type { SqlDb } from '../warehouse/db.ts';
import { deletedRows, type DeletedRow } from '../warehouse/queries.ts';
import { passesFilter, type LibraryFilter } from '../domain/filters.ts';
import { searchByWords } from '../domain/find-title.ts';
import { libraryView, type LibraryEntry } from './library-view.ts';

/** A title gone from its source's latest export: its last row, and since when anidex knows it is gone. */
export type DeletedTitle = DeletedRow;

export interface LibraryListing {
  /** Every genre of the library's titles: the ones a `--genre` value must name. */
  genres: string[];
  /** The titles a filter keeps, the unmatched only if asked, narrowed by search words, in the library's order. */
  titles(filter: LibraryFilter, opts?: { unmatched?: boolean; search?: string }): LibraryEntry[];
}

/**
 * What `anidex library` lists, read once: the one library with the MyAnimeList Plan to Watch entries (passesFilter
 * shows those only to a plan_to_watch status filter), and the genres its titles have, which the filter's genres are
 * spelled by before it is applied.
 */
export function libraryListing(db: SqlDb): LibraryListing {
  const rows = libraryView(db, { planned: true });
  return {
    genres: [...new Set(rows.flatMap((r) => r.genres))],
    titles(filter, opts = {}) {
      let kept = opts.unmatched ? rows.filter((r) => r.matchStatus === 'unmatched') : rows;
      kept = kept.filter((r) => passesFilter(r, filter));
      return opts.search === undefined ? kept : searchByWords(kept, opts.search);
    },
  };
}

/** Every title gone from its source's latest export, by title; their history stays (`anidex history`). */
export function deletedTitles(db: SqlDb): DeletedTitle[] {
  return deletedRows(db);
}
