/**
 * Runs the evaluation protocol (src/recommend/protocol.ts) over one users file: the local engine — the same
 * rankCandidates that `anidex recommend` calls — and the three baselines, on the same people in the same run.
 */
import { buildIndex, FITTED, rankCandidates, type EngineIndex, type EngineParams } from '../../src/recommend/engine.ts';
import { graphSumTop, popularityTop, randomTop } from '../../src/recommend/baselines.ts';
import { holdOut, K, rankIn, splitOf, summarize, type EngineRun, type Split, type Summary } from '../../src/recommend/protocol.ts';
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
  opts: { params?: EngineParams; engines?: readonly EngineName[]; only?: Split; onProgress?: (done: number, total: number) => void } = {},
): PersonResult[] {
  const params = opts.params ?? FITTED;
  const engines = opts.engines ?? ENGINES;
  const inCatalogue = (id: number): boolean => data.records.has(id);
  const out: PersonResult[] = [];
  let done = 0;
  for (const u of users) {
    done++;
    const split = splitOf(u.userId);
    if (opts.only && split !== opts.only) continue;
    const h = holdOut(u.userId, u.entries, inCatalogue);
    if (!h) continue;
    const seen = new Set(h.history.map((e) => e.malId));
    const candidates = data.catalogue.filter((id) => !seen.has(id));
    const tops = {} as Record<EngineName, number[]>;
    for (const e of engines) {
      if (e === 'local') tops.local = rankCandidates(index, { history: h.history, plan: u.plan }, candidates, K, params).map((r) => r.malId);
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

export function summaries(people: readonly PersonResult[], catalogueSize: number, engines: readonly EngineName[] = ENGINES): Record<EngineName, Summary> {
  const out = {} as Record<EngineName, Summary>;
  for (const e of engines) out[e] = summarize(runOf(people, e), catalogueSize);
  return out;
}
