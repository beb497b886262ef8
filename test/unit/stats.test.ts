// Stats: the numbers on a hand-built warehouse (every figure known in advance) and on the bundled sample
// (cross-checked against the import's own rules and the library), the text report at 80 columns, and the
// scrolling screen. MyAnimeList-only and mixed libraries are in mal-stats.test.ts.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { openSqlJs, type SqlDb } from '../../src/warehouse/db.ts';
import { migrate } from '../../src/warehouse/migrations.ts';
import { statsView } from '../../src/app/stats-view.ts';
import { libraryView } from '../../src/app/library-view.ts';
import { Warehouse } from '../../src/warehouse/store.ts';
import { importTraktExport } from '../../src/app/import.ts';
import { enrichTitles } from '../../src/app/enrich.ts';
import { AniListProvider } from '../../src/enrich/anilist.ts';
import { bingeIndicator, BINGE_MIN_EPISODES, BINGE_WINDOW_MS } from '../../src/domain/aggregate.ts';
import { statsLines, statsReport } from '../../src/app/stats-text.ts';
import type { StatsNumbers } from '../../src/domain/stats-numbers.ts';
import { barChart, fillYears, MAX_BAR } from '../../src/app/charts.ts';
import { displayWidth } from '../../src/lib/text/cells.ts';
import { STATS_FOOTER, StatsScreen } from '../../src/ui/screens/stats.tsx';
import { footerText } from '../../src/ui/keys/bindings.ts';
import { themeFromEnv } from '../../src/ui/theme/theme.ts';
import { ROOT } from '../helpers/proc.ts';
import { markAsDemo } from '../helpers/demo-warehouse.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const EVIL_STUDIO = '\u001b[31mEvil\u001b[0m Studio';

interface Play {
  at: string | null;
  season?: number;
  episode?: number;
}

interface Title {
  id: number;
  media: 'show' | 'movie';
  mal: number | null;
  rating?: number;
  plays: Play[];
}

/** Shows A–E probe the binge rule's edges; F is a film, G rated but never played, U not anime. */
const TITLES: Title[] = [
  // A: a binge across New Year: it starts (and counts) in 2020; the 2021 play alone is no binge.
  {
    id: 1,
    media: 'show',
    mal: 1,
    rating: 9,
    plays: [
      { at: '2020-12-31T20:00:00.000Z', season: 1, episode: 1 },
      { at: '2020-12-31T22:00:00.000Z', season: 1, episode: 2 },
      { at: '2021-01-01T10:00:00.000Z', season: 1, episode: 3 },
    ],
  },
  // B: four episodes stamped with one instant: a bulk back-fill, not a binge.
  {
    id: 2,
    media: 'show',
    mal: 2,
    rating: 7,
    plays: [1, 2, 3, 4].map((e) => ({ at: '2021-03-01T00:00:00.000Z', season: 1, episode: e })),
  },
  // C: one episode three times: not three episodes.
  {
    id: 3,
    media: 'show',
    mal: 3,
    plays: ['20:00', '20:30', '21:00'].map((t) => ({ at: `2021-04-01T${t}:00.000Z`, season: 1, episode: 1 })),
  },
  // D: three episodes over exactly 24 hours: the window is shorter than that.
  {
    id: 4,
    media: 'show',
    mal: 4,
    plays: [
      { at: '2021-05-01T00:00:00.000Z', season: 1, episode: 1 },
      { at: '2021-05-01T12:00:00.000Z', season: 1, episode: 2 },
      { at: '2021-05-02T00:00:00.000Z', season: 1, episode: 3 },
    ],
  },
  // E: the same a millisecond sooner: a binge.
  {
    id: 5,
    media: 'show',
    mal: 5,
    plays: [
      { at: '2021-06-01T00:00:00.000Z', season: 1, episode: 1 },
      { at: '2021-06-01T12:00:00.000Z', season: 1, episode: 2 },
      { at: '2021-06-01T23:59:59.999Z', season: 1, episode: 3 },
    ],
  },
  { id: 6, media: 'movie', mal: 6, rating: 10, plays: [{ at: '2021-07-04T19:00:00.000Z' }] },
  { id: 7, media: 'show', mal: 7, rating: 5, plays: [] },
  {
    id: 8,
    media: 'show',
    mal: null,
    plays: [
      { at: '2022-01-01T00:00:00.000Z', season: 1, episode: 1 },
      { at: null, season: 1, episode: 2 },
    ],
  },
];

const ANIME: Array<[mal: number, genres: string, studios: string, minutes: number | null, score: number | null]> = [
  [1, '["Drama","Action"]', '["Studio X"]', 24, 86],
  [2, '["Drama"]', '["Studio X","Studio Y"]', 24, 75],
  // A genre listed twice still counts the title once; an escape sequence in a studio name is data, not a command.
  [3, '["Comedy","Drama","Drama"]', JSON.stringify([EVIL_STUDIO]), null, 100],
  // Not a JSON list: no genre, no studio (as enrichedLibrary reads it).
  [4, 'not json', '{"a":"Studio Z"}', 24, 4],
  [5, '["Action", 7, ""]', '[]', 24, null],
  [6, '["Drama"]', '["Studio Y"]', 100, 69],
  [7, '["Horror"]', '["Studio H"]', 24, 90],
];

async function handBuilt(): Promise<SqlDb> {
  const db = await openSqlJs();
  migrate(db);
  let playId = 0;
  for (const t of TITLES) {
    const key = `trakt:${t.media}:${t.id}`;
    const dated = t.plays
      .filter((p) => p.at !== null)
      .map((p) => p.at!)
      .sort();
    const binge =
      t.media === 'show'
        ? bingeIndicator(
            t.plays.map((p) => ({ watchedAt: p.at, season: p.season ?? null, episode: p.episode ?? null })),
          )
        : null;
    db.run(
      `INSERT INTO user_watch_history (title_key, trakt_id, mal_id, title, norm_title, media_type, user_rating, episodes_watched, total_plays,
         first_watched_at, last_watched_at, binge_indicator, valid_from, is_current, is_deleted, run_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z', 1, 0, 1)`,
      [
        key,
        t.id,
        t.mal,
        `Title ${t.id}`,
        `title ${t.id}`,
        t.media,
        t.rating ?? null,
        t.media === 'show' ? new Set(t.plays.map((p) => p.episode)).size : null,
        t.plays.length,
        dated[0] ?? null,
        dated.at(-1) ?? null,
        binge,
      ],
    );
    for (const p of t.plays) {
      db.run(
        'INSERT INTO silver_plays (play_id, title_key, watched_at, action, season, episode, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [++playId, key, p.at, 'watch', p.season ?? null, p.episode ?? null, 'h'],
      );
    }
  }
  for (const [mal, genres, studios, minutes, score] of ANIME) {
    db.run(
      `INSERT INTO dim_anime (mal_id, genres, studios, minutes_per_episode, community_score, updated_at) VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z')`,
      [mal, genres, studios, minutes, score],
    );
  }
  return db;
}

test('the hand-built warehouse: binge edges are what the import itself decides', () => {
  const byId = (id: number) =>
    TITLES.find((t) => t.id === id)!.plays.map((p) => ({
      watchedAt: p.at,
      season: p.season ?? null,
      episode: p.episode ?? null,
    }));
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((id) => bingeIndicator(byId(id))),
    [1, 0, 0, 0, 1],
  );
  assert.equal(BINGE_MIN_EPISODES, 3, 'the cases above are built for 3 episodes');
  assert.equal(BINGE_WINDOW_MS, 86_400_000, 'and a 24-hour window');
});

test('statsView on a hand-built warehouse: every new figure', async () => {
  const db = await handBuilt();
  const s = statsView(db);
  const h = s.history!;
  assert.equal(s.titles, 8, 'every library title, the rated-but-never-played G included');
  assert.equal(h.plays, 19);
  assert.equal(h.bingedShows, 2);
  assert.equal(h.showsWithDatedPlays, 6);
  assert.deepEqual(h.bingeByYear, [
    { year: '2020', shows: 1, bingedShows: 1 },
    { year: '2021', shows: 5, bingedShows: 1 },
    { year: '2022', shows: 1, bingedShows: 0 },
  ]);
  assert.deepEqual(h.playsPerYear, [
    { year: '2020', plays: 2, knownMinutes: 48, playsWithKnownRuntime: 2 },
    { year: '2021', plays: 15, knownMinutes: 364, playsWithKnownRuntime: 12 },
    { year: '2022', plays: 1, knownMinutes: 0, playsWithKnownRuntime: 0 },
  ]);
  assert.equal(h.knownMinutes, 412);
  assert.equal(h.playsWithKnownRuntime, 14);
  // No title without plays has episodes, so the hours per year are the plays' own.
  assert.equal(s.listMinutes, 0);
  assert.deepEqual(s.hoursPerYear, [
    { year: '2020', knownMinutes: 48 },
    { year: '2021', knownMinutes: 364 },
    { year: '2022', knownMinutes: 0 },
  ]);
  // Played: A–F and U; timed: those whose anime has a runtime (C has none, U no anime).
  assert.equal(s.watchedTitles, 7);
  assert.equal(s.timedTitles, 5);
  assert.equal(s.titlesWithMetadata, 7);
  assert.equal(s.pendingTitles, 1, 'U was never looked up');
  // By the last play: A's 2021 play puts it in 2021; G has no date.
  assert.deepEqual(s.titlesPerYear, [
    { year: '2021', titles: 6 },
    { year: '2022', titles: 1 },
  ]);
  // G (rated, never played) is one of the titles, so its Horror, Studio H and 90 count.
  assert.deepEqual(s.topGenres, [
    { name: 'Drama', titles: 4 },
    { name: 'Action', titles: 2 },
    { name: 'Comedy', titles: 1 },
    { name: 'Horror', titles: 1 },
  ]);
  assert.deepEqual(s.topStudios, [
    { name: 'Studio X', titles: 2 },
    { name: 'Studio Y', titles: 2 },
    { name: EVIL_STUDIO, titles: 1 },
    { name: 'Studio H', titles: 1 },
  ]);
  // 86 → 9, 75 → 8 (half rounds up), 100 → 10, 4 → 1 (the scale starts at 1), 69 → 7, 90 → 9.
  assert.deepEqual(s.communityScoreHistogram, [
    { score: 1, titles: 1 },
    { score: 7, titles: 1 },
    { score: 8, titles: 1 },
    { score: 9, titles: 2 },
    { score: 10, titles: 1 },
  ]);
  assert.deepEqual(
    s.ratingHistogram,
    [5, 7, 9, 10].map((rating) => ({ rating, titles: 1 })),
  );
  assert.equal(s.ratedAndScored.titles, 4);
  assert.ok(Math.abs(s.ratedAndScored.meanRating! - 31 / 4) < 1e-9);
  assert.ok(Math.abs(s.ratedAndScored.meanCommunityScore! - 32 / 4) < 1e-9);
  // Trakt-only statuses, as the MAL export derives them from the newest play (2022-01-01): F is a played film
  // (completed), U played that very day (watching), the rest last played over 180 days before it (on hold).
  assert.deepEqual(s.statuses, { watching: 1, completed: 1, on_hold: 6, dropped: 0, plan_to_watch: 0 });
  db.close();
});

test('statsView on an empty warehouse: zeros and empty lists, and a report that still fits', async () => {
  const db = await openSqlJs();
  migrate(db);
  const s = statsView(db);
  assert.equal(s.history, null, 'no plays: the figures that need them say so instead of showing zeros');
  assert.deepEqual(
    [s.hoursPerYear, s.titlesPerYear, s.topGenres, s.topStudios, s.communityScoreHistogram],
    [[], [], [], [], []],
  );
  assert.deepEqual(s.ratedAndScored, { titles: 0, meanRating: null, meanCommunityScore: null });
  const lines = statsLines(s, 80, 24);
  assert.ok(lines.every((l) => displayWidth(l) <= 80));
  assert.ok(lines.some((l) => /none yet/.test(l)));
  db.close();
});

/** A bar's length in eighths of a cell. */
function eighths(line: string): number {
  const m = /([█▉▊▋▌▍▎▏]+)$/.exec(line);
  if (!m) return 0;
  return [...m[1]!].reduce((n, ch) => n + (ch === '█' ? 8 : 8 - '▉▊▋▌▍▎▏'.indexOf(ch) - 1), 0);
}

/** The lines of one section of the report, from its heading to the blank line after it. */
function section(lines: readonly string[], heading: RegExp): string[] {
  const start = lines.findIndex((l) => heading.test(l));
  assert.ok(start >= 0, `no section ${heading}`);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Each bar is value / max of the widest bar's length, to the eighth. */
function assertProportional(rows: ReadonlyArray<{ line: string; value: number }>, max: number): void {
  const full = Math.max(...rows.map((r) => eighths(r.line)));
  const fullValue = Math.max(...rows.map((r) => r.value));
  const width8 = (full * max) / fullValue;
  for (const r of rows)
    assert.ok(
      Math.abs(eighths(r.line) - Math.max(r.value > 0 ? 1 : 0, Math.round((r.value / max) * width8))) <= 1,
      `bar of ${r.value} in "${r.line}"`,
    );
}

test('the report at 80 columns: fits, sanitises, and draws bars in proportion', async () => {
  const db = await handBuilt();
  const s = statsView(db);
  db.close();
  const lines = statsLines(s, 80, 24);
  for (const l of lines) assert.ok(displayWidth(l) <= 80, `too wide: ${l}`);
  assert.ok(!lines.join('\n').includes('\u001b'), 'no escape sequence from a studio name');
  assert.ok(lines.some((l) => /Evil Studio/.test(l)));
  assert.match(lines.join('\n'), /Binge rate 33% of shows \(2 of 6: 3\+ episodes within 24 hours\)/);

  const binge = section(lines, /^Binge rate per year/).filter((l) => /^ {2}\d{4}/.test(l));
  assert.deepEqual(
    binge.map((l) => l.slice(0, 15).trim()),
    ['2020 100% 1/1', '2021  20% 1/5', '2022   0% 0/1'],
  );
  // The binge bar's scale is 0–100%: the 100% year fills the widest bar.
  assertProportional(
    binge.map((line, i) => ({ line, value: [1, 0.2, 0][i]! })),
    1,
  );

  const genres = section(lines, /^Top genres/).filter((l) => /█/.test(l));
  assert.deepEqual(
    genres.map((l) => l.trim().split(/\s+/).slice(0, 2)),
    [
      ['Drama', '4'],
      ['Action', '2'],
      ['Comedy', '1'],
      ['Horror', '1'],
    ],
  );
  assertProportional(
    genres.map((line, i) => ({ line, value: [4, 2, 1, 1][i]! })),
    4,
  );

  const hours = section(lines, /^Hours watched per year/).filter((l) => /^ {2}\d{4}/.test(l));
  assert.deepEqual(
    hours.map((l) => l.slice(0, 13).trim()),
    ['2020 0.8 h', '2021 6.1 h', '2022 0.0 h'],
  );
  assertProportional(
    hours.map((line, i) => ({ line, value: [48, 364, 0][i]! })),
    364,
  );

  const scores = section(lines, /^Score distribution/);
  assert.match(scores[1]!, /yours \(4 rated\).*│ community \(6 scored\)/);
  const score10 = scores.find((l) => /^ {2}10 /.test(l))!;
  // One title of 4 rated against one of 6 scored: the right bar is 4/6 of the left.
  const [left, right] = score10.split('│') as [string, string];
  assert.match(left, /^ {2}10 1 [█▉▊▋▌▍▎▏]+ *$/);
  assert.ok(Math.abs(eighths(right) - (4 / 6) * eighths(left.trimEnd())) <= 1, score10);
  assert.ok(
    scores.at(-1)!.includes(`On the 4 titles with both: your mean ${(31 / 4).toFixed(1)}, community 8.0`),
    scores.at(-1),
  );
});

test('the report fits any width from 40 to 200', async () => {
  const db = await handBuilt();
  const s = statsView(db);
  db.close();
  for (const w of [40, 60, 79, 100, 200])
    for (const l of statsLines(s, w, 24)) assert.ok(displayWidth(l) <= w, `${w}: ${l}`);
});

test('chart helpers: labels cut to width, bars capped, years filled', () => {
  const rows = barChart(
    [
      { label: 'フリーレン' + 'x'.repeat(40), value: 5, note: '5' },
      { label: 'b', value: 10, note: '10' },
    ],
    300,
    { maxLabel: 12 },
  );
  assert.ok(rows.every((l) => displayWidth(l) <= 2 + 12 + 1 + 2 + 1 + MAX_BAR));
  assert.equal(eighths(rows[1]!), MAX_BAR * 8);
  assert.equal(eighths(rows[0]!), (MAX_BAR * 8) / 2);
  assert.deepEqual(
    fillYears(
      [
        { year: '2019', n: 1 },
        { year: '2022', n: 2 },
      ],
      (year) => ({ year, n: 0 }),
    ).map((r) => r.n),
    [1, 0, 0, 2],
  );
});

let sample: StatsNumbers;
let sampleDir: string;

before(async () => {
  sampleDir = mkdtempSync(join(tmpdir(), 'anidex-stats-'));
  const wh = await Warehouse.open(sampleDir);
  await markAsDemo(wh); // enriched offline from the sample's bundled answers
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-05-01'), { asOf: '2026-05-01T12:00:00.000Z' });
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-08-15.zip'), { asOf: '2026-08-15T12:00:00.000Z' });
  await enrichTitles(wh, {
    provider: new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 't' }),
    offline: true,
  });
  sample = statsView(wh.db);
  wh.close();
});

test("the sample: per-year binges agree with a plain reference and with each title's binge indicator", async () => {
  const wh = await Warehouse.open(sampleDir);
  try {
    const plays = wh.db.all<{ k: string; at: string; season: number; episode: number }>(
      `SELECT p.title_key AS k, p.watched_at AS at, p.season, p.episode FROM silver_plays p
         JOIN user_watch_history h ON h.title_key = p.title_key AND h.is_current = 1 AND h.is_deleted = 0 AND h.media_type = 'show'
        WHERE p.watched_at IS NOT NULL AND p.episode IS NOT NULL`,
    );
    const byShow = new Map<string, typeof plays>();
    for (const p of plays) byShow.set(p.k, [...(byShow.get(p.k) ?? []), p]);
    const perYear = new Map<string, { shows: number; bingedShows: number }>();
    const bingedEver = new Set<string>();
    for (const [k, ps] of byShow) {
      // One point per instant; a window from each point holds how many distinct episodes?
      const points = new Map<number, { year: string; ep: number }>();
      for (const p of ps) {
        const t = Date.parse(p.at);
        const ep = p.season * 1_000_000 + p.episode;
        if (!points.has(t) || points.get(t)!.ep > ep) points.set(t, { year: p.at.slice(0, 4), ep });
      }
      const years = new Map<string, boolean>();
      for (const [t, a] of points) {
        const eps = new Set([...points].filter(([u]) => u >= t && u < t + BINGE_WINDOW_MS).map(([, b]) => b.ep));
        const binge = eps.size >= BINGE_MIN_EPISODES;
        years.set(a.year, (years.get(a.year) ?? false) || binge);
        if (binge) bingedEver.add(k);
      }
      for (const [y, b] of years) {
        const r = perYear.get(y) ?? { shows: 0, bingedShows: 0 };
        perYear.set(y, { shows: r.shows + 1, bingedShows: r.bingedShows + (b ? 1 : 0) });
      }
    }
    assert.deepEqual(
      sample.history!.bingeByYear,
      [...perYear].sort(([a], [b]) => (a < b ? -1 : 1)).map(([year, r]) => ({ year, ...r })),
    );
    const flagged = wh.db
      .all<{ k: string }>(
        `SELECT title_key AS k FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0 AND binge_indicator = 1`,
      )
      .map((r) => r.k);
    assert.deepEqual([...bingedEver].sort(), flagged.sort());
    assert.equal(bingedEver.size, sample.history!.bingedShows);
  } finally {
    wh.close();
  }
});

test('the sample: years add up to the months and the totals; titles, genres, studios and scores match the library', async () => {
  const h = sample.history!;
  const sum = <T>(rows: readonly T[], f: (r: T) => number): number => rows.reduce((n, r) => n + f(r), 0);
  assert.equal(
    sum(h.playsPerYear, (r) => r.plays),
    sum(h.playsPerMonth, (r) => r.plays),
  );
  assert.ok(sum(h.playsPerYear, (r) => r.knownMinutes) <= h.knownMinutes);
  assert.ok(sum(h.playsPerYear, (r) => r.playsWithKnownRuntime) <= h.playsWithKnownRuntime);
  assert.equal(
    sum(sample.ratingHistogram, (r) => r.titles),
    sample.ratedTitles,
  );
  assert.ok(sample.titlesWithMetadata > 0 && sample.titlesWithMetadata <= sample.titles);
  // A Trakt-only library: every title's time is its plays', so the hours per year are the plays'.
  assert.equal(sample.listMinutes, 0);
  assert.deepEqual(
    sample.hoursPerYear,
    h.playsPerYear.map((y) => ({ year: y.year, knownMinutes: y.knownMinutes })),
  );

  const wh = await Warehouse.open(sampleDir);
  const library = libraryView(wh.db);
  wh.close();
  assert.equal(sample.titles, library.length, 'every library title, once');
  assert.equal(
    sum(Object.values(sample.statuses), (n) => n),
    library.length,
    'every title has one status (a Trakt library has no plan_to_watch)',
  );
  const rows = library.filter((r) => r.hasMetadata);
  assert.equal(sample.titlesWithMetadata, rows.length);
  const top = (names: (r: (typeof rows)[number]) => string[]) => {
    const n = new Map<string, number>();
    for (const r of rows) for (const g of new Set(names(r))) n.set(g, (n.get(g) ?? 0) + 1);
    return [...n]
      .map(([name, titles]) => ({ name, titles }))
      .sort((a, b) => b.titles - a.titles || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, 10);
  };
  assert.deepEqual(
    sample.topGenres,
    top((r) => r.genres),
  );
  assert.deepEqual(
    sample.topStudios,
    top((r) => r.studios),
  );
  const community = new Map<number, number>();
  for (const r of rows)
    if (r.communityScore !== null) {
      const score = Math.min(10, Math.max(1, Math.round(r.communityScore / 10)));
      community.set(score, (community.get(score) ?? 0) + 1);
    }
  assert.deepEqual(
    sample.communityScoreHistogram,
    [...community].sort(([a], [b]) => a - b).map(([score, titles]) => ({ score, titles })),
  );
});

test('the sample report at 80 columns: every line fits, months and binge bars in proportion', () => {
  const lines = statsLines(sample, 80, 24);
  for (const l of lines) assert.ok(displayWidth(l) <= 80, `too wide: ${l}`);
  const months = section(lines, /^Plays per month/).filter((l) => /^ {2}\d{4}-\d{2}/.test(l));
  assert.equal(months.length, 24);
  assertProportional(
    months.map((line) => ({ line, value: Number(line.trim().split(/\s+/)[1]) })),
    Math.max(...months.map((l) => Number(l.trim().split(/\s+/)[1]))),
  );
  const headings = statsReport(sample, 80, 24)
    .filter((l) => l.kind === 'heading')
    .map((l) => l.text);
  assert.deepEqual(headings, [
    'Plays per month (last 24):',
    'Hours watched per year:',
    'Titles per year:',
    'Binge rate per year:',
    'Titles per status:',
    'Top genres:',
    'Top studios:',
    'Score distribution:',
  ]);
  assert.ok(!lines.some((l) => /needs a Trakt history/.test(l)), 'a Trakt library has every figure');
});

const tick = () => sleep(60);

test('the stats screen at 80×24 scrolls with j/k, ctrl-d/ctrl-u, g/G and keeps its frame', async () => {
  const calls: string[] = [];
  const app = render(
    createElement(StatsScreen, {
      stats: sample,
      width: 80,
      height: 23,
      theme: themeFromEnv({ NO_COLOR: '1' }),
      onBack: () => calls.push('back'),
      onNext: () => calls.push('next'),
      onQuit: () => calls.push('quit'),
      active: true,
    }),
  );
  const frame = (): string[] => app.lastFrame()!.split('\n');
  const check = (f: string[]): void => {
    assert.equal(f.length, 23, `${f.length} rows: the app gives a screen all but the terminal's last row`);
    for (const l of f) assert.ok(displayWidth(l) <= 80, `too wide: ${l}`);
    assert.equal(f.at(-1), footerText(STATS_FOOTER), 'the footer names the live bindings');
    assert.match(f.at(-1)!, /scroll · .* next screen · .* back · .* quit$/);
  };
  await tick();
  const first = frame();
  check(first);
  assert.match(first[0]!, /^anidex · Stats +lines 1–20 of \d+$/);
  assert.match(first[1]!, /^Titles/);
  app.stdin.write('j');
  await tick();
  assert.equal(frame()[1], first[2], 'j moves the view one line');
  app.stdin.write('k');
  await tick();
  assert.deepEqual(frame(), first);
  app.stdin.write('\u0004'); // ctrl-d
  await tick();
  assert.equal(frame()[1], first[11], 'ctrl-d moves half of the 20 body rows');
  app.stdin.write('\u0015'); // ctrl-u
  await tick();
  assert.deepEqual(frame(), first);
  app.stdin.write('G');
  await tick();
  const last = frame();
  check(last);
  assert.match(last.at(-3)!, /On the \d+ titles with both/);
  assert.equal(last.at(-2), '', 'a blank status row above the footer, as on every screen');
  app.stdin.write('j');
  await tick();
  assert.deepEqual(frame(), last, 'no scrolling past the end');
  app.stdin.write('g');
  await tick();
  assert.deepEqual(frame(), first);
  app.stdin.write('\t');
  app.stdin.write('h'); // back (Esc too, but Ink waits to tell a lone Esc from an escape sequence)
  app.stdin.write('q');
  await tick();
  assert.deepEqual(calls, ['next', 'back', 'quit']);
  app.unmount();
});
