/**
 * Offline evaluation of the local recommender on real people's lists (not a test).
 *
 *   npm run eval:recommend -- --data <dir> [--users <csv>] [--json] [--limit n] [--splits n] [--split-salt s] [--params <json>] [--as-of-list]
 *
 * <dir> holds catalog/, edges/ and users/ (the layout scripts/lib/recs-data.ts reads). Without --users, every
 * users/*.csv of <dir> is evaluated and reported on its own. For each person who counts (≥ 5 history entries and one
 * rated 8+ that is in the catalogue) one 8+ title is hidden (a PRNG seeded by the person's id picks it); the local
 * engine — rankCandidates, what `anidex recommend` runs — and the random, popularity and graph-sum baselines each
 * rank every catalogue title the person has not seen, given the catalogue's facts and the recommendation counts as
 * the provider's answers. Reported: HR@10, NDCG@10, MRR@10 (percentile bootstrap 95 % intervals over people, 1 000
 * resamples, seeded) and catalogue coverage, for all people, development people and held-out people (a hash of the
 * id; only development people are used by `npm run fit:recommend`), and the NDCG ratios the targets are about.
 *
 * --splits n also reports how the held-out ratios move with the people held out: local ÷ popularity and ÷ graph-sum
 * on the held-out people of n other splits (salts 1…n; the engine is not refitted, so those include people the fit
 * saw). --split-salt s reports the split drawn with salt s instead of the one the fit uses, and --params <json> ranks
 * with a parameter set written by `fit:recommend --out` instead of FITTED: together, a fit and an evaluation on
 * another split (the cross-validation in docs/recommendations.md). --as-of-list ranks, for every engine, only the titles
 * that had started by the newest title of the person's history (or have no known year): the lists are from 2016 and
 * 2020 and the catalogue from 2023, so this is the catalogue as the person could have seen it.
 *
 * stdout: a Markdown report; with --json its last line is one JSON object:
 *   {"users": N, "engines": {"local": {"hr10", "ndcg10", "mrr10", "coverage", "hr10_ci95": [lo, hi], …}, …},
 *    "splits": {"development": {"users", "engines"}, "held_out": {…}}}
 * for one users file (--users, or a data dir with one), and, for several files,
 *   {"users": N, "engines": {…}, "datasets": {"<file name>": {"users", "engines", "splits"}, …}}
 * where the top-level figures pool every file's people; with --splits each file's block (or the object, for one
 * file) also has "split_spread": {"popularity": {"splits", "people", "min", "p5", "median", "p95", "max",
 * "below_target"}, "graph_sum": {…}}. Progress goes to stderr.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRecsData, loadUsers, usersFiles } from './lib/recs-data.ts';
import {
  catalogueIndex,
  ENGINES,
  evaluatePeople,
  ratioSpread,
  runOf,
  summaries,
  type EngineName,
  type PersonResult,
  type RatioSpread,
} from './lib/recs-eval.ts';
import { FITTED, type EngineParams } from '../src/recommend/engine.ts';
import { ndcgOf, ratioCi, type Summary } from '../src/recommend/protocol.ts';

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const USAGE =
  'npm run eval:recommend -- --data <dir> [--users <csv>] [--json] [--limit n] [--splits n] [--split-salt s] [--params <json>] [--as-of-list]';
/** The targets: local NDCG@10 at least this many times the baseline's. */
const TARGETS = { popularity: 2, graph_sum: 1.25 } as const;

/** A parameter set from `fit:recommend --out`: FITTED's keys, numbers only (missing keys keep FITTED's value). */
function readParams(path: string): EngineParams {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${path}: expected a JSON object of engine parameters.`);
  const out: EngineParams = { ...FITTED };
  for (const [k, v] of Object.entries(raw)) {
    if (!(k in FITTED))
      throw new Error(`${path}: ${k} is not an engine parameter (known: ${Object.keys(FITTED).join(', ')}).`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${path}: ${k} must be a number.`);
    (out as unknown as Record<string, number>)[k] = v;
  }
  return out;
}

function spreadLines(spread: Record<'popularity' | 'graph_sum', RatioSpread>): string[] {
  const out = [
    `**Held-out ratios over ${spread.popularity.splits} other splits** (${spread.popularity.people[0]}–${spread.popularity.people[1]} held-out people each; not refitted per split)`,
    '',
    '| local ÷ | min | 5 % | median | 95 % | max | splits under the target |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const base of ['popularity', 'graph_sum'] as const) {
    const s = spread[base];
    out.push(
      `| ${base} (target ${TARGETS[base]}×) | ${s.min.toFixed(2)} | ${s.p5.toFixed(2)} | ${s.median.toFixed(2)} | ${s.p95.toFixed(2)} | ${s.max.toFixed(2)} | ${(100 * s.below_target).toFixed(0)} % |`,
    );
  }
  out.push('');
  return out;
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.platform()} ${os.arch()}, Node ${process.version}`;
}

const f3 = (x: number): string => x.toFixed(3);
const ci = (c: [number, number]): string => `${f3(c[0])}–${f3(c[1])}`;

interface Block {
  users: number;
  engines: Record<EngineName, Summary>;
}

function block(people: readonly PersonResult[], catalogueSize: number): Block {
  return { users: people.length, engines: summaries(people, catalogueSize) };
}

function table(title: string, people: readonly PersonResult[], b: Block): string[] {
  const out = [
    `**${title}** (${b.users} people)`,
    '',
    '| engine | HR@10 (95 % CI) | NDCG@10 (95 % CI) | MRR@10 (95 % CI) | coverage |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const e of ENGINES) {
    const s = b.engines[e];
    out.push(
      `| ${e} | ${f3(s.hr10)} (${ci(s.hr10_ci95)}) | ${f3(s.ndcg10)} (${ci(s.ndcg10_ci95)}) | ${f3(s.mrr10)} (${ci(s.mrr10_ci95)}) | ${(100 * s.coverage).toFixed(2)} % |`,
    );
  }
  const local = ndcgOf(runOf(people, 'local'));
  const ratio = (base: EngineName): string => {
    const s = b.engines[base];
    const r = s.ndcg10 > 0 ? b.engines.local.ndcg10 / s.ndcg10 : Number.POSITIVE_INFINITY;
    const c = ratioCi(local, ndcgOf(runOf(people, base)));
    return `${r.toFixed(2)}× (${c[0].toFixed(2)}–${c[1].toFixed(2)})`;
  };
  out.push(
    '',
    `local NDCG@10 ÷ graph_sum: ${ratio('graph_sum')} (target ≥ 1.25×); ÷ popularity: ${ratio('popularity')} (target ≥ 2×)`,
    '',
  );
  return out;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        users: { type: 'string' },
        json: { type: 'boolean' },
        limit: { type: 'string' },
        splits: { type: 'string' },
        'split-salt': { type: 'string' },
        params: { type: 'string' },
        'as-of-list': { type: 'boolean' },
      },
    }));
  } catch (err) {
    log(`${(err as Error).message}\nUsage: ${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
  const splits = values.splits === undefined ? 0 : Number(values.splits);
  if (!values.data || !(limit > 0) || !(Number.isInteger(splits) && splits >= 0)) {
    log(`Usage: ${USAGE}`);
    process.exitCode = 2;
    return;
  }
  let params: EngineParams = FITTED;
  if (values.params !== undefined) {
    try {
      params = readParams(values.params);
    } catch (err) {
      log(`${(err as Error).message}\nUsage: ${USAGE}`);
      process.exitCode = 2;
      return;
    }
  }
  const salt = values['split-salt'] ?? '';
  const t0 = performance.now();
  log(`loading ${values.data}`);
  const data = loadRecsData(values.data);
  const index = catalogueIndex(data);
  const files = values.users ? [values.users] : usersFiles(values.data);
  log(`catalogue: ${data.catalogue.length} anime; ${files.length} users file(s)`);

  const out: string[] = ['# anidex recommendation evaluation (offline, real MyAnimeList lists)', ''];
  if (salt || values.params)
    out.push(
      `Split salt: ${salt || '(none: the split the fit uses)'}; parameters: ${values.params ? basename(values.params) : 'FITTED'}.`,
      '',
    );
  if (values['as-of-list'])
    out.push(
      "Catalogue as of each list: only titles that had started by the newest title of the person's history (or have no year).",
      '',
    );
  type Spread = Record<'popularity' | 'graph_sum', RatioSpread>;
  const datasets: Record<string, Block & { splits: Record<'development' | 'held_out', Block>; split_spread?: Spread }> =
    {};
  const all: PersonResult[] = [];
  for (const file of files) {
    const name = basename(file, '.csv');
    const users = loadUsers(file).slice(0, limit);
    const started = performance.now();
    const people = evaluatePeople(data, index, users, {
      params,
      splitSalt: salt,
      asOfList: values['as-of-list'] ?? false,
      onProgress: (d, n) => log(`  ${name}: ${d}/${n} users`),
    });
    log(
      `${name}: ${people.length} of ${users.length} users count; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    all.push(...people);
    const dev = people.filter((p) => p.split === 'development');
    const held = people.filter((p) => p.split === 'held_out');
    const b = block(people, data.catalogue.length);
    const halves = { development: block(dev, data.catalogue.length), held_out: block(held, data.catalogue.length) };
    datasets[name] = { ...b, splits: halves };
    out.push(`## ${name}`, '', `${users.length} users in the file, ${people.length} count.`, '');
    out.push(...table('Development people', dev, halves.development));
    out.push(...table('Held-out people', held, halves.held_out));
    out.push(...table('All people', people, b));
    if (splits > 0) {
      const spread: Spread = {
        popularity: ratioSpread(people, 'popularity', splits, TARGETS.popularity),
        graph_sum: ratioSpread(people, 'graph_sum', splits, TARGETS.graph_sum),
      };
      datasets[name]!.split_spread = spread;
      out.push(...spreadLines(spread));
    }
  }
  const elapsed = (performance.now() - t0) / 1000;
  const now = new Date().toISOString();
  out.push(
    `Machine: ${machine()}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}.`,
    `Date: ${now}; wall time ${elapsed.toFixed(1)} s for ${all.length} people (data loading included).`,
    'Intervals: percentile bootstrap over people (1 000 resamples, seeded); ratio intervals are paired (the same resampled people for both engines).',
  );
  console.log(out.join('\n'));
  if (values.json) {
    const top = block(all, data.catalogue.length);
    const names = Object.keys(datasets);
    const one = datasets[names[0]!]!;
    const result =
      names.length === 1
        ? { ...top, splits: one.splits, ...(one.split_spread ? { split_spread: one.split_spread } : {}) }
        : { ...top, datasets };
    console.log(JSON.stringify(result));
  }
}

await main();
