// The offline evaluation protocol on a tiny hand-made data set whose right answers are worked out by hand:
// who counts, which title is hidden, the measures, the baselines, and eval:recommend's --json last line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  bootstrapCi,
  hashId,
  holdOut,
  rankIn,
  ratioCi,
  scoresAt,
  seededRandom,
  splitOf,
  HELD_OUT_SHARE,
} from '../src/recommend/protocol.ts';
import { graphSumTop, popularityTop, randomTop } from '../src/recommend/baselines.ts';
import type { PersonEntry } from '../src/recommend/engine.ts';
import { durationMinutes, loadRecsData, loadUsers } from '../scripts/lib/recs-data.ts';
import { catalogueIndex, evaluatePeople } from '../scripts/lib/recs-eval.ts';
import { ROOT } from './helpers/proc.ts';

const entry = (malId: number, rating: number | null): PersonEntry => ({
  malId,
  title: `#${malId}`,
  rating,
  status: null,
  rewatches: 0,
  binged: false,
});
const close = (a: number, b: number, msg?: string): void =>
  assert.ok(Math.abs(a - b) < 1e-4, `${msg ?? ''} ${a} ≠ ${b}`);

test('measures for one hidden title: hit, NDCG and reciprocal rank at 10', () => {
  assert.deepEqual(scoresAt(1), { hit: 1, ndcg: 1, rr: 1 });
  const third = scoresAt(3);
  close(third.ndcg, 0.5);
  close(third.rr, 1 / 3);
  close(scoresAt(10).ndcg, 1 / Math.log2(11));
  assert.deepEqual(scoresAt(11), { hit: 0, ndcg: 0, rr: 0 });
  assert.deepEqual(scoresAt(null), { hit: 0, ndcg: 0, rr: 0 });
  assert.equal(rankIn([5, 6, 7], 7), 3);
  assert.equal(rankIn([5, 6, 7], 8), null);
});

test('who counts: at least 5 history entries and one rated 8+ that is in the catalogue', () => {
  const inCat = (id: number): boolean => id < 100;
  assert.equal(holdOut('a', [entry(1, 9), entry(2, 5), entry(3, null), entry(4, 7)], inCat), null, 'four entries');
  assert.equal(
    holdOut(
      'b',
      [1, 2, 3, 4, 5].map((i) => entry(i, 7)),
      inCat,
    ),
    null,
    'nothing rated 8+',
  );
  assert.equal(
    holdOut('c', [entry(500, 10), ...[1, 2, 3, 4].map((i) => entry(i, 7))], inCat),
    null,
    'the 8+ title is not in the catalogue',
  );
  const h = holdOut('d', [entry(500, 10), entry(1, 8), ...[2, 3, 4].map((i) => entry(i, null))], inCat)!;
  assert.equal(h.hidden.malId, 1, 'the only 8+ title in the catalogue');
  assert.deepEqual(
    h.history.map((e) => e.malId),
    [500, 2, 3, 4],
    'the rest is the history, ratings kept',
  );
});

test('the hidden title: seeded by the user id, the same whatever the row order, about uniform over the 8+ titles', () => {
  const list = [entry(10, 9), entry(20, 8), entry(30, 10), entry(40, 3), entry(50, null)];
  const inCat = (): boolean => true;
  const a = holdOut('user-42', list, inCat)!.hidden.malId;
  assert.equal(holdOut('user-42', [...list].reverse(), inCat)!.hidden.malId, a);
  assert.ok([10, 20, 30].includes(a));
  const counts = new Map<number, number>();
  for (let u = 0; u < 3000; u++) {
    const id = holdOut(String(u), list, inCat)!.hidden.malId;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  assert.deepEqual(
    [...counts.keys()].sort((x, y) => x - y),
    [10, 20, 30],
  );
  for (const n of counts.values()) assert.ok(n > 850 && n < 1150, `${n} of 3000`);
});

test('development and held-out people: a fixed split by a hash of the id', () => {
  let held = 0;
  for (let u = 0; u < 10000; u++) if (splitOf(String(u)) === 'held_out') held++;
  assert.ok(Math.abs(held / 10000 - HELD_OUT_SHARE) < 0.02, `${held}`);
  assert.equal(splitOf('7'), splitOf('7'));
  // Another salt draws another split of the same share; no salt is the split the fit uses.
  let moved = 0,
    heldSalted = 0;
  for (let u = 0; u < 10000; u++) {
    if (splitOf(String(u), '3') === 'held_out') heldSalted++;
    if (splitOf(String(u), '3') !== splitOf(String(u))) moved++;
  }
  assert.ok(Math.abs(heldSalted / 10000 - HELD_OUT_SHARE) < 0.02, `${heldSalted}`);
  assert.ok(moved > 3000 && moved < 5000, `${moved} of 10000 change sides (independent splits: about 42 %)`);
  assert.equal(splitOf('7', ''), splitOf('7'));
  assert.notEqual(hashId('a'), hashId('b'));
  const r = seededRandom(1);
  assert.notEqual(r(), r());
});

test('bootstrap intervals contain the mean and are exact on constant data; ratio intervals are paired', () => {
  assert.deepEqual(bootstrapCi([1, 1, 1, 1]), [1, 1]);
  const xs = Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  const [lo, hi] = bootstrapCi(xs);
  assert.ok(lo < 0.25 && hi > 0.25 && lo > 0.15 && hi < 0.35, `${lo}–${hi}`);
  assert.deepEqual(
    ratioCi(
      xs.map((x) => 2 * x),
      xs,
    ),
    [2, 2],
    'twice on every person: exactly 2',
  );
});

test('baselines: random, popularity and graph-sum (weights, links both ways, ties and the unlinked in popularity order)', () => {
  const members = new Map([
    [1, 800],
    [2, 900],
    [3, 100],
    [4, 50],
    [5, 700],
    [6, 600],
  ]);
  const cands = [1, 2, 3, 4, 5, 6];
  assert.deepEqual(popularityTop(cands, 3, members), [2, 1, 5]);
  // 9 → 0.9, unrated → 0.6, a 3 counts as max(3, 5) / 10 = 0.5.
  const links = new Map([
    [10, new Map([[3, 10]])],
    [
      3,
      new Map([
        [10, 10],
        [12, 5],
      ]),
    ],
    [11, new Map([[4, 20]])],
    [4, new Map([[11, 20]])],
    [12, new Map([[3, 5]])],
  ]);
  const history = [entry(10, 9), entry(11, null), entry(12, 3)];
  // 3: 0.9 ln 11 + 0.5 ln 6 = 3.054; 4: 0.6 ln 21 = 1.827; then 2, 1, 5, 6 by members.
  assert.deepEqual(graphSumTop(history, cands, 6, links, members), [3, 4, 2, 1, 5, 6]);
  const r = randomTop('u1', cands, 4);
  assert.equal(new Set(r).size, 4);
  assert.deepEqual(randomTop('u1', cands, 4), r, 'seeded');
  assert.ok(r.every((x) => cands.includes(x)));
});

// ---------------------------------------------------------------------------------------------------------------
// A data folder in the real layout: 30 anime; alice and bob count, three others do not.

function writeTinyData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anidex-recs-'));
  for (const d of ['catalog', 'edges', 'users']) mkdirSync(join(dir, d));
  const ids = Array.from({ length: 30 }, (_, i) => i + 1);
  const members = (id: number): number => (id === 2 ? 900_000 : id === 1 ? 800_000 : 100_000 - id * 1000);
  writeFileSync(
    join(dir, 'catalog/mal-2023-anime.csv'),
    ['anime_id,Name,Score,Genres,Episodes', ...ids.map((id) => `${id},Anime ${id},7.5,"Action, Comedy",12`)].join('\n'),
  );
  // Members of 1–15 in the details file, of 16–30 in the 2022 nodes file only (the larger of the two counts).
  writeFileSync(
    join(dir, 'catalog/mal-2023-details.csv'),
    [
      'mal_id_by_name_join,Name,Score,Genres,Type,Episodes,Aired,Premiered,Producers,Licensors,Studios,Source,Duration,Rating,Ranked,Popularity,Members,Favorites,Watching,Completed,On-Hold,Dropped',
      ...ids
        .filter((id) => id <= 15)
        .map(
          (id) =>
            `${id},Anime ${id},7.5,"Action, Shounen",TV,12,"Apr 3, 2010 to Jun 2010",Spring 2010,x,y,Studio ${id % 3},Manga,24 min. per ep.,PG-13,1,1,${members(id)},1,1,1,1,1`,
        ),
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'catalog/mal-api-2024-top5000.csv'),
    [
      'id,start_date,mean,num_list_users,nsfw,media_type,num_episodes,rating,title,prequel,related,genre1,genre2,genre3,genre4,genre5,picture,main_genre,main_anime,best_anime',
      '5,2010-04-01,7.5,1,white,tv,12,r,Anime 5,False,6,Action,,,,,x,Action,5,5',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'edges/mal-recommendations-2022-nodes.csv'),
    [
      'id,title,num_list_users',
      ...ids.filter((id) => id > 15).map((id) => `${id},Anime ${id},${members(id)}`),
      '2,Anime 2,10',
    ].join('\n'),
  );
  // bob: 8 (unrated) → 7, 50 votes; 9 (rated 4) → 12, 100 votes. alice: 3 (unrated) → 20, 5 votes.
  writeFileSync(
    join(dir, 'edges/mal-recommendations-2022.csv'),
    [
      'number,target_id,target_title,source_id,source_title',
      '30,7,Anime 7,8,Anime 8',
      '20,8,Anime 8,7,Anime 7',
      '100,12,Anime 12,9,Anime 9',
      '5,20,Anime 20,3,Anime 3',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'users/tiny.csv'),
    [
      'user_id,anime_id,rating',
      'alice,1,9',
      'alice,3,-1',
      'alice,4,5',
      'alice,5,7',
      'alice,6,6',
      'bob,7,10',
      'bob,8,-1',
      'bob,9,4',
      'bob,10,6',
      'bob,11,5',
      'carol,1,10',
      'carol,2,9',
      'carol,3,8',
      'carol,4,8',
      'dave,1,7',
      'dave,2,7',
      'dave,3,6',
      'dave,4,5',
      'dave,5,-1',
      'dave,6,0',
      'erin,999,10',
      'erin,1,7',
      'erin,2,7',
      'erin,3,7',
      'erin,4,7',
    ].join('\n'),
  );
  return dir;
}

test('the data folder becomes provider-shaped records: members, undirected counts, relations, durations', () => {
  const dir = writeTinyData();
  const d = loadRecsData(dir);
  assert.equal(d.catalogue.length, 30);
  assert.equal(d.members.get(2), 900_000, 'the larger of the details and nodes counts');
  assert.equal(d.members.get(20), 80_000);
  assert.equal(d.links.get(7)!.get(8), 50, 'both directions added');
  assert.equal(d.links.get(8)!.get(7), 50);
  const r5 = d.records.get(5)!;
  assert.deepEqual(
    r5.relations.map((l) => l.malId),
    [6],
  );
  assert.deepEqual(
    d.records.get(6)!.relations.map((l) => l.malId),
    [5],
    'relations shown from both sides',
  );
  assert.equal(d.records.get(7)!.recommendations[0]!.rating, 50);
  assert.deepEqual(r5.genres, ['Action', 'Comedy']);
  assert.ok(
    r5.tags.some((t) => t.name === 'Shounen'),
    'old MAL genres become tags',
  );
  assert.equal(r5.minutesPerEpisode, 24);
  assert.equal(durationMinutes('1 hr. 55 min.'), 115);
  assert.equal(durationMinutes('Unknown'), null);
  const users = loadUsers(join(dir, 'users/tiny.csv'));
  assert.deepEqual(
    users.map((u) => u.userId),
    ['alice', 'bob', 'carol', 'dave', 'erin'],
  );
  assert.equal(users[3]!.entries.filter((e) => e.rating === null).length, 2, '−1 and 0 are watched, not rated');
});

test('eval:recommend on the tiny data: two people count, the baselines score what was worked out by hand', () => {
  const dir = writeTinyData();
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/eval-recommend.ts'), '--data', dir, '--json'],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(res.status, 0, res.stderr);
  const last = res.stdout.trim().split('\n').at(-1)!;
  const j = JSON.parse(last) as {
    users: number;
    engines: Record<
      string,
      { hr10: number; ndcg10: number; mrr10: number; coverage: number; hr10_ci95: [number, number] }
    >;
    splits: Record<string, { users: number }>;
  };
  assert.equal(j.users, 2);
  assert.deepEqual(Object.keys(j.engines).sort(), ['graph_sum', 'local', 'popularity', 'random']);
  for (const e of Object.values(j.engines)) {
    for (const k of ['hr10', 'ndcg10', 'mrr10', 'coverage'] as const) assert.ok(e[k] >= 0 && e[k] <= 1, `${k} ${e[k]}`);
    assert.ok(e.hr10_ci95[0] <= e.hr10 && e.hr10 <= e.hr10_ci95[1]);
  }
  // alice hides 1 (her only 8+): popularity ranks 2, 1 → rank 2; graph-sum puts 20 (linked from 3) first → rank 3.
  // bob hides 7: popularity 2, 1, 3, 4, 5, 6, 7 → rank 7; graph-sum: 7 scores 0.6 ln 51 = 2.36 > 12's 0.5 ln 101 = 2.31 → rank 1.
  const pop = j.engines.popularity!,
    gs = j.engines.graph_sum!;
  assert.equal(pop.hr10, 1);
  close(pop.ndcg10, (1 / Math.log2(3) + 1 / Math.log2(8)) / 2, 'popularity NDCG');
  close(pop.mrr10, (1 / 2 + 1 / 7) / 2, 'popularity MRR');
  close(gs.ndcg10, (1 / Math.log2(4) + 1) / 2, 'graph-sum NDCG');
  close(gs.mrr10, (1 / 3 + 1) / 2, 'graph-sum MRR');
  assert.equal(j.splits.development!.users + j.splits.held_out!.users, 2);
  assert.match(res.stdout, /\| local \|/);
});

test('eval:recommend --splits, --split-salt and --params: the held-out ratios over other splits, another split, other values', () => {
  const dir = writeTinyData();
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/eval-recommend.ts'), '--data', dir, '--json', ...args],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
  const res = run('--splits', '20');
  assert.equal(res.status, 0, res.stderr);
  const j = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as {
    split_spread: Record<
      string,
      { splits: number; people: [number, number]; min: number; median: number; max: number; below_target: number }
    >;
  };
  const pop = j.split_spread.popularity!;
  assert.equal(pop.splits, 20);
  assert.ok(pop.people[0] >= 0 && pop.people[1] <= 2);
  assert.ok(pop.min > 0 && pop.min <= pop.median && pop.median <= pop.max, JSON.stringify(pop));
  assert.ok(pop.below_target >= 0 && pop.below_target <= 1);
  assert.match(res.stdout, /Held-out ratios over 20 other splits/);

  // The same two people, another split: the pooled figures do not move, the halves may.
  const salted = run('--split-salt', '7');
  assert.equal(salted.status, 0, salted.stderr);
  const a = JSON.parse(run().stdout.trim().split('\n').at(-1)!) as { engines: unknown };
  const b = JSON.parse(salted.stdout.trim().split('\n').at(-1)!) as { engines: unknown };
  assert.deepEqual(b.engines, a.engines);
  assert.match(salted.stdout, /Split salt: 7/);

  // --params: a parameter file overrides FITTED; popularity alone puts bob's hidden 7 at its popularity rank.
  const params = join(dir, 'params.json');
  writeFileSync(
    params,
    JSON.stringify({
      wLink: 0,
      wDislikeLink: 0,
      wRelation: 0,
      wDislikeRelation: 0,
      wFranchise: 0,
      wContent: 0,
      wDislikeContent: 0,
      wMainstream: 0,
      wScore: 0,
      wPopularity: 1,
    }),
  );
  const p = run('--params', params);
  assert.equal(p.status, 0, p.stderr);
  const jp = JSON.parse(p.stdout.trim().split('\n').at(-1)!) as { engines: Record<string, { ndcg10: number }> };
  close(
    jp.engines.local!.ndcg10,
    jp.engines.popularity!.ndcg10,
    'popularity weight alone ranks as the popularity baseline',
  );
  writeFileSync(params, JSON.stringify({ wLinks: 1 }));
  const bad = run('--params', params);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /wLinks is not an engine parameter/);
});

test("--as-of-list: a title that started after the newest title of a person's history is not ranked for them", () => {
  const dir = writeTinyData();
  const d = loadRecsData(dir);
  d.records.set(2, { ...d.records.get(2)!, year: 2030 }); // the most popular title, from after every list (2010)
  d.members.set(30, 2_000_000); // 30 has no known year: it stays rankable, first by popularity
  const index = catalogueIndex(d);
  const users = loadUsers(join(dir, 'users/tiny.csv'));
  const tops = (asOfList: boolean) => evaluatePeople(d, index, users, { engines: ['popularity', 'local'], asOfList });
  const alice = (asOfList: boolean) => tops(asOfList).find((p) => p.userId === 'alice')!;
  assert.deepEqual(alice(false).tops.popularity.slice(0, 3), [30, 2, 1]);
  assert.deepEqual(alice(true).tops.popularity.slice(0, 3), [30, 1, 7]);
  assert.equal(alice(true).tops.local.includes(2), false, 'the local engine does not rank it either');
});

test('eval:recommend refuses a missing --data with a usage error', () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/eval-recommend.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(res.status, 2);
  assert.match(res.stderr, /--data <dir>/);
});
