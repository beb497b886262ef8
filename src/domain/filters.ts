import { lengthBucket, totalMinutes, type LengthBucket } from './length.ts';
import type { MediaType } from './types.ts';
import type { TitleStatus } from './status.ts';

/** What a library filter needs of a title. */
export interface Filterable {
  mediaType: MediaType;
  format: string | null;
  totalEpisodes: number | null;
  animeEpisodes: number | null;
  minutesPerEpisode: number | null;
  genres: readonly string[];
  moods: readonly string[];
  /** The title's list status; absent for what is not a library title (a recommendation candidate). */
  status?: TitleStatus | null;
}

export interface LibraryFilter {
  genres?: readonly string[];
  excludeGenres?: readonly string[];
  moods?: readonly string[];
  excludeMoods?: readonly string[];
  /** Any of these lengths. */
  lengths?: readonly LengthBucket[];
  excludeLengths?: readonly LengthBucket[];
  /** Any of these statuses. */
  statuses?: readonly TitleStatus[];
  excludeStatuses?: readonly TitleStatus[];
}

/** A title's length: all of Trakt's aired episodes when known (a show spanning seasons), else the provider's count. */
export function titleLength(t: Filterable): LengthBucket | null {
  return lengthBucket(t.mediaType, t.format, totalMinutes(t.totalEpisodes ?? t.animeEpisodes, t.minutesPerEpisode));
}

const lower = (xs: readonly string[]): string[] => xs.map((x) => x.toLowerCase());

/**
 * Include filters: every listed genre/mood must be present, and any listed length or status will do; exclude
 * filters: none may be. A plan_to_watch title (a MyAnimeList Plan to Watch entry, not yet a library title) passes
 * only a filter that asks for plan_to_watch.
 */
export function passesFilter(t: Filterable, f: LibraryFilter): boolean {
  const status = t.status ?? null;
  if (status === 'plan_to_watch' && !f.statuses?.includes('plan_to_watch')) return false;
  if (f.statuses?.length && (status === null || !f.statuses.includes(status))) return false;
  if (status !== null && f.excludeStatuses?.includes(status)) return false;
  // The sets are built only when the filter names genres or moods: the library runs this for every title on every
  // key typed in search, mostly with no such filter.
  if (f.genres?.length || f.excludeGenres?.length) {
    const g = new Set(lower(t.genres));
    if (f.genres && !lower(f.genres).every((x) => g.has(x))) return false;
    if (f.excludeGenres && lower(f.excludeGenres).some((x) => g.has(x))) return false;
  }
  if (f.moods?.length || f.excludeMoods?.length) {
    const m = new Set(lower(t.moods));
    if (f.moods && !lower(f.moods).every((x) => m.has(x))) return false;
    if (f.excludeMoods && lower(f.excludeMoods).some((x) => m.has(x))) return false;
  }
  if ((f.lengths && f.lengths.length) || (f.excludeLengths && f.excludeLengths.length)) {
    const b = titleLength(t);
    if (f.lengths?.length && (b === null || !f.lengths.includes(b))) return false;
    if (b !== null && f.excludeLengths?.includes(b)) return false;
  }
  return true;
}

/**
 * The filter without its statuses: recommendations are titles you have not listed, so they have no status (what you
 * dropped already keeps its sequels out of the pool). The library's status filter stays behind when it hands its
 * filters to the recommender.
 */
export function withoutStatuses(f: LibraryFilter): LibraryFilter {
  const { statuses: _s, excludeStatuses: _x, ...rest } = f;
  return rest;
}
