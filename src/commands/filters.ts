import type { LengthBucket } from '../domain/length.ts';
import type { Mood } from '../domain/moods.ts';
import type { TitleStatus } from '../domain/status.ts';
import { UsageError } from '../lib/errors.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import type { LibraryFilter } from '../domain/filters.ts';

const quoted = (v: string): string => JSON.stringify(sanitizeText(v));

/** The filter flags as parsed (moods, lengths and statuses already checked against their choices: specs/filter-flags.ts). */
interface FilterFlags {
  genre?: string[];
  'not-genre'?: string[];
  mood?: Mood[];
  'not-mood'?: Mood[];
  length?: LengthBucket[];
  status?: TitleStatus[];
  'not-status'?: TitleStatus[];
}

/** Turn parsed filter flags into a filter (genres: see checkGenres, which needs the warehouse). */
export function filterFromFlags(v: FilterFlags): LibraryFilter {
  return {
    genres: v.genre,
    excludeGenres: v['not-genre'],
    moods: v.mood,
    excludeMoods: v['not-mood'],
    lengths: v.length,
    statuses: v.status,
    excludeStatuses: v['not-status'],
  };
}

/** Genre names compared as people type them: case, spaces, hyphens and punctuation do not matter (`sci-fi` is Sci-Fi). */
const genreKey = (g: string): string =>
  g
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** Where the known genres come from: the library's titles (`library`), or all anime metadata (`recommend`). */
export type GenreScope = 'library' | 'metadata';

const SCOPE_TEXT: Readonly<Record<GenreScope, { not: string; list: string }>> = {
  library: {
    not: 'is not a genre of any title in your library',
    list: "Genres in your library (from its titles' anime metadata)",
  },
  metadata: {
    not: 'is not a genre anidex knows from the anime metadata in this warehouse',
    list: "Genres known here (your library's anime and the recommender's candidates)",
  },
};

/**
 * The filter with every `--genre`/`--not-genre` value spelled as the metadata spells it; a value that is no known
 * genre is a usage error listing the known ones. When `known` is empty (nothing enriched yet) any genre is refused,
 * since none could match, with the command that fetches them.
 */
export function checkGenres(f: LibraryFilter, known: readonly string[], scope: GenreScope): LibraryFilter {
  const byKey = new Map(known.map((g) => [genreKey(g), g]));
  const fix = (flag: string, values: readonly string[] | undefined): string[] | undefined =>
    values?.map((v) => {
      const hit = byKey.get(genreKey(v));
      if (hit !== undefined) return hit;
      if (known.length === 0) {
        throw new UsageError(
          `--${flag} ${quoted(v)}: no title has genres yet, because no title has anime metadata.`,
          'Run `anidex enrich` to fetch it (it needs the network), then filter by genre.',
        );
      }
      const text = SCOPE_TEXT[scope];
      throw new UsageError(
        `--${flag} ${quoted(v)} ${text.not}.`,
        `${text.list}: ${[...known]
          .sort((a, b) => a.localeCompare(b))
          .map(sanitizeText)
          .join(', ')}.`,
      );
    });
  return { ...f, genres: fix('genre', f.genres), excludeGenres: fix('not-genre', f.excludeGenres) };
}
