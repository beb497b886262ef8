import type { MalEntry } from './mal.ts';
import type { GoldValues } from './scd2-plan.ts';
import { normalizeTitle } from './title-key.ts';

/** The natural key of a MyAnimeList entry in gold. */
export function malTitleKey(malId: number): string {
  return `mal:${malId}`;
}

/**
 * A MAL entry as a gold version: the score is the rating, start and finish dates are first and last watched,
 * status and rewatch count are MAL's own tracked columns. MAL has no plays, so plays and binges stay unknown.
 */
export function malGoldValues(e: MalEntry): GoldValues {
  return {
    titleKey: malTitleKey(e.malId),
    traktId: null,
    malId: e.malId,
    title: e.title,
    normTitle: normalizeTitle(e.title),
    year: null,
    mediaType: e.seriesType?.toLowerCase() === 'movie' ? 'movie' : 'show',
    userRating: e.score,
    episodesWatched: e.watchedEpisodes,
    totalPlays: null,
    totalEpisodes: e.seriesEpisodes,
    firstWatchedAt: e.startDate,
    lastWatchedAt: e.finishDate,
    watchDurationDays: null,
    bingeIndicator: null,
    malStatus: e.status,
    timesWatched: e.timesWatched,
  };
}
