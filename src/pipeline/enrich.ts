import type { Warehouse } from '../warehouse/store.ts';
import { allMatches, enrichTargets, saveMatches, staleAnime, upsertAnime, type EnrichTarget, type TitleMatch } from '../warehouse/enrichment.ts';
import { finishRun, startRun, ZERO_COUNTS, type RunCounts } from '../warehouse/runs.ts';
import { cacheKey, type Provider, type SearchQuery } from '../enrich/provider.ts';
import { matchTitle, type MatchDecision } from '../enrich/matcher.ts';
import { AnswerSource, CACHE_TTL, type FetchProgress } from './answer-source.ts';
import { normalizeTitle } from '../domain/title-key.ts';
import { isDemoWarehouse } from '../warehouse/demo-mark.ts';
import { cachedCopiesOf, deleteCached } from '../warehouse/api-cache.ts';
import { bundledAnswers } from '../enrich/bundled-cache.ts';
import type { AnimeRecord } from '../domain/anime.ts';

const DAY = 86_400_000;
/** An unmatched title is searched again after this long (the provider may have added it). */
const RETRY_UNMATCHED_MS = 14 * DAY;

export type EnrichPhase = 'search' | 'details' | 'save';

export interface EnrichEvent {
  type: 'enrich';
  phase: EnrichPhase;
  done: number;
  total: number;
  calls: number;
  cacheHits: number;
  waitMs: number;
  etaMs: number | null;
}

export interface EnrichOptions {
  provider: Provider;
  /** Use only cached and bundled answers; fetch nothing. */
  offline?: boolean;
  signal?: AbortSignal;
  onEvent?: (e: EnrichEvent) => void;
  /** Exact ids from a configured mapping table: `trakt:show:123`, `tvdb:81797`, `tmdb:…`, `imdb:tt…` → MAL id. */
  idMap?: ReadonlyMap<string, number>;
  /** Re-search every title, manual matches excepted. */
  rematch?: boolean;
  /**
   * Consult the answers bundled with the sample when the warehouse is the demo (default true; tests of the network
   * path turn it off). A person's own warehouse never uses them.
   */
  useBundled?: boolean;
  /** Only these title keys (e.g. after `anidex match`). */
  only?: ReadonlySet<string>;
  now?: () => Date;
}

export interface EnrichResult {
  runId: number;
  titles: number;
  matched: number;
  unmatched: number;
  manual: number;
  /** Titles that still have no answer (offline, interrupted or the provider unreachable). */
  pending: number;
  counts: RunCounts;
  /** Set when the run stopped early: why, in one sentence. */
  stoppedBecause: string | null;
  interrupted: boolean;
}

function idMapKeys(t: EnrichTarget): string[] {
  const keys = [t.titleKey];
  if (t.tvdbId !== null) keys.push(`tvdb:${t.tvdbId}`);
  if (t.tmdbId !== null) keys.push(`tmdb:${t.tmdbId}`);
  if (t.imdbId !== null) keys.push(`imdb:${t.imdbId}`);
  return keys;
}

/**
 * An older anidex copied the sample's bundled answers into every warehouse that used them; in a person's own
 * warehouse they would go on answering that person's lookups for a month. Dropped once found (a write only then).
 */
async function dropBundledCopies(wh: Warehouse, provider: Provider): Promise<void> {
  if (provider.name !== 'anilist' || isDemoWarehouse(wh.db)) return;
  const copies = cachedCopiesOf(wh.db, provider.name, bundledAnswers());
  if (copies.length) await wh.write((db) => deleteCached(db, provider.name, copies), { what: 'dropping copies of the sample answers' });
}

/**
 * Give titles anime metadata: match each unmatched title (exact ids first, then a scored title search),
 * then fetch details for matched MAL ids into dim_anime. Every answer is cached in the warehouse (and
 * checkpointed during the run), so an interrupted run resumes without repeating finished calls and a warm
 * run makes no calls at all.
 */
export async function enrichTitles(wh: Warehouse, opts: EnrichOptions): Promise<EnrichResult> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const provider = opts.provider;
  const providerName = provider.name;
  const counts: RunCounts = { ...ZERO_COUNTS };
  const emit = opts.onEvent ?? (() => {});

  await wh.refresh();
  await dropBundledCopies(wh, provider);
  const targets = enrichTargets(wh.db).filter((t) => !opts.only || opts.only.has(t.titleKey));
  const existing = allMatches(wh.db);
  const decided: TitleMatch[] = [];
  const stamp = (): string => now().toISOString();

  // 1. Exact ids: a configured id mapping wins over searching.
  const toSearch: EnrichTarget[] = [];
  for (const t of targets) {
    const m = existing.get(t.titleKey);
    // A manual override stays; a MyAnimeList entry is its own MAL id and is never searched.
    if (m?.status === 'manual' || m?.method === 'mal-export') continue;
    const mapped = opts.idMap ? idMapKeys(t).map((k) => opts.idMap!.get(k)).find((v) => v !== undefined) : undefined;
    if (mapped !== undefined) {
      if (m?.malId !== mapped || m.method !== 'id-map') {
        decided.push({ titleKey: t.titleKey, status: 'matched', malId: mapped, confidence: 1, provider: null, method: 'id-map', otherMalIds: [], reason: 'from the id mapping table', matchedAt: stamp() });
      }
      continue;
    }
    const retry = m?.status === 'unmatched' && Date.parse(m.matchedAt) < now().getTime() - RETRY_UNMATCHED_MS;
    if (!m || retry || opts.rematch) toSearch.push(t);
  }

  // 2. Answers for the searches: the warehouse cache, then the bundled cache, then the network.
  const source = new AnswerSource(wh, provider, { offline: opts.offline, signal: opts.signal, useBundled: opts.useBundled, now });
  const progress = (phase: EnrichPhase) => (p: FetchProgress): void =>
    emit({ type: 'enrich', phase, done: p.done, total: p.total, calls: provider.stats.calls, cacheHits: source.cacheHits, waitMs: provider.limiter.waitedMs, etaMs: p.etaMs });

  const queries = new Map<string, SearchQuery>();
  for (const t of toSearch) {
    const key = cacheKey.search(normalizeTitle(t.title));
    if (!queries.has(key)) queries.set(key, { key, title: t.title, year: t.year, kind: t.mediaType });
  }
  const searchAnswers = await source.get(
    [...queries.keys()],
    (keys) => provider.search(keys.map((k) => queries.get(k)!), opts.signal),
    provider.batch.search,
    progress('search'),
  );

  // 3. Decide: score the candidates of every title that has an answer.
  const fromSearch = new Map<number, AnimeRecord>();
  const decisions = new Map<string, MatchDecision>();
  for (const t of toSearch) {
    const a = searchAnswers.get(cacheKey.search(normalizeTitle(t.title)));
    if (!a) continue;
    const candidates = a.status === 200 && a.payload !== null ? provider.parseSearch(a.payload) : [];
    const d = matchTitle({ title: t.title, year: t.year, kind: t.mediaType }, candidates);
    decisions.set(t.titleKey, d);
    if (d.malId !== null) fromSearch.set(d.malId, candidates.find((c) => c.malId === d.malId)!);
    decided.push({
      titleKey: t.titleKey, status: d.malId === null ? 'unmatched' : 'matched', malId: d.malId, confidence: d.confidence,
      provider: providerName, method: 'search', otherMalIds: d.others, reason: d.reason, matchedAt: stamp(),
    });
  }

  // 4. Details for every matched MAL id whose metadata is missing or old.
  const matchedIds = new Set<number>();
  const wanted = new Set(targets.map((t) => t.titleKey));
  for (const m of existing.values()) if (wanted.has(m.titleKey) && m.malId !== null) matchedIds.add(m.malId);
  for (const m of decided) if (m.malId !== null) matchedIds.add(m.malId);
  const stale = staleAnime(wh.db, matchedIds, new Date(now().getTime() - CACHE_TTL.positiveMs).toISOString());
  const records: AnimeRecord[] = [];
  const needDetails: number[] = [];
  for (const id of stale) {
    const s = fromSearch.get(id);
    if (provider.searchIsComplete && s) records.push(s);
    else needDetails.push(id);
  }
  for (const r of (await source.details(needDetails, progress('details'))).values()) records.push(r);
  // A show's later seasons, as the provider relates them, join the ones the search found.
  const byId = new Map(records.map((r) => [r.malId, r]));
  for (const m of decided) {
    const r = m.malId !== null ? byId.get(m.malId) : undefined;
    if (!r) continue;
    const sequels = r.relations.filter((l) => l.relationType === 'SEQUEL' && l.malId !== null && l.format !== 'MOVIE').map((l) => l.malId!);
    m.otherMalIds = [...new Set([...m.otherMalIds, ...sequels])];
  }

  // 5. One write for the outcome and the audit row.
  emit({ type: 'enrich', phase: 'save', done: 0, total: 1, calls: provider.stats.calls, cacheHits: counts.cacheHits, waitMs: provider.limiter.waitedMs, etaMs: null });
  counts.apiCalls = provider.stats.calls;
  counts.http429 = provider.stats.http429;
  counts.waitSeconds = Math.round((provider.limiter.waitedMs) / 100) / 10;
  counts.cacheHits = source.cacheHits;
  counts.cacheMisses = source.cacheMisses;
  const interrupted = source.interrupted;
  const stoppedBecause = source.stoppedBecause;
  const runId = await wh.write(
    (db) => {
      source.writePending(db);
      saveMatches(db, decided);
      upsertAnime(db, records, providerName, stamp());
      const id = startRun(db, 'enrich', startedAt, null, null);
      counts.titlesChanged = decided.filter((m) => {
        const old = existing.get(m.titleKey);
        return !old || old.status !== m.status || old.malId !== m.malId;
      }).length;
      finishRun(db, id, counts, interrupted ? 'interrupted' : stoppedBecause ? 'partial' : 'ok', [], null, stoppedBecause);
      return id;
    },
    { what: 'saving enrichment' },
  );

  const final = allMatches(wh.db);
  let matched = 0, unmatched = 0, manual = 0, pending = 0;
  for (const t of targets) {
    const m = final.get(t.titleKey);
    if (!m) pending++;
    else if (m.status === 'manual') manual++;
    else if (m.status === 'matched') matched++;
    else unmatched++;
  }
  return { runId, titles: targets.length, matched, unmatched, manual, pending, counts, stoppedBecause, interrupted };
}
