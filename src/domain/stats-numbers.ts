import type { TitleStatus } from './status.ts';

/** The figures only a play history gives (Trakt's plays with their times; a MyAnimeList list has none). */
export interface PlayHistoryNumbers {
  plays: number;
  episodePlays: number;
  moviePlays: number;
  /** Minutes of the plays whose runtime is known (from enrichment), and how many plays that covers. */
  knownMinutes: number;
  playsWithKnownRuntime: number;
  firstPlayAt: string | null;
  lastPlayAt: string | null;
  playsPerMonth: Array<{ month: string; plays: number }>;
  /** Dated plays per calendar year of watch time, with the runtime rule of knownMinutes. */
  playsPerYear: Array<{ year: string; plays: number; knownMinutes: number; playsWithKnownRuntime: number }>;
  /** Shows with a binge (3+ distinct episodes within 24 hours), of the shows with dated episode plays. */
  bingedShows: number;
  showsWithDatedPlays: number;
  /**
   * Per calendar year: shows with a dated episode play that year, and how many of them had a binge (the
   * bingedShows rule) starting that year.
   */
  bingeByYear: Array<{ year: string; shows: number; bingedShows: number }>;
}

/** The one library's figures: every title once, whichever source (Trakt, MyAnimeList or both) knows it. */
export interface LibraryNumbers {
  /** Library titles (MyAnimeList's Plan to Watch entries are not among them: see statuses.plan_to_watch). */
  titles: number;
  shows: number;
  movies: number;
  /** Episodes watched of the shows (Trakt: distinct regular episodes; MAL: the list's count; the larger when both). */
  episodes: number;
  /** Titles only Trakt knows, only MyAnimeList knows, and both. */
  sources: { traktOnly: number; malOnly: number; both: number };
  /** Library titles per status, and MyAnimeList's Plan to Watch entries outside the library under plan_to_watch. */
  statuses: Record<TitleStatus, number>;
  ratedTitles: number;
  meanRating: number | null;
  ratingHistogram: Array<{ rating: number; titles: number }>;
  /** Titles with anime metadata; titles still waiting for it (`anidex enrich`); titles found not to be anime. */
  titlesWithMetadata: number;
  pendingTitles: number;
  notAnimeTitles: number;
  /** Titles with something watched (a play, or episodes), and how many of them have a known runtime. */
  watchedTitles: number;
  timedTitles: number;
  /** Minutes of the titles without plays: episodes watched × runtime. */
  listMinutes: number;
  /** Known minutes per year: plays by the year watched, other titles by the year finished (else started). */
  hoursPerYear: Array<{ year: string; knownMinutes: number }>;
  /** listMinutes of titles with no date at all (in the total, in no year). */
  undatedListMinutes: number;
  /** Titles per year finished (else started); a Trakt title's year is its last play's. */
  titlesPerYear: Array<{ year: string; titles: number }>;
  /** The earliest and latest watch date of any title (plays, or MyAnimeList's start and finish dates). */
  firstWatchedAt: string | null;
  lastWatchedAt: string | null;
  /** The most frequent genres and studios, each counted once per title with anime metadata. */
  topGenres: Array<{ name: string; titles: number }>;
  topStudios: Array<{ name: string; titles: number }>;
  /** Community scores (0–100) of titles with metadata, divided by ten and rounded onto the 1–10 rating scale. */
  communityScoreHistogram: Array<{ score: number; titles: number }>;
  /** Titles with both a rating and a community score: the two means, both out of 10. */
  ratedAndScored: { titles: number; meanRating: number | null; meanCommunityScore: number | null };
}

/** Viewing statistics: the library's figures, and the play history's when there is one (null: no Trakt plays). */
export interface StatsNumbers extends LibraryNumbers {
  history: PlayHistoryNumbers | null;
}
