import type { MediaType, TraktMedia, TraktPlay, TraktRating, TraktWatchedSummary } from './types.ts';
import { normalizeTitle, titleKey } from './title-key.ts';

/** A play as kept in silver. */
export interface SilverPlay {
  playId: number;
  titleKey: string;
  watchedAt: string | null;
  action: string;
  season: number | null;
  episode: number | null;
  episodeTraktId: number | null;
}

/** One title of the latest export, cleaned and aggregated (the silver row and the input of the SCD2 load). */
export interface TitleFacts {
  titleKey: string;
  normTitle: string;
  traktId: number | null;
  slug: string | null;
  imdbId: string | null;
  tmdbId: number | null;
  tvdbId: number | null;
  title: string;
  year: number | null;
  mediaType: MediaType;
  userRating: number | null;
  ratedAt: string | null;
  /** Distinct regular episodes (season ≥ 1) watched; null for films. */
  episodesWatched: number | null;
  /** Distinct specials (season 0) watched; null for films. */
  specialsWatched: number | null;
  /** Every play, rewatches included. */
  totalPlays: number;
  totalEpisodes: number | null;
  firstWatchedAt: string | null;
  lastWatchedAt: string | null;
  watchDurationDays: number | null;
  bingeIndicator: number | null;
}

const DAY_MS = 86_400_000;
/** A binge: this many distinct episodes at distinct times within BINGE_WINDOW_MS. */
export const BINGE_MIN_EPISODES = 3;
export const BINGE_WINDOW_MS = DAY_MS;

/** Keep the first play of each play id (exports list pages newest first); returns the duplicates' count too. */
export function dedupePlays(plays: Iterable<TraktPlay>): { plays: TraktPlay[]; duplicates: number } {
  const seen = new Set<number>();
  const out: TraktPlay[] = [];
  let duplicates = 0;
  for (const p of plays) {
    if (seen.has(p.playId)) {
      duplicates++;
      continue;
    }
    seen.add(p.playId);
    out.push(p);
  }
  return { plays: out, duplicates };
}

/**
 * Calendar days (UTC) from the first to the last play, both counted: one evening is 1, a weekend is 2.
 */
export function watchDurationDays(first: string | null, last: string | null): number | null {
  if (!first || !last) return null;
  const a = Math.floor(Date.parse(first) / DAY_MS);
  const b = Math.floor(Date.parse(last) / DAY_MS);
  return b - a + 1;
}

/**
 * 1 when some 24-hour window holds plays of at least 3 distinct episodes at 3 distinct times. Plays that
 * share one exact timestamp count once: hundreds of plays stamped with one time are a bulk back-fill, not a
 * binge. Null for films and for shows with no dated plays.
 */
export function bingeIndicator(
  plays: ReadonlyArray<Pick<TraktPlay, 'watchedAt' | 'season' | 'episode'>>,
): number | null {
  const byTime = new Map<number, string>();
  for (const p of plays) {
    if (p.watchedAt === null || p.season === null || p.episode === null) continue;
    const t = Date.parse(p.watchedAt);
    if (!byTime.has(t)) byTime.set(t, `${p.season}x${p.episode}`);
  }
  if (byTime.size === 0) return null;
  const points = [...byTime.entries()].sort((x, y) => x[0] - y[0]);
  const inWindow = new Map<string, number>();
  let left = 0;
  for (let right = 0; right < points.length; right++) {
    const [t, ep] = points[right]!;
    inWindow.set(ep, (inWindow.get(ep) ?? 0) + 1);
    while (t - points[left]![0] >= BINGE_WINDOW_MS) {
      const old = points[left]![1];
      const n = inWindow.get(old)! - 1;
      if (n === 0) inWindow.delete(old);
      else inWindow.set(old, n);
      left++;
    }
    if (inWindow.size >= BINGE_MIN_EPISODES) return 1;
  }
  return 0;
}

interface Acc {
  media: TraktMedia;
  newestPlayId: number;
  plays: TraktPlay[];
}

function emptyFacts(key: string, media: TraktMedia): TitleFacts {
  return {
    titleKey: key,
    normTitle: normalizeTitle(media.title),
    traktId: media.ids.trakt,
    slug: media.ids.slug,
    imdbId: media.ids.imdb,
    tmdbId: media.ids.tmdb,
    tvdbId: media.ids.tvdb,
    title: media.title,
    year: media.year,
    mediaType: media.mediaType,
    userRating: null,
    ratedAt: null,
    episodesWatched: media.mediaType === 'show' ? 0 : null,
    specialsWatched: media.mediaType === 'show' ? 0 : null,
    totalPlays: 0,
    totalEpisodes: media.mediaType === 'show' ? media.airedEpisodes : null,
    firstWatchedAt: null,
    lastWatchedAt: null,
    watchDurationDays: null,
    bingeIndicator: null,
  };
}

/** Turn the plays and show/movie ratings of one export into one row per title. */
export function aggregateTitles(plays: readonly TraktPlay[], ratings: readonly TraktRating[]): TitleFacts[] {
  const byKey = new Map<string, Acc>();
  for (const p of plays) {
    const key = titleKey(p.media);
    const acc = byKey.get(key);
    if (!acc) byKey.set(key, { media: p.media, newestPlayId: p.playId, plays: [p] });
    else {
      acc.plays.push(p);
      // The newest record's title and year win: Trakt renames titles, and the newest name is the one users know.
      if (p.playId > acc.newestPlayId) {
        acc.media = p.media;
        acc.newestPlayId = p.playId;
      }
    }
  }

  const out = new Map<string, TitleFacts>();
  for (const [key, acc] of byKey) {
    const f = emptyFacts(key, acc.media);
    f.totalPlays = acc.plays.length;
    let first: string | null = null;
    let last: string | null = null;
    let aired = f.totalEpisodes;
    const regular = new Set<string>();
    const specials = new Set<string>();
    for (const p of acc.plays) {
      if (p.watchedAt !== null) {
        if (first === null || p.watchedAt < first) first = p.watchedAt;
        if (last === null || p.watchedAt > last) last = p.watchedAt;
      }
      if (p.media.airedEpisodes !== null && (aired === null || p.media.airedEpisodes > aired))
        aired = p.media.airedEpisodes;
      if (f.mediaType === 'show' && p.season !== null && p.episode !== null) {
        (p.season === 0 ? specials : regular).add(`${p.season}x${p.episode}`);
      }
    }
    f.firstWatchedAt = first;
    f.lastWatchedAt = last;
    f.watchDurationDays = watchDurationDays(first, last);
    if (f.mediaType === 'show') {
      f.episodesWatched = regular.size;
      f.specialsWatched = specials.size;
      f.totalEpisodes = aired;
      f.bingeIndicator = bingeIndicator(acc.plays);
    }
    out.set(key, f);
  }

  // Show and film ratings become the title's rating; season and episode ratings stay in bronze.
  const newestRating = new Map<string, TraktRating>();
  for (const r of ratings) {
    if (r.kind !== 'show' && r.kind !== 'movie') continue;
    const key = titleKey(r.media);
    const prev = newestRating.get(key);
    if (!prev || (r.ratedAt ?? '') > (prev.ratedAt ?? '')) newestRating.set(key, r);
  }
  for (const [key, r] of newestRating) {
    let f = out.get(key);
    if (!f) {
      // Rated but never logged as watched: still one of the person's titles.
      f = emptyFacts(key, r.media);
      out.set(key, f);
    }
    f.userRating = r.rating;
    f.ratedAt = r.ratedAt;
  }
  return [...out.values()].sort((a, b) => (a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : 0));
}

/** The silver form of a play. */
export function toSilverPlay(p: TraktPlay): SilverPlay {
  return {
    playId: p.playId,
    titleKey: titleKey(p.media),
    watchedAt: p.watchedAt,
    action: p.action,
    season: p.season,
    episode: p.episode,
    episodeTraktId: p.episodeTraktId,
  };
}

/** How Trakt's own per-title totals (watched-shows/movies.json) compare with the history. */
export interface CrossCheck {
  /** Titles listed in watched-shows/movies.json. */
  checked: number;
  /** Titles there with no play in the history. */
  missingFromHistory: string[];
  /** Titles whose play count differs (Trakt's totals are known not to reconcile exactly). */
  playsDiffer: number;
}

/** Compare the history's titles with watched-shows/movies.json; informational, never fatal. */
export function crossCheckWatched(
  titles: ReadonlyArray<Pick<TitleFacts, 'titleKey' | 'totalPlays'>>,
  watched: readonly TraktWatchedSummary[],
): CrossCheck {
  const byKey = new Map(titles.map((t) => [t.titleKey, t]));
  const out: CrossCheck = { checked: watched.length, missingFromHistory: [], playsDiffer: 0 };
  for (const w of watched) {
    const t = byKey.get(titleKey(w.media));
    if (!t || t.totalPlays === 0) out.missingFromHistory.push(w.media.title);
    else if (t.totalPlays !== w.plays) out.playsDiffer++;
  }
  return out;
}
