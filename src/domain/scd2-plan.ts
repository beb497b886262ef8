import type { MediaType } from './types.ts';
import { LoadRefusedError } from '../lib/errors.ts';

/** The values of one version of a title in `user_watch_history`. */
export interface GoldValues {
  titleKey: string;
  traktId: number | null;
  malId: number | null;
  title: string;
  normTitle: string;
  year: number | null;
  mediaType: MediaType;
  userRating: number | null;
  episodesWatched: number | null;
  totalPlays: number | null;
  totalEpisodes: number | null;
  firstWatchedAt: string | null;
  lastWatchedAt: string | null;
  watchDurationDays: number | null;
  bingeIndicator: number | null;
  /** MyAnimeList's list status (`Completed`, `Dropped`, …); only MAL-sourced titles have one. */
  malStatus?: string | null;
  /** MAL's rewatch count; only MAL-sourced titles have one. */
  timesWatched?: number | null;
}

export interface CurrentVersion extends GoldValues {
  versionId: number;
  validFrom: string;
  isDeleted: boolean;
}

/**
 * Columns whose change makes a new version (dbt "check" strategy). watchDurationDays and bingeIndicator derive
 * only from the plays, so they change exactly when the plays do; malStatus and timesWatched are MAL's own (for a
 * MAL title, first/last watched are its start and finish dates).
 */
export const TRACKED_COLUMNS = [
  'userRating',
  'episodesWatched',
  'totalPlays',
  'firstWatchedAt',
  'lastWatchedAt',
  'watchDurationDays',
  'bingeIndicator',
  'malStatus',
  'timesWatched',
] as const satisfies ReadonlyArray<keyof GoldValues>;

/** Descriptive columns: corrected in place on the current version, never a new version. */
export const UNTRACKED_COLUMNS = [
  'traktId',
  'title',
  'normTitle',
  'year',
  'totalEpisodes',
] as const satisfies ReadonlyArray<keyof GoldValues>;

export type TrackedColumn = (typeof TRACKED_COLUMNS)[number];

export interface Scd2Plan {
  /** Current versions to close (valid_to = load time, is_current = 0). */
  close: number[];
  /** New current versions (valid_from = load time). */
  insert: Array<{ values: GoldValues; isDeleted: boolean }>;
  /** In-place corrections of untracked columns on current versions. */
  touch: Array<{ versionId: number; values: Pick<GoldValues, (typeof UNTRACKED_COLUMNS)[number]> }>;
  counts: { new: number; changed: number; unchanged: number; deleted: number; restored: number };
}

/** Tracked columns that differ; NULL→value and value→NULL differ, NULL→NULL does not (an absent MAL field is NULL). */
export function changedColumns(a: GoldValues, b: GoldValues): TrackedColumn[] {
  return TRACKED_COLUMNS.filter((c) => (a[c] ?? null) !== (b[c] ?? null));
}

function untrackedDiffer(a: GoldValues, b: GoldValues): boolean {
  return UNTRACKED_COLUMNS.some((c) => a[c] !== b[c]);
}

function pickUntracked(v: GoldValues): Scd2Plan['touch'][number]['values'] {
  return { traktId: v.traktId, title: v.title, normTitle: v.normTitle, year: v.year, totalEpisodes: v.totalEpisodes };
}

/**
 * Compare a full export (`batch`) with the current versions and say what to write, with hard deletes as new
 * records: a title missing from the batch gets one deletion marker; a title that comes back gets a live row.
 */
export function planScd2(current: readonly CurrentVersion[], batch: readonly GoldValues[]): Scd2Plan {
  const seen = new Set<string>();
  for (const b of batch) {
    if (seen.has(b.titleKey)) {
      throw new LoadRefusedError(
        `The batch holds title key ${b.titleKey} twice ("${b.title}"), so it cannot be versioned; nothing was written.`,
        'This is a bug in the export reader or a corrupt export; re-run with --debug and report it.',
      );
    }
    seen.add(b.titleKey);
  }

  const byKey = new Map(current.map((c) => [c.titleKey, c]));
  const plan: Scd2Plan = {
    close: [],
    insert: [],
    touch: [],
    counts: { new: 0, changed: 0, unchanged: 0, deleted: 0, restored: 0 },
  };

  for (const b of batch) {
    const cur = byKey.get(b.titleKey);
    // The MAL id comes from matching, not from the export: carry it over.
    const values: GoldValues = { ...b, malId: b.malId ?? cur?.malId ?? null };
    if (!cur) {
      plan.insert.push({ values, isDeleted: false });
      plan.counts.new++;
    } else if (cur.isDeleted) {
      plan.close.push(cur.versionId);
      plan.insert.push({ values, isDeleted: false });
      plan.counts.restored++;
    } else if (changedColumns(cur, values).length > 0) {
      plan.close.push(cur.versionId);
      plan.insert.push({ values, isDeleted: false });
      plan.counts.changed++;
    } else {
      if (untrackedDiffer(cur, values)) plan.touch.push({ versionId: cur.versionId, values: pickUntracked(values) });
      plan.counts.unchanged++;
    }
  }

  for (const cur of current) {
    if (cur.isDeleted || seen.has(cur.titleKey)) continue;
    plan.close.push(cur.versionId);
    const { versionId: _id, validFrom: _from, isDeleted: _del, ...last } = cur;
    plan.insert.push({ values: last, isDeleted: true });
    plan.counts.deleted++;
  }
  return plan;
}

export function planIsEmpty(plan: Scd2Plan): boolean {
  return plan.close.length === 0 && plan.insert.length === 0 && plan.touch.length === 0;
}
