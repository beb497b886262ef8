/**
 * The local recommender's ranking: one pure function from what a person did (their history and plan) and what the
 * provider says about anime (facts, recommendation links with their vote counts, relations) to a ranked list.
 * `anidex recommend` calls it on the candidate pool; the offline evaluation calls the very same function on a whole
 * catalogue, so what is measured is what ships.
 *
 * The score of a candidate t is a weighted sum of
 *   link      Σ over the person's titles a of like(a) · ln(1 + votes(a,t)) / mass(a)^β, ÷ members(t)^α, in a log,
 *             times t's popularity (a link to a title few people list is less often followed)
 *   dislike   the same sum over disliked titles (low ratings for this person, drops), subtracted
 *   relation  ln(1 + Σ like(a)) over the person's titles a related to t (a sequel of a favourite; the more of a
 *             franchise they watched and liked, the stronger), and its dislike twin
 *   content   cosine of t's TF-IDF genres/tags/studios with the person's liked profile, minus the disliked profile
 *   prior     ln(members), members on a linear scale (the handful of titles millions list) and the community score:
 *             what carries a cold start
 *   era       how much of the person's history comes from about t's year (a kernel density over the years of what
 *             they watched): someone who watches the classics gets classics, someone who follows the season gets it
 * where like(a) and dislike(a) come from the person's rating relative to their own mean (a 7 from someone who gives
 * 9s is lukewarm), completions without a rating, rewatches, binges, drops and the plan. The top of the list is then
 * made diverse: at most MAX_PER_FRANCHISE titles of one franchise.
 */
import type { AnimeRecord } from '../domain/anime.ts';

export type PersonStatus = 'watching' | 'completed' | 'on_hold' | 'dropped';

/** One title in a person's history. */
export interface PersonEntry {
  malId: number;
  title: string;
  /** 1–10; null when not rated. */
  rating: number | null;
  status: PersonStatus | null;
  /** Times watched again after the first time (MyAnimeList's times rewatched, or Trakt's extra full plays). */
  rewatches: number;
  binged: boolean;
}

export interface Person {
  history: readonly PersonEntry[];
  /** MAL ids on the plan-to-watch list: intentions, a weak signal of taste. */
  plan?: readonly number[];
}

export interface EngineParams {
  /** like = max(0, z + likeShift) for a rating z standard deviations from the person's mean. */
  likeShift: number;
  /**
   * dislike = max(0, −z − dislikeShift). Judged, not fitted: 1, so a title rated more than one standard deviation
   * under the person's own mean (about a 6 from someone whose ratings average 8) is disliked.
   */
  dislikeShift: number;
  /** like of a title watched but not rated. */
  unrated: number;
  /** Source normalisation: a title that links to many others spreads its vote over them (0 = not at all). */
  beta: number;
  /** Target normalisation: links to very popular titles count less (0 = not at all). */
  alpha: number;
  wLink: number;
  wDislikeLink: number;
  wRelation: number;
  wDislikeRelation: number;
  /** Related to a title the person watched and did not dislike, whatever they rated it. */
  wFranchise: number;
  wContent: number;
  wDislikeContent: number;
  wPopularity: number;
  /** Members on a linear scale (÷ MAINSTREAM_MEMBERS, at most 1): the few titles millions of people list. */
  wMainstream: number;
  wScore: number;
  /** The era kernel's width: the standard deviation, in years, of the Gaussian around each watched title's year. */
  eraWidth: number;
  wEra: number;
}

/**
 * Fitted on development users only: `npm run fit:recommend -- --data <dir> --users-per-file 600 --passes 2` (600
 * development people of the 2016 file, all 386 of the 2020 file; docs/recommendations.md has the data and the stages),
 * started from the previous fitted values with eraWidth 2 and wEra 0: a coordinate search over likeShift, unrated,
 * beta, alpha and eraWidth with the weights searched for each, maximising the mean over the two data sets of the
 * development people's NDCG@10 (0.1971 before the diversity step). Two values are not the fit's: dislikeShift (judged,
 * see above) and wDislikeLink, which the fit set to 0 and which is 0.3 by judgement so that what resembles a disliked
 * title is pushed down; on all development people it costs 0.0000 (2016 sample) and 0.0008 (2020) of NDCG@10, within
 * noise. Re-run the fit after changing the scoring.
 */
export const FITTED: EngineParams = {
  likeShift: 4,
  dislikeShift: 1,
  unrated: 2.4,
  beta: 0.25,
  alpha: 0.5,
  wLink: 1,
  wDislikeLink: 0.3,
  wRelation: 0.763,
  wDislikeRelation: 0,
  wFranchise: 0.193,
  wContent: 0.925,
  wDislikeContent: 0.268,
  wPopularity: 4.7,
  wMainstream: 0.94,
  wScore: 1.172,
  eraWidth: 2,
  wEra: 1.493,
};

/**
 * Signals the real data sets do not carry (no statuses, rewatch counts, binges or plans there), so they could not be
 * fitted: set by judgement, kept mild.
 */
export const JUDGED = {
  /** A drop is a dislike of this strength (a rating one standard deviation under the mean plus the shift). */
  dropped: 1,
  /** On hold: half the like it would have. */
  onHold: 0.5,
  /** Each rewatch multiplies like by 1 + this (at most three counted). */
  rewatch: 0.25,
  binge: 0.15,
  /** A plan-to-watch title counts as a like of this strength. */
  plan: 0.15,
};

/** At most this many titles of one franchise (titles joined by provider relations) in a list. */
export const MAX_PER_FRANCHISE = 2;
/** Fewer ratings than this: a cold start (the list leans on popularity and community score, and says so). */
export const COLD_START_RATINGS = 3;
/** A person's mean rating is shrunk towards this with the weight of this many ratings. */
const PRIOR_MEAN = 7.5;
const PRIOR_WEIGHT = 3;

// ---------------------------------------------------------------------------------------------------------------
// The index: the provider's facts in arrays, built once per set of records

export interface EngineIndex {
  ids: Int32Array;
  pos: Map<number, number>;
  records: AnimeRecord[];
  /** TF-IDF feature ids and unit-norm weights per title (CSR layout). */
  featStart: Int32Array;
  featId: Int32Array;
  featW: Float64Array;
  /** Feature names as the provider spells them (genre, tag or studio). */
  featureNames: string[];
  /** Undirected recommendation votes per title (CSR), the larger of the two sides' counts. */
  linkStart: Int32Array;
  linkTo: Int32Array;
  linkLog: Float64Array;
  /** Σ ln(1 + votes) of each title's links. */
  linkMass: Float64Array;
  /** Related titles (CSR), both directions. */
  relStart: Int32Array;
  relTo: Int32Array;
  /** Franchise: the smallest index of the title's relation component. */
  franchise: Int32Array;
  /** ln(1 + members) ÷ POPULARITY_SCALE, about 0–1. */
  pop: Float64Array;
  /** Members on MyAnimeList's scale (membersOf), for tie-breaks, target normalisation and the mainstream term. */
  members: Float64Array;
  /** Community score 0–1 (a middling 0.65 when unknown). */
  score: Float64Array;
  /** Year the title started, NaN when unknown. */
  year: Float64Array;
  /** The smallest and largest known year (the era density's range). */
  firstYear: number;
  lastYear: number;
}

const UNKNOWN_SCORE = 0.65;
/**
 * ln(1 + members) of about the most-listed anime (a few million): a fixed scale, so a title's popularity term does
 * not depend on which other titles happen to be ranked with it (a pool of 80 or a catalogue of 25 000).
 */
const POPULARITY_SCALE = Math.log1p(4_000_000);
/** Members at which the mainstream component reaches 1 (about the most-listed anime on MyAnimeList). */
const MAINSTREAM_MEMBERS = 4_000_000;
/**
 * AniList's popularity counts the people with a title on their AniList list; MyAnimeList's members count those on
 * theirs, about four times as many for the same title (Fate/Zero 297 838 against 1.3 M, Attack on Titan season 2
 * 607 580 against 2.4 M in recorded answers). The weights were fitted on MyAnimeList's counts, so AniList's are read
 * on that scale.
 */
const ANILIST_TO_MAL_MEMBERS = 4;

/** A title's audience on MyAnimeList's scale. */
function membersOf(r: AnimeRecord): number {
  const n = Math.max(0, r.popularity ?? 0);
  return r.scoreSource === 'anilist' ? n * ANILIST_TO_MAL_MEMBERS : n;
}

/** A title's content features: key (kind and lower-cased name), weight, the name as the provider spells it. */
function features(r: AnimeRecord): Array<[string, number, string]> {
  const out = new Map<string, [string, number, string]>();
  const add = (kind: string, name: string, w: number): void =>
    void out.set(`${kind}:${name.toLowerCase()}`, [`${kind}:${name.toLowerCase()}`, w, name]);
  for (const g of r.genres) add('g', g, 1);
  // AniList ranks a tag 0–100 by how well it fits; MyAnimeList's themes carry no rank (taken as fitting).
  for (const t of r.tags) if ((t.rank ?? 100) >= 50) add('t', t.name, (t.rank ?? 100) / 100);
  for (const st of r.studios) add('s', st, 1);
  return [...out.values()];
}

function csr<T>(n: number, rows: T[][], write: (item: T, at: number) => void): Int32Array {
  const start = new Int32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    start[i] = at;
    for (const item of rows[i]!) write(item, at++);
  }
  start[n] = at;
  return start;
}

/** The index of a set of records (the candidates and the person's own titles, or a whole catalogue). */
export function buildIndex(records: Iterable<AnimeRecord>): EngineIndex {
  const recs: AnimeRecord[] = [];
  const pos = new Map<number, number>();
  for (const r of records) {
    if (pos.has(r.malId)) continue;
    pos.set(r.malId, recs.length);
    recs.push(r);
  }
  const n = recs.length;
  const ids = Int32Array.from(recs.map((r) => r.malId));

  // TF-IDF over these records: a genre every other title has says little; a studio or rare tag says a lot.
  const raw = recs.map(features);
  const df = new Map<string, number>();
  const label = new Map<string, string>();
  for (const fs of raw)
    for (const [f, , name] of fs) {
      df.set(f, (df.get(f) ?? 0) + 1);
      if (!label.has(f)) label.set(f, name);
    }
  const featureNames = [...df.keys()].map((f) => label.get(f)!);
  const fidKeys = [...df.keys()];
  const fid = new Map(fidKeys.map((f, i) => [f, i]));
  const weighted = raw.map((fs) => {
    const v = fs.map(([f, w]): [number, number] => [fid.get(f)!, w * Math.log(1 + n / df.get(f)!)]);
    const norm = Math.sqrt(v.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    return v.map(([f, w]): [number, number] => [f, w / norm]);
  });
  const nf = weighted.reduce((s, v) => s + v.length, 0);
  const featId = new Int32Array(nf);
  const featW = new Float64Array(nf);
  const featStart = csr(n, weighted, ([f, w], at) => {
    featId[at] = f;
    featW[at] = w;
  });

  // Links: a provider shows a recommendation on both titles' pages; keep the larger count of the two sides.
  const votes = recs.map(() => new Map<number, number>());
  for (let i = 0; i < n; i++) {
    for (const l of recs[i]!.recommendations) {
      const j = l.malId === null ? undefined : pos.get(l.malId);
      if (j === undefined || j === i || !(l.rating > 0)) continue;
      votes[i]!.set(j, Math.max(votes[i]!.get(j) ?? 0, l.rating));
      votes[j]!.set(i, Math.max(votes[j]!.get(i) ?? 0, l.rating));
    }
  }
  const linkRows = votes.map((m) => [...m].sort((a, b) => a[0] - b[0]));
  const nl = linkRows.reduce((s, v) => s + v.length, 0);
  const linkTo = new Int32Array(nl);
  const linkLog = new Float64Array(nl);
  const linkStart = csr(n, linkRows, ([j, v], at) => {
    linkTo[at] = j;
    linkLog[at] = Math.log1p(v);
  });
  const linkMass = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = linkStart[i]!; k < linkStart[i + 1]!; k++) linkMass[i]! += linkLog[k]!;

  // Relations, both directions, and franchises as their connected components.
  const rel = recs.map(() => new Set<number>());
  for (let i = 0; i < n; i++) {
    for (const l of recs[i]!.relations) {
      const j = l.malId === null ? undefined : pos.get(l.malId);
      if (j === undefined || j === i) continue;
      rel[i]!.add(j);
      rel[j]!.add(i);
    }
  }
  const relRows = rel.map((s) => [...s].sort((a, b) => a - b));
  const relTo = new Int32Array(relRows.reduce((s, v) => s + v.length, 0));
  const relStart = csr(n, relRows, (j, at) => {
    relTo[at] = j;
  });
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < n; i++)
    for (const j of relRows[i]!) {
      const a = find(i),
        b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  const franchise = Int32Array.from({ length: n }, (_, i) => find(i));

  const members = Float64Array.from(recs.map(membersOf));
  const pop = Float64Array.from(members, (m) => Math.log1p(m) / POPULARITY_SCALE);
  const score = Float64Array.from(
    recs.map((r) => (r.communityScore === null ? UNKNOWN_SCORE : r.communityScore / 100)),
  );
  const year = Float64Array.from(
    recs.map((r) => (r.year !== null && Number.isFinite(r.year) ? Math.round(r.year) : Number.NaN)),
  );
  let firstYear = Number.POSITIVE_INFINITY,
    lastYear = Number.NEGATIVE_INFINITY;
  for (const y of year)
    if (!Number.isNaN(y)) {
      firstYear = Math.min(firstYear, y);
      lastYear = Math.max(lastYear, y);
    }
  if (firstYear > lastYear) firstYear = lastYear = 0;
  return {
    ids,
    pos,
    records: recs,
    featStart,
    featId,
    featW,
    featureNames,
    linkStart,
    linkTo,
    linkLog,
    linkMass,
    relStart,
    relTo,
    franchise,
    pop,
    members,
    score,
    year,
    firstYear,
    lastYear,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What the person thinks of each of their titles

export interface Opinion {
  entry: PersonEntry;
  /** Index position of the title, or −1 when the provider knows nothing of it. */
  at: number;
  like: number;
  dislike: number;
  /** On the plan, not watched. */
  planned: boolean;
}

export interface Taste {
  opinions: Opinion[];
  /** Rated titles (a cold start below COLD_START_RATINGS). */
  rated: number;
  mean: number;
}

/** Like and dislike of each title, from the rating relative to the person's own mean and what they did with it. */
export function tasteOf(index: EngineIndex, person: Person, p: EngineParams = FITTED): Taste {
  const ratings = person.history.map((e) => e.rating).filter((r): r is number => r !== null);
  const n = ratings.length;
  const mean = (ratings.reduce((s, r) => s + r, 0) + PRIOR_MEAN * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT);
  const variance = (ratings.reduce((s, r) => s + (r - mean) ** 2, 0) + PRIOR_WEIGHT * 1.5 ** 2) / (n + PRIOR_WEIGHT);
  const sd = Math.max(1, Math.sqrt(variance));
  const opinions: Opinion[] = person.history.map((e) => {
    let like: number;
    let dislike = 0;
    if (e.rating !== null) {
      const z = (e.rating - mean) / sd;
      like = Math.max(0, z + p.likeShift);
      dislike = Math.max(0, -z - p.dislikeShift);
    } else {
      like = p.unrated;
    }
    if (e.status === 'dropped') {
      like = 0;
      dislike = Math.max(dislike, JUDGED.dropped);
    } else if (e.status === 'on_hold') like *= JUDGED.onHold;
    like *= (1 + JUDGED.rewatch * Math.min(3, Math.max(0, e.rewatches))) * (e.binged ? 1 + JUDGED.binge : 1);
    return { entry: e, at: index.pos.get(e.malId) ?? -1, like, dislike, planned: false };
  });
  for (const id of person.plan ?? []) {
    const at = index.pos.get(id);
    if (at !== undefined)
      opinions.push({
        entry: { malId: id, title: '', rating: null, status: null, rewatches: 0, binged: false },
        at,
        like: JUDGED.plan,
        dislike: 0,
        planned: true,
      });
  }
  return { opinions, rated: n, mean };
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring

/** The person's signals spread over the index: one value per indexed title. */
interface Spread {
  link: Float64Array;
  dislikeLink: Float64Array;
  /** Σ like(a) (and Σ dislike(a)) over the person's titles a related to each title. */
  relation: Float64Array;
  dislikeRelation: Float64Array;
  /** 1 when a title is related to one the person watched and did not dislike. */
  franchise: Float64Array;
  profile: Float64Array;
  dislikeProfile: Float64Array;
  profileNorm: number;
  dislikeNorm: number;
  /** Per year from index.firstYear: the density of the person's history around it, 1 at its peak (all 0 when none). */
  era: Float64Array;
}

function norm2(v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}

function spread(index: EngineIndex, taste: Taste, p: EngineParams): Spread {
  const n = index.ids.length;
  const nf = index.featureNames.length;
  const s: Spread = {
    link: new Float64Array(n),
    dislikeLink: new Float64Array(n),
    relation: new Float64Array(n),
    dislikeRelation: new Float64Array(n),
    franchise: new Float64Array(n),
    profile: new Float64Array(nf),
    dislikeProfile: new Float64Array(nf),
    profileNorm: 0,
    dislikeNorm: 0,
    era: new Float64Array(index.lastYear - index.firstYear + 1),
  };
  const watchedIn = new Float64Array(s.era.length);
  for (const o of taste.opinions) {
    if (o.at < 0) continue;
    const a = o.at;
    // Every title watched says when the person watches from, liked or not (the plan does not: nothing was watched).
    const y = index.year[a]!;
    if (!o.planned && !Number.isNaN(y)) watchedIn[y - index.firstYear]! += 1;
    for (let k = index.relStart[a]!; k < index.relStart[a + 1]!; k++) {
      const t = index.relTo[k]!;
      if (o.dislike === 0) s.franchise[t] = 1;
      s.relation[t]! += o.like;
      s.dislikeRelation[t]! += o.dislike;
    }
    if (o.like === 0 && o.dislike === 0) continue;
    const norm = p.beta === 0 ? 1 : Math.pow(Math.max(1, index.linkMass[a]!), p.beta);
    for (let k = index.linkStart[a]!; k < index.linkStart[a + 1]!; k++) {
      const v = index.linkLog[k]! / norm;
      const t = index.linkTo[k]!;
      if (o.like) s.link[t]! += o.like * v;
      if (o.dislike) s.dislikeLink[t]! += o.dislike * v;
    }
    for (let k = index.featStart[a]!; k < index.featStart[a + 1]!; k++) {
      const f = index.featId[k]!;
      if (o.like) s.profile[f]! += o.like * index.featW[k]!;
      if (o.dislike) s.dislikeProfile[f]! += o.dislike * index.featW[k]!;
    }
  }
  s.profileNorm = norm2(s.profile) || 1;
  s.dislikeNorm = norm2(s.dislikeProfile) || 1;
  eraDensity(watchedIn, p.eraWidth, s.era);
  return s;
}

/** Gaussian kernel density of the counts per year, scaled to 1 at its peak; all 0 when there are no counts. */
function eraDensity(counts: Float64Array, width: number, out: Float64Array): void {
  const span = Math.ceil(4 * width);
  const kernel = Float64Array.from({ length: span + 1 }, (_, d) => Math.exp(-(d * d) / (2 * width * width)));
  let peak = 0;
  for (let y = 0; y < out.length; y++) {
    let v = 0;
    for (let x = Math.max(0, y - span); x <= Math.min(out.length - 1, y + span); x++)
      if (counts[x]) v += counts[x]! * kernel[Math.abs(y - x)]!;
    out[y] = v;
    peak = Math.max(peak, v);
  }
  if (peak > 0) for (let y = 0; y < out.length; y++) out[y]! /= peak;
}

/** The parts of a score, in this order; each has a weight in EngineParams and a sign. */
export const COMPONENTS = [
  ['link', 'wLink', 1],
  ['dislikeLink', 'wDislikeLink', -1],
  ['relation', 'wRelation', 1],
  ['dislikeRelation', 'wDislikeRelation', -1],
  ['franchise', 'wFranchise', 1],
  ['content', 'wContent', 1],
  ['dislikeContent', 'wDislikeContent', -1],
  ['popularity', 'wPopularity', 1],
  ['mainstream', 'wMainstream', 1],
  ['score', 'wScore', 1],
  ['era', 'wEra', 1],
] as const satisfies ReadonlyArray<readonly [string, keyof EngineParams, 1 | -1]>;

export type ComponentName = (typeof COMPONENTS)[number][0];
export type Components = Record<ComponentName, number>;
export const COMPONENT_COUNT = COMPONENTS.length;

/** The weight vector of a parameter set, sign included, in COMPONENTS order. */
export function weightVector(p: EngineParams): Float64Array {
  return Float64Array.from(COMPONENTS, ([, w, sign]) => sign * p[w]);
}

/** Writes the components of title t, in COMPONENTS order, into out[at…]. */
function writeComponents(
  index: EngineIndex,
  s: Spread,
  t: number,
  p: EngineParams,
  out: Float64Array,
  at: number,
): void {
  let content = 0;
  let dislikeContent = 0;
  for (let k = index.featStart[t]!; k < index.featStart[t + 1]!; k++) {
    content += s.profile[index.featId[k]!]! * index.featW[k]!;
    dislikeContent += s.dislikeProfile[index.featId[k]!]! * index.featW[k]!;
  }
  const targetNorm = p.alpha === 0 ? 1 : Math.pow(Math.max(1, index.members[t]!), p.alpha);
  const pop = index.pop[t]!;
  out[at] = Math.log1p((s.link[t]! * 100) / targetNorm) * pop;
  out[at + 1] = Math.log1p((s.dislikeLink[t]! * 100) / targetNorm) * pop;
  out[at + 2] = Math.log1p(s.relation[t]!);
  out[at + 3] = Math.log1p(s.dislikeRelation[t]!);
  out[at + 4] = s.franchise[t]!;
  out[at + 5] = content / s.profileNorm;
  out[at + 6] = dislikeContent / s.dislikeNorm;
  out[at + 7] = pop;
  out[at + 8] = Math.min(1, index.members[t]! / MAINSTREAM_MEMBERS);
  out[at + 9] = index.score[t]!;
  const y = index.year[t]!;
  out[at + 10] = Number.isNaN(y) ? 0 : s.era[y - index.firstYear]!;
}

function componentsOf(v: Float64Array, at = 0): Components {
  return Object.fromEntries(COMPONENTS.map(([name], i) => [name, v[at + i]!])) as Components;
}

/**
 * Every candidate's components for this person, COMPONENT_COUNT values per candidate (for fitting the weights:
 * the score is their dot product with weightVector). Candidates unknown to the index or already seen are skipped.
 */
export function componentMatrix(
  index: EngineIndex,
  person: Person,
  candidates: Iterable<number>,
  p: EngineParams = FITTED,
): { at: Int32Array; values: Float64Array } {
  const s = spread(index, tasteOf(index, person, p), p);
  const own = new Set(person.history.map((e) => e.malId));
  const at: number[] = [];
  for (const id of candidates) {
    const t = index.pos.get(id);
    if (t !== undefined && !own.has(id)) at.push(t);
  }
  const values = new Float64Array(at.length * COMPONENT_COUNT);
  at.forEach((t, i) => writeComponents(index, s, t, p, values, i * COMPONENT_COUNT));
  return { at: Int32Array.from(at), values };
}

export interface Ranked {
  malId: number;
  score: number;
  components: Components;
}

/** Higher score first; ties by more members, then by the smaller MAL id (stable across runs). */
function better(index: EngineIndex, sa: number, a: number, sb: number, b: number): boolean {
  if (sa !== sb) return sa > sb;
  const ma = index.members[a]!,
    mb = index.members[b]!;
  if (ma !== mb) return ma > mb;
  return index.ids[a]! < index.ids[b]!;
}

/** How far past the list's length the diversity step looks for replacements. */
const DIVERSITY_DEPTH = 40;

/**
 * Rank the candidates (MAL ids; unknown ones and the person's own titles are skipped) for this person and return
 * the best `count`, at most MAX_PER_FRANCHISE of one franchise while others are left.
 */
export function rankCandidates(
  index: EngineIndex,
  person: Person,
  candidates: Iterable<number>,
  count: number,
  p: EngineParams = FITTED,
): Ranked[] {
  const taste = tasteOf(index, person, p);
  const s = spread(index, taste, p);
  const own = new Set(person.history.map((e) => e.malId));
  const depth = count + DIVERSITY_DEPTH;
  // Keep the best `depth` in a small sorted array: one pass over the candidates, no full sort.
  const topAt: number[] = [];
  const topScore: number[] = [];
  const w = weightVector(p);
  const c = new Float64Array(COMPONENT_COUNT);
  for (const id of candidates) {
    const t = index.pos.get(id);
    if (t === undefined || own.has(id)) continue;
    writeComponents(index, s, t, p, c, 0);
    let sc = 0;
    for (let i = 0; i < COMPONENT_COUNT; i++) sc += w[i]! * c[i]!;
    const last = topAt.length - 1;
    if (topAt.length >= depth && !better(index, sc, t, topScore[last]!, topAt[last]!)) continue;
    let i = topAt.length >= depth ? last : topAt.length;
    if (topAt.length >= depth) {
      topAt.pop();
      topScore.pop();
    }
    while (i > 0 && better(index, sc, t, topScore[i - 1]!, topAt[i - 1]!)) i--;
    topAt.splice(i, 0, t);
    topScore.splice(i, 0, sc);
  }
  const picked: number[] = [];
  const deferred: number[] = [];
  const perFranchise = new Map<number, number>();
  for (let i = 0; i < topAt.length && picked.length < count; i++) {
    const f = index.franchise[topAt[i]!]!;
    const k = perFranchise.get(f) ?? 0;
    if (k >= MAX_PER_FRANCHISE) {
      deferred.push(i);
      continue;
    }
    perFranchise.set(f, k + 1);
    picked.push(i);
  }
  // Not enough other titles: the deferred ones fill the list rather than leave it short.
  for (const i of deferred) if (picked.length < count) picked.push(i);
  picked.sort((a, b) => a - b);
  return picked.map((i) => {
    writeComponents(index, s, topAt[i]!, p, c, 0);
    return { malId: index.ids[topAt[i]!]!, score: topScore[i]!, components: componentsOf(c) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Why: the person's titles behind a candidate

export interface Because {
  entry: PersonEntry;
  /** How the title leads to the candidate. */
  via: 'link' | 'relation' | 'content';
  /** Genres, tags and studios the two share, most distinctive first. */
  shared: string[];
  weight: number;
}

/**
 * The liked titles that led to a candidate, strongest first. Only titles the person likes are ever cited: a title
 * that pushed the candidate down (a low rating, a drop) is never given as a reason for it.
 */
export function becauseOf(index: EngineIndex, person: Person, malId: number, p: EngineParams = FITTED): Because[] {
  const t = index.pos.get(malId);
  if (t === undefined) return [];
  const taste = tasteOf(index, person, p);
  const out: Because[] = [];
  const feats = new Map<number, number>();
  for (let k = index.featStart[t]!; k < index.featStart[t + 1]!; k++) feats.set(index.featId[k]!, index.featW[k]!);
  for (const o of taste.opinions) {
    if (o.at < 0 || o.like <= 0 || o.dislike > 0 || !o.entry.title) continue;
    const a = o.at;
    let via: Because['via'] | null = null;
    let weight = 0;
    for (let k = index.relStart[a]!; k < index.relStart[a + 1]!; k++)
      if (index.relTo[k] === t) {
        via = 'relation';
        weight = p.wRelation * o.like;
      }
    if (!via) {
      for (let k = index.linkStart[a]!; k < index.linkStart[a + 1]!; k++) {
        if (index.linkTo[k] === t) {
          via = 'link';
          weight = o.like * index.linkLog[k]!;
        }
      }
    }
    const shared: Array<[string, number]> = [];
    let overlap = 0;
    for (let k = index.featStart[a]!; k < index.featStart[a + 1]!; k++) {
      const w = feats.get(index.featId[k]!);
      if (w === undefined) continue;
      overlap += w * index.featW[k]!;
      shared.push([index.featureNames[index.featId[k]!]!, w * index.featW[k]!]);
    }
    if (!via) {
      if (overlap < 0.35) continue;
      via = 'content';
      weight = 0.2 * o.like * overlap;
    }
    out.push({ entry: o.entry, via, shared: shared.sort((x, y) => y[1] - x[1]).map(([f]) => f), weight });
  }
  return out.sort((a, b) => b.weight - a.weight || a.entry.malId - b.entry.malId);
}

/** True when the person has too few ratings for their taste to be known. */
export function isColdStart(person: Person): boolean {
  return person.history.filter((e) => e.rating !== null).length < COLD_START_RATINGS;
}
