/**
 * Deterministic synthetic Trakt export for the import benchmark.
 *
 *   node --import tsx scripts/gen-synthetic-export.ts --out <dir> [--later <dir>]
 *        [--plays 100000] [--titles 3000] [--years 10] [--seed 1]
 *
 * `--out` gets the account as exported on 2026-06-30 (plays spread over `--years` years up to then);
 * `--later` (optional) gets the same account exported three months later: 5 % more plays, a few new titles,
 * a few show/film ratings changed, some airing shows with new episodes (so their `aired_episodes` changes in
 * every old record, as real exports embed current metadata), and one title removed entirely.
 *
 * Same arguments → byte-identical files. Everything comes from one seeded PRNG; which of Trakt's two
 * serializations a record uses (classic with `ids.tvrage`, or ids-first with `ids.plex {guid, slug}`) is a hash
 * of the record's own key, so a record unchanged between the two exports is written identically in both.
 *
 * Layout follows real Trakt exports: `watched-history-1..N.json` (1000 records a page,
 * newest first, each page after the first starting with the previous page's last record again, as timestamp
 * paging does), `ratings-{shows,movies,episodes}.json`, `lists-watchlist.json`, `watched-{shows,movies}.json`,
 * `user-stats.json`; JSON pretty-printed with two spaces, no trailing newline.
 */

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Rng } from './lib/rng.ts';
import { WORD_A, WORD_B } from './lib/synthetic-words.ts';

export interface SyntheticOptions {
  /** Unique plays in the base export. */
  plays: number;
  /** Titles (shows + films) with plays in the base export. */
  titles: number;
  /** Years of history, ending at `end`. */
  years: number;
  seed: number;
}

export const DEFAULT_SYNTHETIC: Readonly<SyntheticOptions> = { plays: 100_000, titles: 3_000, years: 10, seed: 1 };

/** Last instant of the base export, and of the later one. */
export const BASE_END = '2026-06-30T23:59:59.000Z';
export const LATER_END = '2026-09-30T23:59:59.000Z';

/** Bump when the output changes, so cached benchmark exports are regenerated. */
export const GENERATOR_VERSION = 1;

export interface ExportSummary {
  dir: string;
  files: number;
  bytes: number;
  /** Unique plays (history records minus the repeated page-boundary records). */
  plays: number;
  historyRecords: number;
  episodePlays: number;
  moviePlays: number;
  /** Titles with at least one play. */
  titlesWatched: number;
  /** Titles the warehouse should hold: watched ∪ rated shows/films. */
  titlesExpected: number;
  shows: number;
  movies: number;
  ratings: { shows: number; movies: number; episodes: number };
  watchlist: number;
  /** Share of records written in the ids-first (plex) serialization. */
  idsFirstShare: number;
}

export interface LaterChanges {
  newPlays: number;
  newTitles: number;
  ratingsChanged: number;
  airedChanged: number;
  removedTitle: string;
}

// ---------------------------------------------------------------- PRNG

/** A 32-bit hash of a record key (numbers beyond 32 bits included), mixed with the seed. */
function hashKey(key: number, salt: number, seed: number): number {
  let h = (Math.floor(key / 4294967296) ^ Math.imul(seed, 0x27d4eb2d) ^ Math.imul(salt, 0x165667b1)) >>> 0;
  h = Math.imul(h ^ (key >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// ---------------------------------------------------------------- model

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Episode {
  season: number;
  number: number;
  title: string;
  traktId: number;
  tvdb: number | null;
  imdb: string | null;
  tmdb: number | null;
  plexGuid: string | null;
}

interface Title {
  kind: 'show' | 'movie';
  traktId: number;
  slug: string;
  title: string;
  year: number;
  imdb: string | null;
  tmdb: number | null;
  tvdb: number | null;
  plexGuid: string | null;
  plexSlug: string;
  /** Shows: regular (season ≥ 1) episodes in airing order, then specials apart. */
  episodes: Episode[];
  specials: Episode[];
  /** Minutes per episode / film. */
  runtime: number;
  removed: boolean;
}

interface Play {
  id: number;
  /** Epoch ms, or null for Trakt's "unknown date" (1970-01-01). */
  at: number | null;
  /** When Trakt recorded the play; orders the play ids. */
  recordedAt: number;
  action: 'watch' | 'scrobble' | 'checkin';
  title: Title;
  ep: Episode | null;
}

interface Rating {
  kind: 'show' | 'movie' | 'episode';
  title: Title;
  ep: Episode | null;
  rating: number;
  ratedAt: number;
}

interface WatchlistItem {
  id: number;
  rank: number;
  listedAt: number;
  notes: string | null;
  title: Title;
}

interface Account {
  opts: SyntheticOptions;
  rng: Rng;
  titles: Title[];
  plays: Play[];
  /** Keyed by `${kind}:${traktId}` (episode ratings by episode trakt id). */
  ratings: Map<string, Rating>;
  watchlist: WatchlistItem[];
  nextPlayId: number;
  nextEpisodeId: number;
  usedShowIds: Set<number>;
  usedMovieIds: Set<number>;
  nameCounter: number;
}

// ---------------------------------------------------------------- names

const WORD_C = ['of the North', 'in Tokyo', 'Zero', 'Reborn', 'Beyond', 'Stories', 'Diaries', 'Academy', 'Wars', 'Z'];
// Odd text real exports carry: diacritics, a middle dot, a non-breaking space, ALL CAPS, full-width forms.
const ODD_TITLES = [
  'Pokémon',
  'Shōgun',
  'WALL·E',
  'A Quiet Place:\u00a0Day One',
  'ONE PIECE',
  "Frieren: Beyond Journey's End",
  'Ｆｒｉｅｒｅｎ',
  'Kaguya-sama: Love is War',
  'Mushoku Tensei: Jobless Reincarnation',
  'Dr. STONE',
  'Spy×Family',
  'Re:ZERO -Starting Life in Another World-',
  'Neon Genesis Evangelion',
  'Amélie',
  'Café Enchanté',
  'Sōsō no Furīren',
];
const EPISODE_WORDS = [
  'Beginning',
  'Promise',
  'Storm',
  'Farewell',
  'Reunion',
  'Secret',
  'Festival',
  'Duel',
  'Dream',
  'Ending',
];

function makeName(acc: Account): string {
  const r = acc.rng;
  acc.nameCounter++;
  if (r.chance(0.02)) return r.pick(ODD_TITLES);
  let name: string;
  const shape = r.int(0, 4);
  if (shape === 0) name = `${r.pick(WORD_A)} ${r.pick(WORD_B)}`;
  else if (shape === 1) name = `The ${r.pick(WORD_A)} ${r.pick(WORD_B)}`;
  else if (shape === 2) name = `${r.pick(WORD_B)} ${r.pick(WORD_C)}`;
  else if (shape === 3) name = `${r.pick(WORD_A)} ${r.pick(WORD_B)}: ${r.pick(WORD_A)} ${r.pick(WORD_B)}`;
  else name = `${r.pick(WORD_A)} ${r.pick(WORD_B)} ${r.pick(WORD_C)}`;
  const odd = r.next();
  if (odd < 0.03) name = name.toUpperCase();
  else if (odd < 0.05) name = name.replace('o', 'ō').replace('e', 'é');
  else if (odd < 0.06) name = name.replace(' ', '\u00a0');
  return name;
}

function slugify(title: string, year: number, withYear: boolean): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return withYear ? `${base || 'title'}-${year}` : base || `title-${year}`;
}

function hex(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r.next() * 16)];
  return s;
}

function uniqueId(r: Rng, used: Set<number>, lo: number, hi: number): number {
  for (;;) {
    const id = r.int(lo, hi);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

function newTitle(acc: Account, kind: 'show' | 'movie', endMs: number): Title {
  const r = acc.rng;
  const title = makeName(acc);
  const endYear = new Date(endMs).getUTCFullYear();
  const year = r.chance(0.7) ? r.int(endYear - acc.opts.years, endYear) : r.int(1960, endYear);
  const traktId =
    kind === 'show' ? uniqueId(r, acc.usedShowIds, 1, 260_000) : uniqueId(r, acc.usedMovieIds, 1, 1_100_000);
  const slug = slugify(title, year, r.chance(0.5));
  return {
    kind,
    traktId,
    slug,
    title,
    year,
    imdb: r.chance(0.9) ? `tt${r.int(100_000, 39_999_999)}` : null,
    tmdb: r.chance(0.97) ? r.int(1, 1_500_000) : null,
    tvdb: kind === 'show' && r.chance(0.95) ? r.int(70_000, 460_000) : null,
    plexGuid: r.chance(0.9) ? hex(r, 24) : null,
    plexSlug: slug.replace(/-\d{4}$/, ''),
    episodes: [],
    specials: [],
    runtime: kind === 'show' ? r.pick([24, 24, 24, 45, 60]) : r.int(85, 150),
    removed: false,
  };
}

function newEpisode(acc: Account, season: number, number: number): Episode {
  const r = acc.rng;
  acc.nextEpisodeId += r.int(1, 40);
  return {
    season,
    number,
    title: r.chance(0.5) ? `Episode ${number}` : `The ${r.pick(EPISODE_WORDS)} ${r.pick(WORD_B)}`,
    traktId: acc.nextEpisodeId,
    tvdb: r.chance(0.9) ? r.int(100_000, 11_500_000) : null,
    imdb: r.chance(0.6) ? `tt${r.int(100_000, 39_999_999)}` : null,
    tmdb: r.chance(0.95) ? r.int(1, 7_000_000) : null,
    plexGuid: r.chance(0.85) ? hex(r, 24) : null,
  };
}

/** Add `count` regular episodes after the show's last one (a long runner gets long TVDB-style seasons). */
function addEpisodes(
  acc: Account,
  show: Title,
  count: number,
  opts: { yearSeasons?: boolean; longRunner?: boolean } = {},
): void {
  const r = acc.rng;
  let last = show.episodes[show.episodes.length - 1];
  let season = last?.season ?? (opts.yearSeasons ? show.year : 1);
  let number = last?.number ?? 0;
  let seasonLength = opts.longRunner ? r.int(30, 110) : r.pick([10, 12, 12, 13, 13, 24, 25, 26]);
  if (last === undefined) number = 0;
  for (let i = 0; i < count; i++) {
    if (number >= seasonLength && last !== undefined) {
      season++;
      number = 0;
      seasonLength = opts.longRunner ? r.int(30, 110) : r.pick([10, 12, 12, 13, 13, 24, 25, 26]);
    }
    number++;
    last = newEpisode(acc, season, number);
    show.episodes.push(last);
  }
}

// ---------------------------------------------------------------- base account

interface PlayPlan {
  title: Title;
  eps: Array<Episode | null>;
  style: 'normal' | 'dateOnly' | 'backfill' | 'unknown';
}

/** Times for a sequence of plays watched in sessions; relative ms from 0, monotonic. */
function sessionTimes(r: Rng, n: number, runtime: number, bingey: boolean): number[] {
  const out: number[] = [];
  let t = 0;
  let left = n;
  while (left > 0) {
    const size = Math.min(left, bingey ? r.int(3, 8) : r.int(1, 4));
    const start = t + r.int(0, 5) * HOUR; // the evening varies a little
    for (let k = 0; k < size; k++) out.push(start + k * (runtime + r.int(0, 10)) * MINUTE + r.int(0, 59) * 1000);
    left -= size;
    t = out[out.length - 1]! + Math.max(0.2 * DAY, r.exp(bingey ? 1.5 * DAY : 4 * DAY));
  }
  return out;
}

function eveningStart(r: Rng, lo: number, hi: number): number {
  const day = Math.floor((lo + r.next() * Math.max(0, hi - lo)) / DAY) * DAY;
  return Math.max(lo, Math.min(hi, day + r.int(17, 23) * HOUR + r.int(0, 59) * MINUTE));
}

function pickAction(r: Rng): Play['action'] {
  const x = r.next();
  return x < 0.6 ? 'scrobble' : x < 0.95 ? 'watch' : 'checkin';
}

/** Turn a plan into plays with times inside [lo, hi] (ids are assigned later, by recording time). */
function schedule(acc: Account, plan: PlayPlan, lo: number, hi: number): Play[] {
  const r = acc.rng;
  const n = plan.eps.length;
  const plays: Play[] = [];
  if (plan.style === 'unknown') {
    for (const ep of plan.eps)
      plays.push({ id: 0, at: null, recordedAt: r.int(lo, hi), action: 'watch', title: plan.title, ep });
    return plays;
  }
  if (plan.style === 'backfill') {
    // Hundreds of plays stamped with one time: the user marked a whole show watched at once.
    const at = Math.floor(eveningStart(r, lo, hi) / MINUTE) * MINUTE;
    for (const ep of plan.eps) plays.push({ id: 0, at, recordedAt: at, action: 'watch', title: plan.title, ep });
    return plays;
  }
  let rel = sessionTimes(r, n, plan.title.runtime, r.chance(0.3));
  const span = hi - lo;
  const dur = rel[rel.length - 1]!;
  if (dur > span * 0.9) rel = rel.map((x) => (x * span * 0.9) / dur);
  const start = eveningStart(r, lo, hi - (rel[rel.length - 1] ?? 0));
  plan.eps.forEach((ep, i) => {
    // Trakt timestamps carry whole seconds only (`…:SS.000Z`).
    let at = Math.floor(Math.min(hi, start + rel[i]!) / 1000) * 1000;
    const action = pickAction(r);
    if (plan.style === 'dateOnly') at = Math.floor(at / DAY) * DAY;
    else if (action !== 'scrobble') at = Math.floor(at / MINUTE) * MINUTE;
    // Manual "watch" entries are often recorded later than the watch itself.
    const recordedAt = action === 'watch' && r.chance(0.3) ? Math.min(hi, at + r.int(0, 20) * DAY) : at;
    plays.push({ id: 0, at, recordedAt, action, title: plan.title, ep });
  });
  return plays;
}

/** Split `total` into `n` positive parts proportional to heavy-tailed weights; exact sum. */
function allocate(r: Rng, total: number, n: number): number[] {
  const w = Array.from({ length: n }, () => Math.exp(1.1 * r.normal()) * (r.chance(0.01) ? 12 : 1));
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.max(1, Math.floor((x / sum) * total)));
  let diff = total - parts.reduce((a, b) => a + b, 0);
  const order = parts.map((_, i) => i).sort((a, b) => parts[b]! - parts[a]! || a - b);
  for (let k = 0; diff !== 0; k = (k + 1) % n) {
    const i = order[k]!;
    if (diff > 0) {
      parts[i]!++;
      diff--;
    } else if (parts[i]! > 1) {
      parts[i]!--;
      diff++;
    }
  }
  return parts;
}

/** The show's episode sequence for `plays` plays: a first pass in order, specials, then rewatches. */
function showPlan(acc: Account, show: Title, plays: number): PlayPlan['eps'] {
  const r = acc.rng;
  const rewatcher = plays >= 4 && r.chance(0.15);
  const distinct = rewatcher ? Math.max(1, Math.ceil(plays * (0.55 + 0.35 * r.next()))) : plays;
  const specials = distinct >= 6 && r.chance(0.1) ? r.int(1, Math.min(4, Math.floor(distinct / 6))) : 0;
  const regular = distinct - specials;
  const unwatched = r.chance(0.4) ? r.int(0, Math.ceil(regular * 0.3)) : 0;
  addEpisodes(acc, show, regular + unwatched, {
    longRunner: regular > 150,
    yearSeasons: regular <= 150 && r.chance(0.03),
  });
  for (let k = 1; k <= specials; k++) show.specials.push(newEpisode(acc, 0, k));
  const eps: Episode[] = show.episodes.slice(0, regular);
  // Specials land somewhere in the first pass.
  for (const sp of show.specials) eps.splice(r.int(0, eps.length), 0, sp);
  let extra = plays - distinct;
  if (extra > 0 && r.chance(0.1)) {
    // A favourite episode played again and again (real exports show 13 plays of one episode).
    const fav = r.pick(eps);
    const times = Math.min(extra, r.int(4, 12));
    for (let k = 0; k < times; k++) eps.push(fav);
    extra -= times;
  }
  while (extra > 0) {
    const from = r.int(0, Math.max(0, eps.length - 1));
    const run = Math.min(extra, r.int(1, Math.max(1, Math.min(eps.length - from, 26))));
    for (let k = 0; k < run; k++) eps.push(eps[from + k] ?? eps[0]!);
    extra -= run;
  }
  return eps;
}

function buildAccount(opts: SyntheticOptions): Account {
  const rng = new Rng((opts.seed >>> 0) ^ 0x9e3779b9);
  const acc: Account = {
    opts,
    rng,
    titles: [],
    plays: [],
    ratings: new Map(),
    watchlist: [],
    nextPlayId: 1_000_000_000,
    nextEpisodeId: 90_000,
    usedShowIds: new Set(),
    usedMovieIds: new Set(),
    nameCounter: 0,
  };
  const end = Date.parse(BASE_END);
  const start = end - opts.years * 365.25 * DAY;
  const nShows = Math.max(1, Math.round(opts.titles * 0.85));
  const nMovies = Math.max(0, opts.titles - nShows);

  const movies = Array.from({ length: nMovies }, () => newTitle(acc, 'movie', end));
  const moviePlays = movies.map(() => (rng.chance(0.15) ? rng.int(2, 3) : 1));
  const movieTotal = moviePlays.reduce((a, b) => a + b, 0);
  const showTotal = Math.max(nShows, opts.plays - movieTotal);
  const shows = Array.from({ length: nShows }, () => newTitle(acc, 'show', end));
  const perShow = allocate(rng, showTotal, nShows);
  // One big show is a bulk back-fill (hundreds of plays at one timestamp).
  const biggest = perShow.indexOf(Math.max(...perShow.filter((p) => p <= 400)));

  const plays: Play[] = [];
  shows.forEach((show, i) => {
    const eps = showPlan(acc, show, perShow[i]!);
    const x = rng.next();
    const style: PlayPlan['style'] =
      i === biggest ? 'backfill' : x < 0.015 ? 'backfill' : x < 0.045 ? 'dateOnly' : x < 0.05 ? 'unknown' : 'normal';
    plays.push(...schedule(acc, { title: show, eps, style }, start, end));
  });
  movies.forEach((movie, i) => {
    const n = moviePlays[i]!;
    const style: PlayPlan['style'] = rng.chance(0.01) ? 'unknown' : 'normal';
    for (let k = 0; k < n; k++) {
      // Rewatches of a film are years apart, so each is its own one-play plan.
      plays.push(...schedule(acc, { title: movie, eps: [null], style }, start, end));
    }
  });
  // Exactly `plays` plays (only a tiny account can overshoot, through the one-play-per-show minimum).
  while (plays.length > opts.plays && plays.length > 1) plays.pop();
  assignIds(acc, plays);
  acc.titles = [...shows, ...movies];
  acc.plays = plays;

  // Ratings: shows and films the user watched, a few rated without any play logged, and some episodes.
  const lastAt = lastWatched(plays);
  for (const t of acc.titles) {
    if (!rng.chance(t.kind === 'show' ? 0.55 : 0.7)) continue;
    const last = lastAt.get(t) ?? start + rng.next() * (end - start);
    acc.ratings.set(`${t.kind}:${t.traktId}`, {
      kind: t.kind,
      title: t,
      ep: null,
      rating: ratingValue(rng),
      ratedAt: Math.min(end, last + rng.int(0, 30) * DAY + rng.int(0, 86_399) * 1000),
    });
  }
  for (let k = 0; k < Math.round(opts.titles * 0.01); k++) {
    const t = newTitle(acc, rng.chance(0.5) ? 'show' : 'movie', end);
    if (t.kind === 'show') addEpisodes(acc, t, rng.int(10, 26));
    acc.titles.push(t);
    acc.ratings.set(`${t.kind}:${t.traktId}`, {
      kind: t.kind,
      title: t,
      ep: null,
      rating: ratingValue(rng),
      ratedAt: rng.int(start, end),
    });
  }
  const episodePlays = plays.filter((p) => p.ep !== null);
  for (let k = 0; k < Math.round(opts.plays * 0.025) && episodePlays.length; k++) {
    const p = rng.pick(episodePlays);
    acc.ratings.set(`episode:${p.ep!.traktId}`, {
      kind: 'episode',
      title: p.title,
      ep: p.ep,
      rating: ratingValue(rng),
      ratedAt: Math.min(end, (p.at ?? start) + rng.int(0, 3) * HOUR),
    });
  }

  // Watchlist: mostly titles not watched yet, a few in progress; ranks repeat now and then.
  const nWatch = Math.max(1, Math.round(opts.titles * 0.04));
  let rank = 0;
  for (let k = 0; k < nWatch; k++) {
    let t: Title;
    if (rng.chance(0.2)) t = rng.pick(shows);
    else {
      t = newTitle(acc, rng.chance(0.5) ? 'show' : 'movie', end);
      if (t.kind === 'show') addEpisodes(acc, t, rng.int(8, 26));
    }
    if (!rng.chance(0.05)) rank++;
    acc.watchlist.push({
      id: 1_000_000_000 + k * 997 + rng.int(0, 996),
      rank: Math.max(1, rank),
      listedAt: rng.int(start, end),
      notes: rng.chance(0.05) ? 'recommended by a friend' : null,
      title: t,
    });
  }
  return acc;
}

function ratingValue(r: Rng): number {
  return Math.max(1, Math.min(10, Math.round(7.3 + 1.6 * r.normal())));
}

function lastWatched(plays: readonly Play[]): Map<Title, number> {
  const out = new Map<Title, number>();
  for (const p of plays) if (p.at !== null && p.at > (out.get(p.title) ?? -Infinity)) out.set(p.title, p.at);
  return out;
}

/** Play ids grow with the recording time, as Trakt's do (~1e9 … ~1.26e10). */
function assignIds(acc: Account, plays: Play[]): void {
  const order = plays.slice().sort((a, b) => a.recordedAt - b.recordedAt || (a.at ?? 0) - (b.at ?? 0));
  const step = Math.max(2, Math.floor(11_600_000_000 / Math.max(1, acc.opts.plays)));
  for (const p of order) {
    acc.nextPlayId += acc.rng.int(1, 2 * step);
    p.id = acc.nextPlayId;
  }
}

// ---------------------------------------------------------------- the later export

/** The same account three months on: more plays, new titles, changed ratings, new episodes, one title gone. */
function advanceAccount(acc: Account): LaterChanges {
  const r = new Rng(((acc.opts.seed * 7919 + 17) >>> 0) ^ 0x9e3779b9);
  acc.rng = r; // new titles/episodes draw from the later stream; the base stream is untouched
  const from = Date.parse(BASE_END) + 1000;
  const to = Date.parse(LATER_END);
  const target = Math.max(1, Math.round(acc.opts.plays * 0.05));
  const newPlays: Play[] = [];

  // One title disappears from the export entirely (plays, ratings, watched summary).
  const counts = playsPerTitle(acc.plays);
  const removable = acc.titles.filter(
    (t) => t.kind === 'show' && (counts.get(t) ?? 0) >= 2 && (counts.get(t) ?? 0) <= 20,
  );
  const removed = r.pick(removable.length ? removable : acc.titles);
  removed.removed = true;
  acc.plays = acc.plays.filter((p) => p.title !== removed);
  for (const [k, v] of acc.ratings) if (v.title === removed) acc.ratings.delete(k);
  acc.watchlist = acc.watchlist.filter((w) => w.title !== removed);

  const shows = acc.titles.filter((t) => t.kind === 'show' && !t.removed && (counts.get(t) ?? 0) > 0);
  const watchedEps = new Map<Title, Set<Episode>>();
  for (const p of acc.plays)
    if (p.ep && p.ep.season > 0)
      (watchedEps.get(p.title) ?? watchedEps.set(p.title, new Set()).get(p.title)!).add(p.ep);

  // Airing shows get new episodes (their aired_episodes changes in every record that embeds them).
  const last = lastWatched(acc.plays);
  const recent = shows.filter((s) => (last.get(s) ?? 0) > from - 365 * DAY);
  const airing = r.shuffle(recent.slice()).slice(0, Math.max(1, Math.round(acc.opts.titles * 0.006)));
  for (const s of airing) addEpisodes(acc, s, r.int(4, 13));

  // New titles: 1 % more, mostly shows.
  const fresh: Title[] = [];
  for (let k = 0; k < Math.max(1, Math.round(acc.opts.titles * 0.01)); k++) {
    const t = newTitle(acc, r.chance(0.8) ? 'show' : 'movie', to);
    if (t.kind === 'show') addEpisodes(acc, t, r.int(10, 26));
    fresh.push(t);
    acc.titles.push(t);
  }

  // Continue watching: the next unwatched episodes of airing and unfinished shows, then the new titles.
  const queue = [
    ...airing,
    ...r.shuffle(shows.filter((s) => !airing.includes(s) && (watchedEps.get(s)?.size ?? 0) < s.episodes.length)),
  ];
  const budgetFresh = Math.round(target * 0.1);
  const budgetRewatch = Math.round(target * 0.05);
  let budget = target - budgetFresh - budgetRewatch;
  for (const s of queue) {
    if (budget <= 0) break;
    const seen = watchedEps.get(s) ?? new Set<Episode>();
    const next = s.episodes.filter((e) => !seen.has(e)).slice(0, Math.min(budget, r.int(3, 30)));
    if (!next.length) continue;
    newPlays.push(...schedule(acc, { title: s, eps: next, style: 'normal' }, from, to));
    budget -= next.length;
  }
  let freshBudget = budgetFresh + budget;
  for (const t of fresh) {
    if (freshBudget <= 0) break;
    const eps = t.kind === 'movie' ? [null] : t.episodes.slice(0, Math.min(freshBudget, t.episodes.length));
    newPlays.push(...schedule(acc, { title: t, eps, style: 'normal' }, from, to));
    freshBudget -= eps.length;
  }
  // Rewatches (films and favourite episodes) fill the rest exactly.
  const movies = acc.titles.filter((t) => t.kind === 'movie' && !t.removed && (counts.get(t) ?? 0) > 0);
  let rest = target - newPlays.length;
  for (let guard = 0; rest > 0 && guard < 100_000; guard++) {
    if (movies.length && r.chance(0.3))
      newPlays.push(...schedule(acc, { title: r.pick(movies), eps: [null], style: 'normal' }, from, to));
    else {
      const s = r.pick(shows);
      const eps = [...(watchedEps.get(s) ?? [])].slice(0, Math.min(rest, r.int(1, 6)));
      if (!eps.length) continue;
      newPlays.push(...schedule(acc, { title: s, eps, style: 'normal' }, from, to));
    }
    rest = target - newPlays.length;
  }
  while (newPlays.length > target) newPlays.pop();
  assignIds(acc, newPlays);
  acc.plays.push(...newPlays);

  // Ratings: a few existing ones change their mind, new titles get rated, a few new episode ratings.
  const titleRatings = [...acc.ratings.values()].filter((x) => x.kind !== 'episode');
  const changed = r.shuffle(titleRatings.slice()).slice(0, Math.min(titleRatings.length, 8));
  for (const x of changed) {
    x.rating = x.rating >= 9 ? x.rating - r.int(1, 3) : x.rating + r.int(1, 10 - x.rating);
    x.ratedAt = r.int(from, to);
  }
  const lastNow = lastWatched(acc.plays);
  for (const t of fresh) {
    if (!r.chance(0.6)) continue;
    acc.ratings.set(`${t.kind}:${t.traktId}`, {
      kind: t.kind,
      title: t,
      ep: null,
      rating: ratingValue(r),
      ratedAt: Math.min(to, (lastNow.get(t) ?? from) + DAY),
    });
  }
  for (const p of newPlays.slice(0, Math.round(newPlays.length * 0.03))) {
    if (p.ep)
      acc.ratings.set(`episode:${p.ep.traktId}`, {
        kind: 'episode',
        title: p.title,
        ep: p.ep,
        rating: ratingValue(r),
        ratedAt: Math.min(to, (p.at ?? from) + HOUR),
      });
  }
  return {
    newPlays: newPlays.length,
    newTitles: fresh.length,
    ratingsChanged: changed.length,
    airedChanged: airing.length,
    removedTitle: `${removed.title} (${removed.kind} ${removed.traktId})`,
  };
}

function playsPerTitle(plays: readonly Play[]): Map<Title, number> {
  const out = new Map<Title, number>();
  for (const p of plays) out.set(p.title, (out.get(p.title) ?? 0) + 1);
  return out;
}

// ---------------------------------------------------------------- serialization

type Form = 'classic' | 'idsFirst';
type Obj = Record<string, unknown>;

const iso = (ms: number | null): string => (ms === null ? '1970-01-01T00:00:00.000Z' : new Date(ms).toISOString());

function airedCount(t: Title): number {
  return t.episodes.length;
}

function mediaJson(t: Title, form: Form): Obj {
  if (t.kind === 'movie') {
    if (form === 'classic')
      return { title: t.title, year: t.year, ids: { trakt: t.traktId, slug: t.slug, imdb: t.imdb, tmdb: t.tmdb } };
    return {
      ids: { imdb: t.imdb, plex: { guid: t.plexGuid, slug: t.plexSlug }, slug: t.slug, tmdb: t.tmdb, trakt: t.traktId },
      year: t.year,
      title: t.title,
    };
  }
  if (form === 'classic') {
    return {
      title: t.title,
      year: t.year,
      ids: { trakt: t.traktId, slug: t.slug, tvdb: t.tvdb, imdb: t.imdb, tmdb: t.tmdb, tvrage: null },
      aired_episodes: airedCount(t),
    };
  }
  return {
    ids: {
      imdb: t.imdb,
      plex: { guid: t.plexGuid, slug: t.plexSlug },
      slug: t.slug,
      tmdb: t.tmdb,
      tvdb: t.tvdb,
      trakt: t.traktId,
    },
    year: t.year,
    title: t.title,
    aired_episodes: airedCount(t),
  };
}

function episodeJson(e: Episode, form: Form): Obj {
  if (form === 'classic') {
    return {
      season: e.season,
      number: e.number,
      title: e.title,
      ids: { trakt: e.traktId, tvdb: e.tvdb, imdb: e.imdb, tmdb: e.tmdb, tvrage: null },
    };
  }
  return {
    ids: { imdb: e.imdb, plex: { guid: e.plexGuid, slug: null }, tmdb: e.tmdb, tvdb: e.tvdb, trakt: e.traktId },
    number: e.number,
    season: e.season,
    title: e.title,
  };
}

class FormPicker {
  idsFirst = 0;
  total = 0;
  constructor(private readonly seed: number) {}
  pick(key: number, salt: number): Form {
    const form: Form = hashKey(key, salt, this.seed) & 1 ? 'idsFirst' : 'classic';
    this.total++;
    if (form === 'idsFirst') this.idsFirst++;
    return form;
  }
}

function historyJson(p: Play, form: Form): Obj {
  const type = p.ep ? 'episode' : 'movie';
  const media: Obj = p.ep
    ? { episode: episodeJson(p.ep, form), show: mediaJson(p.title, form) }
    : { movie: mediaJson(p.title, form) };
  if (form === 'classic') return { id: p.id, watched_at: iso(p.at), action: p.action, type, ...media };
  return { type, ...media, id: p.id, watched_at: iso(p.at), action: p.action };
}

function ratingJson(x: Rating, form: Form): Obj {
  const media: Obj =
    x.kind === 'episode'
      ? { episode: episodeJson(x.ep!, form), show: mediaJson(x.title, form) }
      : { [x.kind]: mediaJson(x.title, form) };
  if (form === 'classic') return { rated_at: iso(x.ratedAt), rating: x.rating, type: x.kind, ...media };
  return { type: x.kind, ...media, rated_at: iso(x.ratedAt), rating: x.rating };
}

function watchlistJson(w: WatchlistItem, form: Form): Obj {
  const media = { [w.title.kind]: mediaJson(w.title, form) };
  if (form === 'classic')
    return { rank: w.rank, id: w.id, listed_at: iso(w.listedAt), notes: w.notes, type: w.title.kind, ...media };
  return {
    type: w.title.kind,
    ...media,
    rank: w.rank,
    id: w.id,
    listed_at: iso(w.listedAt),
    notes: w.notes,
    my_rating: null,
  };
}

const pretty = (v: unknown): string => JSON.stringify(v, null, 2);

/** Write the account as one Trakt export folder (the folder is emptied first). */
function writeExport(acc: Account, dir: string): ExportSummary {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const forms = new FormPicker(acc.opts.seed);
  let bytes = 0;
  let files = 0;
  const write = (name: string, value: unknown): void => {
    const text = pretty(value);
    writeFileSync(join(dir, name), text);
    bytes += Buffer.byteLength(text);
    files++;
  };

  // History: newest first (unknown dates last); page k+1 repeats page k's last record first.
  const plays = acc.plays.slice().sort((a, b) => (b.at ?? -1) - (a.at ?? -1) || b.id - a.id);
  const records = plays.map((p) => historyJson(p, forms.pick(p.id, 1)));
  const PAGE = 1000;
  let page = 0;
  let historyRecords = 0;
  for (let i = 0; i < records.length || page === 0;) {
    const chunk = page === 0 ? records.slice(0, PAGE) : records.slice(i - 1, i - 1 + PAGE);
    page++;
    i = page === 1 ? chunk.length : i - 1 + chunk.length;
    historyRecords += chunk.length;
    write(`watched-history-${page}.json`, chunk);
    if (chunk.length < PAGE) break;
  }

  const ratings = [...acc.ratings.values()].sort((a, b) => b.ratedAt - a.ratedAt);
  const ratingOut = (kind: Rating['kind']): Obj[] =>
    ratings
      .filter((x) => x.kind === kind)
      .map((x) =>
        ratingJson(x, forms.pick(x.ep?.traktId ?? x.title.traktId, kind === 'show' ? 2 : kind === 'movie' ? 3 : 4)),
      );
  const rShows = ratingOut('show');
  const rMovies = ratingOut('movie');
  const rEpisodes = ratingOut('episode');
  write('ratings-shows.json', rShows);
  write('ratings-movies.json', rMovies);
  write('ratings-episodes.json', rEpisodes);
  write(
    'lists-watchlist.json',
    acc.watchlist.map((w) => watchlistJson(w, forms.pick(w.id, 5))),
  );

  // Current per-title state (a cross-check only; Trakt's totals need not reconcile with history).
  const byTitle = new Map<Title, Play[]>();
  for (const p of plays) (byTitle.get(p.title) ?? byTitle.set(p.title, []).get(p.title)!).push(p);
  const watchedShows: Obj[] = [];
  const watchedMovies: Obj[] = [];
  for (const [t, ps] of byTitle) {
    const last = Math.max(...ps.map((p) => p.at ?? 0));
    const form = forms.pick(t.traktId, t.kind === 'show' ? 6 : 7);
    if (t.kind === 'movie') {
      watchedMovies.push({
        plays: ps.length,
        last_watched_at: iso(last || null),
        last_updated_at: iso(last || null),
        movie: mediaJson(t, form),
      });
      continue;
    }
    const seasons = new Map<number, Map<number, { plays: number; last: number }>>();
    for (const p of ps) {
      const s = seasons.get(p.ep!.season) ?? seasons.set(p.ep!.season, new Map()).get(p.ep!.season)!;
      const e = s.get(p.ep!.number) ?? { plays: 0, last: 0 };
      e.plays++;
      e.last = Math.max(e.last, p.at ?? 0);
      s.set(p.ep!.number, e);
    }
    watchedShows.push({
      plays: ps.length,
      last_watched_at: iso(last || null),
      last_updated_at: iso(last || null),
      reset_at: null,
      show: mediaJson(t, form),
      seasons: [...seasons.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([number, eps]) => ({
          number,
          episodes: [...eps.entries()]
            .sort((a, b) => a[0] - b[0])
            .map(([n, e]) => ({ number: n, plays: e.plays, last_watched_at: iso(e.last || null) })),
        })),
    });
  }
  write('watched-shows.json', watchedShows);
  write('watched-movies.json', watchedMovies);

  const episodePlays = plays.filter((p) => p.ep !== null);
  const moviePlays = plays.length - episodePlays.length;
  const distribution: Record<string, number> = {};
  for (let k = 1; k <= 10; k++) distribution[String(k)] = 0;
  for (const x of ratings) distribution[String(x.rating)]!++;
  write('user-stats.json', {
    movies: {
      plays: moviePlays,
      watched: watchedMovies.length,
      minutes: plays.filter((p) => !p.ep).reduce((n, p) => n + p.title.runtime, 0),
      collected: 0,
      ratings: rMovies.length,
      comments: 0,
    },
    shows: { watched: watchedShows.length, collected: 0, ratings: rShows.length, comments: 0 },
    seasons: { ratings: 0, comments: 0 },
    episodes: {
      plays: episodePlays.length,
      watched: new Set(episodePlays.map((p) => p.ep!.traktId)).size,
      minutes: episodePlays.reduce((n, p) => n + p.title.runtime, 0),
      collected: 0,
      ratings: rEpisodes.length,
      comments: 0,
    },
    network: { friends: 0, followers: 0, following: 0 },
    ratings: { total: ratings.length, distribution },
  });

  const watchedTitles = new Set(plays.map((p) => p.title));
  const expected = new Set(watchedTitles);
  for (const x of ratings) if (x.kind !== 'episode') expected.add(x.title);
  return {
    dir,
    files,
    bytes,
    plays: plays.length,
    historyRecords,
    episodePlays: episodePlays.length,
    moviePlays,
    titlesWatched: watchedTitles.size,
    titlesExpected: expected.size,
    shows: [...expected].filter((t) => t.kind === 'show').length,
    movies: [...expected].filter((t) => t.kind === 'movie').length,
    ratings: { shows: rShows.length, movies: rMovies.length, episodes: rEpisodes.length },
    watchlist: acc.watchlist.length,
    idsFirstShare: forms.total ? forms.idsFirst / forms.total : 0,
  };
}

// ---------------------------------------------------------------- API + CLI

export interface GenerateResult {
  options: SyntheticOptions;
  base: ExportSummary;
  later?: ExportSummary & { changes: LaterChanges };
}

/**
 * Write the base export to `out` and, when `later` is given, the same account three months on to `later`.
 * Deterministic: the same options give the same bytes.
 */
export function generateSyntheticExport(
  out: string,
  options: Partial<SyntheticOptions> = {},
  later?: string,
): GenerateResult {
  const opts: SyntheticOptions = { ...DEFAULT_SYNTHETIC, ...options };
  if (!(opts.plays >= 1 && opts.titles >= 2 && opts.years > 0)) throw new Error(`bad options ${JSON.stringify(opts)}`);
  const acc = buildAccount(opts);
  const base = writeExport(acc, resolve(out));
  if (later === undefined) return { options: opts, base };
  const changes = advanceAccount(acc);
  const laterSummary = writeExport(acc, resolve(later));
  return { options: opts, base, later: { ...laterSummary, changes } };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      later: { type: 'string' },
      plays: { type: 'string' },
      titles: { type: 'string' },
      years: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write(
      'usage: gen-synthetic-export.ts --out <dir> [--later <dir>] [--plays 100000] [--titles 3000] [--years 10] [--seed 1]\n',
    );
    process.exit(2);
  }
  const num = (v: string | undefined, d: number): number => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`);
    return n;
  };
  const t0 = performance.now();
  const res = generateSyntheticExport(
    values.out,
    {
      plays: num(values.plays, DEFAULT_SYNTHETIC.plays),
      titles: num(values.titles, DEFAULT_SYNTHETIC.titles),
      years: num(values.years, DEFAULT_SYNTHETIC.years),
      seed: num(values.seed, DEFAULT_SYNTHETIC.seed),
    },
    values.later,
  );
  const show = (s: ExportSummary): string =>
    `${s.dir}: ${s.files} files, ${(s.bytes / 1048576).toFixed(1)} MiB, ${s.plays} plays (${s.historyRecords} history records), ` +
    `${s.titlesExpected} titles (${s.shows} shows, ${s.movies} movies), ratings ${s.ratings.shows}/${s.ratings.movies}/${s.ratings.episodes}, ` +
    `watchlist ${s.watchlist}, ids-first ${(s.idsFirstShare * 100).toFixed(1)} %`;
  process.stdout.write(`${show(res.base)}\n`);
  if (res.later) process.stdout.write(`${show(res.later)}\n  changes: ${JSON.stringify(res.later.changes)}\n`);
  process.stdout.write(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
