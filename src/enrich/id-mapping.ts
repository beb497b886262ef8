/*
 * The community id mapping (`anime-list-full.json`, kept up by its maintainer from AniDB, TVDB, TMDb and IMDb):
 * one entry per AniDB anime with its MyAnimeList and AniList ids and where it sits on TVDB and TMDb (the show, the
 * season, the episode the entry starts after). Several entries share one TVDB show: they are told apart by
 * `season` (0 = specials) and `episode_offset`. This file reads that layout into a compact index and answers the
 * questions enrichment asks of it; it does no I/O (see mapping-store.ts).
 */

import type { SeasonPart } from '../domain/season-parts.ts';

/** One mapping entry, reduced to what anidex uses. */
export interface MappingEntry {
  /** null: an anime AniDB knows and MyAnimeList does not (its ids still say "this is anime"). */
  malId: number | null;
  anilistId: number | null;
  tvdbId: number | null;
  tmdbTv: number | null;
  tmdbMovies: number[];
  imdbIds: string[];
  /** The TVDB / TMDb season the entry belongs to; null = not given (the whole show, absolute numbering). */
  tvdbSeason: number | null;
  tmdbSeason: number | null;
  /** Episodes of that season before the entry starts (0 when not given). */
  tvdbOffset: number;
  tmdbOffset: number;
}

/** The index file's layout version: an index of another version is rebuilt from the downloaded file. */
export const INDEX_VERSION = 1;

type Row = [
  number | 0,
  number | 0,
  number | 0,
  number | 0,
  number[] | 0,
  string[] | 0,
  number | null,
  number | null,
  number,
  number,
];

const int = (x: unknown): number | null =>
  typeof x === 'number' && Number.isSafeInteger(x) && x > 0
    ? x
    : typeof x === 'string' && /^\d{1,15}$/.test(x) && Number(x) > 0
      ? Number(x)
      : null;
const season = (x: unknown): number | null => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : null);
const offset = (x: unknown): number => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : 0);
const imdb = (x: unknown): string | null => (typeof x === 'string' && /^tt\d{5,12}$/.test(x) ? x : null);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * One entry of the published file, read defensively: any field may be missing, and older copies of the file spell
 * some fields differently (`thetvdb_id`, a bare `themoviedb_id` number with `type`, a single `imdb_id` string), so
 * both spellings are read. Null when the entry links no id anidex can use.
 */
export function readMappingEntry(raw: unknown): MappingEntry | null {
  if (!isObject(raw)) return null;
  const tmdb = raw.themoviedb_id;
  let tmdbTv: number | null = null;
  let tmdbMovies: number[] = [];
  if (isObject(tmdb)) {
    tmdbTv = int(tmdb.tv);
    const movies = Array.isArray(tmdb.movie) ? tmdb.movie : tmdb.movie !== undefined ? [tmdb.movie] : [];
    tmdbMovies = movies.map(int).filter((x): x is number => x !== null);
  } else if (int(tmdb) !== null) {
    if (String(raw.type ?? '').toUpperCase() === 'MOVIE') tmdbMovies = [int(tmdb)!];
    else tmdbTv = int(tmdb);
  }
  const imdbRaw = Array.isArray(raw.imdb_id) ? raw.imdb_id : raw.imdb_id !== undefined ? [raw.imdb_id] : [];
  const s = isObject(raw.season) ? raw.season : {};
  const o = isObject(raw.episode_offset) ? raw.episode_offset : {};
  const e: MappingEntry = {
    malId: int(raw.mal_id),
    anilistId: int(raw.anilist_id),
    tvdbId: int(raw.tvdb_id ?? raw.thetvdb_id),
    tmdbTv,
    tmdbMovies,
    imdbIds: imdbRaw.map(imdb).filter((x): x is string => x !== null),
    tvdbSeason: season(s.tvdb),
    tmdbSeason: season(s.tmdb),
    tvdbOffset: offset(o.tvdb),
    tmdbOffset: offset(o.tmdb),
  };
  const linked = e.tvdbId !== null || e.tmdbTv !== null || e.tmdbMovies.length > 0 || e.imdbIds.length > 0;
  return linked ? e : null;
}

/** Every usable entry of the published file's parsed JSON (an array of entries); null when it is not one. */
export function readMappingFile(json: unknown): MappingEntry[] | null {
  if (!Array.isArray(json)) return null;
  const out: MappingEntry[] = [];
  for (const raw of json) {
    const e = readMappingEntry(raw);
    if (e) out.push(e);
  }
  return out;
}

/** Entries as compact rows (the index file keeps these). */
export function toRows(entries: readonly MappingEntry[]): Row[] {
  return entries.map((e) => [
    e.malId ?? 0,
    e.anilistId ?? 0,
    e.tvdbId ?? 0,
    e.tmdbTv ?? 0,
    e.tmdbMovies.length ? e.tmdbMovies : 0,
    e.imdbIds.length ? e.imdbIds : 0,
    e.tvdbSeason,
    e.tmdbSeason,
    e.tvdbOffset,
    e.tmdbOffset,
  ]);
}

/** Rows back into entries; null when the rows are not what toRows writes (a damaged index is rebuilt). */
export function fromRows(rows: unknown): MappingEntry[] | null {
  if (!Array.isArray(rows)) return null;
  const out: MappingEntry[] = [];
  const num = (x: unknown): number | null => (x === 0 ? null : int(x));
  for (const r of rows) {
    if (!Array.isArray(r) || r.length !== 10) return null;
    out.push({
      malId: num(r[0]),
      anilistId: num(r[1]),
      tvdbId: num(r[2]),
      tmdbTv: num(r[3]),
      tmdbMovies: Array.isArray(r[4]) ? r[4].map(int).filter((x): x is number => x !== null) : [],
      imdbIds: Array.isArray(r[5]) ? r[5].map(imdb).filter((x): x is string => x !== null) : [],
      tvdbSeason: season(r[6]),
      tmdbSeason: season(r[7]),
      tvdbOffset: offset(r[8]),
      tmdbOffset: offset(r[9]),
    });
  }
  return out;
}

/** The ids of a Trakt title that the mapping can be asked about. */
export interface ExternalIds {
  kind: 'show' | 'movie';
  tvdbId: number | null;
  tmdbId: number | null;
  imdbId: string | null;
}

export type IdVerdict =
  /** The mapping names the anime: one MAL entry for a film, one per season (or part of one) for a show. */
  | { kind: 'mapped'; via: 'tvdb' | 'tmdb' | 'imdb'; id: string; mainMalId: number; parts: SeasonPart[] }
  /** The ids are anime the mapping knows, but it names no MyAnimeList entry for them. */
  | { kind: 'anime-without-mal'; via: 'tvdb' | 'tmdb' | 'imdb'; id: string }
  /** The title carries ids the mapping would know, and the mapping does not have them. */
  | { kind: 'absent' }
  /** The title carries no id the mapping is keyed by. */
  | { kind: 'no-ids' };

/** The first regular season's first part; else the absolute entry; else the lowest season; else a special. */
function mainPart(parts: readonly SeasonPart[]): SeasonPart {
  const rank = (p: SeasonPart): number =>
    p.season === 1 ? 0 : p.season === null ? 1 : p.season > 0 ? 2 + p.season : 1e6;
  return [...parts].sort((a, b) => rank(a) - rank(b) || a.offset - b.offset || a.malId - b.malId)[0]!;
}

/** The parts of a show from the entries of one of its ids, by TVDB's or TMDb's numbering. */
function showParts(entries: readonly MappingEntry[], by: 'tvdb' | 'tmdb'): SeasonPart[] {
  const seen = new Set<string>();
  const parts: SeasonPart[] = [];
  for (const e of entries) {
    if (e.malId === null) continue;
    const p: SeasonPart =
      by === 'tvdb'
        ? { season: e.tvdbSeason, offset: e.tvdbOffset, malId: e.malId }
        : { season: e.tmdbSeason, offset: e.tmdbOffset, malId: e.malId };
    const key = `${p.season}:${p.offset}:${p.malId}`;
    if (!seen.has(key)) {
      seen.add(key);
      parts.push(p);
    }
  }
  return parts.sort((a, b) => (a.season ?? -1) - (b.season ?? -1) || a.offset - b.offset || a.malId - b.malId);
}

/** The loaded mapping with its look-ups. */
export class IdMapping {
  private readonly tvdb = new Map<number, MappingEntry[]>();
  private readonly tmdbTv = new Map<number, MappingEntry[]>();
  private readonly tmdbMovie = new Map<number, MappingEntry[]>();
  private readonly imdb = new Map<string, MappingEntry[]>();
  private readonly mal = new Map<number, MappingEntry[]>();

  constructor(
    readonly entries: readonly MappingEntry[],
    /** When the file was published (its Last-Modified), else when anidex fetched it; ISO-8601. */
    readonly datedAt: string,
  ) {
    const add = <K>(m: Map<K, MappingEntry[]>, k: K | null, e: MappingEntry): void => {
      if (k === null) return;
      const list = m.get(k);
      if (list) list.push(e);
      else m.set(k, [e]);
    };
    for (const e of entries) {
      add(this.tvdb, e.tvdbId, e);
      add(this.tmdbTv, e.tmdbTv, e);
      for (const id of e.tmdbMovies) add(this.tmdbMovie, id, e);
      for (const id of e.imdbIds) add(this.imdb, id, e);
      add(this.mal, e.malId, e);
    }
  }

  /**
   * When the mapping places this MAL entry on other shows or films than the Trakt title's ids: the TVDB or TMDb show
   * it names (for a show), or its TMDb or IMDb films (for a film), in words; null when it does not contradict them.
   * A title whose ids the mapping lacks, matched by name to an anime the mapping knows elsewhere, is another work (a
   * live-action remake, a namesake).
   */
  elsewhere(malId: number, ids: ExternalIds): string | null {
    const es = this.mal.get(malId) ?? [];
    if (ids.kind === 'show') {
      const tvdb = es.map((e) => e.tvdbId).find((x) => x !== null);
      if (ids.tvdbId !== null && tvdb !== undefined && tvdb !== ids.tvdbId) return `TVDB id ${tvdb}`;
      const tmdb = es.map((e) => e.tmdbTv).find((x) => x !== null);
      if (ids.tmdbId !== null && tmdb !== undefined && tmdb !== ids.tmdbId) return `TMDb id ${tmdb}`;
      return null;
    }
    const movies = es.flatMap((e) => e.tmdbMovies);
    if (ids.tmdbId !== null && movies.length && !movies.includes(ids.tmdbId)) return `TMDb id ${movies[0]}`;
    const imdbs = es.flatMap((e) => e.imdbIds);
    if (ids.imdbId !== null && imdbs.length && !imdbs.includes(ids.imdbId)) return `IMDb id ${imdbs[0]}`;
    return null;
  }

  /** Entries with a MyAnimeList id. */
  get malEntries(): number {
    return this.entries.filter((e) => e.malId !== null).length;
  }

  /**
   * What the mapping says of a Trakt title. A show is looked up by its TVDB id (Trakt numbers seasons like TVDB),
   * else its TMDb id; a film by its TMDb id, else its IMDb id.
   */
  lookup(ids: ExternalIds): IdVerdict {
    if (ids.kind === 'show') {
      const tries: Array<['tvdb' | 'tmdb', number | null, Map<number, MappingEntry[]>]> = [
        ['tvdb', ids.tvdbId, this.tvdb],
        ['tmdb', ids.tmdbId, this.tmdbTv],
      ];
      if (tries.every(([, id]) => id === null)) return { kind: 'no-ids' };
      for (const [via, id, index] of tries) {
        const found = id === null ? undefined : index.get(id);
        if (!found) continue;
        const parts = showParts(found, via);
        if (parts.length === 0) return { kind: 'anime-without-mal', via, id: String(id) };
        return { kind: 'mapped', via, id: String(id), mainMalId: mainPart(parts).malId, parts };
      }
      return { kind: 'absent' };
    }
    if (ids.tmdbId === null && ids.imdbId === null) return { kind: 'no-ids' };
    const tries: Array<['tmdb' | 'imdb', MappingEntry[] | undefined, string | null]> = [
      [
        'tmdb',
        ids.tmdbId === null ? undefined : this.tmdbMovie.get(ids.tmdbId),
        ids.tmdbId === null ? null : String(ids.tmdbId),
      ],
      ['imdb', ids.imdbId === null ? undefined : this.imdb.get(ids.imdbId), ids.imdbId],
    ];
    for (const [via, found, id] of tries) {
      if (!found || id === null) continue;
      // A film is one MAL entry; when the mapping links the id to several (a compilation), the lowest MAL id.
      const mal = found
        .map((e) => e.malId)
        .filter((x): x is number => x !== null)
        .sort((a, b) => a - b);
      if (mal.length === 0) return { kind: 'anime-without-mal', via, id };
      return { kind: 'mapped', via, id, mainMalId: mal[0]!, parts: [{ season: null, offset: 0, malId: mal[0]! }] };
    }
    return { kind: 'absent' };
  }
}
