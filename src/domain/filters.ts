import { lengthBucket, totalMinutes, type LengthBucket } from './length.ts';
import type { MediaType } from './types.ts';

/** What a library filter needs of a title. */
export interface Filterable {
  mediaType: MediaType;
  format: string | null;
  totalEpisodes: number | null;
  animeEpisodes: number | null;
  minutesPerEpisode: number | null;
  genres: readonly string[];
  moods: readonly string[];
}

export interface LibraryFilter {
  genres?: readonly string[];
  excludeGenres?: readonly string[];
  moods?: readonly string[];
  excludeMoods?: readonly string[];
  /** Any of these lengths. */
  lengths?: readonly LengthBucket[];
  excludeLengths?: readonly LengthBucket[];
}

/** A title's length: all of Trakt's aired episodes when known (a show spanning seasons), else the provider's count. */
export function titleLength(t: Filterable): LengthBucket | null {
  return lengthBucket(t.mediaType, t.format, totalMinutes(t.totalEpisodes ?? t.animeEpisodes, t.minutesPerEpisode));
}

const lower = (xs: readonly string[]): string[] => xs.map((x) => x.toLowerCase());

/** Include filters: every listed genre/mood must be present; exclude filters: none may be. */
export function passesFilter(t: Filterable, f: LibraryFilter): boolean {
  const g = new Set(lower(t.genres));
  const m = new Set(lower(t.moods));
  if (f.genres && !lower(f.genres).every((x) => g.has(x))) return false;
  if (f.excludeGenres && lower(f.excludeGenres).some((x) => g.has(x))) return false;
  if (f.moods && !lower(f.moods).every((x) => m.has(x))) return false;
  if (f.excludeMoods && lower(f.excludeMoods).some((x) => m.has(x))) return false;
  if ((f.lengths && f.lengths.length) || (f.excludeLengths && f.excludeLengths.length)) {
    const b = titleLength(t);
    if (f.lengths?.length && (b === null || !f.lengths.includes(b))) return false;
    if (b !== null && f.excludeLengths?.includes(b)) return false;
  }
  return true;
}
