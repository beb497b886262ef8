/**
 * The stats of the one library (Trakt and MyAnimeList merged, each title once), from its titles: what a
 * MyAnimeList list and a Trakt history both give. The figures only plays give are PlayHistoryNumbers. Pure.
 */

import { countStatuses, type TitleStatus } from './status.ts';
import { isPending } from './pending.ts';
import type { LibraryNumbers } from './stats-numbers.ts';
import { hasList } from './library-merge.ts';

/** What the stats need of a library title (a LibraryEntry has all of it). */
export interface StatsTitle {
  titleKey: string;
  sources: readonly string[];
  mediaType: 'show' | 'movie';
  status: TitleStatus;
  userRating: number | null;
  episodesWatched: number | null;
  firstWatchedAt: string | null;
  lastWatchedAt: string | null;
  matchStatus: string;
  malId: number | null;
  hasMetadata: boolean;
  minutesPerEpisode: number | null;
  communityScore: number | null;
  genres: readonly string[];
  studios: readonly string[];
}

/** A Trakt title's plays in the latest export: how many, and the minutes of those whose runtime is known. */
export interface TitlePlays {
  plays: number;
  minutes: number;
  timedPlays: number;
}

/** How many genres and studios the stats name. */
export const STATS_TOP = 10;

/** The calendar year of a watch date (`2024-02-27…`, or MAL's partial `2024-00-00`); null when there is none. */
function yearOf(date: string | null): string | null {
  return date !== null && /^\d{4}/.test(date) && !date.startsWith('0000') ? date.slice(0, 4) : null;
}

function top(counts: Map<string, number>): Array<{ name: string; titles: number }> {
  return [...counts]
    .map(([name, titles]) => ({ name, titles }))
    .sort((a, b) => b.titles - a.titles || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, STATS_TOP);
}

function bump<K>(m: Map<K, number>, k: K, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** Rows of a map sorted by key (years as text, scores as numbers). */
function byKey<K extends string | number, T>(m: Map<K, number>, row: (key: K, n: number) => T): T[] {
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => row(k, n));
}

/**
 * The library's figures. `planned` are the MyAnimeList Plan to Watch entries outside the library (counted under
 * plan_to_watch only); `plays` are the Trakt plays per title key.
 *
 * Time: a title with Trakt plays counts every play × its runtime (rewatches included), by the year of each play;
 * any other title counts episodes watched × runtime (a completed film once), by the year it was finished, else
 * started (MyAnimeList's dates; a Trakt title's last play). Titles with no known runtime are left out and counted.
 */
export function libraryNumbers(
  titles: readonly StatsTitle[],
  planned: number,
  plays: ReadonlyMap<string, TitlePlays>,
  playMinutesByYear: ReadonlyArray<{ year: string; knownMinutes: number }>,
): LibraryNumbers {
  let shows = 0,
    movies = 0,
    episodes = 0,
    rated = 0,
    ratingSum = 0,
    withMetadata = 0,
    pending = 0,
    notAnime = 0;
  let traktOnly = 0,
    malOnly = 0,
    both = 0;
  let listMinutes = 0,
    watched = 0,
    timed = 0,
    undatedListMinutes = 0;
  let first: string | null = null,
    last: string | null = null;
  const ratings = new Map<number, number>();
  const community = new Map<number, number>();
  const genres = new Map<string, number>();
  const studios = new Map<string, number>();
  const titlesPerYear = new Map<string, number>();
  const minutesPerYear = new Map<string, number>();
  for (const r of playMinutesByYear) bump(minutesPerYear, r.year, r.knownMinutes);
  let bothRated = 0,
    bothRatingSum = 0,
    bothScoreSum = 0;

  for (const t of titles) {
    if (t.mediaType === 'movie') movies++;
    else shows++;
    episodes += t.mediaType === 'show' ? Math.max(0, t.episodesWatched ?? 0) : 0;
    const trakt = t.sources.includes('trakt');
    const mal = hasList(t.sources);
    if (trakt && mal) both++;
    else if (mal) malOnly++;
    else traktOnly++;
    if (t.userRating !== null) {
      rated++;
      ratingSum += t.userRating;
      bump(ratings, t.userRating);
    }
    if (t.hasMetadata) {
      withMetadata++;
      for (const g of new Set(t.genres)) if (g.trim() !== '') bump(genres, g);
      for (const s of new Set(t.studios)) if (s.trim() !== '') bump(studios, s);
      if (t.communityScore !== null) {
        // Community scores are 0–100 (AniList's, and MAL's ×10): divided by ten and rounded they share the rating scale.
        bump(community, Math.min(10, Math.max(1, Math.round(t.communityScore / 10))));
        if (t.userRating !== null) {
          bothRated++;
          bothRatingSum += t.userRating;
          bothScoreSum += t.communityScore / 10;
        }
      }
    } else if (isPending(t)) pending++;
    else notAnime++;

    for (const d of [t.firstWatchedAt, t.lastWatchedAt]) {
      if (yearOf(d) === null) continue;
      if (first === null || d! < first) first = d;
      if (last === null || d! > last) last = d;
    }
    const year = yearOf(t.lastWatchedAt) ?? yearOf(t.firstWatchedAt);
    if (year !== null) bump(titlesPerYear, year);

    const p = trakt ? plays.get(t.titleKey) : undefined;
    if (p && p.plays > 0) {
      // Timed by its plays: already in playMinutesByYear, by the year of each play.
      watched++;
      if (p.timedPlays > 0) timed++;
      continue;
    }
    const eps =
      t.mediaType === 'movie'
        ? t.status === 'completed'
          ? Math.max(1, t.episodesWatched ?? 0)
          : Math.max(0, t.episodesWatched ?? 0)
        : Math.max(0, t.episodesWatched ?? 0);
    if (eps === 0) continue;
    watched++;
    if (t.minutesPerEpisode === null || t.minutesPerEpisode <= 0) continue;
    timed++;
    const minutes = eps * t.minutesPerEpisode;
    listMinutes += minutes;
    if (year !== null) bump(minutesPerYear, year, minutes);
    else undatedListMinutes += minutes;
  }

  return {
    titles: titles.length,
    shows,
    movies,
    episodes,
    sources: { traktOnly, malOnly, both },
    statuses: { ...countStatuses(titles), plan_to_watch: planned },
    ratedTitles: rated,
    meanRating: rated ? ratingSum / rated : null,
    ratingHistogram: byKey(ratings, (rating, n) => ({ rating, titles: n })),
    titlesWithMetadata: withMetadata,
    pendingTitles: pending,
    notAnimeTitles: notAnime,
    watchedTitles: watched,
    timedTitles: timed,
    listMinutes,
    hoursPerYear: byKey(minutesPerYear, (year, knownMinutes) => ({ year, knownMinutes })),
    undatedListMinutes,
    titlesPerYear: byKey(titlesPerYear, (year, n) => ({ year, titles: n })),
    firstWatchedAt: first,
    lastWatchedAt: last,
    topGenres: top(genres),
    topStudios: top(studios),
    communityScoreHistogram: byKey(community, (score, n) => ({ score, titles: n })),
    ratedAndScored: {
      titles: bothRated,
      meanRating: bothRated ? bothRatingSum / bothRated : null,
      meanCommunityScore: bothRated ? bothScoreSum / bothRated : null,
    },
  };
}
