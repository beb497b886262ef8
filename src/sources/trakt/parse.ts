/**
 * Parse single Trakt export records (already JSON.parsed) into typed values. Pure: no I/O, no clock.
 * Records are read by key, never by position, because one export mixes two serializations
 * (classic key order with `ids.tvrage`, and ids-first with `ids.plex`).
 */

import type {
  MediaType,
  RatingKind,
  RawRecord,
  SkippedRecord,
  TraktIds,
  TraktMedia,
  TraktPlay,
  TraktRating,
  TraktSection,
  TraktWatchedSummary,
  TraktWatchlistItem,
} from '../../domain/types.ts';

/** Where a record sits: the file name shown to users and its 0-based index in the top-level array. */
export interface RecordContext {
  file: string;
  index: number;
}

/** A parsed record with its bronze row, or the reason it was skipped. */
export type ParseResult<T> = { ok: true; raw: RawRecord; value: T } | { ok: false; skipped: SkippedRecord };

/** Trakt's stand-in for "we do not know when": read as null rather than as a 1970 watch. */
export const UNKNOWN_DATE = '1970-01-01T00:00:00.000Z';

type Json = Record<string, unknown>;

// Thrown inside a parser to abandon one record; caught in `run` and turned into a SkippedRecord.
class SkipRecord extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

function skip(field: string, reason: string): never {
  throw new SkipRecord(field, reason);
}

function run<T>(
  section: TraktSection,
  record: unknown,
  ctx: RecordContext,
  parse: (rec: Json) => { key: string; value: T },
): ParseResult<T> {
  if (!isObject(record)) {
    return { ok: false, skipped: { ...ctx, field: '(record)', reason: `is ${describeJson(record)}, not an object` } };
  }
  try {
    const { key, value } = parse(record);
    return { ok: true, raw: { section, ...ctx, key, json: JSON.stringify(record) }, value };
  } catch (err) {
    if (err instanceof SkipRecord) return { ok: false, skipped: { ...ctx, field: err.field, reason: err.reason } };
    // JSON.parse takes any depth, but JSON.stringify (the bronze row) recurses: a record nested thousands of
    // levels deep overflows the stack. No Trakt record is more than a few levels deep.
    if (err instanceof RangeError) {
      return { ok: false, skipped: { ...ctx, field: '(record)', reason: 'nests too deeply to be a Trakt record' } };
    }
    throw err;
  }
}

/** Parse one watched-history record into a play keyed by its Trakt history id. */
export function parseHistoryRecord(record: unknown, ctx: RecordContext): ParseResult<TraktPlay> {
  return run('history', record, ctx, (rec) => {
    const playId = requiredInt(rec, 'id', '');
    const type = oneOf(rec, 'type', '', ['episode', 'movie'] as const);
    const watchedAt = timestamp(rec, 'watched_at', '', true);
    const action = optionalString(rec, 'action', '') ?? 'unknown';
    if (type === 'movie') {
      const media = mediaObject(rec, 'movie', 'movie');
      const value: TraktPlay = { playId, watchedAt, action, media, season: null, episode: null, episodeTraktId: null };
      return { key: String(playId), value };
    }
    const media = mediaObject(rec, 'show', 'show');
    const ep = requiredObject(rec, 'episode', '');
    const value: TraktPlay = {
      playId,
      watchedAt,
      action,
      media,
      season: requiredInt(ep, 'season', 'episode.'),
      episode: requiredInt(ep, 'number', 'episode.'),
      episodeTraktId: subObjectTraktId(ep, 'episode.'),
    };
    return { key: String(playId), value };
  });
}

/** Parse one ratings-*.json record; the key is `type:<trakt id of the rated object>`. */
export function parseRatingRecord(record: unknown, ctx: RecordContext): ParseResult<TraktRating> {
  return run('ratings', record, ctx, (rec) => {
    const kind = oneOf(rec, 'type', '', ['movie', 'show', 'season', 'episode'] as const);
    const rating = requiredInt(rec, 'rating', '');
    if (rating < 1 || rating > 10) skip('rating', `is ${rating}, outside 1–10`);
    const ratedAt = timestamp(rec, 'rated_at', '', false);
    const target = ratedTarget(rec, kind);
    const value: TraktRating = { kind, rating, ratedAt, ...target };
    return { key: objectKey(kind, target.objectTraktId, target.media, target.season, target.episode), value };
  });
}

/** Parse one lists-watchlist.json item; the key is the list item id (`rank` may repeat, so it is no key). */
export function parseWatchlistRecord(record: unknown, ctx: RecordContext): ParseResult<TraktWatchlistItem> {
  return run('watchlist', record, ctx, (rec) => {
    const listItemId = requiredInt(rec, 'id', '');
    const kind = oneOf(rec, 'type', '', ['movie', 'show', 'season', 'episode'] as const);
    const value: TraktWatchlistItem = {
      listItemId,
      rank: optionalInt(rec, 'rank', ''),
      listedAt: timestamp(rec, 'listed_at', '', false),
      notes: optionalString(rec, 'notes', ''),
      kind,
      media: kind === 'movie' ? mediaObject(rec, 'movie', 'movie') : mediaObject(rec, 'show', 'show'),
    };
    return { key: String(listItemId), value };
  });
}

/** Parse one watched-shows.json / watched-movies.json record (no `type` field: the media key tells which). */
export function parseWatchedRecord(record: unknown, ctx: RecordContext): ParseResult<TraktWatchedSummary> {
  return run('watched', record, ctx, (rec) => {
    const mediaType: MediaType = 'show' in rec ? 'show' : 'movie' in rec ? 'movie' : skip('show|movie', 'is missing');
    const media = mediaObject(rec, mediaType, mediaType);
    const value: TraktWatchedSummary = {
      media,
      plays: requiredInt(rec, 'plays', ''),
      lastWatchedAt: timestamp(rec, 'last_watched_at', '', false),
    };
    return { key: objectKey(mediaType, media.ids.trakt, media, null, null), value };
  });
}

/**
 * Normalize a Trakt timestamp to `YYYY-MM-DDTHH:MM:SS.sssZ`; null for the "unknown" epoch; undefined when the
 * text is not that shape or not a real calendar instant (Trakt's own docs show `2014-02-31`).
 */
export function normalizeTraktTimestamp(text: string): string | null | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?Z$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = m[7] ?? '000';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${ms}Z`;
  return iso === UNKNOWN_DATE ? null : iso;
}

function daysInMonth(year: number, month: number): number {
  // Not Date.UTC: it reads years 0–99 as 1900–1999, and 1900 has no Feb 29 where year 0 has one.
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

function ratedTarget(rec: Json, kind: RatingKind): Pick<TraktRating, 'media' | 'season' | 'episode' | 'objectTraktId'> {
  if (kind === 'movie' || kind === 'show') {
    const media = mediaObject(rec, kind, kind);
    return { media, season: null, episode: null, objectTraktId: media.ids.trakt };
  }
  const media = mediaObject(rec, 'show', 'show');
  if (kind === 'season') {
    const season = requiredObject(rec, 'season', '');
    return {
      media,
      season: requiredInt(season, 'number', 'season.'),
      episode: null,
      objectTraktId: subObjectTraktId(season, 'season.'),
    };
  }
  const ep = requiredObject(rec, 'episode', '');
  return {
    media,
    season: requiredInt(ep, 'season', 'episode.'),
    episode: requiredInt(ep, 'number', 'episode.'),
    objectTraktId: subObjectTraktId(ep, 'episode.'),
  };
}

// With a Trakt id the key is stable across renames; without one, fall back to what the warehouse keys by: the title.
function objectKey(
  type: string,
  traktId: number | null,
  media: TraktMedia,
  season: number | null,
  episode: number | null,
): string {
  if (traktId !== null) return `${type}:${traktId}`;
  const parts = [`${type}:title:${media.title}`, media.year === null ? '' : `(${media.year})`];
  if (season !== null) parts.push(`s${season}`);
  if (episode !== null) parts.push(`e${episode}`);
  return parts.filter((p) => p !== '').join(':');
}

function mediaObject(rec: Json, key: string, mediaType: MediaType): TraktMedia {
  const obj = requiredObject(rec, key, '');
  const path = `${key}.`;
  const title = obj['title'];
  if (typeof title !== 'string' || title.length === 0) {
    skip(`${path}title`, title === undefined ? 'is missing' : `is ${describeJson(title)}, not a non-empty string`);
  }
  return {
    mediaType,
    title,
    year: optionalInt(obj, 'year', path),
    ids: traktIds(requiredObject(obj, 'ids', path), `${path}ids.`),
    airedEpisodes: optionalInt(obj, 'aired_episodes', path),
  };
}

function traktIds(ids: Json, path: string): TraktIds {
  return {
    trakt: optionalInt(ids, 'trakt', path),
    slug: optionalString(ids, 'slug', path),
    imdb: optionalString(ids, 'imdb', path),
    tmdb: optionalInt(ids, 'tmdb', path),
    tvdb: optionalInt(ids, 'tvdb', path),
  };
}

// Season and episode objects: their ids are optional (season ids carry neither imdb nor slug), only trakt is used.
function subObjectTraktId(obj: Json, path: string): number | null {
  const ids = obj['ids'];
  if (ids === undefined || ids === null) return null;
  if (!isObject(ids)) skip(`${path}ids`, `is ${describeJson(ids)}, not an object`);
  return optionalInt(ids, 'trakt', `${path}ids.`);
}

function requiredObject(obj: Json, key: string, path: string): Json {
  const v = obj[key];
  if (v === undefined) skip(path + key, 'is missing');
  if (!isObject(v)) skip(path + key, `is ${describeJson(v)}, not an object`);
  return v;
}

function requiredInt(obj: Json, key: string, path: string): number {
  const v = optionalInt(obj, key, path);
  if (v === null) skip(path + key, obj[key] === undefined ? 'is missing' : 'is null');
  return v;
}

// Counts, ids, seasons and years are non-negative integers; ids beyond 32 bits (play ids ~1.3e10) are fine.
function optionalInt(obj: Json, key: string, path: string): number | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    // 1e400 parses as Infinity, and 2^53+1 as 2^53: say so rather than print a number the file does not hold.
    if (typeof v === 'number' && !Number.isFinite(v))
      skip(path + key, `is a number too large to hold (it reads as ${v})`);
    if (typeof v === 'number' && v > Number.MAX_SAFE_INTEGER) {
      skip(path + key, `is over ${Number.MAX_SAFE_INTEGER} (2^53 − 1), too large to read exactly`);
    }
    skip(path + key, `is ${describeJson(v)}, not a non-negative integer`);
  }
  return v;
}

function optionalString(obj: Json, key: string, path: string): string | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') skip(path + key, `is ${describeJson(v)}, not a string`);
  return v;
}

function oneOf<const T extends string>(obj: Json, key: string, path: string, allowed: readonly T[]): T {
  const v = obj[key];
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  return skip(
    path + key,
    `${v === undefined ? 'is missing' : `is ${describeJson(v)}`}, expected ${allowed.join(' or ')}`,
  );
}

function timestamp(obj: Json, key: string, path: string, required: boolean): string | null {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (required) skip(path + key, v === undefined ? 'is missing' : 'is null');
    return null;
  }
  if (typeof v !== 'string') skip(path + key, `is ${describeJson(v)}, not a timestamp string`);
  const iso = normalizeTraktTimestamp(v);
  if (iso === undefined) skip(path + key, `is "${v}", not a real UTC date-time of the form YYYY-MM-DDTHH:MM:SS.sssZ`);
  return iso;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Describe a JSON value for an error message: its kind, and short scalars verbatim. */
export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.length > 40 ? `the string "${v.slice(0, 40)}…"` : `the string "${v}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : `${v}`;
  if (typeof v === 'boolean') return `${v}`;
  return typeof v;
}
