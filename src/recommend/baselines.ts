/**
 * The baselines the local engine is measured against (offline evaluation only), each returning its top `count`:
 *
 * - random: a uniformly random choice, seeded by the person's id;
 * - popularity: most members first;
 * - graph-sum: score(t) = Σ over the person's titles a of w(a) · ln(1 + votes(a, t)), w(a) = max(rating, 5) / 10 for
 *   rated titles and 0.6 for unrated ones; titles with no link, and ties, in popularity order.
 *
 * Ties everywhere: more members first, then the smaller MAL id.
 */
import type { PersonEntry } from './engine.ts';
import { hashId, seededRandom } from './protocol.ts';

/** Best `count` ids by (score desc, members desc, id asc), one pass. */
function topBy(
  candidates: readonly number[],
  count: number,
  score: (id: number) => number,
  members: (id: number) => number,
): number[] {
  const top: Array<[number, number, number]> = [];
  const beats = (a: [number, number, number], b: [number, number, number]): boolean =>
    a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] < b[2];
  for (const id of candidates) {
    const x: [number, number, number] = [score(id), members(id), id];
    if (top.length >= count && !beats(x, top[top.length - 1]!)) continue;
    if (top.length >= count) top.pop();
    let i = top.length;
    while (i > 0 && beats(x, top[i - 1]!)) i--;
    top.splice(i, 0, x);
  }
  return top.map((x) => x[2]);
}

export function randomTop(userId: string, candidates: readonly number[], count: number): number[] {
  const rnd = seededRandom(hashId(`anidex-random:${userId}`));
  // A partial Fisher–Yates shuffle: the first `count` of a uniformly random order.
  const xs = [...candidates];
  const n = Math.min(count, xs.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rnd() * (xs.length - i));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs.slice(0, n);
}

export function popularityTop(
  candidates: readonly number[],
  count: number,
  members: ReadonlyMap<number, number>,
): number[] {
  const m = (id: number): number => members.get(id) ?? 0;
  return topBy(candidates, count, () => 0, m);
}

export function graphSumWeight(e: PersonEntry): number {
  return e.rating === null ? 0.6 : Math.max(e.rating, 5) / 10;
}

export function graphSumTop(
  history: readonly PersonEntry[],
  candidates: readonly number[],
  count: number,
  links: ReadonlyMap<number, ReadonlyMap<number, number>>,
  members: ReadonlyMap<number, number>,
): number[] {
  const score = new Map<number, number>();
  for (const a of history) {
    const w = graphSumWeight(a);
    for (const [t, n] of links.get(a.malId) ?? []) score.set(t, (score.get(t) ?? 0) + w * Math.log1p(n));
  }
  return topBy(
    candidates,
    count,
    (id) => score.get(id) ?? 0,
    (id) => members.get(id) ?? 0,
  );
}
