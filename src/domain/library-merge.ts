/** What merging needs of a library row (a current title of one source, with its match). */
export interface MergeableRow {
  titleKey: string;
  malId: number | null;
  userRating: number | null;
  episodesWatched: number | null;
  totalPlays: number | null;
  malStatus: string | null;
  timesWatched: number | null;
}

export type SourceName = 'trakt' | 'mal' | 'anilist';

/** MyAnimeList and AniList are lists a fan keeps by hand: each plays the same part beside Trakt's plays. */
export const isListSource = (s: SourceName): boolean => s !== 'trakt';

/** Whether a title's sources include a hand-kept list (MyAnimeList or AniList). */
export const hasList = (sources: readonly string[]): boolean => sources.some((s) => s === 'mal' || s === 'anilist');

export type Merged<T> = T & {
  /** The sources that know the title, Trakt first. */
  sources: SourceName[];
  /** Every gold key of the title (its versions live under each). */
  keys: string[];
  /** Each source's own rating, kept when they disagree. */
  ratings: { trakt: number | null; mal: number | null };
};

export const sourceOf = (titleKey: string): SourceName =>
  titleKey.startsWith('mal:') ? 'mal' : titleKey.startsWith('anilist:') ? 'anilist' : 'trakt';

/**
 * One library from both sources. A Trakt title matched to MAL id X and the MAL entry X are one title: its plays,
 * dates and binges come from Trakt (every play with its time), its rating, status and rewatch count from MAL
 * (the list a fan keeps by hand), episodes watched is the larger. Both ratings are kept. MAL entries still on
 * `Plan to Watch` are not in the library and merge with nothing: they are on the plan. When several Trakt titles share one MAL id, the
 * one with the most plays takes the MAL entry.
 */
export function mergeSources<T extends MergeableRow>(rows: readonly T[]): Array<Merged<T>> {
  const mal = new Map<number, T>();
  // A MAL entry still on Plan to Watch is on the plan, not in the library, and says nothing about a title Trakt
  // shows as watched.
  // A MAL entry wins over an AniList entry of the same anime (the first list a person kept, and the ids' own).
  for (const r of rows)
    if (
      isListSource(sourceOf(r.titleKey)) &&
      r.malId !== null &&
      r.malStatus !== 'Plan to Watch' &&
      !(sourceOf(r.titleKey) === 'anilist' && mal.has(r.malId))
    )
      mal.set(r.malId, r);
  const claimed = new Set<number>();
  const trakt = rows.filter((r) => sourceOf(r.titleKey) === 'trakt');
  const byPlays = [...trakt].sort((a, b) => (b.totalPlays ?? 0) - (a.totalPlays ?? 0));
  const partner = new Map<T, T>();
  for (const t of byPlays) {
    const m = t.malId === null ? undefined : mal.get(t.malId);
    if (m && !claimed.has(t.malId!)) {
      claimed.add(t.malId!);
      partner.set(t, m);
    }
  }
  const out: Array<Merged<T>> = [];
  for (const r of rows) {
    if (sourceOf(r.titleKey) === 'trakt') {
      const m = partner.get(r);
      if (!m) {
        out.push({ ...r, sources: ['trakt'], keys: [r.titleKey], ratings: { trakt: r.userRating, mal: null } });
        continue;
      }
      out.push({
        ...r,
        userRating: m.userRating ?? r.userRating,
        episodesWatched: Math.max(r.episodesWatched ?? 0, m.episodesWatched ?? 0),
        malStatus: m.malStatus,
        timesWatched: m.timesWatched,
        sources: ['trakt', sourceOf(m.titleKey)],
        keys: [r.titleKey, m.titleKey],
        ratings: { trakt: r.userRating, mal: m.userRating },
      });
    } else if (!(r.malId !== null && claimed.has(r.malId)) && r.malStatus !== 'Plan to Watch') {
      out.push({
        ...r,
        sources: [sourceOf(r.titleKey)],
        keys: [r.titleKey],
        ratings: { trakt: null, mal: r.userRating },
      });
    }
  }
  return out;
}

/**
 * MyAnimeList entries still on `Plan to Watch` that are not library titles: the PTW entries no Trakt title
 * matched to the same MAL id already stands for (that title is in the library, with the status its history gives).
 * The library keeps them out; `--status plan_to_watch` and the filter panel's plan_to_watch show them.
 */
export function plannedRows<T extends MergeableRow>(rows: readonly T[]): Array<Merged<T>> {
  const traktIds = new Set(
    rows.filter((r) => sourceOf(r.titleKey) === 'trakt' && r.malId !== null).map((r) => r.malId!),
  );
  return rows
    .filter(
      (r) =>
        isListSource(sourceOf(r.titleKey)) &&
        r.malStatus === 'Plan to Watch' &&
        !(r.malId !== null && traktIds.has(r.malId)),
    )
    .map((r) => ({
      ...r,
      sources: [sourceOf(r.titleKey)] as SourceName[],
      keys: [r.titleKey],
      ratings: { trakt: null, mal: r.userRating },
    }));
}
