import type { Warehouse } from '../warehouse/store.ts';
import { animeRecords, historyMalIds, upsertAnime, watchedAnime } from '../warehouse/enrichment.ts';
import { planItems } from '../warehouse/plan.ts';
import type { Provider } from '../enrich/provider.ts';
import type { LibraryFilter } from '../domain/filters.ts';
import { buildPool, candidateIds, poolSources, type PoolDrops, type SourceTitle } from '../recommend/pool.ts';
import { rankLocally, type Recommendation } from '../recommend/local.ts';
import { AnswerSource } from './answer-source.ts';

export interface RecommendOptions {
  provider: Provider;
  offline?: boolean;
  filter: LibraryFilter;
  count: number;
  /** Default 8: a 7 is "liked", not "loved". */
  minSourceRating?: number;
  /** Default 1 000 people listing it. */
  popularityFloor?: number;
  signal?: AbortSignal;
  useBundled?: boolean;
  now?: () => Date;
}

export interface RecommendResult {
  engine: 'local';
  items: Recommendation[];
  sources: number;
  poolSize: number;
  drops: PoolDrops;
  /** Candidates whose metadata could not be had (offline, or the provider failed): left out, counted here. */
  missingMetadata: number;
  stoppedBecause: string | null;
}

/** The sources and pool, with candidate metadata fetched (or read from the cache) as needed. */
export async function preparePool(wh: Warehouse, opts: RecommendOptions) {
  const now = opts.now ?? (() => new Date());
  await wh.refresh();
  const watched = watchedAnime(wh.db);
  const own = animeRecords(wh.db, watched.map((w) => w.malId));
  const all: SourceTitle[] = watched
    .filter((w) => own.has(w.malId))
    .map((w) => ({ title: w.title, malId: w.malId, userRating: w.userRating, binged: w.binged, record: own.get(w.malId)! }));
  const sources = poolSources(all, opts.minSourceRating ?? 8);
  const wanted = candidateIds(sources);
  const details = animeRecords(wh.db, wanted);
  const missing = wanted.filter((id) => !details.has(id));
  const source = new AnswerSource(wh, opts.provider, { offline: opts.offline, signal: opts.signal, useBundled: opts.useBundled, now });
  let stoppedBecause: string | null = null;
  if (missing.length) {
    const fetched = await source.details(missing);
    for (const [id, r] of fetched) details.set(id, r);
    stoppedBecause = source.stoppedBecause;
    await wh.write((db) => {
      source.writePending(db);
      upsertAnime(db, [...fetched.values()], opts.provider.name, now().toISOString());
    }, { what: 'saving candidate metadata' });
  }
  const seen = historyMalIds(wh.db);
  const plan = new Set(planItems(wh.db).map((p) => p.malId).filter((x): x is number => x !== null));
  const { candidates, drops } = buildPool(sources, details, plan, seen, {
    minSourceRating: opts.minSourceRating ?? 8,
    popularityFloor: opts.popularityFloor ?? 1000,
    filter: opts.filter,
    exclude: new Set(),
  });
  return { sources, candidates, drops, missingMetadata: wanted.length - details.size, stoppedBecause };
}

/** Recommendations from the local engine: no key, no network needed once metadata is cached. */
export async function recommendLocal(wh: Warehouse, opts: RecommendOptions): Promise<RecommendResult> {
  const p = await preparePool(wh, opts);
  return {
    engine: 'local',
    items: rankLocally(p.candidates, p.sources, opts.count),
    sources: p.sources.length,
    poolSize: p.candidates.length,
    drops: p.drops,
    missingMetadata: p.missingMetadata,
    stoppedBecause: p.stoppedBecause,
  };
}
