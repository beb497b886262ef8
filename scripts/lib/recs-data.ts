/**
 * Reads a directory of real MyAnimeList data laid out for evaluating the recommender (`--data <dir>`):
 *
 *   catalog/mal-2023-anime.csv          anime_id,Name,Score,Genres,Episodes       the evaluation catalogue
 *   catalog/mal-2023-details.csv        type, studios, duration, members… keyed by mal_id_by_name_join
 *   catalog/mal-api-2024-top5000.csv    media type, start date, members, related ids, up to 5 genres
 *   edges/mal-recommendations-2022.csv  number,target_id,…,source_id,…   user-recommendation counts
 *   edges/mal-recommendations-2022-nodes.csv   id,title,num_list_users
 *   users/*.csv                         user_id,anime_id,rating[,status[,episodes]]
 *
 * and turns the catalogue into what a provider would answer at run time: one AnimeRecord per anime, with the
 * recommendation counts as AniList-style recommendation ratings and the related ids as relations. Evaluation and
 * tuning only: nothing here is shipped, and no table derived from it is.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AnimeFormat, AnimeLink, AnimeRecord } from '../../src/domain/anime.ts';
import type { PersonEntry, PersonStatus } from '../../src/recommend/engine.ts';

/** AniList's details query asks for this many recommendations per title (src/enrich/anilist.ts). */
export const LINKS_PER_TITLE = 10;

/** MyAnimeList's current genres (the rest of its old genre list are now themes and demographics: tags here). */
const MAL_GENRES = new Set([
  'Action',
  'Adventure',
  'Avant Garde',
  'Award Winning',
  'Boys Love',
  'Comedy',
  'Drama',
  'Ecchi',
  'Erotica',
  'Fantasy',
  'Girls Love',
  'Gourmet',
  'Hentai',
  'Horror',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Slice of Life',
  'Sports',
  'Supernatural',
  'Suspense',
]);

export interface RecsData {
  dir: string;
  /** The evaluation catalogue's MAL ids (catalog/mal-2023-anime.csv), in file order. */
  catalogue: number[];
  /** Provider-shaped facts for every catalogue anime. */
  records: Map<number, AnimeRecord>;
  /** Members: the larger of the 2023 details' Members and the 2022 nodes' num_list_users (0 when neither has it). */
  members: Map<number, number>;
  /** Undirected recommendation counts, both directions added, every pair (the graph-sum baseline reads these). */
  links: Map<number, Map<number, number>>;
}

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  if (!existsSync(path))
    throw new Error(`${path} is missing: --data must point at a folder with catalog/, edges/ and users/.`);
  return parse(readFileSync(path), {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
  }) as Row[];
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x && x.toUpperCase() !== 'UNKNOWN');
const num = (s: string | undefined): number | null => {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
};

const FORMATS: Record<string, AnimeFormat> = {
  tv: 'TV',
  movie: 'MOVIE',
  ova: 'OVA',
  ona: 'ONA',
  special: 'SPECIAL',
  music: 'MUSIC',
  tv_special: 'SPECIAL',
};

/** "24 min. per ep." → 24, "1 hr. 55 min." → 115, "Unknown" → null. */
export function durationMinutes(s: string | undefined): number | null {
  if (!s) return null;
  const h = /(\d+)\s*hr/.exec(s);
  const m = /(\d+)\s*min/.exec(s);
  const sec = /(\d+)\s*sec/.exec(s);
  if (!h && !m && !sec) return null;
  const total = (h ? Number(h[1]) * 60 : 0) + (m ? Number(m[1]) : 0) + (sec && !h && !m ? 1 : 0);
  return total || null;
}

function yearOf(...texts: Array<string | undefined>): number | null {
  for (const t of texts) {
    const y = /(19[0-9]{2}|20[0-9]{2})/.exec(t ?? '');
    if (y) return Number(y[1]);
  }
  return null;
}

export function loadRecsData(dir: string): RecsData {
  const cat = readCsv(join(dir, 'catalog/mal-2023-anime.csv'));
  const details = new Map<number, Row>();
  for (const r of readCsv(join(dir, 'catalog/mal-2023-details.csv'))) {
    const id = num(r.mal_id_by_name_join);
    if (id !== null && !details.has(id)) details.set(id, r);
  }
  const api = new Map<number, Row>();
  for (const r of readCsv(join(dir, 'catalog/mal-api-2024-top5000.csv'))) {
    const id = num(r.id);
    if (id !== null) api.set(id, r);
  }
  const nodes = new Map<number, number>();
  for (const r of readCsv(join(dir, 'edges/mal-recommendations-2022-nodes.csv'))) {
    const id = num(r.id);
    if (id !== null) nodes.set(id, num(r.num_list_users) ?? 0);
  }
  const links = new Map<number, Map<number, number>>();
  const addLink = (a: number, b: number, n: number): void => {
    const m = links.get(a) ?? new Map<number, number>();
    m.set(b, (m.get(b) ?? 0) + n);
    links.set(a, m);
  };
  for (const r of readCsv(join(dir, 'edges/mal-recommendations-2022.csv'))) {
    const a = num(r.source_id),
      b = num(r.target_id),
      n = num(r.number);
    if (a === null || b === null || n === null || a === b) continue;
    addLink(a, b, n);
    addLink(b, a, n);
  }

  const catalogue: number[] = [];
  const names = new Map<number, string>();
  for (const r of cat) {
    const id = num(r.anime_id);
    if (id === null || names.has(id)) continue;
    catalogue.push(id);
    names.set(id, r.Name ?? '');
  }
  const inCatalogue = new Set(catalogue);
  // Relations: the 2024 list's related ids, made symmetric (a provider shows the link from both sides). Their type
  // is not in the data: they are given as OTHER.
  const related = new Map<number, Set<number>>();
  const relate = (a: number, b: number): void => {
    if (a === b) return;
    const s = related.get(a) ?? new Set<number>();
    s.add(b);
    related.set(a, s);
  };
  for (const [id, r] of api) {
    for (const x of (r.related ?? '').split(/\s+/)) {
      const o = num(x);
      if (o !== null && inCatalogue.has(o) && inCatalogue.has(id)) {
        relate(id, o);
        relate(o, id);
      }
    }
  }
  const members = new Map<number, number>();
  for (const id of catalogue) members.set(id, Math.max(num(details.get(id)?.Members) ?? 0, nodes.get(id) ?? 0));

  const link = (to: number, relationType: string | null, rating: number): AnimeLink => ({
    relationType,
    malId: to,
    anilistId: null,
    format: null,
    title: names.get(to) ?? '',
    rating,
  });
  const records = new Map<number, AnimeRecord>();
  for (const r of cat) {
    const id = num(r.anime_id);
    if (id === null || records.has(id)) continue;
    const d = details.get(id);
    const a = api.get(id);
    const genres = new Set<string>();
    const tags = new Set<string>();
    for (const g of [
      ...list(r.Genres),
      ...list(d?.Genres),
      ...[1, 2, 3, 4, 5].flatMap((i) => list(a?.[`genre${i}`])),
    ]) {
      (MAL_GENRES.has(g) ? genres : tags).add(g);
    }
    const type = (d?.Type ?? a?.media_type ?? '').toLowerCase().replace(/\s+/g, '_');
    const score = num(r.Score) ?? num(d?.Score) ?? num(a?.mean);
    const recs = [...(links.get(id) ?? new Map<number, number>())]
      .filter(([to]) => inCatalogue.has(to))
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, LINKS_PER_TITLE)
      .map(([to, n]) => link(to, null, n));
    records.set(id, {
      malId: id,
      anilistId: null,
      titles: { romaji: names.get(id) || null, english: null, native: null, synonyms: [] },
      format: FORMATS[type] ?? null,
      episodes: num(r.Episodes) ?? num(d?.Episodes) ?? num(a?.num_episodes),
      minutesPerEpisode: durationMinutes(d?.Duration),
      season: null,
      year: yearOf(a?.start_date, d?.Premiered, d?.Aired),
      status: null,
      genres: [...genres],
      tags: [...tags].map((name) => ({ name, rank: null })),
      studios: list(d?.Studios),
      communityScore: score === null ? null : Math.round(score * 10),
      scoreSource: 'mal',
      popularity: members.get(id) || null,
      relations: [...(related.get(id) ?? [])].sort((x, y) => x - y).map((to) => link(to, 'OTHER', 0)),
      recommendations: recs,
      streaming: [],
    });
  }
  return { dir, catalogue, records, members, links };
}

/** One person's list as the users CSV has it: plan-to-watch rows are intentions, not history. */
export interface UserRows {
  userId: string;
  entries: PersonEntry[];
  plan: number[];
}

const STATUSES: ReadonlySet<string> = new Set(['watching', 'completed', 'on_hold', 'dropped']);

/** `user_id,anime_id,rating[,status[,episodes]]`: rating −1 or 0 = watched, not rated. Users in first-seen order. */
export function loadUsers(path: string): UserRows[] {
  const rows = readCsv(path);
  if (rows.length && !('user_id' in rows[0]! && 'anime_id' in rows[0]! && 'rating' in rows[0]!)) {
    throw new Error(`${path}: the header must start user_id,anime_id,rating (optionally status, episodes).`);
  }
  const byUser = new Map<string, UserRows>();
  const seen = new Map<string, Set<number>>();
  for (const r of rows) {
    const uid = (r.user_id ?? '').trim();
    const aid = num(r.anime_id);
    if (!uid || aid === null) continue;
    const u = byUser.get(uid) ?? { userId: uid, entries: [], plan: [] };
    byUser.set(uid, u);
    const status = (r.status ?? '').trim().toLowerCase();
    if (status === 'plan_to_watch') {
      u.plan.push(aid);
      continue;
    }
    const s = seen.get(uid) ?? new Set<number>();
    seen.set(uid, s);
    if (s.has(aid)) continue;
    s.add(aid);
    const rating = num(r.rating);
    u.entries.push({
      malId: aid,
      title: '',
      rating: rating !== null && rating >= 1 && rating <= 10 ? rating : null,
      status: STATUSES.has(status) ? (status as PersonStatus) : null,
      rewatches: 0,
      binged: false,
    });
  }
  return [...byUser.values()];
}

/** The users files of a data dir, sorted by name. */
export function usersFiles(dir: string): string[] {
  const d = join(dir, 'users');
  if (!existsSync(d))
    throw new Error(`${d} is missing: --data must point at a folder with catalog/, edges/ and users/.`);
  return readdirSync(d)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(d, f));
}
