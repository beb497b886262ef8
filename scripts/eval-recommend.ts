/**
 * Offline evaluation of the recommenders (not a test): leave-one-out over the sample person's favourites.
 *
 *   npm run eval:recommend          # well under a minute, no network
 *
 * 1. Imports both sample exports (data/sample/trakt-2026-05-01 as of 2026-05-01T12:00Z, then
 *    data/sample/trakt-2026-08-15.zip as of 2026-08-15T12:00Z) into a temporary data folder and enriches them
 *    offline from the answers bundled in data/sample/anilist-cache.json (the AniList URL is a dead port).
 * 2. For every top-rated title (user rating ≥ 9, matched to a MAL id) hides it — the recommenders treat it as never
 *    watched — and asks each engine for 10 recommendations without filters. A hit is the hidden title among the 10.
 * 3. Prints, per engine, hit-rate@10, coverage (distinct titles recommended over all runs ÷ the union of the
 *    candidate pools, and ÷ the anime of the fake catalogue) and the answers dropped as ungrounded.
 *
 * The Gemini engine runs against the fake Gemini server with a deterministic stand-in "model": it returns the
 * candidates in the order offered (the local score's order) with some neighbouring pairs swapped by a seeded rule,
 * plus one invented MAL id and one already-watched MAL id per answer. Its numbers measure the grounding and
 * validation plumbing, NOT the taste of a real model.
 *
 * The report goes to stdout (Markdown), progress to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Warehouse } from '../src/warehouse/store.ts';
import { markDemo } from '../src/warehouse/demo-mark.ts';
import { importTraktExport } from '../src/pipeline/import.ts';
import { enrichTitles } from '../src/pipeline/enrich.ts';
import { preparePool, recommendGemini, recommendLocal, type RecommendOptions } from '../src/pipeline/recommend.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { watchedAnime } from '../src/warehouse/enrichment.ts';
import { GeminiClient } from '../src/ai/gemini.ts';
import { UsageCounter } from '../src/ai/usage.ts';
import type { ValidationCounts } from '../src/recommend/gemini-engine.ts';
import { rankLocally } from '../src/recommend/local.ts';
import { startFakeGemini, type GeminiRequestBody } from '../test/fakes/gemini-server.ts';
import { animeDb } from '../test/fakes/anime-db.ts';
import { hash32, Rng } from './lib/rng.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXPORTS = [
  { path: join(ROOT, 'data/sample/trakt-2026-05-01'), asOf: '2026-05-01T12:00:00.000Z' },
  { path: join(ROOT, 'data/sample/trakt-2026-08-15.zip'), asOf: '2026-08-15T12:00:00.000Z' },
];
const K = 10;
const MIN_RATING = 9;
const API_KEY = 'eval-fake-key';
const MODEL = 'gemini-2.5-flash-lite';
/** Chance that the stand-in swaps an offered candidate with the next one (each pair at most once). */
const SWAP_P = 0.3;
/** Invented ids start here: far above any real MAL anime id. */
const INVENTED_BASE = 90_000_000;

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const provider = (): AniListProvider => new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 'anidex-eval' });

// ---------------------------------------------------------------------------------------------------------------
// The stand-in model behind the fake Gemini server

function promptOf(body: GeminiRequestBody): string {
  return (body.contents ?? []).flatMap((c) => c.parts ?? []).map((p) => p.text ?? '').join('\n');
}

/** The candidate MAL ids the prompt offers, in the order offered (lines `<mal_id> | <title> | …` after "Candidates"). */
function offeredIds(prompt: string): number[] {
  const lines = prompt.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Candidates'));
  if (start < 0) return [];
  const ids: number[] = [];
  for (const l of lines.slice(start + 1)) {
    const m = /^(\d+) \| /.exec(l);
    if (m) ids.push(Number(m[1]));
  }
  return ids;
}

/**
 * A deliberately imperfect, deterministic "model": the offered order with seeded swaps of neighbouring pairs
 * (seed: the offered id list, so the same prompt always gets the same answer), the first `count` of those, plus one
 * invented id and one already-watched id (from `watchedIds`) that validation must drop.
 */
function standInAnswer(prompt: string, watchedIds: readonly number[]): { answer: unknown; offered: number[] } {
  const offered = offeredIds(prompt);
  const count = Number(/Recommend up to (\d+) titles/.exec(prompt)?.[1] ?? K);
  const rng = new Rng(hash32(`anidex-eval-stand-in:${offered.join(',')}`));
  const ranked = [...offered];
  for (let i = 0; i + 1 < ranked.length; i++) {
    if (rng.chance(SWAP_P)) {
      [ranked[i], ranked[i + 1]] = [ranked[i + 1]!, ranked[i]!];
      i++; // a swapped pair is not touched again
    }
  }
  const recs: Array<{ mal_id: number; title?: string; confidence: number; reason: string; priority: number }> = ranked
    .slice(0, count)
    .map((id, i) => ({ mal_id: id, confidence: Math.round((0.95 - i * 0.04) * 100) / 100, reason: `stand-in pick ${i + 1}`, priority: i + 1 }));
  const invented = INVENTED_BASE + rng.int(0, 999_999);
  const watched = watchedIds.length ? watchedIds[rng.int(0, watchedIds.length - 1)]! : null;
  // Ungrounded answers at the top and in the middle: validation has to drop them wherever they are.
  recs.unshift({ mal_id: invented, title: 'An Invented Anime', confidence: 0.99, reason: 'invented by the stand-in', priority: 0 });
  if (watched !== null) {
    const at = rng.int(1, recs.length);
    recs.splice(at, 0, { mal_id: watched, confidence: 0.9, reason: 'already watched (stand-in)', priority: at });
  }
  return { answer: { recommendations: recs }, offered };
}

// ---------------------------------------------------------------------------------------------------------------

interface EngineTotals {
  hits: number;
  /** Recommended ids over all runs. */
  recommended: Set<number>;
  items: number;
  dropped: ValidationCounts;
}

interface TitleRow {
  title: string;
  malId: number;
  rating: number;
  poolSize: number;
  inPool: boolean;
  /** Where the local score puts the hidden title in the whole pool (also the order offered to Gemini). */
  poolRank: number | null;
  localRank: number | null;
  sentToGemini: boolean;
  geminiRank: number | null;
}

const zeroCounts = (): ValidationCounts => ({ invented: 0, notSent: 0, alreadyWatched: 0, outsideFilters: 0, malformed: 0, duplicates: 0 });
const pct = (n: number, d: number): string => (d > 0 ? `${((100 * n) / d).toFixed(1)} %` : '—');

function machine(): string {
  const cpus = os.cpus();
  const cpu = cpus[0]?.model.trim() ?? 'unknown CPU';
  const mem = Math.round(os.totalmem() / 2 ** 30);
  return `${cpu}, ${cpus.length} cores, ${mem} GB RAM, ${os.platform()} ${os.arch()}, Node ${process.version}`;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'anidex-eval-'));
  const gemini = await startFakeGemini({ apiKey: API_KEY });
  let wh: Warehouse | undefined;
  try {
    wh = await Warehouse.open(dataDir);
    // The bundled answers serve the demo warehouse alone: this one plays the demo.
    await wh.write((db) => markDemo(db, 'eval'));
    for (const e of EXPORTS) {
      log(`importing ${e.path} as of ${e.asOf}`);
      await importTraktExport(wh, e.path, { asOf: e.asOf });
    }
    log('enriching offline from data/sample/anilist-cache.json');
    const enriched = await enrichTitles(wh, { provider: provider(), offline: true });
    log(`  ${enriched.matched} matched, ${enriched.unmatched} unmatched, ${enriched.pending} pending`);

    const watched = watchedAnime(wh.db);
    const favourites = new Map<number, { title: string; rating: number }>();
    for (const w of [...watched].sort((a, b) => (b.userRating ?? 0) - (a.userRating ?? 0) || a.title.localeCompare(b.title))) {
      if ((w.userRating ?? 0) >= MIN_RATING && !favourites.has(w.malId)) favourites.set(w.malId, { title: w.title, rating: w.userRating! });
    }
    const watchedIds = [...new Set(watched.map((w) => w.malId))].sort((a, b) => a - b);
    log(`${favourites.size} titles rated ≥ ${MIN_RATING} with a MAL id; ${watchedIds.length} watched MAL ids`);

    const client = new GeminiClient(
      { apiKey: API_KEY, model: MODEL, baseUrl: gemini.url, perMinute: 100_000, dailyBudget: 100_000, maxRetries: 0, retryBaseMs: 10 },
      new UsageCounter(null),
    );

    const local: EngineTotals = { hits: 0, recommended: new Set(), items: 0, dropped: zeroCounts() };
    const gem: EngineTotals = { hits: 0, recommended: new Set(), items: 0, dropped: zeroCounts() };
    const poolUnion = new Set<number>();
    const rows: TitleRow[] = [];
    let n = 0;
    for (const [malId, fav] of favourites) {
      n++;
      const opts: RecommendOptions = { provider: provider(), offline: true, filter: {}, count: K, hide: new Set([malId]) };
      const pool = await preparePool(wh, opts);
      const poolIds = pool.candidates.map((c) => c.record.malId);
      for (const id of poolIds) poolUnion.add(id);
      const fullOrder = rankLocally(pool.candidates, pool.sources, pool.candidates.length).map((r) => r.malId);
      const poolRank = fullOrder.indexOf(malId);

      const l = await recommendLocal(wh, opts);
      const localRank = l.items.findIndex((x) => x.malId === malId);
      if (localRank >= 0) local.hits++;
      for (const x of l.items) local.recommended.add(x.malId);
      local.items += l.items.length;

      const others = watchedIds.filter((id) => id !== malId);
      let offered: number[] = [];
      gemini.setRespond((body) => {
        const r = standInAnswer(promptOf(body), others);
        offered = r.offered;
        return r.answer;
      });
      const g = await recommendGemini(wh, client, opts);
      const geminiRank = g.items.findIndex((x) => x.malId === malId);
      if (geminiRank >= 0) gem.hits++;
      for (const x of g.items) gem.recommended.add(x.malId);
      gem.items += g.items.length;
      for (const k of Object.keys(gem.dropped) as Array<keyof ValidationCounts>) gem.dropped[k] += g.dropped[k];

      rows.push({
        title: fav.title, malId, rating: fav.rating, poolSize: poolIds.length, inPool: poolIds.includes(malId), poolRank: poolRank >= 0 ? poolRank + 1 : null,
        localRank: localRank >= 0 ? localRank + 1 : null, sentToGemini: offered.includes(malId), geminiRank: geminiRank >= 0 ? geminiRank + 1 : null,
      });
      log(`[${n}/${favourites.size}] ${fav.title} (${malId}): pool ${poolIds.length}, hidden ${poolRank >= 0 ? `ranked ${poolRank + 1} in it` : 'not in it'}; local ${localRank >= 0 ? `hit @${localRank + 1}` : 'miss'}; gemini ${geminiRank >= 0 ? `hit @${geminiRank + 1}` : 'miss'}`);
    }

    const tried = rows.length;
    const catalogue = animeDb().animeByMalId.size;
    const reachable = rows.filter((r) => r.inPool).length;
    const sent = rows.filter((r) => r.sentToGemini).length;
    const ranks = rows.map((r) => r.poolRank).filter((x): x is number => x !== null).sort((a, b) => a - b);
    const median = ranks.length ? (ranks.length % 2 ? ranks[(ranks.length - 1) / 2]! : (ranks[ranks.length / 2 - 1]! + ranks[ranks.length / 2]!) / 2) : null;
    const meanPool = rows.reduce((a, r) => a + r.poolSize, 0) / Math.max(1, rows.length);
    const elapsed = (performance.now() - t0) / 1000;
    const now = new Date().toISOString();

    const out: string[] = [];
    out.push('# anidex recommendation eval (offline, leave-one-out)');
    out.push('');
    out.push(`Machine: ${machine()}`);
    out.push(`Date: ${now.slice(0, 10)} (${now}); wall time ${elapsed.toFixed(1)} s`);
    out.push('');
    out.push(`Data: the sample person (both exports, enriched offline from the bundled AniList answers). ${tried} titles rated ≥ ${MIN_RATING} with a MAL id; each hidden in turn (treated as never watched), ${K} recommendations asked, no filters. A hit = the hidden title among the ${K}.`);
    out.push('');
    out.push(`| engine | titles tried | hits | hit-rate@${K} | items returned | distinct titles recommended | coverage ÷ pool union (${poolUnion.size}) | coverage ÷ fake catalogue (${catalogue} anime) | dropped: invented | dropped: already watched | dropped: outside filters | dropped: malformed |`);
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    const row = (name: string, t: EngineTotals): string =>
      `| ${name} | ${tried} | ${t.hits} | ${pct(t.hits, tried)} | ${t.items} | ${t.recommended.size} | ${pct(t.recommended.size, poolUnion.size)} | ${pct(t.recommended.size, catalogue)} | ${t.dropped.invented} | ${t.dropped.alreadyWatched} | ${t.dropped.outsideFilters} | ${t.dropped.malformed} |`;
    out.push(row('local', local));
    out.push(row('gemini (fake server, stand-in model)', gem));
    out.push('');
    out.push('Notes:');
    out.push(`- Local: 0 dropped by construction — it only ranks the grounded candidate pool, so nothing can be invented, watched or outside the filters.`);
    out.push(`- Gemini: the "model" is a deterministic stand-in on the fake Gemini server (${gemini.requests} requests): the offered candidates in the offered (local-score) order with neighbouring pairs swapped with p = ${SWAP_P} (seeded by the offered id list), plus 1 invented id and 1 already-watched id per answer. **This measures the grounding/validation plumbing, not a real model's taste.** Duplicates dropped: ${gem.dropped.duplicates}.`);
    out.push(`- Ceiling: the hidden title was in the candidate pool in ${reachable} of ${tried} runs (${pct(reachable, tried)}); no engine over this pool can do better. It was among the ≤ 60 candidates sent to Gemini in ${sent} of ${tried} runs. Where it was in the pool, the local score ranked it ${ranks.length ? `${ranks[0]}–${ranks[ranks.length - 1]} (median ${median})` : '—'} of ~${Math.round(meanPool)} candidates.`);
    out.push(`- Coverage: distinct titles recommended over all ${tried} runs ÷ the union of the ${tried} candidate pools (${poolUnion.size} titles), and ÷ the anime (with a MAL id) of the fake AniList catalogue, test/fakes/anime-db.ts (${catalogue}, watched titles and decoys included).`);
    out.push('');
    out.push(`| hidden title | MAL id | rating | pool size | rank in pool (local score) | local rank in top ${K} | sent to Gemini | Gemini rank in top ${K} |`);
    out.push('|---|---:|---:|---:|---:|---:|:-:|---:|');
    for (const r of rows) {
      out.push(`| ${r.title.replace(/\|/g, '\\|')} | ${r.malId} | ${r.rating} | ${r.poolSize} | ${r.poolRank ?? 'not in pool'} | ${r.localRank ?? '—'} | ${r.sentToGemini ? 'yes' : 'no'} | ${r.geminiRank ?? '—'} |`);
    }
    console.log(out.join('\n'));
  } finally {
    wh?.close();
    await gemini.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exitCode = 0;
