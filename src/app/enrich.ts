import type { Warehouse } from '../warehouse/store.ts';
import {
  allMatches,
  allSeasonParts,
  enrichTargets,
  malIdsWithMetadata,
  saveMatches,
  staleAnime,
  upsertAnime,
  type EnrichTarget,
  type TitleMatch,
} from '../warehouse/enrichment.ts';
import { finishRun, startRun, ZERO_COUNTS, type RunCounts } from '../warehouse/runs.ts';
import { cacheKey, type Provider, type SearchQuery } from '../enrich/provider.ts';
import { matchTitle, MATCHER_VERSION, type MatchDecision } from '../enrich/matcher.ts';
import type { IdMapping } from '../enrich/id-mapping.ts';
import { evidenceText, type MappingWord, type MatchEvidence } from '../domain/match-evidence.ts';
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
  /** Use only cached (and, in the demo, bundled) answers; fetch nothing. */
  offline?: boolean;
  signal?: AbortSignal;
  onEvent?: (e: EnrichEvent) => void;
  /** The person's own table (`<data-dir>/id-map.json`): `trakt:show:123`, `tvdb:81797`, `tmdb:…`, `imdb:tt…` → MAL id. */
  idMap?: ReadonlyMap<string, number>;
  /** The community id mapping, when one could be had; without it titles are matched by name alone. */
  mapping?: IdMapping | null;
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
  /**
   * Titles still without anime metadata (offline, interrupted or the provider unreachable): never looked up, or
   * matched to a MAL id whose details are not fetched yet (a MyAnimeList list's entries arrive so). Not counted
   * in matched or manual.
   */
  pending: number;
  /** Of the matched titles, those the id mapping named (the others were found by title). */
  matchedByIds: number;
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
 * What the community mapping says of a title: the decision when it names the anime; otherwise what its silence
 * means for the title search. Ids it does not have are evidence of "not anime" only when the mapping is newer than
 * the title (a show that started this year may not be in it yet).
 */
function fromMapping(
  t: EnrichTarget,
  mapping: IdMapping | null | undefined,
  stamp: string,
): { decision: TitleMatch | null; word: MappingWord } {
  if (!mapping || !t.titleKey.startsWith('trakt:')) return { decision: null, word: 'unknown' };
  const v = mapping.lookup({ kind: t.mediaType, tvdbId: t.tvdbId, tmdbId: t.tmdbId, imdbId: t.imdbId });
  if (v.kind === 'absent') {
    const mappedYear = Number(mapping.datedAt.slice(0, 4));
    return { decision: null, word: t.year !== null && t.year < mappedYear ? 'absent' : 'unknown' };
  }
  if (v.kind !== 'mapped') return { decision: null, word: 'unknown' };
  const show = t.mediaType === 'show';
  const parts = show ? v.parts : [];
  const main = parts.find((p) => p.malId === v.mainMalId);
  const others = [...new Set(parts.filter((p) => p.season !== 0 && p.malId !== v.mainMalId).map((p) => p.malId))];
  const evidence: MatchEvidence = {
    method: 'mapping',
    via: v.via,
    id: v.id,
    season: show ? (main?.season ?? null) : null,
    entries: show ? new Set(parts.map((p) => p.malId)).size : 1,
  };
  return {
    decision: {
      titleKey: t.titleKey,
      status: 'matched',
      malId: v.mainMalId,
      confidence: 1,
      provider: null,
      method: 'mapping',
      otherMalIds: others,
      reason: evidenceText(evidence),
      matchedAt: stamp,
      evidence,
      parts,
    },
    word: 'unknown',
  };
}

/** Whether a title decided before must be searched again. */
function searchAgain(m: TitleMatch | undefined, word: MappingWord, opts: EnrichOptions, now: Date): boolean {
  if (!m) return true;
  // Named by the mapping before: kept while no mapping can be had (offline, unreachable), searched once a mapping
  // no longer names it. Named by the person's table before: searched once the table no longer names it.
  if (m.method === 'mapping') return Boolean(opts.mapping);
  if (m.method === 'id-map' || opts.rematch) return true;
  const e = m.evidence;
  // Decided by an older matcher, or without what the mapping says now: decided again (from cached answers).
  if (!e || (e.method !== 'title' && e.method !== 'none') || e.v !== MATCHER_VERSION) return true;
  // With a mapping: taken again when what it says of the title changed, or a newer one may place the candidates
  // elsewhere. Without one (offline, unreachable), a decision taken with one is kept rather than taken knowing less.
  if (opts.mapping && (e.mapping !== word || (e.mappedAt ?? null) !== opts.mapping.datedAt)) return true;
  return m.status === 'unmatched' && Date.parse(m.matchedAt) < now.getTime() - RETRY_UNMATCHED_MS;
}

/**
 * An older anidex copied the sample's bundled answers into every warehouse that used them; in a person's own
 * warehouse they would go on answering that person's lookups for a month. Dropped once found (a write only then).
 */
async function dropBundledCopies(wh: Warehouse, provider: Provider): Promise<void> {
  if (provider.name !== 'anilist' || isDemoWarehouse(wh.db)) return;
  const copies = cachedCopiesOf(wh.db, provider.name, bundledAnswers());
  if (copies.length)
    await wh.write((db) => deleteCached(db, provider.name, copies), { what: 'dropping copies of the sample answers' });
}

/**
 * Give titles anime metadata: match each title (the person's id table, then the community id mapping by TVDB, TMDb
 * or IMDb id, then a scored title search), then fetch details for matched MAL ids into dim_anime. Every answer is
 * cached in the warehouse (and checkpointed during the run), so an interrupted run resumes without repeating
 * finished calls and a warm run makes no calls at all.
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
  const existingParts = allSeasonParts(wh.db);
  const decided: TitleMatch[] = [];
  const stamp = (): string => now().toISOString();
  // An id-based decision that says what the stored one says is not written again (it keeps its date).
  const unchanged = (d: TitleMatch): boolean => {
    const m = existing.get(d.titleKey);
    return (
      !!m &&
      m.method === d.method &&
      m.status === d.status &&
      m.malId === d.malId &&
      JSON.stringify(m.evidence) === JSON.stringify(d.evidence) &&
      JSON.stringify(m.otherMalIds) === JSON.stringify(d.otherMalIds) &&
      JSON.stringify(existingParts.get(d.titleKey) ?? []) === JSON.stringify(d.parts ?? [])
    );
  };

  // 1. Exact ids: the person's own table, then the community mapping; what neither names is searched by title.
  const toSearch: Array<{ t: EnrichTarget; word: MappingWord }> = [];
  for (const t of targets) {
    const m = existing.get(t.titleKey);
    // A manual override stays; a MyAnimeList entry is its own MAL id and is never searched.
    if (m?.status === 'manual' || m?.method === 'mal-export') continue;
    const key = opts.idMap ? idMapKeys(t).find((k) => opts.idMap!.has(k)) : undefined;
    if (key !== undefined) {
      const mapped = opts.idMap!.get(key)!;
      const evidence: MatchEvidence = { method: 'id-map', key };
      const d: TitleMatch = {
        titleKey: t.titleKey,
        status: 'matched',
        malId: mapped,
        confidence: 1,
        provider: null,
        method: 'id-map',
        otherMalIds: [],
        reason: evidenceText(evidence),
        matchedAt: stamp(),
        evidence,
        parts: [],
      };
      if (!unchanged(d)) decided.push(d);
      continue;
    }
    const { decision, word } = fromMapping(t, opts.mapping, stamp());
    if (decision) {
      if (!unchanged(decision)) decided.push(decision);
    } else if (searchAgain(m, word, opts, now())) toSearch.push({ t, word });
  }

  // 2. Answers for the searches: the warehouse cache, then the bundled cache, then the network.
  const source = new AnswerSource(wh, provider, {
    offline: opts.offline,
    signal: opts.signal,
    useBundled: opts.useBundled,
    now,
  });
  const progress =
    (phase: EnrichPhase) =>
    (p: FetchProgress): void =>
      emit({
        type: 'enrich',
        phase,
        done: p.done,
        total: p.total,
        calls: provider.stats.calls,
        cacheHits: source.cacheHits,
        waitMs: provider.limiter.waitedMs,
        etaMs: p.etaMs,
      });

  const queries = new Map<string, SearchQuery>();
  for (const { t } of toSearch) {
    const key = cacheKey.search(normalizeTitle(t.title));
    if (!queries.has(key)) queries.set(key, { key, title: t.title, year: t.year, kind: t.mediaType });
  }
  const searchAnswers = await source.get(
    [...queries.keys()],
    (keys) =>
      provider.search(
        keys.map((k) => queries.get(k)!),
        opts.signal,
      ),
    provider.batch.search,
    progress('search'),
  );

  // 3. Decide: score the candidates of every title that has an answer.
  const fromSearch = new Map<number, AnimeRecord>();
  const decisions = new Map<string, MatchDecision>();
  for (const { t, word } of toSearch) {
    const a = searchAnswers.get(cacheKey.search(normalizeTitle(t.title)));
    if (!a) continue;
    const candidates = a.status === 200 && a.payload !== null ? provider.parseSearch(a.payload) : [];
    const mapping = opts.mapping;
    const ids = { kind: t.mediaType, tvdbId: t.tvdbId, tmdbId: t.tmdbId, imdbId: t.imdbId };
    const elsewhere = mapping ? (malId: number) => mapping.elsewhere(malId, ids) : undefined;
    const d = matchTitle(
      { title: t.title, year: t.year, kind: t.mediaType, airedEpisodes: t.airedEpisodes, mapping: word, elsewhere },
      candidates,
    );
    decisions.set(t.titleKey, d);
    if (d.malId !== null)
      fromSearch.set(
        d.malId,
        candidates.find((c) => c.malId === d.malId)!,
      );
    decided.push({
      titleKey: t.titleKey,
      status: d.malId === null ? 'unmatched' : 'matched',
      malId: d.malId,
      confidence: d.confidence,
      provider: providerName,
      method: 'search',
      otherMalIds: d.others,
      reason: d.reason,
      matchedAt: stamp(),
      evidence:
        d.evidence.method === 'title' || d.evidence.method === 'none'
          ? { ...d.evidence, mappedAt: mapping?.datedAt ?? null }
          : d.evidence,
      parts: [],
    });
  }

  // 4. Details for every matched MAL id whose metadata is missing or old.
  const matchedIds = new Set<number>();
  const wanted = new Set(targets.map((t) => t.titleKey));
  for (const m of existing.values()) {
    if (!wanted.has(m.titleKey)) continue;
    if (m.malId !== null) matchedIds.add(m.malId);
    for (const p of existingParts.get(m.titleKey) ?? []) matchedIds.add(p.malId);
  }
  for (const m of decided) {
    if (m.malId !== null) matchedIds.add(m.malId);
    // Every MAL entry of a mapped show: the title screen names them, the recommender follows their relations.
    for (const p of m.parts ?? []) matchedIds.add(p.malId);
  }
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
    const r = m.malId !== null && m.method !== 'mapping' ? byId.get(m.malId) : undefined;
    if (!r) continue;
    const sequels = r.relations
      .filter((l) => l.relationType === 'SEQUEL' && l.malId !== null && l.format !== 'MOVIE')
      .map((l) => l.malId!);
    m.otherMalIds = [...new Set([...m.otherMalIds, ...sequels])];
  }

  // 5. One write for the outcome and the audit row.
  emit({
    type: 'enrich',
    phase: 'save',
    done: 0,
    total: 1,
    calls: provider.stats.calls,
    cacheHits: counts.cacheHits,
    waitMs: provider.limiter.waitedMs,
    etaMs: null,
  });
  counts.apiCalls = provider.stats.calls;
  counts.http429 = provider.stats.http429;
  counts.waitSeconds = Math.round(provider.limiter.waitedMs / 100) / 10;
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
      finishRun(
        db,
        id,
        counts,
        interrupted ? 'interrupted' : stoppedBecause ? 'partial' : 'ok',
        [],
        null,
        stoppedBecause,
      );
      return id;
    },
    { what: 'saving enrichment' },
  );

  const final = allMatches(wh.db);
  const described = malIdsWithMetadata(wh.db);
  let matched = 0,
    unmatched = 0,
    manual = 0,
    pending = 0,
    matchedByIds = 0;
  for (const t of targets) {
    const m = final.get(t.titleKey);
    if (!m || (m.malId !== null && !described.has(m.malId))) pending++;
    else if (m.status === 'manual') manual++;
    else if (m.status === 'matched') {
      matched++;
      if (m.method === 'mapping' || m.method === 'id-map') matchedByIds++;
    } else unmatched++;
  }
  return {
    runId,
    titles: targets.length,
    matched,
    unmatched,
    manual,
    pending,
    matchedByIds,
    counts,
    stoppedBecause,
    interrupted,
  };
}
