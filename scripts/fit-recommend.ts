/**
 * Fits the local engine's weights (FITTED in src/recommend/engine.ts) on DEVELOPMENT users only.
 *
 *   npm run fit:recommend -- --data <dir> [--users-per-file 600] [--passes 2] [--shapes likeShift,unrated,beta,alpha,eraWidth|none]
 *                            [--objective mean|worst-ratio] [--split-salt s] [--out <json>]
 *
 * For each users file of <dir>/users, the development people (src/recommend/protocol.ts splitOf: a hash of the id;
 * --split-salt draws another split, for cross-validation) go through the evaluation protocol's hold-out; at most
 * --users-per-file of them are used (the first ones in id-hash order, so the choice is fixed). The objective is the
 * mean over the files of their mean NDCG@10, so a small file counts as much as a large one; `worst-ratio` maximises
 * instead the smallest over the files of local NDCG@10 ÷ popularity's (on the same development people).
 *
 * The search is a coordinate search from the current FITTED values. The shape parameters (how ratings become likes
 * and dislikes, the link normalisations) change the components, so each value tried recomputes them with the
 * engine's own componentMatrix; for each, the nine weights are searched on a cached copy (the candidates that carry
 * any signal of the person, plus the most popular, best-scored and most similar titles — the rest cannot reach a top
 * 10), ranking as rankCandidates does before its diversity step. The result is printed as a TypeScript object to
 * paste into FITTED, and with --out also written as JSON (what `eval:recommend --params` reads). Deterministic: the
 * same data gives the same values.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import {
  COMPONENT_COUNT,
  COMPONENTS,
  componentMatrix,
  FITTED,
  weightVector,
  type EngineIndex,
  type EngineParams,
} from '../src/recommend/engine.ts';
import { hashId, holdOut, K, rankIn, scoresAt, splitOf } from '../src/recommend/protocol.ts';
import { popularityTop } from '../src/recommend/baselines.ts';
import { loadRecsData, loadUsers, usersFiles, type RecsData } from './lib/recs-data.ts';
import { catalogueIndex } from './lib/recs-eval.ts';

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);

const SHAPES: Array<[keyof EngineParams, number[]]> = [
  ['likeShift', [1, 2, 3, 4, 6]],
  ['unrated', [0.4, 0.8, 1.2, 1.6, 2.4]],
  ['beta', [0, 0.25, 0.5, 0.75, 1]],
  ['alpha', [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]],
  ['eraWidth', [1, 2, 3, 5, 8]],
];
const WEIGHTS = COMPONENTS.map(([, w]) => w).filter((w) => w !== 'wLink'); // wLink = 1 sets the scale
// dislikeShift is not searched: on these data any dislike threshold costs a little NDCG (searched, it runs off to
// "nothing is a dislike"), and a person who rates a title far under their own mean does not want more of it. It is
// set by judgement (EngineParams doc); the dislike weights are fitted.

interface Case {
  /** Candidate rows: COMPONENT_COUNT values each; row 0 is the hidden title. */
  rows: Float64Array;
  members: Float64Array;
  ids: Int32Array;
}

interface FileCases {
  name: string;
  people: Array<{
    userId: string;
    history: Parameters<typeof componentMatrix>[1];
    candidates: number[];
    hidden: number;
  }>;
  cases: Case[];
  /** Mean NDCG@10 of the popularity baseline on these people (for the worst-ratio objective). */
  popularity: number;
}

const PER_PRIOR = 300;

/** Rows whose value is among the k largest (ties at the threshold included). */
function topRows(n: number, key: (i: number) => number, k: number, into: Set<number>): void {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = key(i);
  const sorted = Float64Array.from(v).sort();
  const threshold = sorted[Math.max(0, n - k)]!;
  for (let i = 0; i < n; i++) if (v[i]! >= threshold) into.add(i);
}

/**
 * The candidates worth ranking for each person, chosen once: every title with any signal of theirs (a link or a
 * relation to their history, a similar profile) and the most popular and best-scored ones — the others cannot reach
 * a top 10 under any weights the search tries. The hidden title comes first.
 */
function chooseCandidates(index: EngineIndex, fc: FileCases, p: EngineParams): void {
  const C = COMPONENT_COUNT;
  const iPop = COMPONENTS.findIndex(([n]) => n === 'popularity');
  const iScore = COMPONENTS.findIndex(([n]) => n === 'score');
  const iContent = COMPONENTS.findIndex(([n]) => n === 'content');
  const iEra = COMPONENTS.findIndex(([n]) => n === 'era');
  const signal = COMPONENTS.map(([n], i) => [n, i] as const)
    .filter(([n]) => ['link', 'dislikeLink', 'relation', 'dislikeRelation', 'franchise'].includes(n))
    .map(([, i]) => i);
  // Signals of every person's titles, whatever the shape parameters: likes and dislikes on for all.
  const open: EngineParams = { ...p, likeShift: 5, dislikeShift: -5, unrated: 1 };
  for (const person of fc.people) {
    const m = componentMatrix(index, person.history, person.candidates, open);
    const n = m.at.length;
    const keep = new Set<number>();
    for (let i = 0; i < n; i++) for (const c of signal) if (m.values[i * C + c]! !== 0) keep.add(i);
    const v = (i: number, c: number): number => m.values[i * C + c]!;
    topRows(n, (i) => v(i, iPop), PER_PRIOR, keep);
    topRows(n, (i) => v(i, iScore), PER_PRIOR, keep);
    topRows(n, (i) => v(i, iPop) + v(i, iScore), PER_PRIOR, keep);
    topRows(n, (i) => v(i, iContent), PER_PRIOR, keep);
    topRows(n, (i) => v(i, iPop) + v(i, iEra), PER_PRIOR, keep);
    const hidden = person.hidden;
    person.candidates = [hidden, ...[...keep].map((i) => index.ids[m.at[i]!]!).filter((id) => id !== hidden)];
  }
}

/** The compact cases of a file's people for these shape parameters. */
function buildCases(index: EngineIndex, fc: FileCases, p: EngineParams): Case[] {
  return fc.people.map((person) => {
    const m = componentMatrix(index, person.history, person.candidates, p);
    const members = Float64Array.from(m.at, (t) => index.members[t]!);
    const ids = Float64Array.from(m.at, (t) => index.ids[t]!);
    if (ids[0] !== person.hidden) throw new Error('the hidden title must come first');
    return { rows: m.values, members, ids: Int32Array.from(ids) };
  });
}

/** Mean NDCG@10 of the cases under weight vector w (the ranking before the diversity step). */
function ndcg(cases: readonly Case[], w: Float64Array): number {
  const C = COMPONENT_COUNT;
  let sum = 0;
  for (const c of cases) {
    let hs = 0;
    for (let j = 0; j < C; j++) hs += w[j]! * c.rows[j]!;
    let above = 0;
    const n = c.members.length;
    for (let r = 1; r < n && above < K; r++) {
      let sc = 0;
      for (let j = 0; j < C; j++) sc += w[j]! * c.rows[r * C + j]!;
      if (
        sc > hs ||
        (sc === hs && (c.members[r]! > c.members[0]! || (c.members[r] === c.members[0] && c.ids[r]! < c.ids[0]!)))
      )
        above++;
    }
    if (above < K) sum += 1 / Math.log2(above + 2);
  }
  return cases.length ? sum / cases.length : 0;
}

type Objective = 'mean' | 'worst-ratio';
let OBJECTIVE: Objective = 'mean';

function objective(files: readonly FileCases[], p: EngineParams): number {
  const w = weightVector(p);
  if (OBJECTIVE === 'worst-ratio')
    return Math.min(...files.map((f) => ndcg(f.cases, w) / Math.max(1e-9, f.popularity)));
  return files.reduce((s, f) => s + ndcg(f.cases, w), 0) / files.length;
}

/** Coordinate search over the weights on the cached cases: multiplicative and additive steps, until none helps. */
function fitWeights(files: FileCases[], start: EngineParams, rounds = 4): { p: EngineParams; value: number } {
  let p = { ...start };
  let best = objective(files, p);
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (const name of WEIGHTS) {
      for (const f of [0, 0.5, 0.75, 1.25, 1.5, 2]) {
        const cur = p[name];
        for (const val of new Set([cur * f, cur + (f - 1) * 0.2])) {
          if (!(val >= 0) || val === cur) continue;
          const q = { ...p, [name]: Math.round(val * 1000) / 1000 };
          const v = objective(files, q);
          if (v > best + 1e-6) {
            best = v;
            p = q;
            improved = true;
          }
        }
      }
    }
    if (!improved) break;
  }
  return { p, value: best };
}

function prepare(data: RecsData, file: string, perFile: number, salt: string): FileCases {
  const inCatalogue = (id: number): boolean => data.records.has(id);
  const people: FileCases['people'] = [];
  const users = loadUsers(file)
    .filter((u) => splitOf(u.userId, salt) === 'development')
    .sort((a, b) => hashId(`anidex-fit:${a.userId}`) - hashId(`anidex-fit:${b.userId}`));
  let popularity = 0;
  for (const u of users) {
    if (people.length >= perFile) break;
    const h = holdOut(u.userId, u.entries, inCatalogue);
    if (!h) continue;
    const seen = new Set(h.history.map((e) => e.malId));
    const candidates = data.catalogue.filter((id) => !seen.has(id));
    popularity += scoresAt(rankIn(popularityTop(candidates, K, data.members), h.hidden.malId)).ndcg;
    people.push({
      userId: u.userId,
      history: { history: h.history, plan: u.plan },
      candidates,
      hidden: h.hidden.malId,
    });
  }
  return {
    name: basename(file, '.csv'),
    people,
    cases: [],
    popularity: people.length ? popularity / people.length : 0,
  };
}

async function main(): Promise<void> {
  const usage =
    'usage: npm run fit:recommend -- --data <dir> [--users-per-file 600] [--passes 2] [--shapes likeShift,unrated,beta,alpha,eraWidth|none] [--objective mean|worst-ratio] [--split-salt s] [--out <json>]';
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        'users-per-file': { type: 'string' },
        passes: { type: 'string' },
        shapes: { type: 'string' },
        objective: { type: 'string' },
        'split-salt': { type: 'string' },
        out: { type: 'string' },
      },
    }));
  } catch (err) {
    log(`${(err as Error).message}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const objectiveName = values.objective ?? 'mean';
  if (!values.data || (objectiveName !== 'mean' && objectiveName !== 'worst-ratio')) {
    log(usage);
    process.exitCode = 2;
    return;
  }
  OBJECTIVE = objectiveName;
  const salt = values['split-salt'] ?? '';
  const perFile = Number(values['users-per-file'] ?? 600);
  const passes = Number(values.passes ?? 2);
  // --shapes likeShift,alpha searches only those (`none`: the weights alone, from the shape values in FITTED).
  const only = values.shapes === undefined ? null : new Set(values.shapes.split(',').map((x) => x.trim()));
  const shapes = SHAPES.filter(([name]) => !only || only.has(name));
  const t0 = performance.now();
  const data = loadRecsData(values.data);
  const index = catalogueIndex(data);
  const files = usersFiles(values.data).map((f) => prepare(data, f, perFile, salt));
  for (const f of files) {
    chooseCandidates(index, f, FITTED);
    log(
      `${f.name}: ${f.people.length} development people, ${Math.round(f.people.reduce((s, x) => s + x.candidates.length, 0) / f.people.length)} candidates each`,
    );
  }
  const rebuild = (p: EngineParams): void => {
    for (const f of files) f.cases = buildCases(index, f, p);
  };
  let p: EngineParams = { ...FITTED };
  rebuild(p);
  const start = fitWeights(files, p);
  p = start.p;
  let best = start.value;
  log(`start: NDCG@10 ${best.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  for (let pass = 0; pass < passes && shapes.length; pass++) {
    let improved = false;
    for (const [name, grid] of shapes) {
      for (const val of grid) {
        if (val === p[name]) continue;
        const q = { ...p, [name]: val };
        rebuild(q);
        const r = fitWeights(files, q, 1);
        log(`  pass ${pass + 1} ${name}=${val}: ${r.value.toFixed(4)}${r.value > best + 1e-6 ? ' (better)' : ''}`);
        if (r.value > best + 1e-6) {
          best = r.value;
          p = r.p;
          improved = true;
        }
      }
      rebuild(p);
    }
    log(
      `pass ${pass + 1}: NDCG@10 ${best.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(0)} s) ${JSON.stringify(p)}`,
    );
    if (!improved) break;
  }
  rebuild(p);
  ({ p, value: best } = fitWeights(files, p));
  for (const f of files) {
    const v = ndcg(f.cases, weightVector(p));
    log(
      `${f.name}: development NDCG@10 ${v.toFixed(4)} (before the diversity step), popularity ${f.popularity.toFixed(4)}, ratio ${(v / f.popularity).toFixed(2)}`,
    );
  }
  const args = `--users-per-file ${perFile} --passes ${passes}${values.shapes ? ` --shapes ${values.shapes}` : ''}${values.objective ? ` --objective ${values.objective}` : ''}${salt ? ` --split-salt ${salt}` : ''}`;
  console.log(`// npm run fit:recommend -- --data <dir> ${args}: objective (${OBJECTIVE}) ${best.toFixed(4)}`);
  if (values.out) writeFileSync(values.out, `${JSON.stringify(p, null, 2)}\n`);
  console.log(`export const FITTED: EngineParams = ${JSON.stringify(p, null, 2).replace(/"(\w+)":/g, '$1:')};`);
}

await main();
