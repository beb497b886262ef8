/**
 * MyAnimeList's anime list XML ("Version 1.1.0"), written as MAL's own export writes it, so MyAnimeList's and
 * AniList's importers take it; and the MAL status a Trakt-only title gets from its viewing history. Pure.
 */

import type { AniListEntry } from './anilist-list.ts';
import { type MalEntry, type MalPriority, type MalStatus } from './mal.ts';
import type { MediaType } from './types.ts';

/** Who the list belongs to, for `<myinfo>`; MAL's importers read only the entries. */
export interface MalXmlInfo {
  userName: string | null;
  /** MAL's numeric user id when known; 0 otherwise (anidex never learns it from a Trakt history). */
  userId?: number | null;
}

const TOTAL_ELEMENTS: ReadonlyArray<[MalStatus, string]> = [
  ['Watching', 'user_total_watching'],
  ['Completed', 'user_total_completed'],
  ['On-Hold', 'user_total_onhold'],
  ['Dropped', 'user_total_dropped'],
  ['Plan to Watch', 'user_total_plantowatch'],
];

const PRIORITY_TEXT: Readonly<Record<MalPriority, string>> = { Low: 'LOW', Medium: 'MEDIUM', High: 'HIGH' };

/**
 * The list as a MAL export file: the same comment, indentation and 23 elements per `<anime>` in MAL's order, with
 * `<myinfo>` totals counted from `entries` (written in the order given). Choices where MAL's file has no rule:
 * - `update_on_import` is 1, so MAL's and AniList's importers overwrite entries the account already has
 *   (MAL's own exports say 0, which makes a re-import skip them);
 * - no date is `0000-00-00`; no score, and unknown episode counts, are `0`; no priority is `LOW`, MAL's default;
 * - titles, comments and tags are CDATA (a `]]>` inside is split across two sections); other text is escaped;
 * - control characters other than tab and newline are removed, CR and CRLF become LF: XML 1.0 forbids most of
 *   them, and a stray one would make the whole file unreadable to the importer;
 * - the fields MAL fills with constants for every export (`my_id` 0, `my_storage_value` 0.00, `my_discuss` 1,
 *   `my_sns` default, empty `my_rated`/`my_storage`/`my_rewatch_value`) are written the same way.
 */
export function toMalXml(entries: readonly MalEntry[], info: MalXmlInfo): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '\t\t<!--',
    '\t\t Created by XML Export feature at MyAnimeList.net',
    '\t\t Version 1.1.0',
    '\t\t-->',
    '\t\t',
    '\t\t<myanimelist>',
    '\t\t',
    '\t\t\t<myinfo>',
    element(4, 'user_id', String(info.userId ?? 0)),
    element(4, 'user_name', escapeText(info.userName ?? '')),
    element(4, 'user_export_type', '1'),
    element(4, 'user_total_anime', String(entries.length)),
    ...TOTAL_ELEMENTS.map(([status, name]) =>
      element(4, name, String(entries.filter((e) => e.status === status).length)),
    ),
    '\t\t\t</myinfo>',
    '\t\t',
    '\t\t',
  ];
  for (const e of entries) lines.push(...animeLines(e), '\t\t\t');
  // MAL ends its file with the indentation of a next line and no newline; copied so the bytes match its exports.
  lines.push('\t\t\t</myanimelist>', '\t\t\t');
  return lines.join('\n');
}

function animeLines(e: MalEntry): string[] {
  const fields: Array<[string, string]> = [
    ['series_animedb_id', String(e.malId)],
    ['series_title', cdata(e.title)],
    ['series_type', escapeText(e.seriesType ?? '')],
    ['series_episodes', String(e.seriesEpisodes ?? 0)],
    ['my_id', '0'],
    ['my_watched_episodes', String(e.watchedEpisodes)],
    ['my_start_date', escapeText(e.startDate ?? NO_DATE)],
    ['my_finish_date', escapeText(e.finishDate ?? NO_DATE)],
    ['my_rated', ''],
    ['my_score', String(e.score ?? 0)],
    ['my_storage', ''],
    ['my_storage_value', '0.00'],
    ['my_status', escapeText(e.status)],
    ['my_comments', cdata(e.comments)],
    ['my_times_watched', String(e.timesWatched)],
    ['my_rewatch_value', ''],
    ['my_priority', PRIORITY_TEXT[e.priority ?? 'Low']],
    ['my_tags', cdata(e.tags)],
    ['my_rewatching', e.rewatching ? '1' : '0'],
    ['my_rewatching_ep', '0'],
    ['my_discuss', '1'],
    ['my_sns', 'default'],
    ['update_on_import', '1'],
  ];
  return ['\t\t\t\t<anime>', ...fields.map(([name, value]) => element(5, name, value)), '\t\t\t\t</anime>'];
}

/** MAL's "no date". */
export const NO_DATE = '0000-00-00';

function element(depth: number, name: string, inner: string): string {
  return `${'\t'.repeat(depth)}<${name}>${inner}</${name}>`;
}

/**
 * Text XML 1.0 can carry, with LF line ends: C0 and C1 controls and DEL removed (tab and newline kept), CR and
 * CRLF made LF, and the non-characters U+FFFE/U+FFFF and unpaired surrogates dropped.
 */
export function xmlSafeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

function escapeText(s: string): string {
  return xmlSafeText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A CDATA section cannot hold `]]>`: end the section after `]]` and start a new one before `>`. */
function cdata(s: string): string {
  return `<![CDATA[${xmlSafeText(s).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

// ---------- a Trakt title as a MAL entry ----------

/** What traktStatus needs of a Trakt title (a library row with its dim_anime episode count). */
export interface TraktHistory {
  mediaType: MediaType;
  /** Distinct episodes watched, across every season Trakt counts. */
  episodesWatched: number | null;
  /** Trakt's aired episodes of the whole show (all seasons). */
  totalEpisodes: number | null;
  totalPlays: number | null;
  firstWatchedAt: string | null;
  lastWatchedAt: string | null;
  /** Trakt's 1–10 rating. */
  userRating: number | null;
  /** Episodes of the MAL entry the title is matched to (dim_anime), when known. */
  animeEpisodes: number | null;
}

export interface TraktStatusContext {
  /** The newest play in the Trakt export: "recent" is measured from it, not from today, so an old export reads the same. */
  newestPlayAt: string | null;
  /** The title meets anidex's dropped heuristic (droppedMalIds: under half of 4+ episodes, untouched for a year). */
  dropped: boolean;
}

/** How long after the newest play a title still counts as being watched. */
export const WATCHING_WINDOW_DAYS = 180;

export type TraktMalFields = Pick<
  MalEntry,
  'status' | 'watchedEpisodes' | 'startDate' | 'finishDate' | 'score' | 'timesWatched'
>;

/**
 * The MAL list fields of a Trakt-only title, from its history. The first rule that applies:
 * 1. a film with at least one play is Completed;
 * 2. a show with every episode watched is Completed: every episode of the MAL entry when dim_anime knows its count
 *    (a Trakt show spanning seasons completes its first MAL entry), else all of Trakt's aired episodes;
 * 3. the dropped heuristic makes it Dropped;
 * 4. a last play within WATCHING_WINDOW_DAYS (180) of the export's newest play makes it Watching;
 * 5. anything else (including a title rated but never played) is On-Hold.
 * Start date = the first watched date, finish date = the last watched date only when Completed (UTC dates);
 * episodes watched are capped at the MAL entry's count (a Completed film counts all of them, 1 when unknown);
 * score = the Trakt rating, 0 (none) when unrated; times watched 0, since Trakt's plays do not say which were rewatches.
 */
export function traktStatus(row: TraktHistory, ctx: TraktStatusContext): TraktMalFields {
  const watched = Math.max(0, row.episodesWatched ?? 0);
  const cap = row.animeEpisodes !== null && row.animeEpisodes > 0 ? row.animeEpisodes : null;
  const target = cap ?? (row.totalEpisodes !== null && row.totalEpisodes > 0 ? row.totalEpisodes : null);
  let status: MalStatus;
  let episodes = cap === null ? watched : Math.min(watched, cap);
  if (row.mediaType === 'movie' && (row.totalPlays ?? 0) > 0) {
    status = 'Completed';
    episodes = cap ?? 1;
  } else if (row.mediaType === 'show' && target !== null && watched >= target) {
    status = 'Completed';
  } else if (ctx.dropped) {
    status = 'Dropped';
  } else if (recent(row.lastWatchedAt, ctx.newestPlayAt)) {
    status = 'Watching';
  } else {
    status = 'On-Hold';
  }
  return {
    status,
    watchedEpisodes: episodes,
    startDate: dateOf(row.firstWatchedAt),
    finishDate: status === 'Completed' ? dateOf(row.lastWatchedAt) : null,
    score: malScore(row.userRating),
    timesWatched: 0,
  };
}

function recent(last: string | null, newest: string | null): boolean {
  if (last === null || newest === null) return false;
  const gap = Date.parse(newest) - Date.parse(last);
  return Number.isFinite(gap) && gap <= WATCHING_WINDOW_DAYS * 86_400_000;
}

/** `2024-02-27T20:57:52.000Z` → `2024-02-27` (the UTC date); null when there is no usable date. */
function dateOf(iso: string | null): string | null {
  return iso !== null && /^\d{4}-\d{2}-\d{2}/.test(iso) && !iso.startsWith('0000') ? iso.slice(0, 10) : null;
}

function malScore(rating: number | null): number | null {
  if (rating === null || !Number.isFinite(rating)) return null;
  const n = Math.round(rating);
  return n >= 1 && n <= 10 ? n : null;
}

const SERIES_TYPES: Readonly<Record<string, string>> = {
  TV: 'TV',
  TV_SHORT: 'TV',
  MOVIE: 'Movie',
  SPECIAL: 'Special',
  OVA: 'OVA',
  ONA: 'ONA',
  MUSIC: 'Music',
};

/** MAL's `series_type` for a provider format (AniList's TV_SHORT is TV on MAL); null when unknown. */
export function malSeriesType(format: string | null): string | null {
  return format === null ? null : (SERIES_TYPES[format] ?? null);
}

/**
 * An entry of the person's AniList list as MyAnimeList holds it: AniList's own word on status, progress, score
 * (already 1–10), rewatches, dates and notes; null for an entry AniList links to no MAL id (MAL's importers key
 * entries by id). AniList's partial dates keep their unknown parts as MAL writes them (`2019-05` → `2019-05-00`).
 */
export function malEntryFromAniList(e: AniListEntry, romaji: string | null): MalEntry | null {
  if (e.malId === null) return null;
  return {
    malId: e.malId,
    title: romaji ?? e.title,
    seriesType: malSeriesType(e.format),
    seriesEpisodes: e.episodes,
    watchedEpisodes: e.progress,
    startDate: malDateOf(e.startedAt),
    finishDate: malDateOf(e.completedAt),
    score: e.score,
    status: e.status,
    timesWatched: e.repeat,
    rewatching: false,
    priority: null,
    tags: '',
    comments: e.notes,
  };
}

function malDateOf(fuzzy: string | null): string | null {
  if (fuzzy === null || !/^\d{4}(-\d{2}){0,2}$/.test(fuzzy)) return null;
  return `${fuzzy}-00-00`.slice(0, 10);
}
