/**
 * Turn one parsed `<anime>` element (element name → text) into a MalEntry, and `<myinfo>` into declared totals.
 * Pure: no I/O. Fields are read by element name, never by position, so both schema generations (1.1.0 with
 * `my_priority`/`my_discuss`/`my_sns`, and the older one with `my_dvd`) and entries missing optional elements work.
 */

import {
  MAL_STATUSES,
  type MalDeclaredTotals,
  type MalEntry,
  type MalPriority,
  type MalStatus,
} from '../../domain/mal.ts';
import type { RawRecord, SkippedRecord } from '../../domain/types.ts';
import { detached, type XmlRecord } from './xml.ts';

/** Where an entry sits: the export's file name and the entry's 0-based index among the `<anime>` elements. */
export interface EntryContext {
  file: string;
  index: number;
}

/** A parsed entry with its bronze row, or the reason it was skipped. */
export type EntryResult = { ok: true; raw: RawRecord; value: MalEntry } | { ok: false; skipped: SkippedRecord };

type Fields = Record<string, unknown>;
/** An entry's element by name: its text, a list when repeated, an object when it holds elements; undefined when absent. */
type FieldOf = (name: string) => unknown;

class SkipEntry extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

function skip(field: string, reason: string): never {
  throw new SkipEntry(field, reason);
}

/** Parse one `<anime>` element; the bronze key is its MAL id. */
export function parseMalEntry(element: unknown, ctx: EntryContext): EntryResult {
  if (!isObject(element) && element !== '') {
    return { ok: false, skipped: { ...ctx, field: '(entry)', reason: 'holds text instead of MAL fields' } };
  }
  // `<anime/>` parses as an empty string: an entry with no fields, skipped below for its missing id.
  const fields: Fields = isObject(element) ? element : {};
  return parsed(
    ctx,
    (name) => fields[name],
    () => JSON.stringify(fields),
  );
}

/**
 * Parse one streamed `<anime>`: the same result as parseMalEntry(record.value()), read straight from the field
 * texts when the entry is flat (as every entry MAL writes is), with no object built for it.
 */
export function parseMalRecord(record: XmlRecord, ctx: EntryContext): EntryResult {
  const layout = record.layout;
  if (layout === null) return parseMalEntry(record.value(), ctx);
  const { index } = layout;
  const texts = record.texts;
  return parsed(
    ctx,
    (name) => {
      const i = index.get(name);
      return i === undefined ? undefined : texts[i];
    },
    () => record.json(),
  );
}

function parsed(ctx: EntryContext, field: FieldOf, json: () => string): EntryResult {
  try {
    // The JSON first, from the texts as read (see STATUS_CODES).
    const bronze = json();
    const value = entryFrom(field);
    const raw: RawRecord = { section: 'mal', file: ctx.file, index: ctx.index, key: String(value.malId), json: bronze };
    return { ok: true, raw, value };
  } catch (err) {
    if (err instanceof SkipEntry) return { ok: false, skipped: { ...ctx, field: err.field, reason: err.reason } };
    throw err;
  }
}

function entryFrom(f: FieldOf): MalEntry {
  const malIdText = text(f, 'series_animedb_id');
  if (malIdText === undefined || malIdText === '') skip('series_animedb_id', 'is missing, so the entry has no MAL id');
  const malId = wholeNumber(malIdText, 'series_animedb_id');
  if (malId === 0) skip('series_animedb_id', 'is 0, which is no MAL id');
  const title = cleanText(text(f, 'series_title') ?? '');
  if (title === '') skip('series_title', 'is missing or empty');
  const seriesType = cleanText(text(f, 'series_type') ?? '');
  const seriesEpisodes = optionalWholeNumber(f, 'series_episodes');
  return {
    malId,
    title: detached(title),
    seriesType: seriesType === '' ? null : detached(seriesType),
    seriesEpisodes: seriesEpisodes === 0 ? null : seriesEpisodes,
    watchedEpisodes: optionalWholeNumber(f, 'my_watched_episodes') ?? 0,
    startDate: malDate(f, 'my_start_date'),
    finishDate: malDate(f, 'my_finish_date'),
    score: score(f),
    status: status(f),
    timesWatched: optionalWholeNumber(f, 'my_times_watched') ?? 0,
    rewatching: rewatching(f),
    priority: priority(f),
    tags: detached(cleanText(text(f, 'my_tags') ?? '')),
    comments: detached(cleanText(text(f, 'my_comments') ?? '')),
  };
}

/** Read `<myinfo>`; a total that is absent or not a whole number is null (it is only compared, never trusted). */
export function parseDeclaredTotals(myinfo: unknown): MalDeclaredTotals {
  const f: Fields = isObject(myinfo) ? myinfo : {};
  const num = (name: string): number | null => {
    const t = lenientText(f, name);
    return t !== undefined && /^\d{1,15}$/.test(t) ? Number(t) : null;
  };
  const userName = cleanText(lenientText(f, 'user_name') ?? '');
  return {
    userId: num('user_id'),
    userName: userName === '' ? null : userName,
    total: num('user_total_anime'),
    watching: num('user_total_watching'),
    completed: num('user_total_completed'),
    onHold: num('user_total_onhold'),
    dropped: num('user_total_dropped'),
    planToWatch: num('user_total_plantowatch'),
  };
}

/** `<myinfo>`'s export type: 1 for an anime list, 2 for a manga list; null when absent. */
export function exportType(myinfo: unknown): string | null {
  return isObject(myinfo) ? (lenientText(myinfo, 'user_export_type') ?? null) : null;
}

/** The 1.1.0 schema added these elements; the older one has `my_dvd` instead. */
export const SCHEMA_110_FIELDS = ['my_priority', 'my_discuss', 'my_sns'] as const;

// ---------- fields ----------

// The element's text trimmed; undefined when the element is absent. A repeated or nested element is refused
// rather than guessed at.
function text(f: FieldOf, name: string): string | undefined {
  const v = f(name);
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v)) skip(name, `appears ${v.length} times in one entry`);
  skip(name, 'holds elements instead of text');
}

function lenientText(f: Fields, name: string): string | undefined {
  const v = f[name];
  return typeof v === 'string' ? v.trim() : undefined;
}

// NUL can reach a title through a raw byte in the file; nothing downstream should ever see one.
function cleanText(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '').trim() : s;
}

function wholeNumber(t: string, name: string): number {
  const n = t.length <= 15 ? digitsValue(t, 0, t.length) : -1;
  if (n >= 0) return n;
  if (/^-\d+$/.test(t)) skip(name, `is ${t}, a negative number`);
  if (!/^\d{1,15}$/.test(t)) skip(name, `is ${JSON.stringify(t)}, not a whole number`);
  return Number(t);
}

// The value of t[from, to) when it is all ASCII digits (and not empty), else -1. What /^\d+$/ then Number() give,
// without a regular expression per field.
function digitsValue(t: string, from: number, to: number): number {
  if (to <= from) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function optionalWholeNumber(f: FieldOf, name: string): number | null {
  const t = text(f, name);
  return t === undefined || t === '' ? null : wholeNumber(t, name);
}

// MAL lets a person give only the year, or year and month: `2020-00-00` and `2020-05-00` are kept as written.
function malDate(f: FieldOf, name: string): string | null {
  const t = text(f, name);
  if (t === undefined || t === '') return null;
  // YYYY-MM-DD, digits only.
  const year = t.length === 10 && t[4] === '-' && t[7] === '-' ? digitsValue(t, 0, 4) : -1;
  const month = year >= 0 ? digitsValue(t, 5, 7) : -1;
  const day = month >= 0 ? digitsValue(t, 8, 10) : -1;
  if (day < 0) skip(name, `is ${JSON.stringify(t)}, not a YYYY-MM-DD date`);
  // `0000-00-00` is MAL's "no date"; a month or day without a year cannot be placed anywhere either.
  if (year === 0) return null;
  if (month > 12) skip(name, `is ${t}, which has no month ${t.slice(5, 7)}`);
  if (month !== 0 && day > daysInMonth(year, month)) skip(name, `is ${t}, which is not a real date`);
  if (month === 0 && day > 31) skip(name, `is ${t}, which has no day ${t.slice(8, 10)}`);
  return t;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function score(f: FieldOf): number | null {
  const n = optionalWholeNumber(f, 'my_score');
  if (n === null || n === 0) return null;
  if (n > 10) skip('my_score', `is ${n}, outside 0–10`);
  return n;
}

// MAL's API and older exports use numbers for the status. Maps, not objects: `constructor` is no status, and
// looking a value up as an object's key makes V8 swap it for its interned twin, which would make the bronze JSON
// joined from it two bytes a character.
const STATUS_CODES: ReadonlyMap<string, MalStatus> = new Map([
  ['1', 'Watching'],
  ['2', 'Completed'],
  ['3', 'On-Hold'],
  ['4', 'Dropped'],
  ['6', 'Plan to Watch'],
]);

// Matched ignoring case, spaces and hyphens, so `On Hold` and `plan to watch` are read too.
const STATUS_NAMES: ReadonlyMap<string, MalStatus> = new Map(MAL_STATUSES.map((s) => [squash(s), s]));

function status(f: FieldOf): MalStatus {
  const t = text(f, 'my_status');
  if (t === undefined || t === '') skip('my_status', 'is missing');
  const found = STATUS_CODES.get(t) ?? STATUS_NAMES.get(squash(t));
  if (!found) skip('my_status', `is ${JSON.stringify(t)}, not one of ${MAL_STATUSES.join(', ')}`);
  return found;
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}

// Empty in some real exports; only 1 means "rewatching now".
function rewatching(f: FieldOf): boolean {
  const t = text(f, 'my_rewatching');
  if (t === undefined || t === '' || t === '0') return false;
  if (t === '1') return true;
  skip('my_rewatching', `is ${JSON.stringify(t)}, not 0 or 1`);
}

const PRIORITIES: ReadonlyMap<string, MalPriority> = new Map([
  ['low', 'Low'],
  ['medium', 'Medium'],
  ['high', 'High'],
  ['0', 'Low'],
  ['1', 'Medium'],
  ['2', 'High'],
]);

// Exports write `LOW`, the site `Low`; a priority anidex does not know is dropped (null) rather than costing the
// whole entry, since it steers nothing the warehouse tracks.
function priority(f: FieldOf): MalPriority | null {
  const t = text(f, 'my_priority');
  if (t === undefined || t === '') return null;
  return PRIORITIES.get(t.toLowerCase()) ?? null;
}

function isObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
