import type { AnimeRecord } from '../domain/anime.ts';
import { passesFilter, titleLength, type LibraryFilter } from '../domain/filters.ts';
import { moodsFromMetadata, type Mood } from '../domain/moods.ts';
import type { LengthBucket } from '../domain/length.ts';

export interface PoolCandidate {
  record: AnimeRecord;
  moods: Mood[];
  length: LengthBucket | null;
}

export interface PoolOptions {
  /** Candidates with fewer people listing them are dropped (obscure or mis-linked entries). */
  popularityFloor: number;
  filter: LibraryFilter;
  /** MAL ids to leave out besides the history and the plan. */
  exclude?: ReadonlySet<number>;
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

/** Every MAL id these titles point at, by recommendation or relation, in first-seen order. */
export function linkedIds(records: Iterable<AnimeRecord>): number[] {
  const ids = new Set<number>();
  for (const r of records)
    for (const l of [...r.recommendations, ...r.relations]) if (l.malId !== null) ids.add(l.malId);
  return [...ids];
}

const FRANCHISE_LINKS = new Set(['PREQUEL', 'PARENT']);

/**
 * The candidate pool: the given titles minus what the person has seen or planned, sequels of franchises they have
 * not started or dropped, obscure entries, and what the filter excludes. Every drop is counted.
 */
export function buildPool(
  ids: Iterable<number>,
  details: ReadonlyMap<number, AnimeRecord>,
  planIds: ReadonlySet<number>,
  seenIds: ReadonlySet<number>,
  opts: PoolOptions,
): { candidates: PoolCandidate[]; drops: PoolDrops } {
  const drops: PoolDrops = {
    alreadySeen: 0,
    onPlan: 0,
    unknownMetadata: 0,
    belowPopularity: 0,
    unstartedSequel: 0,
    droppedFranchise: 0,
    filteredOut: 0,
  };
  const candidates: PoolCandidate[] = [];
  for (const id of new Set(ids)) {
    if (seenIds.has(id)) {
      drops.alreadySeen++;
      continue;
    }
    if (planIds.has(id) || opts.exclude?.has(id)) {
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
    const prequels = record.relations.filter(
      (r) => r.relationType !== null && FRANCHISE_LINKS.has(r.relationType) && r.malId !== null,
    );
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
    const f = {
      mediaType,
      format: record.format,
      totalEpisodes: null,
      animeEpisodes: record.episodes,
      minutesPerEpisode: record.minutesPerEpisode,
      genres: record.genres,
      moods,
    } as const;
    if (!passesFilter(f, opts.filter)) {
      drops.filteredOut++;
      continue;
    }
    candidates.push({ record, moods, length: titleLength(f) });
  }
  return { candidates, drops };
}
