/** Entries of a person's AniList anime list, cleaned, and how they become gold versions. Pure. */

import type { MalStatus } from './mal.ts';
import type { GoldValues } from './scd2-plan.ts';
import { normalizeTitle } from './title-key.ts';

/** AniList's list statuses, and the MyAnimeList status each is kept as (the library's statuses are MAL's). */
export const ANILIST_STATUS: Readonly<Record<string, MalStatus>> = {
  CURRENT: 'Watching',
  REPEATING: 'Watching',
  COMPLETED: 'Completed',
  PAUSED: 'On-Hold',
  DROPPED: 'Dropped',
  PLANNING: 'Plan to Watch',
};

export const SCORE_FORMATS = ['POINT_100', 'POINT_10_DECIMAL', 'POINT_10', 'POINT_5', 'POINT_3'] as const;
export type ScoreFormat = (typeof SCORE_FORMATS)[number];

export interface AniListEntry {
  anilistId: number;
  malId: number | null;
  title: string;
  /** AniList's format (`TV`, `MOVIE`, `OVA`, …); null when absent. */
  format: string | null;
  episodes: number | null;
  status: MalStatus;
  /** 1–10 whatever the person's score format; null when unscored. */
  score: number | null;
  progress: number;
  repeat: number;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as far as AniList knows the date; null when unknown. */
  startedAt: string | null;
  completedAt: string | null;
  /** When the entry last changed on AniList (ISO UTC); untracked, kept in silver. */
  updatedAt: string | null;
  notes: string;
}

/**
 * A score in the person's AniList format as 1–10, rounded to a whole point like MyAnimeList's and Trakt's:
 * 100-point and decimal scores divide down, 5 stars double, the three smileys are 3, 6 and 9. 0 is "no score".
 */
export function scoreTo10(score: number, format: ScoreFormat): number | null {
  if (!(score > 0)) return null;
  const ten =
    format === 'POINT_100' ? score / 10 : format === 'POINT_5' ? score * 2 : format === 'POINT_3' ? score * 3 : score;
  return Math.min(10, Math.max(1, Math.round(ten)));
}

/** AniList's FuzzyDate as far as it is known; null without a year. */
export function fuzzyDate(
  d: { year?: number | null; month?: number | null; day?: number | null } | null | undefined,
): string | null {
  if (!d || !Number.isInteger(d.year) || !d.year) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  let out = String(d.year).padStart(4, '0');
  if (Number.isInteger(d.month) && d.month! >= 1 && d.month! <= 12) {
    out += `-${pad(d.month!)}`;
    if (Number.isInteger(d.day) && d.day! >= 1 && d.day! <= 31) out += `-${pad(d.day!)}`;
  }
  return out;
}

export function anilistTitleKey(anilistId: number): string {
  return `anilist:${anilistId}`;
}

/**
 * An AniList entry as a gold version, the way a MyAnimeList entry is one: the score is the rating, progress the
 * episodes watched, the start and completion dates first and last watched, status and repeat count the list's own
 * tracked columns. When the entry changed on AniList and its notes are untracked: they never make a version.
 */
export function anilistGoldValues(e: AniListEntry): GoldValues {
  return {
    titleKey: anilistTitleKey(e.anilistId),
    traktId: null,
    malId: e.malId,
    title: e.title,
    normTitle: normalizeTitle(e.title),
    year: null,
    mediaType: e.format === 'MOVIE' ? 'movie' : 'show',
    userRating: e.score,
    episodesWatched: e.progress,
    totalPlays: null,
    totalEpisodes: e.episodes,
    firstWatchedAt: e.startedAt,
    lastWatchedAt: e.completedAt,
    watchDurationDays: null,
    bingeIndicator: null,
    malStatus: e.status,
    timesWatched: e.repeat,
  };
}
