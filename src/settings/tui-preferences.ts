/**
 * What the TUI remembers between sessions (the `tui` object of settings.json: the library's sort and filters), read
 * back with every value checked. Pure: the settings file adapter reads and writes the file, this says what a value
 * means. A value anidex cannot use (a sort that does not exist, a mood misspelt by hand) is left out with one quiet
 * note; nothing throws, and the next change in the TUI writes the object afresh.
 */
import { SORT_KEYS, type SortKey } from '../domain/library-query.ts';
import type { LibraryFilter } from '../domain/filters.ts';
import { MOODS } from '../domain/moods.ts';
import { LENGTH_BUCKETS } from '../domain/length.ts';
import { TITLE_STATUSES } from '../domain/status.ts';

export const TUI_KEY = 'tui';

/** What the TUI restores at start: null where nothing usable was remembered. */
export interface TuiPreferences {
  sort: SortKey | null;
  filter: LibraryFilter | null;
}

export const NO_TUI_PREFERENCES: TuiPreferences = { sort: null, filter: null };

/** The filter fields in the order they are written, with the values each may take (null: any name, as genres). */
const FILTER_FIELDS: ReadonlyArray<readonly [keyof LibraryFilter, readonly string[] | null]> = [
  ['genres', null],
  ['excludeGenres', null],
  ['moods', MOODS],
  ['excludeMoods', MOODS],
  ['lengths', LENGTH_BUCKETS],
  ['excludeLengths', LENGTH_BUCKETS],
  ['statuses', TITLE_STATUSES],
  ['excludeStatuses', TITLE_STATUSES],
];

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** A value from the file as the note names it: JSON (so control characters are escaped), cut short. */
function short(x: unknown): string {
  const text = JSON.stringify(x) ?? String(x);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** The remembered preferences in the `tui` value, and one note listing what was left out (if anything). */
export function tuiPreferencesFromSettings(raw: unknown): { preferences: TuiPreferences; problems: string[] } {
  if (raw === undefined) return { preferences: NO_TUI_PREFERENCES, problems: [] };
  const left: string[] = [];
  const preferences: TuiPreferences = { sort: null, filter: null };
  if (!isObject(raw)) left.push(`\`tui\` itself (${short(raw)} is not an object)`);
  else {
    const { sort, filters } = raw;
    if (sort !== undefined) {
      if ((SORT_KEYS as readonly unknown[]).includes(sort)) preferences.sort = sort as SortKey;
      else left.push(`sort ${short(sort)} (the sorts are ${SORT_KEYS.join(', ')})`);
    }
    if (filters !== undefined) {
      if (!isObject(filters)) left.push(`filters (${short(filters)} is not an object)`);
      else preferences.filter = filterFrom(filters, left);
    }
  }
  const problems = left.length
    ? [
        `settings.json \`tui\`: the TUI left out what it cannot use: ${left.join('; ')}. Its next change of sort or filters rewrites them.`,
      ]
    : [];
  return { preferences, problems };
}

function filterFrom(raw: Record<string, unknown>, left: string[]): LibraryFilter {
  const filter: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    const field = FILTER_FIELDS.find(([f]) => f === name);
    if (!field) {
      left.push(`filters ${short(name)} (there is no such filter)`);
      continue;
    }
    const allowed = field[1];
    const values = Array.isArray(value) ? value : [value];
    const kept = values.filter((v): v is string => typeof v === 'string' && (allowed === null || allowed.includes(v)));
    const dropped = values.filter((v) => !kept.includes(v as string));
    if (dropped.length)
      left.push(
        `filters.${name} ${dropped.map(short).join(', ')}${allowed ? ` (not one of ${allowed.join(', ')})` : ''}`,
      );
    if (kept.length) filter[name] = [...new Set(kept)];
  }
  return filter as LibraryFilter;
}

/** The filter as it is written: only the fields in use, in a fixed order. */
export function filterForSettings(filter: LibraryFilter): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const [field] of FILTER_FIELDS) {
    const values = filter[field];
    if (values && values.length) out[field] = [...values];
  }
  return out;
}

/**
 * The filter without genres this library does not have (compared as the filter compares them, ignoring case): a
 * genre remembered from another export would otherwise show an empty list.
 */
export function withGenresIn(filter: LibraryFilter, genres: readonly string[]): LibraryFilter {
  const known = new Set(genres.map((g) => g.toLowerCase()));
  const keep = (xs: readonly string[] | undefined): string[] | undefined =>
    xs?.filter((g) => known.has(g.toLowerCase()));
  const genresKept = keep(filter.genres);
  const excludeKept = keep(filter.excludeGenres);
  if (genresKept?.length === filter.genres?.length && excludeKept?.length === filter.excludeGenres?.length)
    return filter;
  return { ...filter, genres: genresKept, excludeGenres: excludeKept };
}
