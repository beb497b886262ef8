import { LENGTH_BUCKETS, type LengthBucket } from '../domain/length.ts';
import { MOODS, isMood, type Mood } from '../domain/moods.ts';
import { TITLE_STATUSES, parseStatus, type TitleStatus } from '../domain/status.ts';
import { UsageError } from '../lib/errors.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import type { LibraryFilter } from '../domain/filters.ts';

/** The filter flags `library` and `recommend` share (parseArgs option specs). */
export const FILTER_OPTIONS = {
  genre: { type: 'string', multiple: true },
  'not-genre': { type: 'string', multiple: true },
  mood: { type: 'string', multiple: true },
  'not-mood': { type: 'string', multiple: true },
  length: { type: 'string', multiple: true },
} as const;

/** The status flags, `library` only: a recommendation is a title you have not listed, so it has no status. */
export const STATUS_OPTIONS = {
  status: { type: 'string', multiple: true },
  'not-status': { type: 'string', multiple: true },
} as const;

export const FILTER_USAGE = '[--genre g]… [--not-genre g]… [--mood m]… [--not-mood m]… [--length movie|short|medium|long]…';
export const STATUS_USAGE = `[--status ${TITLE_STATUSES.join('|')}]… [--not-status s]…`;

const quoted = (v: string): string => JSON.stringify(sanitizeText(v));

function moods(flag: string, values: string[] | undefined): Mood[] | undefined {
  if (!values) return undefined;
  for (const v of values) if (!isMood(v)) throw new UsageError(`--${flag} ${quoted(v)} is not a mood anidex knows.`, `Moods: ${MOODS.join(', ')}.`);
  return values as Mood[];
}

function statuses(flag: string, values: string[] | undefined): TitleStatus[] | undefined {
  if (!values) return undefined;
  return values.map((v) => {
    const s = parseStatus(v);
    if (!s) throw new UsageError(`--${flag} ${quoted(v)} is not a status anidex knows.`, `Statuses: ${TITLE_STATUSES.join(', ')}.`);
    return s;
  });
}

/** Turn parsed filter flags into a filter, refusing unknown moods, lengths and statuses (genres: see checkGenres). */
export function filterFromFlags(v: { genre?: string[]; 'not-genre'?: string[]; mood?: string[]; 'not-mood'?: string[]; length?: string[]; status?: string[]; 'not-status'?: string[] }): LibraryFilter {
  const lengths = v.length;
  if (lengths) {
    for (const l of lengths) {
      if (!(LENGTH_BUCKETS as readonly string[]).includes(l)) {
        throw new UsageError(`--length ${quoted(l)} is not one of ${LENGTH_BUCKETS.join(', ')}.`, 'movie: a film · short: under 5 h · medium: 5–12 h · long: over 12 h');
      }
    }
  }
  return {
    genres: v.genre,
    excludeGenres: v['not-genre'],
    moods: moods('mood', v.mood),
    excludeMoods: moods('not-mood', v['not-mood']),
    lengths: lengths as LengthBucket[] | undefined,
    statuses: statuses('status', v.status),
    excludeStatuses: statuses('not-status', v['not-status']),
  };
}

/** Genre names compared as people type them: case, spaces, hyphens and punctuation do not matter (`sci-fi` is Sci-Fi). */
const genreKey = (g: string): string => g.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Where the known genres come from: the library's titles (`library`), or all anime metadata (`recommend`). */
export type GenreScope = 'library' | 'metadata';

const SCOPE_TEXT: Readonly<Record<GenreScope, { not: string; list: string }>> = {
  library: { not: 'is not a genre of any title in your library', list: "Genres in your library (from its titles' anime metadata)" },
  metadata: { not: 'is not a genre anidex knows from the anime metadata in this warehouse', list: "Genres known here (your library's anime and the recommender's candidates)" },
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
      throw new UsageError(`--${flag} ${quoted(v)} ${text.not}.`, `${text.list}: ${[...known].sort((a, b) => a.localeCompare(b)).map(sanitizeText).join(', ')}.`);
    });
  return { ...f, genres: fix('genre', f.genres), excludeGenres: fix('not-genre', f.excludeGenres) };
}
