import type { LibraryFilter } from './filters.ts';
import { LENGTH_BUCKETS, totalMinutes, type LengthBucket } from './length.ts';
import { MOODS } from './moods.ts';
import { TITLE_STATUSES, type TitleStatus } from './status.ts';

/** Library sort orders, in the order `s` cycles through them. */
export const SORT_KEYS = ['title', 'recent', 'rating', 'plays', 'year', 'length'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_TEXT: Record<SortKey, string> = {
  title: 'title A–Z',
  recent: 'last watched',
  rating: 'your rating',
  plays: 'most plays',
  year: 'newest year',
  length: 'longest',
};

export interface Sortable {
  title: string;
  normTitle: string;
  year: number | null;
  userRating: number | null;
  totalPlays: number | null;
  lastWatchedAt: string | null;
  totalEpisodes: number | null;
  animeEpisodes: number | null;
  minutesPerEpisode: number | null;
}

const byTitle = (a: Sortable, b: Sortable): number =>
  a.normTitle.localeCompare(b.normTitle) || a.title.localeCompare(b.title);
/** Unknown values sort last whatever the direction. */
const desc = (x: number | string | null, y: number | string | null): number =>
  x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? 1 : -1;
const minutes = (r: Sortable): number | null => totalMinutes(r.totalEpisodes ?? r.animeEpisodes, r.minutesPerEpisode);

/** A sorted copy; ties fall back to the title so the order is stable across runs. */
export function sortRows<T extends Sortable>(rows: readonly T[], key: SortKey): T[] {
  const cmp: Record<SortKey, (a: T, b: T) => number> = {
    title: byTitle,
    recent: (a, b) => desc(a.lastWatchedAt, b.lastWatchedAt) || byTitle(a, b),
    rating: (a, b) => desc(a.userRating, b.userRating) || byTitle(a, b),
    plays: (a, b) => desc(a.totalPlays, b.totalPlays) || byTitle(a, b),
    year: (a, b) => desc(a.year, b.year) || byTitle(a, b),
    length: (a, b) => desc(minutes(a), minutes(b)) || byTitle(a, b),
  };
  return [...rows].sort(cmp[key]);
}

export type Facet = 'genre' | 'mood' | 'length' | 'status';
export type FacetState = 'include' | 'exclude' | 'off';

const FIELDS = {
  genre: ['genres', 'excludeGenres'],
  mood: ['moods', 'excludeMoods'],
  length: ['lengths', 'excludeLengths'],
  status: ['statuses', 'excludeStatuses'],
} as const satisfies Record<Facet, readonly [keyof LibraryFilter, keyof LibraryFilter]>;

export function facetState(f: LibraryFilter, facet: Facet, value: string): FacetState {
  const [inc, exc] = FIELDS[facet];
  if ((f[inc] as readonly string[] | undefined)?.includes(value)) return 'include';
  if ((f[exc] as readonly string[] | undefined)?.includes(value)) return 'exclude';
  return 'off';
}

/** off → include → exclude → off: one key walks a value through the three states. */
export function cycleFacet(f: LibraryFilter, facet: Facet, value: string): LibraryFilter {
  const [inc, exc] = FIELDS[facet];
  const state = facetState(f, facet, value);
  const without = (xs: readonly string[] | undefined): string[] => (xs ?? []).filter((x) => x !== value);
  const next: Record<string, unknown> = {
    ...f,
    [inc]: without(f[inc] as readonly string[] | undefined),
    [exc]: without(f[exc] as readonly string[] | undefined),
  };
  if (state === 'off') next[inc] = [...(next[inc] as string[]), value];
  else if (state === 'include') next[exc] = [...(next[exc] as string[]), value];
  return next as LibraryFilter;
}

/** Set a facet to exactly one included value (or none), as a recommend form field does. */
export function setSingle(f: LibraryFilter, facet: Facet, value: string | null): LibraryFilter {
  const [inc] = FIELDS[facet];
  return { ...f, [inc]: value === null ? [] : [value] };
}

export function isEmptyFilter(f: LibraryFilter): boolean {
  return Object.values(f).every((v) => !v || (v as readonly unknown[]).length === 0);
}

/** The filter in a few words: "mood cozy · length short · not Horror". */
export function filterSummary(f: LibraryFilter): string {
  const parts: string[] = [];
  const add = (label: string, xs: readonly string[] | undefined, joiner: string): void => {
    if (xs && xs.length) parts.push(`${label}${xs.join(joiner)}`);
  };
  add('genre ', f.genres, '+');
  add('mood ', f.moods, '+');
  add('length ', f.lengths, '/');
  add('status ', f.statuses, '/');
  add(
    'not ',
    [...(f.excludeGenres ?? []), ...(f.excludeMoods ?? []), ...(f.excludeLengths ?? []), ...(f.excludeStatuses ?? [])],
    ', ',
  );
  return parts.join(' · ');
}

export interface FacetOption {
  facet: Facet;
  value: string;
  /** Titles in the whole library that have it. */
  count: number;
}

/**
 * Every value the filter panel offers: moods, lengths and statuses from their vocabularies, genres from the library
 * (most common first). Statuses are counted over every row given (plan_to_watch entries included); genres, moods
 * and lengths over the library titles only, as those are what the list shows without a status filter.
 */
export function facetOptions(
  rows: ReadonlyArray<{ genres: readonly string[]; moods: readonly string[]; status?: TitleStatus | null }>,
  lengthOf: (i: number) => LengthBucket | null,
): FacetOption[] {
  const genres = new Map<string, number>();
  const moods = new Map<string, number>();
  const lengths = new Map<string, number>();
  const statuses = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.status) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (r.status === 'plan_to_watch') return;
    for (const g of r.genres) genres.set(g, (genres.get(g) ?? 0) + 1);
    for (const m of r.moods) moods.set(m, (moods.get(m) ?? 0) + 1);
    const l = lengthOf(i);
    if (l) lengths.set(l, (lengths.get(l) ?? 0) + 1);
  });
  return [
    ...MOODS.map((m) => ({ facet: 'mood' as const, value: m, count: moods.get(m) ?? 0 })),
    ...LENGTH_BUCKETS.map((l) => ({ facet: 'length' as const, value: l, count: lengths.get(l) ?? 0 })),
    ...TITLE_STATUSES.map((s) => ({ facet: 'status' as const, value: s, count: statuses.get(s) ?? 0 })),
    ...[...genres]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([g, count]) => ({ facet: 'genre' as const, value: g, count })),
  ];
}
