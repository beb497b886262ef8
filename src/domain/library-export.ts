/** The library as CSV (RFC 4180) and JSON, one row per title, for spreadsheets and scripts. Pure. */

import { titleLength, type Filterable } from './filters.ts';
import type { LengthBucket } from './length.ts';
import type { MediaType } from './types.ts';

/** What an export row needs of a library title (a LibraryEntry has all of it). */
export interface ExportableTitle extends Filterable {
  titleKey: string;
  title: string;
  year: number | null;
  sources: readonly string[];
  malId: number | null;
  traktId: number | null;
  /** The library's rating: MAL's score when MAL has one, else Trakt's. */
  userRating: number | null;
  ratings: { trakt: number | null; mal: number | null };
  malStatus: string | null;
  episodesWatched: number | null;
  totalPlays: number | null;
  firstWatchedAt: string | null;
  lastWatchedAt: string | null;
  matchStatus: string;
}

/** One exported title; the keys are the CSV header, in this order. */
export interface LibraryExportRow {
  title: string;
  year: number | null;
  kind: MediaType;
  sources: string[];
  mal_id: number | null;
  trakt_id: number | null;
  rating: number | null;
  trakt_rating: number | null;
  mal_score: number | null;
  mal_status: string | null;
  episodes_watched: number | null;
  total_episodes: number | null;
  plays: number | null;
  first_watched: string | null;
  last_watched: string | null;
  length: LengthBucket | null;
  genres: string[];
  moods: string[];
  match: string;
}

const COLUMNS: ReadonlyArray<keyof LibraryExportRow> = [
  'title',
  'year',
  'kind',
  'sources',
  'mal_id',
  'trakt_id',
  'rating',
  'trakt_rating',
  'mal_score',
  'mal_status',
  'episodes_watched',
  'total_episodes',
  'plays',
  'first_watched',
  'last_watched',
  'length',
  'genres',
  'moods',
  'match',
];

/** Rows in a stable order: by title (ignoring case), then year, then the gold key. */
export function libraryExportRows(titles: readonly ExportableTitle[]): LibraryExportRow[] {
  return [...titles].sort(byTitle).map((t) => ({
    title: t.title,
    year: t.year,
    kind: t.mediaType,
    sources: [...t.sources],
    mal_id: t.malId,
    trakt_id: t.traktId,
    rating: t.userRating,
    trakt_rating: t.ratings.trakt,
    mal_score: t.ratings.mal,
    mal_status: t.malStatus,
    episodes_watched: t.episodesWatched,
    total_episodes: t.totalEpisodes,
    plays: t.totalPlays,
    first_watched: t.firstWatchedAt,
    last_watched: t.lastWatchedAt,
    length: titleLength(t),
    genres: [...t.genres],
    moods: [...t.moods],
    match: t.matchStatus,
  }));
}

function byTitle(a: ExportableTitle, b: ExportableTitle): number {
  return (
    cmp(a.title.toLowerCase(), b.title.toLowerCase()) ||
    cmp(a.title, b.title) ||
    (a.year ?? 0) - (b.year ?? 0) ||
    cmp(a.titleKey, b.titleKey)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The library as a JSON array of LibraryExportRow, two-space indented, with a final newline. */
export function libraryJson(titles: readonly ExportableTitle[]): string {
  return JSON.stringify(libraryExportRows(titles), null, 2) + '\n';
}

/**
 * The library as CSV: a header row, CRLF line ends, UTF-8 (no byte-order mark); lists (sources, genres, moods)
 * joined with `; `; null is an empty cell. A cell is quoted when it holds a comma, a quote, CR or LF, with quotes
 * doubled. Titles come from other people's data, so a cell that a spreadsheet would run as a formula (starting
 * with = + - @, tab or CR) gets a leading apostrophe.
 */
export function libraryCsv(titles: readonly ExportableTitle[]): string {
  const rows = libraryExportRows(titles).map((r) => COLUMNS.map((c) => csvCell(cellText(r[c]))).join(','));
  return [COLUMNS.join(','), ...rows].map((line) => line + '\r\n').join('');
}

function cellText(v: string | number | null | readonly string[]): string {
  if (v === null) return '';
  if (Array.isArray(v)) return v.join('; ');
  return String(v);
}

/** One CSV field: formula-guarded, then quoted when RFC 4180 requires it. */
export function csvCell(text: string): string {
  const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
