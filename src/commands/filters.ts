import { LENGTH_BUCKETS, type LengthBucket } from '../domain/length.ts';
import { MOODS, isMood, type Mood } from '../domain/moods.ts';
import { UsageError } from '../domain/errors.ts';
import type { LibraryFilter } from '../domain/filters.ts';

/** The filter flags `library` and `recommend` share (parseArgs option specs). */
export const FILTER_OPTIONS = {
  genre: { type: 'string', multiple: true },
  'not-genre': { type: 'string', multiple: true },
  mood: { type: 'string', multiple: true },
  'not-mood': { type: 'string', multiple: true },
  length: { type: 'string', multiple: true },
} as const;

export const FILTER_USAGE = '[--genre g]… [--not-genre g]… [--mood m]… [--not-mood m]… [--length movie|short|medium|long]…';

function moods(flag: string, values: string[] | undefined): Mood[] | undefined {
  if (!values) return undefined;
  for (const v of values) if (!isMood(v)) throw new UsageError(`--${flag} "${v}" is not a mood anidex knows.`, `Moods: ${MOODS.join(', ')}.`);
  return values as Mood[];
}

/** Turn parsed filter flags into a filter, refusing unknown moods and lengths. */
export function filterFromFlags(v: { genre?: string[]; 'not-genre'?: string[]; mood?: string[]; 'not-mood'?: string[]; length?: string[] }): LibraryFilter {
  const lengths = v.length;
  if (lengths) {
    for (const l of lengths) {
      if (!(LENGTH_BUCKETS as readonly string[]).includes(l)) {
        throw new UsageError(`--length "${l}" is not one of ${LENGTH_BUCKETS.join(', ')}.`, 'movie: a film · short: under 5 h · medium: 5–12 h · long: over 12 h');
      }
    }
  }
  return {
    genres: v.genre,
    excludeGenres: v['not-genre'],
    moods: moods('mood', v.mood),
    excludeMoods: moods('not-mood', v['not-mood']),
    lengths: lengths as LengthBucket[] | undefined,
  };
}
