/** A list status for every title: MyAnimeList's own, or derived from a Trakt history by the MAL export's rules. Pure. */

import type { MalStatus } from './mal.ts';
import { traktStatus, type TraktHistory } from './mal-xml.ts';
import { hasList } from './library-merge.ts';

/** The statuses, in MyAnimeList's order, spelled as the CLI takes them. */
export const TITLE_STATUSES = ['watching', 'completed', 'on_hold', 'dropped', 'plan_to_watch'] as const;
export type TitleStatus = (typeof TITLE_STATUSES)[number];

const FROM_MAL: Readonly<Record<MalStatus, TitleStatus>> = {
  Watching: 'watching',
  Completed: 'completed',
  'On-Hold': 'on_hold',
  Dropped: 'dropped',
  'Plan to Watch': 'plan_to_watch',
};

/** MAL's status word (`On-Hold`, `Plan to Watch`) as a title status; null for anything else. */
export function statusFromMal(s: string | null): TitleStatus | null {
  return s !== null && Object.hasOwn(FROM_MAL, s) ? FROM_MAL[s as MalStatus] : null;
}

/**
 * A status as a person may type it: case, spaces and hyphens do not matter (`on-hold`, `On Hold`, `Plan to
 * Watch` all read); null when it is no status.
 */
export function parseStatus(text: string): TitleStatus | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (TITLE_STATUSES as readonly string[]).includes(t) ? (t as TitleStatus) : null;
}

/** What the dropped rule needs of a Trakt title. */
export interface DroppedInput {
  mediaType: 'show' | 'movie';
  episodesWatched: number | null;
  totalEpisodes: number | null;
  lastWatchedAt: string | null;
}

const DAY_MS = 86_400_000;

/**
 * anidex's dropped rule for a Trakt show (the recommender's and the MAL export's, see droppedMalIds): fewer than
 * half of at least 4 episodes watched, and nothing watched for more than a year before the newest play.
 */
export function droppedByHistory(t: DroppedInput, newestPlayAt: string | null): boolean {
  if (
    t.mediaType !== 'show' ||
    t.totalEpisodes === null ||
    t.totalEpisodes < 4 ||
    t.lastWatchedAt === null ||
    newestPlayAt === null
  )
    return false;
  if ((t.episodesWatched ?? 0) * 2 >= t.totalEpisodes) return false;
  return Date.parse(newestPlayAt) - Date.parse(t.lastWatchedAt) > 365 * DAY_MS;
}

/** What a library title needs to have a status. */
export interface StatusInput extends TraktHistory {
  malId: number | null;
  /** MAL's status when the title has a MyAnimeList entry (MAL's word wins), else null. */
  malStatus: string | null;
  sources: readonly string[];
}

export interface StatusContext {
  /** The newest play of the Trakt export ("recent" is measured from it, not from today). */
  newestPlayAt: string | null;
  /** MAL ids the MAL export's rule calls dropped (droppedMalIds), so a title's status is the one the export writes. */
  droppedMalIds: ReadonlySet<number>;
}

/**
 * The title's status: MyAnimeList's own when the title has a MAL entry; otherwise derived from the Trakt history
 * exactly as `anidex export --format mal-xml` derives it (traktStatus: a played film or a fully watched show is
 * completed, then the dropped rule, then a play within 180 days of the newest is watching, else on hold).
 */
export function titleStatus(t: StatusInput, ctx: StatusContext): TitleStatus {
  if (hasList(t.sources)) {
    const s = statusFromMal(t.malStatus);
    if (s) return s;
  }
  const dropped = t.malId !== null ? ctx.droppedMalIds.has(t.malId) : droppedByHistory(t, ctx.newestPlayAt);
  return statusFromMal(traktStatus(t, { newestPlayAt: ctx.newestPlayAt, dropped }).status)!;
}

/** Titles per status, every status present (zeros included), in TITLE_STATUSES order. */
export function countStatuses(rows: ReadonlyArray<{ status?: TitleStatus | null }>): Record<TitleStatus, number> {
  const out = Object.fromEntries(TITLE_STATUSES.map((s) => [s, 0])) as Record<TitleStatus, number>;
  for (const r of rows) if (r.status) out[r.status]++;
  return out;
}
