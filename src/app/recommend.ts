import type { Warehouse } from '../warehouse/store.ts';
import { animeRecords, droppedMalIds, historyMalIds, storedMoods, upsertAnime } from '../warehouse/enrichment.ts';
import { historyTitles } from '../warehouse/recommender.ts';
import { planItems } from '../warehouse/plan.ts';
import type { Provider } from '../enrich/provider.ts';
import type { AnimeRecord } from '../domain/anime.ts';
import { withoutStatuses, type LibraryFilter } from '../domain/filters.ts';
import { buildPool, linkedIds, type PoolCandidate, type PoolDrops } from '../recommend/pool.ts';
import { rankLocally, type Recommendation } from '../recommend/local.ts';
import { buildIndex, isColdStart, tasteOf, type EngineIndex, type Person } from '../recommend/engine.ts';
import {
  buildGeminiRequest,
  MAX_CANDIDATES,
  profileFor,
  validateGeminiAnswer,
  type ValidationCounts,
} from '../recommend/gemini-engine.ts';
import type { GeminiClient } from '../ai/gemini.ts';
import { AnidexError } from '../lib/errors.ts';
import { AnswerSource } from './answer-source.ts';
import { shownTitle, type ProviderTitles, type TitleLanguage } from '../domain/title-language.ts';
import type { AnimeTitles } from '../domain/anime.ts';

export interface RecommendOptions {
  provider: Provider;
  offline?: boolean;
  filter: LibraryFilter;
  count: number;
  /** Default 1 000 people listing it. */
  popularityFloor?: number;
  signal?: AbortSignal;
  useBundled?: boolean;
  now?: () => Date;
  /** MAL ids to treat as never watched. */
  hide?: ReadonlySet<number>;
  /** Which name titles are shown by, in the results and in the reasons that name your titles (default: as exported). */
  titleLanguage?: TitleLanguage;
}

const providerTitles = (t: AnimeTitles): ProviderTitles => ({ titleEnglish: t.english, titleRomaji: t.romaji });

/** Recommended anime come from no export: they keep the provider's usual name unless another language is chosen. */
function inLanguage(
  items: Recommendation[],
  pool: readonly PoolCandidate[],
  lang: TitleLanguage | undefined,
): Recommendation[] {
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
  /** The person's titles whose links fed the pool. */
  sources: number;
  /** Matched titles in the history (0: nothing to recommend from yet). */
  historySize: number;
  /** Fewer ratings than the engine needs to know the person's taste: the list leans on popularity. */
  coldStart: boolean;
  poolSize: number;
  drops: PoolDrops;
  /** Candidates whose metadata could not be had (offline, or the provider failed): left out, counted here. */
  missingMetadata: number;
  stoppedBecause: string | null;
}

/** At most this many of the person's best-liked titles feed the pool (their links are fetched once, then cached). */
export const MAX_SOURCES = 50;
/** Disliked titles whose links are read too (so what resembles them can be pushed down). */
const MAX_DISLIKED = 20;
/** A second step out along the links, when the first leaves fewer candidates than asked: at most this many ids. */
const MAX_SECOND_HOP = 250;

/** The person, the index of everything known about their titles and candidates, and the filtered pool. */
export async function preparePool(wh: Warehouse, opts: RecommendOptions) {
  const now = opts.now ?? (() => new Date());
  await wh.refresh();
  const listed = historyTitles(wh.db).filter((h) => !opts.hide?.has(h.malId));
  const plan = new Set(
    planItems(wh.db)
      .map((p) => p.malId)
      .filter((x): x is number => x !== null),
  );
  const known = animeRecords(wh.db, [...listed.map((h) => h.malId), ...plan]);
  // Reasons name these titles ("fans of … recommend it"): by the name the person chose to see.
  const lang = opts.titleLanguage ?? 'exported';
  const history = listed.map((h) => {
    const titles = known.get(h.malId)?.titles;
    return titles ? { ...h, title: shownTitle(h.title, providerTitles(titles), lang) } : h;
  });
  const person: Person = { history, plan: [...plan] };
  const source = new AnswerSource(wh, opts.provider, {
    offline: opts.offline,
    signal: opts.signal,
    useBundled: opts.useBundled,
    now,
  });
  let stoppedBecause: string | null = null;
  const fetchInto = async (ids: number[], what: string): Promise<void> => {
    const missing = ids.filter((id) => !known.has(id));
    const fromWarehouse = animeRecords(wh.db, missing);
    for (const [id, r] of fromWarehouse) known.set(id, r);
    const wanted = missing.filter((id) => !known.has(id));
    if (!wanted.length) return;
    const fetched = await source.details(wanted);
    for (const [id, r] of fetched) known.set(id, r);
    stoppedBecause = source.stoppedBecause;
    await wh.write(
      (db) => {
        source.writePending(db);
        upsertAnime(db, [...fetched.values()], opts.provider.name, now().toISOString());
      },
      { what },
    );
  };

  // The titles whose links feed the pool: the best-liked ones, and the most disliked (to push their kind down).
  const own = buildIndex(known.values());
  const taste = tasteOf(own, person);
  const liked = taste.opinions
    .filter((o) => o.like > 0 && o.at >= 0 && o.dislike === 0)
    .sort((a, b) => b.like - a.like || a.entry.malId - b.entry.malId)
    .slice(0, MAX_SOURCES);
  const disliked = taste.opinions
    .filter((o) => o.dislike > 0 && o.at >= 0)
    .sort((a, b) => b.dislike - a.dislike || a.entry.malId - b.entry.malId)
    .slice(0, MAX_DISLIKED);
  const sourceIds = [...liked, ...disliked].map((o) => o.entry.malId);
  // Jikan's search answers (what enrichment stored) carry no relations or recommendations: fetch the details of
  // the titles that will feed the pool before building it.
  const thin = sourceIds.filter((id) => {
    const r = known.get(id);
    return r && r.relations.length === 0 && r.recommendations.length === 0;
  });
  if (thin.length && opts.provider.searchIsComplete) {
    const fetched = await source.details(thin);
    for (const [id, r] of fetched) known.set(id, r);
    stoppedBecause = source.stoppedBecause;
    await wh.write(
      (db) => {
        source.writePending(db);
        upsertAnime(db, [...fetched.values()], opts.provider.name, now().toISOString());
      },
      { what: 'saving anime details' },
    );
  }
  const firstHop = linkedIds(liked.map((o) => known.get(o.entry.malId)!));
  await fetchInto(
    [...firstHop, ...linkedIds(disliked.map((o) => known.get(o.entry.malId)!))],
    'saving candidate metadata',
  );

  // Later seasons count as seen as far as the episodes watched reach: historyMalIds follows SEQUEL links through
  // the stored metadata, so each next season along the chain must be known before it can count.
  let seen = historyMalIds(wh.db);
  for (let step = 0; step < 8 && !stoppedBecause; step++) {
    const next = [...seen]
      .flatMap((id) => known.get(id)?.relations ?? [])
      .filter((l) => l.relationType === 'SEQUEL' && l.malId !== null && !known.has(l.malId))
      .map((l) => l.malId!);
    if (!next.length) break;
    await fetchInto(next, 'saving sequel metadata');
    seen = historyMalIds(wh.db);
  }
  for (const id of opts.hide ?? []) seen.delete(id);
  const poolOpts = {
    popularityFloor: opts.popularityFloor ?? 1000,
    moods: storedMoods(wh.db),
    dropped: droppedMalIds(wh.db),
  };
  const pool = (ids: Iterable<number>, filter: LibraryFilter) =>
    buildPool(ids, known, plan, seen, { ...poolOpts, filter });
  let ids = firstHop;
  // Statuses describe titles on the person's own list; candidates are titles they have not listed.
  const filter = withoutStatuses(opts.filter);
  let built = pool(ids, filter);
  // Too few fit (strict filters, a short or unrated history): one more step out, along the candidates' own links.
  if (built.candidates.length < opts.count && !stoppedBecause) {
    const start = new Set(ids);
    const second = linkedIds(pool(ids, {}).candidates.map((c) => c.record))
      .filter((id) => !start.has(id) && !seen.has(id) && !plan.has(id))
      .slice(0, MAX_SECOND_HOP);
    if (second.length) {
      await fetchInto(second, 'saving candidate metadata');
      ids = [...ids, ...second];
      built = pool(ids, filter);
    }
  }
  const unfiltered = new Set(pool(ids, {}).candidates.map((c) => c.record.malId));
  const index: EngineIndex = buildIndex(known.values());
  const wanted = new Set(ids);
  const missingMetadata = [...wanted].filter((id) => !known.has(id) && !seen.has(id)).length;
  return {
    person,
    index,
    candidates: built.candidates,
    drops: built.drops,
    seen,
    unfiltered,
    records: known as ReadonlyMap<number, AnimeRecord>,
    sources: liked.length,
    historySize: history.length,
    coldStart: isColdStart(person),
    missingMetadata,
    stoppedBecause,
  };
}

function resultBase(p: Awaited<ReturnType<typeof preparePool>>) {
  return {
    sources: p.sources,
    historySize: p.historySize,
    coldStart: p.coldStart,
    poolSize: p.candidates.length,
    drops: p.drops,
    missingMetadata: p.missingMetadata,
    stoppedBecause: p.stoppedBecause,
  };
}

/** Recommendations from the local engine: no key, no network needed once metadata is cached. */
export async function recommendLocal(wh: Warehouse, opts: RecommendOptions): Promise<RecommendResult> {
  const p = await preparePool(wh, opts);
  return {
    engine: 'local',
    items: inLanguage(rankLocally(p.index, p.person, p.candidates, opts.count), p.candidates, opts.titleLanguage),
    ...resultBase(p),
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
export async function geminiDryRun(
  wh: Warehouse,
  opts: RecommendOptions,
): Promise<{ system: string; prompt: string; schema: unknown }> {
  const p = await preparePool(wh, opts);
  const req = buildGeminiRequest(profileFor(p.index, p.person), orderByLocalScore(p), opts.filter, opts.count);
  return { system: req.system, prompt: req.prompt, schema: req.schema };
}

/** The pool in the local engine's order: Gemini sees the best candidates first, and the first MAX_CANDIDATES. */
function orderByLocalScore(p: Awaited<ReturnType<typeof preparePool>>): PoolCandidate[] {
  const rank = new Map(rankLocally(p.index, p.person, p.candidates, p.candidates.length).map((r, i) => [r.malId, i]));
  return [...p.candidates].sort((a, b) => (rank.get(a.record.malId) ?? 0) - (rank.get(b.record.malId) ?? 0));
}

/**
 * Recommendations from Gemini over the same grounded pool: the model only ranks and explains candidates;
 * every answer must name a candidate that was sent. An unusable answer is retried once with half the candidates.
 */
export async function recommendGemini(
  wh: Warehouse,
  client: GeminiClient,
  opts: RecommendOptions,
): Promise<GeminiRecommendResult> {
  const p = await preparePool(wh, opts);
  const ordered = orderByLocalScore(p);
  const profile = profileFor(p.index, p.person);
  const base = { engine: 'gemini' as const, model: client.model, ...resultBase(p) };
  if (ordered.length === 0) {
    return {
      ...base,
      items: [],
      dropped: { invented: 0, notSent: 0, alreadyWatched: 0, outsideFilters: 0, malformed: 0, duplicates: 0 },
      requestsToday: 0,
      remainingToday: client.remainingToday(),
      sent: null,
    };
  }
  let max = MAX_CANDIDATES;
  let lastProblem = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    const req = buildGeminiRequest(profile, ordered, opts.filter, opts.count, max);
    const res = await client.generateJson({
      system: req.system,
      prompt: req.prompt,
      schema: req.schema,
      signal: opts.signal,
      maxOutputTokens: 4096,
    });
    if (res.ok) {
      const v = validateGeminiAnswer(
        res.json,
        req.sent,
        p.seen,
        p.unfiltered,
        opts.count,
        new Set(p.candidates.map((c) => c.record.malId)),
      );
      return {
        ...base,
        items: inLanguage(v.items, p.candidates, opts.titleLanguage),
        dropped: v.dropped,
        requestsToday: client.dailyBudget - client.remainingToday(),
        remainingToday: client.remainingToday(),
        sent: { system: req.system, prompt: req.prompt },
      };
    }
    lastProblem = res.message;
    max = Math.max(1, Math.floor(req.sent.size / 2));
  }
  throw new AnidexError(
    `Gemini's answer was unusable twice (${lastProblem}).`,
    'Try again later, or use the local engine: anidex recommend --engine local.',
  );
}
