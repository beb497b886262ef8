import type { Warehouse } from '../warehouse/store.ts';
import { animeRecords, droppedMalIds, historyMalIds, storedMoods, upsertAnime, watchedAnime } from '../warehouse/enrichment.ts';
import { planItems } from '../warehouse/plan.ts';
import type { Provider } from '../enrich/provider.ts';
import type { LibraryFilter } from '../domain/filters.ts';
import { buildPool, candidateIds, poolSources, type PoolDrops, type SourceTitle } from '../recommend/pool.ts';
import { rankLocally, type Recommendation } from '../recommend/local.ts';
import { buildGeminiRequest, MAX_CANDIDATES, validateGeminiAnswer, type ValidationCounts } from '../recommend/gemini-engine.ts';
import type { PoolCandidate } from '../recommend/pool.ts';
import type { GeminiClient } from '../ai/gemini.ts';
import { AnidexError } from '../domain/errors.ts';
import { AnswerSource } from './answer-source.ts';
import { shownTitle, type ProviderTitles, type TitleLanguage } from '../domain/title-language.ts';
import type { AnimeTitles } from '../domain/anime.ts';

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
  /** MAL ids to treat as never watched (offline evaluation hides each favourite in turn). */
  hide?: ReadonlySet<number>;
  /** Which name titles are shown by, in the results and in the reasons that name your titles (default: as exported). */
  titleLanguage?: TitleLanguage;
}

const providerTitles = (t: AnimeTitles): ProviderTitles => ({ titleEnglish: t.english, titleRomaji: t.romaji });

/** Recommended anime come from no export: they keep the provider's usual name unless another language is chosen. */
function inLanguage(items: Recommendation[], pool: readonly PoolCandidate[], lang: TitleLanguage | undefined): Recommendation[] {
  if (!lang || lang === 'exported') return items;
  const byId = new Map(pool.map((c) => [c.record.malId, c.record.titles]));
  return items.map((it) => {
    const t = byId.get(it.malId);
    return t ? { ...it, title: shownTitle(it.title, providerTitles(t), lang) } : it;
  });
}

export interface RecommendResult {
  engine: 'local' | 'gemini';
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
  const watched = watchedAnime(wh.db).filter((w) => !opts.hide?.has(w.malId));
  const own = animeRecords(wh.db, watched.map((w) => w.malId));
  const source = new AnswerSource(wh, opts.provider, { offline: opts.offline, signal: opts.signal, useBundled: opts.useBundled, now });
  // Jikan's search answers (what enrichment stored) carry no relations or recommendations: fetch the details of
  // the titles that will feed the pool before building it.
  const thin = watched
    .filter((w) => (w.userRating ?? 0) >= (opts.minSourceRating ?? 8))
    .map((w) => own.get(w.malId))
    .filter((r): r is NonNullable<typeof r> => !!r && r.relations.length === 0 && r.recommendations.length === 0)
    .map((r) => r.malId);
  if (thin.length && opts.provider.searchIsComplete) {
    const fetched = await source.details(thin);
    for (const [id, r] of fetched) own.set(id, r);
    await wh.write((db) => {
      source.writePending(db);
      upsertAnime(db, [...fetched.values()], opts.provider.name, now().toISOString());
    }, { what: 'saving anime details' });
  }
  const all: SourceTitle[] = watched
    .filter((w) => own.has(w.malId))
    .map((w) => {
      const record = own.get(w.malId)!;
      // Reasons name these titles ("because you rated … 10/10"): by the name the person chose to see.
      return { title: shownTitle(w.title, providerTitles(record.titles), opts.titleLanguage ?? 'exported'), malId: w.malId, userRating: w.userRating, binged: w.binged, record };
    });
  const sources = poolSources(all, opts.minSourceRating ?? 8);
  const wanted = candidateIds(sources);
  const details = animeRecords(wh.db, wanted);
  const missing = wanted.filter((id) => !details.has(id));
  let stoppedBecause: string | null = source.stoppedBecause;
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
  for (const id of opts.hide ?? []) seen.delete(id);
  const plan = new Set(planItems(wh.db).map((p) => p.malId).filter((x): x is number => x !== null));
  const poolOpts = { minSourceRating: opts.minSourceRating ?? 8, popularityFloor: opts.popularityFloor ?? 1000, exclude: new Set<number>(), moods: storedMoods(wh.db), dropped: droppedMalIds(wh.db) };
  const { candidates, drops } = buildPool(sources, details, plan, seen, { ...poolOpts, filter: opts.filter });
  const unfiltered = new Set(buildPool(sources, details, plan, seen, { ...poolOpts, filter: {} }).candidates.map((c) => c.record.malId));
  return { sources, candidates, drops, seen, unfiltered, missingMetadata: wanted.length - details.size, stoppedBecause };
}

/** Recommendations from the local engine: no key, no network needed once metadata is cached. */
export async function recommendLocal(wh: Warehouse, opts: RecommendOptions): Promise<RecommendResult> {
  const p = await preparePool(wh, opts);
  return {
    engine: 'local',
    items: inLanguage(rankLocally(p.candidates, p.sources, opts.count), p.candidates, opts.titleLanguage),
    sources: p.sources.length,
    poolSize: p.candidates.length,
    drops: p.drops,
    missingMetadata: p.missingMetadata,
    stoppedBecause: p.stoppedBecause,
  };
}

export interface GeminiRecommendResult extends RecommendResult {
  engine: 'gemini';
  model: string;
  /** Answers dropped by validation, by why. */
  dropped: ValidationCounts;
  requestsToday: number;
  remainingToday: number;
  /** What was sent (the answered attempt): shown on request, so a person can see what left the machine. */
  sent: { system: string; prompt: string } | null;
}

/** The exact request the Gemini engine would send (for --dry-run): nothing is sent, no key is needed. */
export async function geminiDryRun(wh: Warehouse, opts: RecommendOptions): Promise<{ system: string; prompt: string; schema: unknown }> {
  const p = await preparePool(wh, opts);
  const ordered = orderByLocalScore(p.candidates, p.sources);
  const req = buildGeminiRequest(p.sources, ordered, opts.filter, opts.count);
  return { system: req.system, prompt: req.prompt, schema: req.schema };
}

function orderByLocalScore(pool: PoolCandidate[], sources: SourceTitle[]): PoolCandidate[] {
  const rank = new Map(rankLocally(pool, sources, pool.length).map((r, i) => [r.malId, i]));
  return [...pool].sort((a, b) => (rank.get(a.record.malId) ?? 0) - (rank.get(b.record.malId) ?? 0));
}

/**
 * Recommendations from Gemini over the same grounded pool: the model only ranks and explains candidates;
 * every answer must name a candidate that was sent. An unusable answer is retried once with half the candidates.
 */
export async function recommendGemini(wh: Warehouse, client: GeminiClient, opts: RecommendOptions): Promise<GeminiRecommendResult> {
  const p = await preparePool(wh, opts);
  const ordered = orderByLocalScore(p.candidates, p.sources);
  const base = {
    engine: 'gemini' as const, model: client.model, sources: p.sources.length, poolSize: p.candidates.length, drops: p.drops,
    missingMetadata: p.missingMetadata, stoppedBecause: p.stoppedBecause,
  };
  if (ordered.length === 0) {
    return { ...base, items: [], dropped: { invented: 0, notSent: 0, alreadyWatched: 0, outsideFilters: 0, malformed: 0, duplicates: 0 }, requestsToday: 0, remainingToday: client.remainingToday(), sent: null };
  }
  let max = MAX_CANDIDATES;
  let lastProblem = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    const req = buildGeminiRequest(p.sources, ordered, opts.filter, opts.count, max);
    const res = await client.generateJson({ system: req.system, prompt: req.prompt, schema: req.schema, signal: opts.signal, maxOutputTokens: 4096 });
    if (res.ok) {
      const v = validateGeminiAnswer(res.json, req.sent, p.seen, p.unfiltered, opts.count, new Set(p.candidates.map((c) => c.record.malId)));
      return { ...base, items: inLanguage(v.items, p.candidates, opts.titleLanguage), dropped: v.dropped, requestsToday: client.dailyBudget - client.remainingToday(), remainingToday: client.remainingToday(), sent: { system: req.system, prompt: req.prompt } };
    }
    lastProblem = res.message;
    max = Math.max(1, Math.floor(req.sent.size / 2));
  }
  throw new AnidexError(`Gemini's answer was unusable twice (${lastProblem}).`, 'Try again later, or use the local engine: anidex recommend --engine local.');
}
