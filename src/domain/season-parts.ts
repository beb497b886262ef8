/*
 * A Trakt show spans what MyAnimeList splits into several entries: one per season, sometimes several per season
 * (Attack on Titan's third season is two MAL entries, split after episode 12). The id mapping says where each entry
 * starts; this file puts a person's plays into those entries. Pure.
 */

/**
 * One MyAnimeList entry of a Trakt show: the episodes of `season` after `offset`, up to the next part of the same
 * season. `season` null: every regular season no other part names (the mapping numbers that show absolutely).
 */
export interface SeasonPart {
  season: number | null;
  offset: number;
  malId: number;
}

/**
 * The part an episode belongs to: among the parts of its season, the one with the largest offset below the episode
 * number (AoT S3E15 is in the part that starts after episode 12); a regular season no part names falls to the
 * absolute part. Specials (season 0) belong to a part only when exactly one part starts at the largest offset below
 * the episode and the episode lies within that entry's episodes (`episodesOf`, else 1): the mapping does not say
 * where a special's episodes end. Null when no part claims the episode.
 */
export function partOf(
  parts: readonly SeasonPart[],
  season: number,
  episode: number,
  episodesOf: (malId: number) => number | null = () => null,
  /** The episode's number counted from the show's first episode (for shows the mapping numbers absolutely). */
  absolute: number = episode,
): SeasonPart | null {
  const inSeason = parts.filter((p) => p.season === season && p.offset < episode);
  if (inSeason.length) {
    const top = Math.max(...inSeason.map((p) => p.offset));
    const at = inSeason.filter((p) => p.offset === top);
    if (season !== 0) return at[0]!;
    if (at.length !== 1) return null;
    return episode - top <= (episodesOf(at[0]!.malId) ?? 1) ? at[0]! : null;
  }
  if (season === 0) return null;
  if (parts.some((p) => p.season === season)) return null; // the season's parts start after this episode
  // Absolute parts split by their offset into the show's whole run (Fairy Tail (2014) starts after episode 175).
  const whole = parts.filter((p) => p.season === null);
  const before = whole.filter((p) => p.offset < absolute);
  const pool = before.length ? before : whole;
  return pool.reduce<SeasonPart | null>((best, p) => (best === null || p.offset > best.offset ? p : best), null);
}

/** A play of an episode (watch time). */
export interface EpisodePlay {
  season: number;
  episode: number;
  watchedAt: string | null;
}

/** What a person watched of one MAL entry of a show. */
export interface PartCoverage extends SeasonPart {
  /** Distinct episodes of the entry watched. */
  episodesWatched: number;
  /** Plays of its episodes, rewatches included. */
  plays: number;
  firstWatchedAt: string | null;
  lastWatchedAt: string | null;
}

/**
 * The show's plays per MAL entry, in the order of the show (specials last); entries nobody watched come with 0.
 * When two parts name one MAL entry (the mapping lists it under two numberings), they are counted as one.
 */
export function coverage(
  parts: readonly SeasonPart[],
  plays: readonly EpisodePlay[],
  episodesOf: (malId: number) => number | null = () => null,
): PartCoverage[] {
  const byMal = new Map<
    number,
    { part: SeasonPart; episodes: Set<string>; plays: number; first: string | null; last: string | null }
  >();
  for (const p of parts)
    if (!byMal.has(p.malId)) byMal.set(p.malId, { part: p, episodes: new Set(), plays: 0, first: null, last: null });
  // An episode's place in the whole run, for shows numbered absolutely: the seasons before it as long as the
  // furthest episode watched of each (the export does not say how long a season is).
  const longest = new Map<number, number>();
  for (const p of plays) if (p.season > 0) longest.set(p.season, Math.max(longest.get(p.season) ?? 0, p.episode));
  const absolute = (season: number, episode: number): number => {
    let n = episode;
    for (const [s, len] of longest) if (s < season) n += len;
    return n;
  };
  for (const play of plays) {
    const part = partOf(parts, play.season, play.episode, episodesOf, absolute(play.season, play.episode));
    const c = part && byMal.get(part.malId);
    if (!c) continue;
    c.episodes.add(`${play.season}:${play.episode}`);
    c.plays++;
    if (play.watchedAt !== null) {
      if (c.first === null || play.watchedAt < c.first) c.first = play.watchedAt;
      if (c.last === null || play.watchedAt > c.last) c.last = play.watchedAt;
    }
  }
  const order = (p: SeasonPart): number => (p.season === null ? 0.5 : p.season === 0 ? 1e6 : p.season);
  return [...byMal.values()]
    .sort((a, b) => order(a.part) - order(b.part) || a.part.offset - b.part.offset || a.part.malId - b.part.malId)
    .map((c) => ({
      ...c.part,
      episodesWatched: c.episodes.size,
      plays: c.plays,
      firstWatchedAt: c.first,
      lastWatchedAt: c.last,
    }));
}

/** "S3 13–", "S1", "specials 5", "all seasons": where an entry sits in the show, for a person. */
export function partLabel(p: SeasonPart, next: SeasonPart | undefined): string {
  if (p.season === null) return 'all seasons';
  const name = p.season === 0 ? 'specials' : `S${p.season}`;
  const sameSeasonNext = next && next.season === p.season ? next.offset : null;
  if (p.offset === 0 && sameSeasonNext === null) return name;
  if (p.season === 0 && sameSeasonNext === null) return `${name} ${p.offset + 1}`;
  return `${name} ${p.offset + 1}–${sameSeasonNext ?? ''}`;
}
