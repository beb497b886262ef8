/**
 * Writes anidex's bundled sample data from the hand-written catalogue (scripts/sample/catalog.ts):
 *
 *   data/sample/trakt-2026-05-01/        the first Trakt export of the invented account, unpacked
 *   data/sample/trakt-2026-08-15.zip     the same account 3.5 months later, zipped inside one folder
 *   data/sample/README.md                what the two exports hold and what changed between them
 *
 * Deterministic: a seeded PRNG, no Math.random, no Date.now; running it twice gives the same bytes.
 * Run: node --import tsx scripts/make-sample.ts
 */
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { hash32, Rng } from './lib/rng.ts';
import {
  CATALOGUE,
  FIRST_EXPORT,
  LATER_EXPORT,
  SAMPLE_USERNAME,
  type CatalogueEntry,
  type KnownEpisode,
  type Pace,
  type WatchSegment,
} from './sample/catalog.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'data', 'sample');
const PAGE_SIZE = 1000;
const SEED = 'anidex-sample-v1';

// ------------------------------------------------------------------------------------------------------------
// deterministic randomness

/** A generator seeded from a name, so each part of the sample draws its own stream. */
const rngFor = (name: string): Rng => new Rng(hash32(`${SEED}:${name}`));

// ------------------------------------------------------------------------------------------------------------
// time

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const dayMs = (ymd: string): number => {
  const t = Date.parse(`${ymd}T00:00:00.000Z`);
  if (Number.isNaN(t)) throw new Error(`bad date ${ymd}`);
  return t;
};
const iso = (ms: number): string => new Date(Math.floor(ms / SEC) * SEC).toISOString();
const EPOCH_UNKNOWN = 0; // 1970-01-01T00:00:00.000Z: Trakt's "unknown date"
const FIRST_AT = Date.parse(FIRST_EXPORT.exportedAt);
const LATER_AT = Date.parse(LATER_EXPORT.exportedAt);

// ------------------------------------------------------------------------------------------------------------
// model

type Form = 'classic' | 'plex';
type Action = 'watch' | 'scrobble' | 'checkin';

type Ep = KnownEpisode;

interface Play {
  entry: CatalogueEntry;
  ep: Ep | null;
  watchedAt: number;
  recordedAt: number;
  action: Action;
  later: boolean;
  cluster: 'A' | 'B' | null;
  /** Order within a back-fill block (recorded one after another). */
  seq: number;
  id: number;
}

const isShow = (e: CatalogueEntry): boolean => e.trakt.mediaType === 'show';
const removedKeys = new Set(CATALOGUE.filter((e) => e.behaviour?.removedLater).map((e) => e.key));

// ------------------------------------------------------------------------------------------------------------
// episodes and their (mostly invented) Trakt ids

const episodeIds = new Map<string, Ep>();
{
  let next = 14_020_000;
  const idRng = rngFor('episode-ids');
  for (const e of CATALOGUE) {
    if (!isShow(e)) continue;
    const seasons = e.trakt.seasons ?? [];
    const numbers = e.trakt.seasonNumbers ?? seasons.map((_, i) => i + 1);
    const specials = e.behaviour?.specials?.count ?? 0;
    const lists: Array<[number, number]> = [
      [0, specials],
      ...seasons.map((n, i): [number, number] => [numbers[i] ?? i + 1, n]),
    ];
    for (const [season, count] of lists) {
      for (let n = 1; n <= count; n++) {
        const known = e.trakt.knownEpisodes?.find((k) => k.season === season && k.number === n);
        next += idRng.int(1, 9);
        episodeIds.set(
          `${e.key}:${season}:${n}`,
          known
            ? { ...known }
            : {
                season,
                number: n,
                title: season === 0 ? `Special ${n}` : `Episode ${n}`,
                trakt: next,
                tvdb: null,
                imdb: null,
                tmdb: null,
              },
        );
      }
    }
    next += 2000;
  }
}

function episode(e: CatalogueEntry, season: number, number: number): Ep {
  const ep = episodeIds.get(`${e.key}:${season}:${number}`);
  if (!ep) throw new Error(`${e.key}: no S${season}E${number}`);
  return ep;
}

/** The show's regular episodes in Trakt order. */
function regular(e: CatalogueEntry): Ep[] {
  const seasons = e.trakt.seasons ?? [];
  const numbers = e.trakt.seasonNumbers ?? seasons.map((_, i) => i + 1);
  const out: Ep[] = [];
  seasons.forEach((count, i) => {
    for (let n = 1; n <= count; n++) out.push(episode(e, numbers[i] ?? i + 1, n));
  });
  return out;
}

function runtime(e: CatalogueEntry): number {
  if (e.trakt.runtime) return e.trakt.runtime;
  const m = e.mal[0];
  if (!m) return 24;
  return e.trakt.mediaType === 'movie' ? m.minutes * (m.episodes ?? 1) : m.minutes;
}

// ------------------------------------------------------------------------------------------------------------
// when things were watched

/** Start of a viewing session on a day: evenings on weekdays, afternoons at weekends (UTC). */
function sessionStart(rng: Rng, day: number, early: boolean): number {
  const dow = new Date(day).getUTCDay();
  const weekend = dow === 0 || dow === 6;
  const minutes = early || weekend ? rng.int(13 * 60, 17 * 60) : rng.int(18 * 60, 22 * 60 + 30);
  return day + minutes * MIN + rng.int(0, 59) * SEC;
}

function schedule(rng: Rng, start: string, count: number, pace: Pace, minutes: number): number[] {
  const out: number[] = [];
  let day = dayMs(start);
  while (out.length < count) {
    let perSession: number;
    let gapDays: number;
    switch (pace) {
      case 'binge':
        perSession = rng.int(3, 8);
        gapDays = 1 + (rng.chance(0.3) ? 1 : 0);
        break;
      case 'daily':
        perSession = rng.chance(0.6) ? 1 : rng.int(2, 3);
        gapDays = 1 + (rng.chance(0.35) ? rng.int(1, 3) : 0);
        break;
      case 'weekly':
        perSession = rng.chance(0.1) ? 2 : 1;
        gapDays = 7 + (rng.chance(0.2) ? rng.int(1, 3) : 0);
        break;
      case 'sporadic':
        perSession = rng.int(1, 3);
        gapDays = rng.int(2, 16);
        break;
    }
    let t = sessionStart(rng, day, pace === 'binge');
    for (let k = 0; k < perSession && out.length < count; k++) {
      t += minutes * MIN + rng.int(1, 8) * MIN + rng.int(0, 59) * SEC;
      out.push(t);
    }
    day += gapDays * DAY;
  }
  return out;
}

function chooseAction(rng: Rng, watchedAt: number): Action {
  const modern = watchedAt >= dayMs('2019-01-01');
  const r = rng.next();
  if (modern) return r < 0.68 ? 'scrobble' : r < 0.92 ? 'watch' : 'checkin';
  return r < 0.25 ? 'scrobble' : r < 0.93 ? 'watch' : 'checkin';
}

function recordedAt(rng: Rng, action: Action, watchedAt: number, later: boolean): number {
  let t: number;
  if (action === 'scrobble') t = watchedAt + rng.int(5, 90) * SEC;
  else if (action === 'checkin') t = watchedAt + rng.int(1, 30) * SEC;
  else t = watchedAt + rng.int(10 * 60, 36 * 3600) * SEC;
  const limit = (later ? LATER_AT : FIRST_AT) - HOUR;
  return Math.min(t, limit - rng.int(0, 3600) * SEC);
}

// ------------------------------------------------------------------------------------------------------------
// 1. generate the plays

const plays: Play[] = [];
const clusterPlays: Record<'A' | 'B', Play[]> = { A: [], B: [] };
const clusterRange: Partial<Record<'A' | 'B', { from: number; until: number }>> = {};

function addPlay(p: Omit<Play, 'id' | 'seq' | 'cluster'> & { cluster?: 'A' | 'B' | null; seq?: number }): Play {
  const full: Play = { ...p, cluster: p.cluster ?? null, seq: p.seq ?? 0, id: 0 };
  plays.push(full);
  return full;
}

for (const e of CATALOGUE) {
  const b = e.behaviour;
  if (!b) continue;
  const rng = rngFor(`plays:${e.key}`);
  const eps = isShow(e) ? regular(e) : [];
  const minutes = runtime(e);

  b.segments.forEach((s: WatchSegment, si) => {
    const later = s.later === true;
    if (s.backfill) {
      if (!isShow(e)) throw new Error(`${e.key}: a back-fill needs a show`);
      clusterRange[s.backfill] = { from: dayMs(s.start), until: dayMs(s.until ?? s.start) };
      for (let k = 0; k < s.count; k++) {
        const ep = eps[s.from + k];
        if (!ep) throw new Error(`${e.key}: segment ${si} runs past the listed episodes`);
        const p = addPlay({
          entry: e,
          ep,
          watchedAt: 0,
          recordedAt: 0,
          action: 'watch',
          later: false,
          cluster: s.backfill,
          seq: k,
        });
        clusterPlays[s.backfill].push(p);
      }
      return;
    }
    if (isShow(e)) {
      const times = schedule(rng, s.start, s.count, s.pace, minutes);
      times.forEach((t, k) => {
        const ep = eps[s.from + k];
        if (!ep) throw new Error(`${e.key}: segment ${si} runs past the listed episodes`);
        const action = chooseAction(rng, t);
        addPlay({ entry: e, ep, watchedAt: t, recordedAt: recordedAt(rng, action, t, later), action, later });
      });
    } else {
      for (let k = 0; k < s.count; k++) {
        const t = sessionStart(rng, dayMs(s.start) + k * 3 * DAY, false) + minutes * MIN;
        const action = chooseAction(rng, t);
        addPlay({ entry: e, ep: null, watchedAt: t, recordedAt: recordedAt(rng, action, t, later), action, later });
      }
    }
  });

  if (b.specials) {
    const times = schedule(rng, b.specials.start, b.specials.count, 'binge', minutes);
    times.forEach((t, k) => {
      const action = chooseAction(rng, t);
      addPlay({
        entry: e,
        ep: episode(e, 0, k + 1),
        watchedAt: t,
        recordedAt: recordedAt(rng, action, t, false),
        action,
        later: false,
      });
    });
  }
  if (b.repeat) {
    let day = dayMs(b.repeat.start);
    for (let k = 0; k < b.repeat.extraPlays; k++) {
      const t = sessionStart(rng, day, false) + minutes * MIN;
      const action = chooseAction(rng, t);
      addPlay({
        entry: e,
        ep: episode(e, b.repeat.season, b.repeat.number),
        watchedAt: t,
        recordedAt: recordedAt(rng, action, t, false),
        action,
        later: false,
      });
      day += rng.int(100, 300) * DAY;
    }
  }
  if (b.epochPlay) {
    const ep = b.epochPlay === 'movie' ? null : episode(e, b.epochPlay.season, b.epochPlay.number);
    // recorded when the person filled in their old viewing, without a date
    const rec = dayMs('2016-02-20') + rng.int(9 * 3600, 23 * 3600) * SEC + (hash32(e.key) % 300) * DAY;
    addPlay({ entry: e, ep, watchedAt: EPOCH_UNKNOWN, recordedAt: rec, action: 'watch', later: false });
  }
}

// ------------------------------------------------------------------------------------------------------------
// 2. place the two date-only back-fills so that each straddles a page boundary:
//    block A in the first export, block B in the later one.

const inFirst = (p: Play): boolean => !p.later;
const inLater = (p: Play): boolean => !removedKeys.has(p.entry.key);

function placeCluster(name: 'A' | 'B', inExport: (p: Play) => boolean): void {
  const block = clusterPlays[name];
  const range = clusterRange[name];
  if (!block.length || !range) throw new Error(`no back-fill ${name}`);
  const others = plays.filter((p) => inExport(p) && p.cluster !== name && (p.cluster === null || p.watchedAt > 0));
  const size = block.length;
  let chosen: number | null = null;
  for (let day = range.until; day >= range.from && chosen === null; day -= DAY) {
    const newer = others.filter((p) => p.watchedAt > day).length;
    if (others.some((p) => p.watchedAt === day)) continue;
    for (let boundary = PAGE_SIZE; boundary < newer + size; boundary += PAGE_SIZE) {
      // the block occupies positions newer … newer+size-1; put the page break well inside it
      if (newer + 3 <= boundary && boundary <= newer + size - 3) {
        chosen = day;
        break;
      }
    }
  }
  if (chosen === null) throw new Error(`could not place back-fill ${name} on a page boundary`);
  const rng = rngFor(`cluster:${name}`);
  const rec = chosen + rng.int(19 * 3600, 21 * 3600) * SEC;
  for (const p of block) {
    p.watchedAt = chosen;
    p.recordedAt = rec + p.seq * rng.int(1, 3) * SEC;
  }
}

// B is newer than every day A may take, so placing B first (in the later export) and then A (in the first
// export, where B is counted among the newer plays) keeps both placements valid.
if ((clusterRange.B?.from ?? 0) <= (clusterRange.A?.until ?? 0)) throw new Error('back-fill B must be newer than A');
for (const p of clusterPlays.A) p.watchedAt = -1; // not yet placed: never counted as newer
placeCluster('B', inLater);
placeCluster('A', inFirst);

// sanity: the first export holds only what happened before it, the later plays come after it
for (const p of plays) {
  if (!p.later && p.recordedAt >= FIRST_AT)
    throw new Error(`${p.entry.key}: a first-export play recorded ${iso(p.recordedAt)}`);
  if (p.later && (p.watchedAt <= FIRST_AT || p.recordedAt >= LATER_AT))
    throw new Error(`${p.entry.key}: a later play at ${iso(p.watchedAt)}`);
  if (p.watchedAt !== EPOCH_UNKNOWN && p.watchedAt < dayMs('2016-01-01')) throw new Error(`${p.entry.key}: too early`);
  if (p.recordedAt < p.watchedAt) throw new Error(`${p.entry.key}: recorded before watched`);
}

// ------------------------------------------------------------------------------------------------------------
// 3. play ids grow with recording time (about 1.1e10 in 2016, 1.3e10 in 2026)

{
  const order = [...plays].sort((a, b) => a.recordedAt - b.recordedAt || a.seq - b.seq || a.watchedAt - b.watchedAt);
  const t0 = dayMs('2016-01-01');
  const t1 = dayMs('2026-09-01');
  const rng = rngFor('play-ids');
  let prev = 0;
  for (const p of order) {
    const base = 11_000_000_000 + Math.floor(((p.recordedAt - t0) / (t1 - t0)) * 2_000_000_000);
    p.id = Math.max(base, prev + 1 + rng.int(0, 40));
    prev = p.id;
  }
}

// ------------------------------------------------------------------------------------------------------------
// 4. records, in both serializations

const formOf = (key: string): Form => (hash32(key) & 1 ? 'plex' : 'classic');

const plexGuid = (e: CatalogueEntry): string => e.trakt.plex?.guid ?? `5d${rngFor(`plex:${e.key}`).hex(22)}`;
const plexSlug = (e: CatalogueEntry): string =>
  e.trakt.plex?.slug ??
  e.trakt.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function mediaObj(e: CatalogueEntry, form: Form): Record<string, unknown> {
  const t = e.trakt;
  if (t.mediaType === 'movie') {
    return form === 'classic'
      ? { title: t.title, year: t.year, ids: { trakt: t.traktId, slug: t.slug, imdb: t.imdb, tmdb: t.tmdb } }
      : {
          ids: {
            imdb: t.imdb,
            plex: { guid: plexGuid(e), slug: plexSlug(e) },
            slug: t.slug,
            tmdb: t.tmdb,
            trakt: t.traktId,
          },
          year: t.year,
          title: t.title,
        };
  }
  const aired = t.airedEpisodes === null ? {} : { aired_episodes: t.airedEpisodes };
  return form === 'classic'
    ? {
        title: t.title,
        year: t.year,
        ids: { trakt: t.traktId, slug: t.slug, tvdb: t.tvdb, imdb: t.imdb, tmdb: t.tmdb, tvrage: null },
        ...aired,
      }
    : {
        ids: {
          imdb: t.imdb,
          plex: { guid: plexGuid(e), slug: plexSlug(e) },
          slug: t.slug,
          tmdb: t.tmdb,
          tvdb: t.tvdb,
          trakt: t.traktId,
        },
        year: t.year,
        title: t.title,
        ...aired,
      };
}

function episodeObj(ep: Ep, form: Form): Record<string, unknown> {
  return form === 'classic'
    ? {
        season: ep.season,
        number: ep.number,
        title: ep.title,
        ids: { trakt: ep.trakt, tvdb: ep.tvdb, imdb: ep.imdb, tmdb: ep.tmdb, tvrage: null },
      }
    : {
        ids: { imdb: ep.imdb, tmdb: ep.tmdb, tvdb: ep.tvdb, trakt: ep.trakt },
        number: ep.number,
        season: ep.season,
        title: ep.title,
      };
}

function historyRecord(p: Play): Record<string, unknown> {
  const form = formOf(`play:${p.id}`);
  const type = p.ep ? 'episode' : 'movie';
  const media = p.ep
    ? { episode: episodeObj(p.ep, form), show: mediaObj(p.entry, form) }
    : { movie: mediaObj(p.entry, form) };
  return form === 'classic'
    ? { id: p.id, watched_at: iso(p.watchedAt), action: p.action, type, ...media }
    : { type, ...media, action: p.action, id: p.id, watched_at: iso(p.watchedAt) };
}

// ------------------------------------------------------------------------------------------------------------
// 5. ratings

interface Rating {
  kind: 'movie' | 'show' | 'season' | 'episode';
  entry: CatalogueEntry;
  rating: number;
  ratedAt: number;
  season?: number;
  ep?: Ep;
}

const seasonIds = new Map<string, number>();
function seasonTraktId(e: CatalogueEntry, season: number): number {
  const k = `${e.key}:${season}`;
  let id = seasonIds.get(k);
  if (id === undefined) {
    id = 208_000 + (hash32(k) % 600_000);
    seasonIds.set(k, id);
  }
  return id;
}

function lastPlay(e: CatalogueEntry, pred: (p: Play) => boolean): Play | undefined {
  let best: Play | undefined;
  for (const p of plays)
    if (p.entry === e && p.watchedAt > 0 && pred(p) && (!best || p.watchedAt > best.watchedAt)) best = p;
  return best;
}

function ratingsFor(which: 'first' | 'later'): Rating[] {
  const out: Rating[] = [];
  for (const e of CATALOGUE) {
    const b = e.behaviour;
    if (!b) continue;
    if (which === 'later' && b.removedLater) continue;
    const rng = rngFor(`ratings:${e.key}`);
    const base = lastPlay(e, (p) => !p.later);
    const kind = isShow(e) ? 'show' : 'movie';
    const firstAt = base ? Math.min(base.watchedAt + rng.int(20 * 60, 40 * 3600) * SEC, FIRST_AT - 2 * HOUR) : null;
    const laterRng = rngFor(`ratings-later:${e.key}`);
    const lastLater = lastPlay(e, (p) => p.later);
    const changedAt = lastLater
      ? lastLater.watchedAt + laterRng.int(10 * 60, 20 * 3600) * SEC
      : dayMs('2026-05-04') + laterRng.int(0, 90) * DAY + laterRng.int(17 * 3600, 22 * 3600) * SEC;
    if (which === 'later' && b.ratingLater !== undefined) {
      out.push({ kind, entry: e, rating: b.ratingLater, ratedAt: changedAt });
    } else if (b.rating !== null && firstAt !== null) {
      out.push({ kind, entry: e, rating: b.rating, ratedAt: firstAt });
    }
    for (const sr of b.seasonRatings ?? []) {
      const last = lastPlay(e, (p) => !p.later && p.ep?.season === sr.season);
      if (!last) throw new Error(`${e.key}: season ${sr.season} rated but not watched`);
      out.push({
        kind: 'season',
        entry: e,
        rating: sr.rating,
        ratedAt: last.watchedAt + rng.int(600, 7200) * SEC,
        season: sr.season,
      });
    }
    for (const er of b.episodeRatings ?? []) {
      const ep = episode(e, er.season, er.number);
      const watched = plays.filter((p) => p.entry === e && p.ep === ep && p.watchedAt > 0 && !p.later);
      if (!watched.length) throw new Error(`${e.key}: S${er.season}E${er.number} rated but not watched`);
      const firstWatch = Math.min(...watched.map((p) => p.watchedAt));
      const at = er.ratedAt ? Date.parse(er.ratedAt) : firstWatch + rng.int(60, 3600) * SEC;
      out.push({ kind: 'episode', entry: e, rating: er.rating, ratedAt: Math.max(at, firstWatch + MIN), ep });
    }
  }
  for (const r of out)
    if (r.ratedAt >= (which === 'first' ? FIRST_AT : LATER_AT))
      throw new Error(`${r.entry.key}: rated after the export`);
  return out.sort((a, b) => b.ratedAt - a.ratedAt);
}

function ratingRecord(r: Rating): Record<string, unknown> {
  const form = formOf(`rating:${r.kind}:${r.entry.key}:${r.season ?? ''}:${r.ep?.trakt ?? ''}`);
  const rated_at = iso(r.ratedAt);
  let media: Record<string, unknown>;
  if (r.kind === 'movie') media = { movie: mediaObj(r.entry, form) };
  else if (r.kind === 'show') media = { show: mediaObj(r.entry, form) };
  else if (r.kind === 'season') {
    const s = r.season ?? 1;
    const count = r.entry.trakt.seasons?.[s - 1] ?? null;
    const ids =
      form === 'classic'
        ? { trakt: seasonTraktId(r.entry, s), tvdb: null, tmdb: null, tvrage: null }
        : { tmdb: null, trakt: seasonTraktId(r.entry, s), tvdb: null };
    media = { season: { number: s, ids, aired_episodes: count }, show: mediaObj(r.entry, form) };
  } else {
    if (!r.ep) throw new Error('episode rating without episode');
    media = { episode: episodeObj(r.ep, form), show: mediaObj(r.entry, form) };
  }
  return form === 'classic'
    ? { rated_at, rating: r.rating, type: r.kind, ...media }
    : { type: r.kind, ...media, rating: r.rating, rated_at };
}

// ------------------------------------------------------------------------------------------------------------
// 6. the watchlist (identical in both exports)

function watchlistRecords(): Record<string, unknown>[] {
  const items = CATALOGUE.filter((e) => e.watchlist).map((e) => ({ e, w: e.watchlist! }));
  items.sort((a, b) => a.w.rank - b.w.rank || Date.parse(a.w.listedAt) - Date.parse(b.w.listedAt));
  return items.map(({ e, w }) => {
    const listed = Date.parse(w.listedAt);
    const id = w.id ?? 1_000_000_000 + Math.floor((listed - dayMs('2020-01-01')) / (2 * 60 * SEC));
    const type = e.trakt.mediaType;
    const form: Form = e.trakt.plex ? 'plex' : formOf(`watchlist:${e.key}`);
    return form === 'classic'
      ? { rank: w.rank, id, listed_at: iso(listed), notes: null, type, [type]: mediaObj(e, form) }
      : { type, [type]: mediaObj(e, form), rank: w.rank, id, listed_at: iso(listed), notes: null, my_rating: null };
  });
}

// ------------------------------------------------------------------------------------------------------------
// 7. one export

const sortNewestFirst = (a: Play, b: Play): number => b.watchedAt - a.watchedAt || b.id - a.id;

function watchedShows(ps: Play[]): Record<string, unknown>[] {
  const byShow = new Map<CatalogueEntry, Play[]>();
  for (const p of ps) if (p.ep) byShow.set(p.entry, [...(byShow.get(p.entry) ?? []), p]);
  const rows = [...byShow.entries()].map(([e, list]) => {
    const seasons = new Map<number, Map<number, Play[]>>();
    for (const p of list) {
      const ep = p.ep!;
      const s = seasons.get(ep.season) ?? new Map<number, Play[]>();
      s.set(ep.number, [...(s.get(ep.number) ?? []), p]);
      seasons.set(ep.season, s);
    }
    const last = Math.max(...list.map((p) => p.watchedAt));
    const updated = Math.max(...list.map((p) => p.recordedAt));
    return {
      last,
      row: {
        plays: list.length,
        last_watched_at: iso(last),
        last_updated_at: iso(updated),
        reset_at: null,
        show: mediaObj(e, 'classic'),
        seasons: [...seasons.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([number, eps]) => ({
            number,
            episodes: [...eps.entries()]
              .sort((a, b) => a[0] - b[0])
              .map(([n, pl]) => ({
                number: n,
                plays: pl.length,
                last_watched_at: iso(Math.max(...pl.map((p) => p.watchedAt))),
              })),
          })),
      },
    };
  });
  return rows.sort((a, b) => b.last - a.last).map((r) => r.row);
}

function watchedMovies(ps: Play[]): Record<string, unknown>[] {
  const byMovie = new Map<CatalogueEntry, Play[]>();
  for (const p of ps) if (!p.ep) byMovie.set(p.entry, [...(byMovie.get(p.entry) ?? []), p]);
  return [...byMovie.entries()]
    .map(([e, list]) => ({
      last: Math.max(...list.map((p) => p.watchedAt)),
      row: {
        plays: list.length,
        last_watched_at: iso(Math.max(...list.map((p) => p.watchedAt))),
        last_updated_at: iso(Math.max(...list.map((p) => p.recordedAt))),
        movie: mediaObj(e, 'classic'),
      },
    }))
    .sort((a, b) => b.last - a.last)
    .map((r) => r.row);
}

function userStats(ps: Play[], ratings: Rating[]): Record<string, unknown> {
  const episodes = ps.filter((p) => p.ep);
  const movies = ps.filter((p) => !p.ep);
  const distribution: Record<string, number> = {};
  for (let i = 1; i <= 10; i++) distribution[String(i)] = ratings.filter((r) => r.rating === i).length;
  return {
    movies: {
      plays: movies.length,
      watched: new Set(movies.map((p) => p.entry.key)).size,
      minutes: movies.reduce((a, p) => a + runtime(p.entry), 0),
      collected: 0,
      ratings: ratings.filter((r) => r.kind === 'movie').length,
      comments: 0,
    },
    shows: {
      watched: new Set(episodes.map((p) => p.entry.key)).size,
      collected: 0,
      ratings: ratings.filter((r) => r.kind === 'show').length,
      comments: 0,
    },
    seasons: { ratings: ratings.filter((r) => r.kind === 'season').length, comments: 0 },
    episodes: {
      plays: episodes.length,
      watched: new Set(episodes.map((p) => `${p.entry.key}:${p.ep!.trakt}`)).size,
      minutes: episodes.reduce((a, p) => a + runtime(p.entry), 0),
      collected: 0,
      ratings: ratings.filter((r) => r.kind === 'episode').length,
      comments: 0,
    },
    network: { friends: 0, followers: 0, following: 0 },
    ratings: { total: ratings.length, distribution },
  };
}

const USER_PROFILE = {
  username: SAMPLE_USERNAME,
  private: false,
  name: 'Sample Otaku',
  vip: false,
  vip_ep: false,
  ids: { slug: SAMPLE_USERNAME },
  joined_at: '2016-02-14T19:02:11.000Z',
  location: '',
  about: 'An invented account: the bundled sample data of anidex.',
  gender: null,
  age: null,
  images: { avatar: { full: 'https://example.invalid/avatar.png' } },
  vip_og: false,
  vip_years: 0,
};

const USER_SETTINGS = {
  user: { ...USER_PROFILE, email: 'sample@example.invalid', birthday: '2000-01-01' },
  account: { timezone: 'Europe/Berlin', date_format: 'dmy', time_24hr: true, cover_image: null },
  connections: {
    facebook: false,
    twitter: false,
    mastodon: false,
    google: false,
    tumblr: false,
    medium: false,
    slack: false,
    apple: false,
    dropbox: false,
    microsoft: false,
  },
  sharing_text: { watching: "I'm watching [item]", watched: 'I just watched [item]', rated: '[item] [stars]' },
  limits: { list: { count: 2, item_count: 100 }, watchlist: { item_count: 100 }, favorites: { item_count: 50 } },
  access_token: 'not-a-real-token',
  refresh_token: 'not-a-real-token-either',
};

const json = (v: unknown): string => JSON.stringify(v, null, 2); // no trailing newline, like Trakt

interface Export {
  files: Map<string, string>;
  plays: Play[];
  ratings: Rating[];
}

function buildExport(which: 'first' | 'later'): Export {
  const ps = plays.filter(which === 'first' ? inFirst : inLater).sort(sortNewestFirst);
  const ratings = ratingsFor(which);
  const files = new Map<string, string>();
  const pages = Math.ceil(ps.length / PAGE_SIZE);
  for (let i = 0; i < pages; i++) {
    files.set(`watched-history-${i + 1}.json`, json(ps.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE).map(historyRecord)));
  }
  const byKind = (k: Rating['kind']) => json(ratings.filter((r) => r.kind === k).map(ratingRecord));
  files.set('ratings-movies.json', byKind('movie'));
  files.set('ratings-shows.json', byKind('show'));
  files.set('ratings-seasons.json', byKind('season'));
  files.set('ratings-episodes.json', byKind('episode'));
  files.set('lists-watchlist.json', json(watchlistRecords()));
  files.set('lists-lists.json', json([]));
  files.set('comments-comments.json', json([]));
  files.set('watched-shows.json', json(watchedShows(ps)));
  files.set('watched-movies.json', json(watchedMovies(ps)));
  files.set('user-stats.json', json(userStats(ps, ratings)));
  files.set('user-profile.json', json(USER_PROFILE));
  files.set('user-settings.json', json(USER_SETTINGS));
  return { files, plays: ps, ratings };
}

// ------------------------------------------------------------------------------------------------------------
// 8. the README, generated from the data so it stays true

function describeChanges(first: Export, later: Export): string {
  const count = (ps: Play[]) => {
    const m = new Map<CatalogueEntry, number>();
    for (const p of ps) m.set(p.entry, (m.get(p.entry) ?? 0) + 1);
    return m;
  };
  const a = count(first.plays);
  const b = count(later.plays);
  const gained = [...b.entries()]
    .filter(([e, n]) => n > (a.get(e) ?? 0))
    .map(([e, n]) => ({ e, added: n - (a.get(e) ?? 0), isNew: !a.has(e) }))
    .sort((x, y) => x.e.trakt.title.localeCompare(y.e.trakt.title));
  const removed = [...a.keys()].filter((e) => !b.has(e));
  const showRating = (ex: Export) =>
    new Map(ex.ratings.filter((r) => r.kind === 'show' || r.kind === 'movie').map((r) => [r.entry, r.rating]));
  const ra = showRating(first);
  const rb = showRating(later);
  const label = (e: CatalogueEntry) =>
    `${e.trakt.title.replace(/\u00a0/g, ' ')} (${e.trakt.year}, ${e.trakt.mediaType})`;
  const lines: string[] = [];
  lines.push('Titles with new plays (watched after 2026-05-01):', '');
  for (const g of gained)
    lines.push(
      `- ${label(g.e)}: ${g.added} new play${g.added === 1 ? '' : 's'}${g.isNew ? ' — a title the first export does not have' : ''}`,
    );
  lines.push('', 'Ratings (show and movie) that changed or were added:', '');
  const rated = [...new Set([...ra.keys(), ...rb.keys()])].sort((x, y) => x.trakt.title.localeCompare(y.trakt.title));
  for (const e of rated) {
    const x = ra.get(e);
    const y = rb.get(e);
    if (x === y) continue;
    if (x === undefined) lines.push(`- ${label(e)}: added, ${y}`);
    else if (y === undefined) lines.push(`- ${label(e)}: removed (was ${x})`);
    else lines.push(`- ${label(e)}: ${x} → ${y}`);
  }
  lines.push('', 'Removed from Trakt by the user (all its plays and its rating are gone from the later export):', '');
  for (const e of removed) lines.push(`- ${label(e)}: ${a.get(e)} plays in the first export`);
  return lines.join('\n');
}

function readme(first: Export, later: Export): string {
  const anime = CATALOGUE.filter((e) => e.anime);
  const watchedAnime = anime.filter((e) => e.behaviour);
  const pagesOf = (ex: Export) => [...ex.files.keys()].filter((f) => f.startsWith('watched-history-')).length;
  const describe = (ex: Export, name: string, how: string) => {
    const eps = ex.plays.filter((p) => p.ep).length;
    return (
      `- \`${name}\` ${how}: ${ex.plays.length} plays (${eps} episodes, ${ex.plays.length - eps} movies) on ${pagesOf(ex)} history pages, ` +
      `${new Set(ex.plays.map((p) => p.entry.key)).size} titles, ${ex.ratings.length} ratings.`
    );
  };
  return [
    '# Sample data',
    '',
    'Two Trakt data exports of one invented account, `sample-otaku`, for trying anidex without an account of your own:',
    '',
    describe(first, `${FIRST_EXPORT.name}/`, 'the first export, unpacked'),
    describe(
      later,
      `${LATER_EXPORT.name}.zip`,
      `the same account 3.5 months later, zipped inside one \`${LATER_EXPORT.name}/\` folder`,
    ),
    '',
    '```sh',
    `npx anidex import data/sample/${FIRST_EXPORT.name} --as-of ${FIRST_EXPORT.exportedAt}`,
    `npx anidex import data/sample/${LATER_EXPORT.name}.zip --as-of ${LATER_EXPORT.exportedAt}`,
    '```',
    '',
    'Each export has the files a real one has: `watched-history-1.json`… (≤ 1000 plays a page, newest first),',
    '`ratings-{movies,shows,seasons,episodes}.json`, `lists-watchlist.json`, `lists-lists.json`, `comments-comments.json`,',
    '`watched-shows.json`, `watched-movies.json`, `user-stats.json`, `user-profile.json` and `user-settings.json`',
    '(fake e-mail and token: anidex must never read that file).',
    '',
    `Across the two exports the account watched ${watchedAnime.length} anime titles and ${CATALOGUE.filter((e) => !e.anime && e.behaviour).length} other shows and films; ` +
      `${CATALOGUE.filter((e) => !e.behaviour).length} more titles sit on its watchlist. The traps of real exports are all here: both record`,
    'serializations (classic ids with `tvrage`, ids-first with `plex`), season-0 specials, a season numbered by year',
    '(The Daily Show, S2024), two plays with the "unknown" date `1970-01-01T00:00:00.000Z`, two date-only bulk back-fills',
    'sharing one midnight `watched_at` (one straddles a page boundary in each export), rewatched episodes, TVDB season',
    'numbering for One Piece, same-named titles (Hunter x Hunter 1999/2011, Fruits Basket 2001/2019, Clannad series/film),',
    'non-anime look-alikes (Arcane, Castlevania, Avatar: The Last Airbender, ONE PIECE 2023, Shōgun) and a title with a',
    'non-breaking space (A Quiet Place:\u00a0Day One).',
    '',
    '## What changed between the two exports',
    '',
    'Everything else is identical: the same play ids with the same contents, so a re-import de-duplicates them.',
    '',
    describeChanges(first, later),
    '',
    '## Where it comes from',
    '',
    'All of it is invented — the account, what it watched and when, its ratings, play and list ids, episode titles and',
    'ids — except the public facts about the titles (names, years, episode counts, MyAnimeList and AniList ids, studios,',
    'genres) and a few real Trakt ids and records that appear in the reference export. Generated by',
    '`node --import tsx scripts/make-sample.ts` from `scripts/sample/catalog.ts`; do not edit the files by hand.',
    '',
  ].join('\n');
}

// ------------------------------------------------------------------------------------------------------------
// 9. write

async function writeZip(file: string, folder: string, files: Map<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(LATER_AT);
  for (const name of [...files.keys()].sort()) {
    zip.addBuffer(Buffer.from(files.get(name)!, 'utf8'), `${folder}/${name}`, {
      mtime,
      mode: 0o100644,
      compress: true,
    });
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
}

function checkBoundaryRepeat(ex: Export, name: string): void {
  for (let i = PAGE_SIZE; i < ex.plays.length; i += PAGE_SIZE) {
    if (ex.plays[i - 1]!.watchedAt === ex.plays[i]!.watchedAt) return;
  }
  throw new Error(`${name}: no watched_at repeats across a page boundary`);
}

async function main(): Promise<void> {
  const first = buildExport('first');
  const later = buildExport('later');
  checkBoundaryRepeat(first, FIRST_EXPORT.name);
  checkBoundaryRepeat(later, LATER_EXPORT.name);

  rmSync(path.join(OUT_DIR, FIRST_EXPORT.name), { recursive: true, force: true });
  mkdirSync(path.join(OUT_DIR, FIRST_EXPORT.name), { recursive: true });
  for (const [name, text] of first.files) writeFileSync(path.join(OUT_DIR, FIRST_EXPORT.name, name), text, 'utf8');
  await writeZip(path.join(OUT_DIR, `${LATER_EXPORT.name}.zip`), LATER_EXPORT.name, later.files);
  writeFileSync(path.join(OUT_DIR, 'README.md'), readme(first, later), 'utf8');

  const anime = CATALOGUE.filter((e) => e.anime).length;
  console.log(`catalogue: ${anime} anime, ${CATALOGUE.length - anime} other titles`);
  console.log(`${FIRST_EXPORT.name}: ${first.plays.length} plays, ${first.ratings.length} ratings`);
  console.log(`${LATER_EXPORT.name}: ${later.plays.length} plays, ${later.ratings.length} ratings`);
}

await main();
