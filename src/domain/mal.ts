/** Typed entries of a MyAnimeList anime list export (the XML MAL and AniList export). */

export const MAL_STATUSES = ['Watching', 'Completed', 'On-Hold', 'Dropped', 'Plan to Watch'] as const;
export type MalStatus = (typeof MAL_STATUSES)[number];

export type MalPriority = 'Low' | 'Medium' | 'High';

/** One `<anime>` entry, cleaned: MAL's placeholders (`0000-00-00`, score 0, 0 episodes) become null. */
export interface MalEntry {
  malId: number;
  title: string;
  /** `TV`, `Movie`, `OVA`, `ONA`, `Special`, `Music`, `TV Special`, … as MAL writes it; null when absent. */
  seriesType: string | null;
  /** Episodes the anime has; null when MAL does not know (0 in the file). */
  seriesEpisodes: number | null;
  watchedEpisodes: number;
  /** `YYYY-MM-DD`; MAL allows unknown month or day (`2020-00-00`): kept as written; null for `0000-00-00`. */
  startDate: string | null;
  finishDate: string | null;
  /** 1–10; null when unscored (0 in the file). */
  score: number | null;
  status: MalStatus;
  /** How many times the person rewatched it (MAL's `my_times_watched`). */
  timesWatched: number;
  rewatching: boolean;
  priority: MalPriority | null;
  tags: string;
  comments: string;
}

/** What the export's `<myinfo>` declares, for comparison with the entries actually in the file. */
export interface MalDeclaredTotals {
  userId: number | null;
  userName: string | null;
  total: number | null;
  watching: number | null;
  completed: number | null;
  onHold: number | null;
  dropped: number | null;
  planToWatch: number | null;
}
