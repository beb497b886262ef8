import type { AnimeLink, AnimeRecord } from '../domain/anime.ts';
import { passesFilter, titleLength, type LibraryFilter } from '../domain/filters.ts';
import { moodsFromMetadata, type Mood } from '../domain/moods.ts';
import type { LengthBucket } from '../domain/length.ts';

/** A title the person watched, with what the provider says it resembles. */
export interface SourceTitle {
  title: string;
  malId: number;
  userRating: number | null;
  binged: boolean;
  record: AnimeRecord;
}

/** Why a candidate is in the pool: a recommendation or a relation from one of the person's titles. */
export interface Edge {
  from: SourceTitle;
  kind: 'recommendation' | 'relation';
  /** AniList's recommendation rating, or the relation type. */
  strength: number;
  relationType: string | null;
}

export interface PoolCandidate {
  record: AnimeRecord;
  moods: Mood[];
  length: LengthBucket | null;
  edges: Edge[];
}

export interface PoolOptions {
  /** Titles rated at least this are the pool's sources (the highest-rated ones when none is). */
  minSourceRating: number;
  /** Candidates with fewer people listing them are dropped (obscure or mis-linked entries). */
  popularityFloor: number;
  filter: LibraryFilter;
  /** MAL ids to leave out: the history, the plan-to-watch list, dropped titles. */
  exclude: ReadonlySet<number>;
  /** Shows the person dropped: their sequels are left out. */
  dropped?: ReadonlySet<number>;
  /** Stored moods (AI labels where a model gave them); others come from genres and tags. */
  moods?: ReadonlyMap<number, Mood[]>;
}

export interface PoolDrops {
  alreadySeen: number;
  onPlan: number;
  unknownMetadata: number;
  belowPopularity: number;
  unstartedSequel: number;
  droppedFranchise: number;
  filteredOut: number;
}

/** Titles that feed the pool: rated ≥ minSourceRating, else the ten best-rated. */
export function poolSources(watched: readonly SourceTitle[], minRating: number): SourceTitle[] {
  const high = watched.filter((w) => (w.userRating ?? 0) >= minRating);
  if (high.length) return high;
  return [...watched].sort((a, b) => (b.userRating ?? 0) - (a.userRating ?? 0)).slice(0, 10);
}

/** Every MAL id the sources point at (what needs metadata before the pool can be built). */
export function candidateIds(sources: readonly SourceTitle[]): number[] {
  const ids = new Set<number>();
  for (const s of sources) for (const l of [...s.record.recommendations, ...s.record.relations]) if (l.malId !== null) ids.add(l.malId);
  return [...ids];
}

const FRANCHISE_LINKS = new Set(['PREQUEL', 'PARENT']);

/**
 * The candidate pool: recommendations and relations of the person's best-rated titles, minus what they have
 * seen or planned, sequels of franchises they have not started, obscure entries, and what the filter excludes.
 */
export function buildPool(
  sources: readonly SourceTitle[],
  details: ReadonlyMap<number, AnimeRecord>,
  planIds: ReadonlySet<number>,
  seenIds: ReadonlySet<number>,
  opts: PoolOptions,
): { candidates: PoolCandidate[]; drops: PoolDrops } {
  const drops: PoolDrops = { alreadySeen: 0, onPlan: 0, unknownMetadata: 0, belowPopularity: 0, unstartedSequel: 0, droppedFranchise: 0, filteredOut: 0 };
  const edges = new Map<number, Edge[]>();
  const add = (s: SourceTitle, l: AnimeLink, kind: Edge['kind']): void => {
    if (l.malId === null) return;
    const list = edges.get(l.malId) ?? [];
    list.push({ from: s, kind, strength: kind === 'recommendation' ? l.rating : 0, relationType: l.relationType });
    edges.set(l.malId, list);
  };
  for (const s of sources) {
    for (const l of s.record.recommendations) add(s, l, 'recommendation');
    for (const l of s.record.relations) add(s, l, 'relation');
  }
  const candidates: PoolCandidate[] = [];
  for (const [id, es] of edges) {
    if (seenIds.has(id)) {
      drops.alreadySeen++;
      continue;
    }
    if (planIds.has(id) || opts.exclude.has(id)) {
      drops.onPlan++;
      continue;
    }
    const record = details.get(id);
    if (!record) {
      drops.unknownMetadata++;
      continue;
    }
    if ((record.popularity ?? 0) < opts.popularityFloor) {
      drops.belowPopularity++;
      continue;
    }
    // A sequel is only for someone who started the franchise: every prequel must have been seen.
    const prequels = record.relations.filter((r) => r.relationType !== null && FRANCHISE_LINKS.has(r.relationType) && r.malId !== null);
    if (prequels.some((p) => !seenIds.has(p.malId!))) {
      drops.unstartedSequel++;
      continue;
    }
    if (prequels.some((p) => opts.dropped?.has(p.malId!))) {
      drops.droppedFranchise++;
      continue;
    }
    const moods = opts.moods?.get(id) ?? moodsFromMetadata(record.genres, record.tags);
    const mediaType = record.format === 'MOVIE' ? 'movie' : 'show';
    const f = { mediaType, format: record.format, totalEpisodes: null, animeEpisodes: record.episodes, minutesPerEpisode: record.minutesPerEpisode, genres: record.genres, moods } as const;
    if (!passesFilter(f, opts.filter)) {
      drops.filteredOut++;
      continue;
    }
    candidates.push({ record, moods, length: titleLength(f), edges: es });
  }
  return { candidates, drops };
}
