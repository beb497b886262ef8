import type { SqlDb } from '../warehouse/db.ts';
import { titleIndex, versionsOf, type IndexedTitle } from '../warehouse/queries.ts';
import { findTitles } from '../domain/find-title.ts';
import { sourceOf } from '../domain/library-merge.ts';

/** The titles a person means by `query` (a title in any of its names, a Trakt id or a title key), best first. */
export function lookUpTitles(db: SqlDb, query: string): IndexedTitle[] {
  return findTitles(titleIndex(db), query);
}

/** Whether two titles found for one query are a Trakt title and its MyAnimeList entry: one anime, two sources. */
export function oneAnimeTwoSources(db: SqlDb, a: IndexedTitle, b: IndexedTitle): boolean {
  return (
    sourceOf(a.titleKey) !== sourceOf(b.titleKey) &&
    versionsOf(db, a.titleKey)[0]?.malId === versionsOf(db, b.titleKey)[0]?.malId
  );
}
