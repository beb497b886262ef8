/** What "pending" means for a title's anime metadata. Pure. */

/** What isPending needs of a library title. */
export interface MetadataState {
  /** `pending` when no match was ever tried. */
  matchStatus: string;
  malId: number | null;
  /** dim_anime has the MAL id's details. */
  hasMetadata: boolean;
}

/**
 * A title still waiting for anime metadata: never looked up, or matched to a MyAnimeList id whose details were
 * not fetched yet (a MAL list names its ids, so its entries arrive matched but without details). `anidex enrich`
 * fills both. A title found not to be anime (unmatched, or `match … none`) is not pending.
 */
export function isPending(t: MetadataState): boolean {
  return t.matchStatus === 'pending' || (t.malId !== null && !t.hasMetadata);
}
