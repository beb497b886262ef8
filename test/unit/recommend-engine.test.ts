// The local engine on hand-made provider data: the dislike profile, drops, cold starts, diversity and honest reasons;
// and on the sample: a dislike is never a reason, a cold start still fills the list, Gemini hears the dislikes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnimeRecord } from '../../src/domain/anime.ts';
import {
  becauseOf,
  buildIndex,
  FITTED,
  MAX_PER_FRANCHISE,
  rankCandidates,
  tasteOf,
  type Person,
  type PersonEntry,
} from '../../src/recommend/engine.ts';
import { rankLocally } from '../../src/recommend/local.ts';
import { buildPool } from '../../src/recommend/pool.ts';
import { buildGeminiRequest, profileFor } from '../../src/recommend/gemini-engine.ts';
import { Warehouse } from '../../src/warehouse/store.ts';
import { importTraktExport } from '../../src/app/import.ts';
import { enrichTitles } from '../../src/app/enrich.ts';
import { geminiDryRun, recommendLocal } from '../../src/app/recommend.ts';
import { AniListProvider } from '../../src/enrich/anilist.ts';
import { ROOT } from '../helpers/proc.ts';
import { markAsDemo } from '../helpers/demo-warehouse.ts';

function anime(
  malId: number,
  o: Partial<AnimeRecord> & { recs?: Array<[number, number]>; rel?: Array<[number, string]> } = {},
): AnimeRecord {
  return {
    malId,
    anilistId: null,
    titles: { romaji: o.titles?.romaji ?? `Anime ${malId}`, english: null, native: null, synonyms: [] },
    format: 'TV',
    episodes: 12,
    minutesPerEpisode: 24,
    season: null,
    year: o.year === undefined ? 2015 : o.year,
    status: 'FINISHED',
    genres: o.genres ?? ['Comedy'],
    tags: o.tags ?? [],
    studios: o.studios ?? [],
    communityScore: o.communityScore ?? 75,
    scoreSource: 'anilist',
    popularity: o.popularity ?? 50_000,
    relations: (o.rel ?? []).map(([id, type]) => ({
      relationType: type,
      malId: id,
      anilistId: null,
      format: 'TV',
      title: `Anime ${id}`,
      rating: 0,
    })),
    recommendations: (o.recs ?? []).map(([id, n]) => ({
      relationType: null,
      malId: id,
      anilistId: null,
      format: 'TV',
      title: `Anime ${id}`,
      rating: n,
    })),
    streaming: [],
  };
}
const seen = (malId: number, title: string, rating: number | null, extra: Partial<PersonEntry> = {}): PersonEntry => ({
  malId,
  title,
  rating,
  status: 'completed',
  rewatches: 0,
  binged: false,
  ...extra,
});
const pool = (records: AnimeRecord[], ids: number[], seenIds: ReadonlySet<number> = new Set()) =>
  buildPool(ids, new Map(records.map((r) => [r.malId, r])), new Set(), seenIds, { popularityFloor: 0, filter: {} })
    .candidates;

// Liked: 1, 2, 3 (slice of life). The disliked 9 (isekai, harem) links to 21 (isekai) as strongly as 1 does; 20 is
// linked from 1 only, a little less.
const world = (): AnimeRecord[] => [
  anime(1, {
    titles: { romaji: 'Mushishi', english: null, native: null, synonyms: [] },
    genres: ['Slice of Life', 'Supernatural'],
    tags: [{ name: 'Iyashikei', rank: 90 }],
    recs: [
      [20, 30],
      [21, 40],
    ],
  }),
  anime(2, {
    titles: { romaji: 'Natsume', english: null, native: null, synonyms: [] },
    genres: ['Slice of Life', 'Supernatural'],
    tags: [{ name: 'Iyashikei', rank: 80 }],
  }),
  anime(3, {
    titles: { romaji: 'Aria', english: null, native: null, synonyms: [] },
    genres: ['Slice of Life'],
    tags: [{ name: 'Iyashikei', rank: 90 }],
  }),
  anime(4, { genres: ['Drama'] }),
  anime(5, { genres: ['Drama'] }),
  anime(9, {
    titles: { romaji: 'No Game No Life', english: null, native: null, synonyms: [] },
    genres: ['Fantasy', 'Ecchi'],
    tags: [
      { name: 'Isekai', rank: 95 },
      { name: 'Harem', rank: 70 },
    ],
    recs: [[21, 60]],
  }),
  anime(20, { genres: ['Slice of Life'], tags: [{ name: 'Iyashikei', rank: 70 }] }),
  anime(21, {
    genres: ['Fantasy', 'Ecchi'],
    tags: [
      { name: 'Isekai', rank: 90 },
      { name: 'Harem', rank: 60 },
    ],
  }),
  ...[30, 31, 32, 33, 34, 35, 36, 37, 38, 39].map((id) =>
    anime(id, { genres: ['Action'], popularity: 10_000 + id * 1000, communityScore: 60 + (id % 10) }),
  ),
];
const history = (ngnl: Partial<PersonEntry> & { rating: number | null }): PersonEntry[] => [
  seen(1, 'Mushishi', 10),
  seen(2, 'Natsume', 9),
  seen(3, 'Aria', 9),
  seen(4, 'Anime 4', 7),
  seen(5, 'Anime 5', 7),
  seen(9, 'No Game No Life', ngnl.rating, ngnl),
];
const scoreOf = (p: Person, id: number): number => {
  const idx = buildIndex(world());
  return rankCandidates(idx, p, [20, 21, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39], 12).find((r) => r.malId === id)!
    .score;
};

test("ratings are read against the person's own mean: a 7 from someone who gives 9s is not a 7 from someone who gives 5s", () => {
  const idx = buildIndex(world());
  const generous = tasteOf(idx, {
    history: [1, 2, 3, 4, 5, 20, 21, 30].map((id) => seen(id, `#${id}`, id === 21 ? 7 : 10)),
  });
  const harsh = tasteOf(idx, {
    history: [1, 2, 3, 4, 5, 20, 21, 30].map((id) => seen(id, `#${id}`, id === 21 ? 7 : 5)),
  });
  const of = (t: ReturnType<typeof tasteOf>) => t.opinions.find((o) => o.entry.malId === 21)!;
  assert.ok(of(generous).like < of(harsh).like, 'liked less by the generous rater');
  assert.ok(of(generous).dislike > 0, 'a dislike for the generous rater');
  assert.equal(of(harsh).dislike, 0);
});

test('the dislike profile pushes down what resembles a low-rated title, and the reason never cites it', () => {
  const low = { history: history({ rating: 3 }) };
  const high = { history: history({ rating: 9 }) };
  assert.ok(scoreOf(low, 21) < scoreOf(high, 21), 'rated low, its neighbour scores lower than when it was liked');
  // What does not resemble it is not pushed down as much.
  assert.ok(scoreOf(high, 21) - scoreOf(low, 21) > Math.abs(scoreOf(high, 20) - scoreOf(low, 20)));
  const idx = buildIndex(world());
  const recs = rankLocally(idx, low, pool(world(), [20, 21]), 2);
  for (const r of recs) assert.ok(!r.reason.includes('No Game No Life'), r.reason);
  assert.ok(!becauseOf(idx, low, 21).some((b) => b.entry.malId === 9));
  assert.ok(
    becauseOf(idx, high, 21).some((b) => b.entry.malId === 9),
    'liked, it is a reason',
  );
});

test('a drop counts as a dislike', () => {
  const dropped = { history: history({ rating: null, status: 'dropped' }) };
  const watched = { history: history({ rating: null, status: 'completed' }) };
  assert.ok(scoreOf(dropped, 21) < scoreOf(watched, 21));
  const idx = buildIndex(world());
  assert.ok(!becauseOf(idx, dropped, 21).some((b) => b.entry.malId === 9));
});

test('rewatches, binges and the plan raise what follows from a title (judged weights, not fitted)', () => {
  const plain = { history: history({ rating: 9 }) };
  const rewatched = {
    history: history({ rating: 9 }).map((e) => (e.malId === 9 ? { ...e, rewatches: 2, binged: true } : e)),
  };
  assert.ok(scoreOf(rewatched, 21) > scoreOf(plain, 21));
  assert.ok(
    scoreOf({ ...plain, plan: [9] }, 21) >= scoreOf({ history: plain.history.filter((e) => e.malId !== 9) }, 21),
  );
});

test('results name the liked titles that led to them and what they share', () => {
  const idx = buildIndex(world());
  const [r] = rankLocally(idx, { history: history({ rating: 3 }) }, pool(world(), [20]), 1);
  assert.match(r!.reason, /Mushishi \(you rated it 10\/10\)/);
  assert.match(r!.reason, /shares [^;]*Iyashikei/);
  assert.equal(r!.coldStart, false);
});

test('a sequel of a liked title says so', () => {
  const recs = [
    anime(1, { rel: [[2, 'SEQUEL']] }),
    anime(2, { rel: [[1, 'PREQUEL']] }),
    anime(3),
    anime(4),
    anime(5),
    anime(6),
  ];
  const idx = buildIndex(recs);
  const [r] = rankLocally(
    idx,
    { history: [seen(1, 'Frieren', 10), seen(3, 'C', 6), seen(4, 'D', 7), seen(5, 'E', 8), seen(6, 'F', 7)] },
    pool(recs, [2], new Set([1, 3, 4, 5, 6])),
    1,
  );
  assert.match(r!.reason, /the sequel to Frieren \(you rated it 10\/10\)/);
});

test('cold start: no ratings at all still fills the list, from well-liked popular titles, and says so', () => {
  const idx = buildIndex(world());
  const person = { history: [1, 2, 3, 4, 5].map((id) => seen(id, `Title ${id}`, null)) };
  const ids = [20, 21, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39];
  const recs = rankLocally(idx, person, pool(world(), ids), 10);
  assert.equal(recs.length, 10);
  for (const r of recs) {
    assert.equal(r.coldStart, true);
    assert.match(r.reason, /^cold start: well liked and popular \(\d+\/100 on AniList, \d+k people list it\)/);
  }
  // Nothing at all watched: the most popular and best-scored first (20 and 21: 50k people, 75/100; 39: 49k, 69/100).
  const none = rankCandidates(idx, { history: [] }, ids, 3).map((r) => r.malId);
  assert.deepEqual(none, [20, 21, 39]);
});

test('diversity: not five entries of one franchise', () => {
  // Six seasons of one franchise, all strongly linked from the favourite; ten other titles weakly linked.
  const seasons = [50, 51, 52, 53, 54, 55];
  const others = [60, 61, 62, 63, 64, 65, 66, 67, 68, 69];
  const recs = [
    anime(1, {
      recs: [...seasons.map((id): [number, number] => [id, 200]), ...others.map((id): [number, number] => [id, 3])],
    }),
    ...seasons.map((id, i) =>
      anime(id, {
        rel: [
          ...(i > 0 ? [[seasons[i - 1]!, 'PREQUEL'] as [number, string]] : []),
          ...(i < 5 ? [[seasons[i + 1]!, 'SEQUEL'] as [number, string]] : []),
        ],
      }),
    ),
    ...others.map((id) => anime(id)),
    ...[2, 3, 4, 5].map((id) => anime(id)),
  ];
  const idx = buildIndex(recs);
  const person = { history: [seen(1, 'Fav', 10), seen(2, 'B', 6), seen(3, 'C', 7), seen(4, 'D', 5), seen(5, 'E', 8)] };
  const top = rankCandidates(idx, person, [...seasons, ...others], 10).map((r) => r.malId);
  assert.equal(top.length, 10);
  assert.ok(top.filter((id) => seasons.includes(id)).length <= MAX_PER_FRANCHISE, top.join());
  // With nothing else left, the franchise fills the list rather than leave it short.
  assert.equal(rankCandidates(idx, person, seasons, 6).length, 6);
});

test('the fitted weights are positive where the engine promises an effect', () => {
  for (const k of ['wLink', 'wDislikeLink', 'wContent', 'wDislikeContent', 'wPopularity', 'wEra'] as const)
    assert.ok(FITTED[k] > 0, k);
});

test('era: the years a person watches from lift titles of those years, all else equal; the plan does not count', () => {
  // Twins but for their year: 40 from 1997 (the middle of the classics watched), 41 from 2024, 42 with no year.
  const records = [
    ...[1, 2, 3, 4, 5].map((id) => anime(id, { year: 1994 + id })),
    ...[6, 7, 8, 9, 10].map((id) => anime(id, { year: 2015 + id })),
    anime(40, { year: 1997 }),
    anime(41, { year: 2024 }),
    anime(42, { year: null }),
  ];
  const idx = buildIndex(records);
  const watched = (ids: number[]) => ids.map((id) => seen(id, `#${id}`, 8));
  const rank = (p: Person) => rankCandidates(idx, p, [40, 41, 42], 3);
  const classic = rank({ history: watched([1, 2, 3, 4, 5]) });
  assert.deepEqual(
    classic.map((r) => r.malId),
    [40, 41, 42],
  );
  assert.equal(classic[0]!.components.era, 1, 'the peak of the density is 1');
  assert.ok(classic[1]!.components.era < 0.01, `${classic[1]!.components.era}`);
  assert.equal(classic[2]!.components.era, 0, 'no year, no era');
  const seasonal = rank({ history: watched([6, 7, 8, 9, 10]) });
  assert.equal(seasonal[0]!.malId, 41);
  // Planning 2020s titles says nothing about when the person watches from.
  const planned = rank({ history: watched([1, 2, 3, 4, 5]), plan: [6, 7, 8, 9, 10] });
  assert.equal(planned.find((r) => r.malId === 41)!.components.era, classic[1]!.components.era);
  // No title with a year: the same era for every candidate, so it changes no order.
  const none = rankCandidates(
    buildIndex([...records, anime(50, { year: null })]),
    { history: watched([50]) },
    [40, 41],
    2,
  );
  assert.deepEqual(
    none.map((r) => r.components.era),
    [0, 0],
  );
});

// ---------------------------------------------------------------------------------------------------------------
// The sample, offline

const provider = () => new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 'anidex-test' });
async function sample(): Promise<Warehouse> {
  const wh = await Warehouse.open(mkdtempSync(join(tmpdir(), 'anidex-rec-engine-')));
  await markAsDemo(wh); // the sample's bundled answers serve the demo alone
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-05-01'), { asOf: '2026-05-01T12:00:00.000Z' });
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-08-15.zip'), { asOf: '2026-08-15T12:00:00.000Z' });
  await enrichTitles(wh, { provider: provider(), offline: true });
  return wh;
}

test('the sample: No Game No Life (rated 4) is never a reason, and Gemini is told about it', async () => {
  const wh = await sample();
  const r = await recommendLocal(wh, { provider: provider(), offline: true, filter: {}, count: 50 });
  assert.ok(r.items.length >= 10);
  for (const it of r.items) assert.ok(!it.reason.includes('No Game No Life'), it.reason);
  const dry = await geminiDryRun(wh, { provider: provider(), offline: true, filter: {}, count: 10 });
  const disliked = dry.prompt.slice(dry.prompt.indexOf('Disliked'), dry.prompt.indexOf('Traits of'));
  assert.match(disliked, /No Game No Life — 4/);
  assert.match(dry.prompt, /Traits of what they disliked: /);
  wh.close();
});

test('the sample without a single rating: a cold start, ten titles that fit cozy and short', async () => {
  const wh = await sample();
  await wh.write((db) => db.run('UPDATE user_watch_history SET user_rating = NULL'));
  const r = await recommendLocal(wh, {
    provider: provider(),
    offline: true,
    filter: { moods: ['cozy'], lengths: ['short'] },
    count: 10,
  });
  assert.equal(r.coldStart, true);
  assert.equal(r.items.length, 10);
  for (const it of r.items) {
    assert.ok(it.moods.includes('cozy') && it.length === 'short', `${it.title}: ${it.moods.join()} ${it.length}`);
    assert.match(it.reason, /^cold start: /);
  }
  wh.close();
});

test('the Gemini profile lists dislikes and drops apart from likes', () => {
  const idx = buildIndex(world());
  const profile = profileFor(idx, {
    history: [...history({ rating: 2 }), seen(21, 'Isekai Two', null, { status: 'dropped' })],
  });
  assert.deepEqual(profile.disliked.map((d) => d.title).sort(), ['Isekai Two', 'No Game No Life']);
  assert.ok(!profile.liked.some((l) => l.title === 'No Game No Life' || l.title === 'Isekai Two'));
  assert.ok(profile.dislikedTraits.includes('Isekai'), profile.dislikedTraits.join());
  const req = buildGeminiRequest(profile, pool(world(), [20]), {}, 5);
  assert.match(req.prompt, /- Isekai Two — dropped — /);
  assert.match(req.system, /never a title they disliked/);
});
