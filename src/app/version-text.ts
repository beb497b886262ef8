import { TRACKED_COLUMNS, type GoldValues } from '../domain/scd2-plan.ts';

/** The fields of a version this text needs (a row of user_watch_history). */
export interface VersionRow extends Pick<GoldValues, (typeof TRACKED_COLUMNS)[number] | 'mediaType' | 'totalEpisodes'> {
  isDeleted: boolean;
}

/** `2026-05-01T12:00:00.000Z` → `2026-05-01 12:00`. */
function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

const COLUMN_NAMES: Record<(typeof TRACKED_COLUMNS)[number], string> = {
  userRating: 'rating',
  episodesWatched: 'episodes watched',
  totalPlays: 'plays',
  firstWatchedAt: 'first watched',
  lastWatchedAt: 'last watched',
  watchDurationDays: 'days watching',
  bingeIndicator: 'binged',
  malStatus: 'status',
  timesWatched: 'times rewatched',
};

function fmt(v: string | number | null): string {
  if (v === null) return '—';
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? shortTime(v) : String(v);
}

/** What changed from `older` to `newer`, in words. */
export function describeChange(older: VersionRow | undefined, newer: VersionRow): string {
  if (!older) return 'first seen';
  if (newer.isDeleted) return 'gone from the export (marked deleted; last known values kept)';
  if (older.isDeleted) return 'back in the export';
  const parts = TRACKED_COLUMNS.filter((c) => (older[c] ?? null) !== (newer[c] ?? null)).map(
    (c) => `${COLUMN_NAMES[c]} ${fmt(older[c] ?? null)} → ${fmt(newer[c] ?? null)}`,
  );
  return parts.length ? parts.join(', ') : 'no tracked change';
}

/** One version's values in a line. */
export function versionSummary(v: VersionRow): string {
  if (v.malStatus) {
    const total = v.totalEpisodes ? `/${v.totalEpisodes}` : '';
    const rewatched = v.timesWatched ? ` · rewatched ${v.timesWatched}×` : '';
    return `${v.malStatus} · score ${v.userRating ?? '—'} · ${v.episodesWatched ?? 0}${total} eps${rewatched} · ${v.firstWatchedAt ?? '—'} → ${v.lastWatchedAt ?? '—'}`;
  }
  const eps =
    v.mediaType === 'show' ? `${v.episodesWatched ?? 0}${v.totalEpisodes ? `/${v.totalEpisodes}` : ''} eps · ` : '';
  return `rating ${v.userRating ?? '—'} · ${eps}${v.totalPlays ?? 0} plays · watched ${fmt(v.firstWatchedAt)} → ${fmt(v.lastWatchedAt)}`;
}
