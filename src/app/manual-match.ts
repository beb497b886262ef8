import type { SqlDb } from '../warehouse/db.ts';
import type { IndexedTitle } from '../warehouse/queries.ts';
import { saveMatches } from '../warehouse/enrichment.ts';
import type { Warehouse } from './open-warehouse.ts';
import { lookUpTitles } from './title-lookup.ts';

/*
 * A person correcting a match by hand (`anidex match`): the title is given its MyAnimeList entry, or marked as not
 * anime. Such a match is `manual`: enrichment and re-imports keep it.
 */

/**
 * The current titles `query` names that can be matched by hand: Trakt titles only, since a MyAnimeList entry names
 * its own MAL id.
 */
export function titlesToMatchByHand(db: SqlDb, query: string): IndexedTitle[] {
  return lookUpTitles(db, query).filter((t) => !t.isDeleted && t.titleKey.startsWith('trakt:'));
}

/** Save the hand-made match of `titleKey`: `malId`, or null for "not anime". */
export function matchByHand(wh: Warehouse, titleKey: string, malId: number | null): Promise<void> {
  return wh.write(
    (db) =>
      saveMatches(db, [
        {
          titleKey,
          status: 'manual',
          malId,
          confidence: 1,
          provider: null,
          method: 'override',
          otherMalIds: [],
          reason: malId === null ? 'marked as not anime by hand' : 'set by hand',
          matchedAt: new Date().toISOString(),
        },
      ]),
    { what: 'saving a manual match' },
  );
}
