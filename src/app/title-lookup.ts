import type { SqlDb } from '../warehouse/db.ts';
import { titleIndex, versionsOf, type IndexedTitle } from '../warehouse/queries.ts';
import { namedAnime } from '../warehouse/anime-names.ts';
import { findTitles, type TitleRef } from '../domain/find-title.ts';
import { sourceOf } from '../domain/library-merge.ts';
import { displayTitle } from '../domain/anime.ts';
import { normalizeTitle } from '../domain/title-key.ts';

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

/** An anime anidex has metadata for, as a lookup by name finds it. */
export interface FoundAnime extends TitleRef {
  malId: number;
  format: string | null;
}

/**
 * The anime `query` names (a title in any of its names), best first, among those anidex has metadata for: your
 * matched titles, by their provider names and your exports' titles, and the candidates recommendations fetched.
 */
export function lookUpAnime(db: SqlDb, query: string): FoundAnime[] {
  const refs = namedAnime(db).map((a): FoundAnime => {
    const title = displayTitle({ english: a.titleEnglish, romaji: a.titleRomaji, native: a.titleNative, synonyms: [] });
    const normTitle = normalizeTitle(title);
    return {
      malId: a.malId,
      titleKey: `mal:${a.malId}`,
      traktId: null,
      title,
      normTitle,
      normNames: a.norms.filter((n) => n !== normTitle),
      year: a.year,
      mediaType: a.format === 'MOVIE' ? 'movie' : 'show',
      format: a.format,
    };
  });
  return findTitles(refs, query);
}
