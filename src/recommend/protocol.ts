/**
 * The offline evaluation protocol (pure): which people count, which of their titles is hidden, and the measures.
 *
 * - A person counts with at least MIN_HISTORY history entries and at least one entry rated 8 or more that is in
 *   the catalogue. One of those 8+ entries is hidden, chosen by a PRNG seeded with the person's id; the rest is
 *   their history.
 * - An engine ranks every catalogue title not in the history. With one relevant title: HR@10 = 1 when it is in the
 *   top 10, NDCG@10 = 1 / log2(rank + 1), MRR@10 = 1 / rank (0 past rank 10).
 * - Intervals: a percentile bootstrap over people (seeded, so a run is repeatable).
 * - People are split, by a hash of their id, into development (tune on these) and held-out (report only).
 */
import type { PersonEntry } from './engine.ts';

export const MIN_HISTORY = 5;
export const RELEVANT_RATING = 8;
export const K = 10;
/** Share of people held out of tuning (by a hash of their id). */
export const HELD_OUT_SHARE = 0.3;

/** FNV-1a, 32 bits: the seed of a person's id. */
export function hashId(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast, seeded PRNG; returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Split = 'development' | 'held_out';

/**
 * Development or held-out, from the id alone (stable whatever file or order the person comes in). The salt draws
 * another split of the same share, to see how much a figure owes to which people happened to be held out; the
 * fitted values in the code come from the split without one.
 */
export function splitOf(userId: string, salt = ''): Split {
  // FNV-1a's low bits mix poorly, so two salts' splits would share most of their people: a salted split's hash goes
  // through MurmurHash3's finaliser first. The unsalted split keeps the plain hash (the fit's people stay the same).
  const h = salt ? mix32(hashId(`anidex-split-${salt}:${userId}`)) : hashId(`anidex-split:${userId}`);
  return (h % 1000) / 1000 < HELD_OUT_SHARE ? 'held_out' : 'development';
}

/** MurmurHash3's 32-bit finaliser: every input bit moves about half the output bits. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface HoldOut {
  /** The hidden title. */
  hidden: PersonEntry;
  /** Everything else: what the engine is told. */
  history: PersonEntry[];
}

/**
 * Hide one title rated 8+ that is in the catalogue: the entries that qualify, in MAL id order, and one picked by
 * the PRNG seeded with the person's id. Null when the person does not count.
 */
export function holdOut(
  userId: string,
  entries: readonly PersonEntry[],
  inCatalogue: (malId: number) => boolean,
): HoldOut | null {
  if (entries.length < MIN_HISTORY) return null;
  const relevant = entries
    .filter((e) => (e.rating ?? 0) >= RELEVANT_RATING && inCatalogue(e.malId))
    .sort((a, b) => a.malId - b.malId);
  if (relevant.length === 0) return null;
  const rnd = seededRandom(hashId(userId));
  const hidden = relevant[Math.floor(rnd() * relevant.length)]!;
  return { hidden, history: entries.filter((e) => e !== hidden) };
}

export interface Scores {
  hit: number;
  ndcg: number;
  rr: number;
}

/** The measures for a hidden title at `rank` (1-based), or not in the top K (null). */
export function scoresAt(rank: number | null): Scores {
  if (rank === null || rank > K) return { hit: 0, ndcg: 0, rr: 0 };
  return { hit: 1, ndcg: 1 / Math.log2(rank + 1), rr: 1 / rank };
}

/** Where `hidden` is in a top list (1-based), or null. */
export function rankIn(top: readonly number[], hidden: number): number | null {
  const i = top.indexOf(hidden);
  return i < 0 ? null : i + 1;
}

const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length ? s / xs.length : 0;
};

export interface Summary {
  users: number;
  hr10: number;
  ndcg10: number;
  mrr10: number;
  /** Distinct titles in all top-10 lists ÷ catalogue size. */
  coverage: number;
  hr10_ci95: [number, number];
  ndcg10_ci95: [number, number];
  mrr10_ci95: [number, number];
}

export const BOOTSTRAP_SAMPLES = 1000;

/** Percentile bootstrap 95 % interval of the mean, over people, seeded. */
export function bootstrapCi(values: ArrayLike<number>, seed = 12345, samples = BOOTSTRAP_SAMPLES): [number, number] {
  const n = values.length;
  if (n === 0) return [0, 0];
  const rnd = seededRandom(seed);
  const means = new Float64Array(samples);
  for (let b = 0; b < samples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rnd() * n)]!;
    means[b] = s / n;
  }
  means.sort();
  return [means[Math.floor(0.025 * (samples - 1))]!, means[Math.ceil(0.975 * (samples - 1))]!];
}

/**
 * Paired bootstrap 95 % interval of mean(a) ÷ mean(b) over the same people (how sure "engine A is x times B" is).
 */
export function ratioCi(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  seed = 54321,
  samples = BOOTSTRAP_SAMPLES,
): [number, number] {
  const n = a.length;
  if (n === 0) return [0, 0];
  const rnd = seededRandom(seed);
  const ratios = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    let sa = 0,
      sb = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rnd() * n);
      sa += a[j]!;
      sb += b[j]!;
    }
    ratios[s] = sb > 0 ? sa / sb : Number.POSITIVE_INFINITY;
  }
  ratios.sort();
  return [ratios[Math.floor(0.025 * (samples - 1))]!, ratios[Math.ceil(0.975 * (samples - 1))]!];
}

/** Per-person results of one engine. */
export interface EngineRun {
  ranks: Array<number | null>;
  /** Every title any top-10 list held. */
  recommended: Set<number>;
}

export function summarize(run: EngineRun, catalogueSize: number): Summary {
  const s = run.ranks.map(scoresAt);
  const hit = s.map((x) => x.hit),
    ndcg = s.map((x) => x.ndcg),
    rr = s.map((x) => x.rr);
  return {
    users: run.ranks.length,
    hr10: mean(hit),
    ndcg10: mean(ndcg),
    mrr10: mean(rr),
    coverage: catalogueSize ? run.recommended.size / catalogueSize : 0,
    hr10_ci95: bootstrapCi(hit),
    ndcg10_ci95: bootstrapCi(ndcg),
    mrr10_ci95: bootstrapCi(rr),
  };
}

export function ndcgOf(run: EngineRun): number[] {
  return run.ranks.map((r) => scoresAt(r).ndcg);
}
