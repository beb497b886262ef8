/**
 * Runs the evaluation protocol (src/recommend/protocol.ts) over one users file: the local engine — the same
 * rankCandidates that `anidex recommend` calls — and the three baselines, on the same people in the same run.
 */
import { buildIndex, FITTED, rankCandidates, type EngineIndex, type EngineParams } from '../../src/recommend/engine.ts';
import { graphSumTop, popularityTop, randomTop } from '../../src/recommend/baselines.ts';
import {
  holdOut,
  K,
  ndcgOf,
  rankIn,
  splitOf,
  summarize,
  type EngineRun,
  type Split,
  type Summary,
} from '../../src/recommend/protocol.ts';
import type { RecsData, UserRows } from './recs-data.ts';

export const ENGINES = ['local', 'popularity', 'graph_sum', 'random'] as const;
export type EngineName = (typeof ENGINES)[number];

export interface PersonResult {
  userId: string;
  split: Split;
  hidden: number;
  ranks: Record<EngineName, number | null>;
  tops: Record<EngineName, number[]>;
}

export function catalogueIndex(data: RecsData): EngineIndex {
  return buildIndex(data.catalogue.map((id) => data.records.get(id)!));
}

/** Every person who counts, with each engine's top 10 and the hidden title's rank in it. */
export function evaluatePeople(
  data: RecsData,
  index: EngineIndex,
  users: readonly UserRows[],
  opts: {
    params?: EngineParams;
    engines?: readonly EngineName[];
    only?: Split;
    splitSalt?: string;
    /**
     * Rank only titles that had started by the year of the newest title in the person's history (and those with no
     * known year): the catalogue as it stood when the list was made, not the later one the data sets are ranked in.
     */
    asOfList?: boolean;
    onProgress?: (done: number, total: number) => void;
  } = {},
): PersonResult[] {
  const params = opts.params ?? FITTED;
  const engines = opts.engines ?? ENGINES;
  const inCatalogue = (id: number): boolean => data.records.has(id);
  const out: PersonResult[] = [];
  let done = 0;
  for (const u of users) {
    done++;
    const split = splitOf(u.userId, opts.splitSalt);
    if (opts.only && split !== opts.only) continue;
    const h = holdOut(u.userId, u.entries, inCatalogue);
    if (!h) continue;
    const seen = new Set(h.history.map((e) => e.malId));
    let candidates = data.catalogue.filter((id) => !seen.has(id));
    if (opts.asOfList) {
      const yearOf = (id: number): number | null => data.records.get(id)?.year ?? null;
      const newest = Math.max(...h.history.map((e) => yearOf(e.malId) ?? Number.NEGATIVE_INFINITY));
      if (Number.isFinite(newest)) candidates = candidates.filter((id) => (yearOf(id) ?? newest) <= newest);
    }
    const tops = {} as Record<EngineName, number[]>;
    for (const e of engines) {
      if (e === 'local')
        tops.local = rankCandidates(index, { history: h.history, plan: u.plan }, candidates, K, params).map(
          (r) => r.malId,
        );
      else if (e === 'popularity') tops.popularity = popularityTop(candidates, K, data.members);
      else if (e === 'graph_sum') tops.graph_sum = graphSumTop(h.history, candidates, K, data.links, data.members);
      else tops.random = randomTop(u.userId, candidates, K);
    }
    const ranks = {} as Record<EngineName, number | null>;
    for (const e of engines) ranks[e] = rankIn(tops[e], h.hidden.malId);
    out.push({ userId: u.userId, split, hidden: h.hidden.malId, ranks, tops });
    if (opts.onProgress && done % 250 === 0) opts.onProgress(done, users.length);
  }
  return out;
}

export function runOf(people: readonly PersonResult[], engine: EngineName): EngineRun {
  const recommended = new Set<number>();
  for (const p of people) for (const id of p.tops[engine] ?? []) recommended.add(id);
  return { ranks: people.map((p) => p.ranks[engine]), recommended };
}

export function summaries(
  people: readonly PersonResult[],
  catalogueSize: number,
  engines: readonly EngineName[] = ENGINES,
): Record<EngineName, Summary> {
  const out = {} as Record<EngineName, Summary>;
  for (const e of engines) out[e] = summarize(runOf(people, e), catalogueSize);
  return out;
}

export interface RatioSpread {
  /** How many splits were drawn (those with no held-out people are left out of the figures). */
  splits: number;
  /** Held-out people per split (the smallest and the largest). */
  people: [number, number];
  min: number;
  p5: number;
  median: number;
  p95: number;
  max: number;
  /** Share of the splits whose held-out ratio falls under the target. */
  below_target: number;
}

/**
 * local NDCG@10 ÷ `base`'s on the held-out people of `splits` other splits (salts 1…n) of the same people: how much
 * the held-out figure moves with the people who happen to be held out. The engine is not refitted per split, so a
 * split's held-out people include people the fit saw; the spread is that of a 30 % sample, not a fresh test.
 */
export function ratioSpread(
  people: readonly PersonResult[],
  base: EngineName,
  splits: number,
  target: number,
): RatioSpread {
  const local = ndcgOf(runOf(people, 'local'));
  const other = ndcgOf(runOf(people, base));
  const ratios: number[] = [];
  let fewest = Number.POSITIVE_INFINITY,
    most = 0;
  for (let s = 1; s <= splits; s++) {
    let a = 0,
      b = 0,
      n = 0;
    people.forEach((p, i) => {
      if (splitOf(p.userId, String(s)) !== 'held_out') return;
      a += local[i]!;
      b += other[i]!;
      n++;
    });
    if (n === 0) continue;
    fewest = Math.min(fewest, n);
    most = Math.max(most, n);
    ratios.push(b > 0 ? a / b : Number.POSITIVE_INFINITY);
  }
  // Infinity (the baseline found nothing) sorts last; JSON prints it as null.
  ratios.sort((x, y) => (x === y ? 0 : x < y ? -1 : 1));
  const q = (f: number): number => ratios[Math.round(f * (ratios.length - 1))] ?? 0;
  return {
    splits,
    people: [Number.isFinite(fewest) ? fewest : 0, most],
    min: q(0),
    p5: q(0.05),
    median: q(0.5),
    p95: q(0.95),
    max: q(1),
    below_target: ratios.length ? ratios.filter((r) => r < target).length / ratios.length : 0,
  };
}
