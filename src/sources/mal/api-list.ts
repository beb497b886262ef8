/**
 * A person's MyAnimeList anime list through the official API v2, with their own client id (`X-MAL-CLIENT-ID`; a
 * public list needs no login): `GET /v2/users/{name}/animelist?fields=list_status,num_episodes,media_type&limit=1000&nsfw=true`,
 * following `paging.next`. Each item becomes the same MalEntry an XML export gives, so both load as one source.
 */

import { AnidexError } from '../../lib/errors.ts';
import type { MalEntry, MalPriority, MalStatus } from '../../domain/mal.ts';
import type { RawRecord, SkippedRecord } from '../../domain/types.ts';
import type { SnapshotPage, SourceSnapshot } from '../../domain/source-snapshot.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import { arrayOf, isRecord, requestJson, type HttpStats } from '../../enrich/http.ts';
import { RateLimiter } from '../../lib/rate-limiter.ts';
import { ListChangedError } from '../list-changed.ts';

export const MAL_API_URL = 'https://api.myanimelist.net/v2/';
const PAGE_SIZE = 1000;
const MAX_PAGES = 200;

const STATUS: Readonly<Record<string, MalStatus>> = {
  watching: 'Watching',
  completed: 'Completed',
  on_hold: 'On-Hold',
  dropped: 'Dropped',
  plan_to_watch: 'Plan to Watch',
};

/** MAL's media_type as its XML export writes the series type. */
const SERIES_TYPE: Readonly<Record<string, string>> = {
  tv: 'TV',
  movie: 'Movie',
  ova: 'OVA',
  ona: 'ONA',
  special: 'Special',
  music: 'Music',
  tv_special: 'TV Special',
  cm: 'CM',
  pv: 'PV',
};

const PRIORITY: readonly MalPriority[] = ['Low', 'Medium', 'High'];

export interface MalApiOptions {
  url?: string;
  clientId: string;
  userAgent: string;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  pageSize?: number;
  /** Read the first page only (`connect` checks the list without pulling all of it). */
  probe?: boolean;
  signal?: AbortSignal;
}

const int = (x: unknown): number | null => (typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : null);
const str = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? sanitizeText(x.trim()) : null);
const date = (x: unknown): string | null => (typeof x === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(x) ? x : null);

/** One `{node, list_status}` item, checked; a skipped record names the field that is wrong. */
export function parseMalApiItem(
  item: unknown,
  page: string,
  index: number,
): { ok: true; value: MalEntry } | { ok: false; skipped: SkippedRecord } {
  const skip = (field: string, reason: string) => ({
    ok: false as const,
    skipped: { file: page, index, field, reason },
  });
  if (!isRecord(item) || !isRecord(item['node'])) return skip('node', 'missing');
  const node = item['node'];
  const ls = isRecord(item['list_status']) ? item['list_status'] : null;
  const id = int(node['id']);
  if (!id) return skip('node.id', 'missing or not a whole number');
  const title = str(node['title']);
  if (!title) return skip('node.title', 'missing');
  if (!ls) return skip('list_status', 'missing (the request must ask for fields=list_status)');
  const status = typeof ls['status'] === 'string' ? STATUS[ls['status']] : undefined;
  if (!status) return skip('list_status.status', `unknown status ${JSON.stringify(ls['status'])}`);
  const score = int(ls['score']);
  const priority = int(ls['priority']);
  return {
    ok: true,
    value: {
      malId: id,
      title,
      seriesType: typeof node['media_type'] === 'string' ? (SERIES_TYPE[node['media_type']] ?? null) : null,
      seriesEpisodes: int(node['num_episodes']) || null,
      watchedEpisodes: int(ls['num_episodes_watched']) ?? 0,
      startDate: date(ls['start_date']),
      finishDate: date(ls['finish_date']),
      score: score && score <= 10 ? score : null,
      status,
      timesWatched: int(ls['num_times_rewatched']) ?? 0,
      rewatching: ls['is_rewatching'] === true,
      priority: priority !== null ? (PRIORITY[priority] ?? null) : null,
      tags: arrayOf(ls['tags'] as unknown[])
        .filter((t): t is string => typeof t === 'string')
        .map(sanitizeText)
        .join(', '),
      comments: typeof ls['comments'] === 'string' ? sanitizeText(ls['comments']) : '',
    },
  };
}

function pageShape(json: unknown): boolean {
  return isRecord(json) && (Array.isArray(json['data']) || typeof json['error'] === 'string');
}

function refusal(status: number, user: string, json: unknown): AnidexError {
  const said = isRecord(json) ? sanitizeText(String(json['message'] || json['error'] || '')) : '';
  const why = said ? ` (${said})` : '';
  if (status === 404)
    return new AnidexError(
      `MyAnimeList has no user "${sanitizeText(user)}"${why}; nothing was written.`,
      'Check the user name (as in myanimelist.net/profile/<name>), then `anidex connect mal <name>` again.',
    );
  if (status === 401 || (status === 400 && /client/i.test(said)))
    return new AnidexError(
      `MyAnimeList refused the client id${why} (HTTP ${status}); nothing was written.`,
      'Check it at myanimelist.net/apiconfig, then `anidex connect mal <name> --client-id <id>` again.',
    );
  if (status === 403)
    return new AnidexError(
      `MyAnimeList will not show the list of "${sanitizeText(user)}"${why}: it is private, or the client id may not read it; nothing was written.`,
      "Make the anime list public in MyAnimeList's list settings, or import an export file instead.",
    );
  return new AnidexError(
    `MyAnimeList answered HTTP ${status}${why} for the list of "${sanitizeText(user)}"; nothing was written.`,
    'Run the sync again later; `anidex doctor` checks the connection.',
  );
}

/** Pull the whole list of `user`, every page, before anything is written. */
export async function fetchMalList(
  user: string,
  opts: MalApiOptions,
  stats: HttpStats = { calls: 0, http429: 0, retries: 0 },
): Promise<SourceSnapshot<MalEntry>> {
  const base = new URL(opts.url || MAL_API_URL);
  // MAL documents no rate limit; one request a second is gentle and a 1000-entry page makes it cheap.
  const limiter = new RateLimiter([{ limit: 1, ms: 1000 }]);
  let next: string | null = new URL(
    `users/${encodeURIComponent(user)}/animelist?fields=list_status,num_episodes,media_type&limit=${opts.pageSize ?? PAGE_SIZE}&nsfw=true`,
    base,
  ).toString();
  const pages: Array<SnapshotPage<MalEntry>> = [];
  const seen = new Set<number>();
  let bytes = 0;
  for (let n = 1; next; n++) {
    if (n > MAX_PAGES)
      throw new AnidexError(
        `MyAnimeList kept sending pages of ${user}'s list after ${MAX_PAGES}; nothing was written.`,
        'Run the sync again later.',
      );
    // The client id goes only to the server it was given for: a `next` link elsewhere is not followed.
    if (new URL(next).origin !== base.origin)
      throw new AnidexError(
        `MyAnimeList's next page points at another server (${new URL(next).origin}); nothing was written.`,
        'Check ANIDEX_MAL_URL; run the sync again later.',
      );
    const res = await requestJson(limiter, stats, {
      url: next,
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': opts.userAgent, 'x-mal-client-id': opts.clientId },
      timeoutMs: opts.timeoutMs ?? 20_000,
      maxRetries: opts.maxRetries ?? 3,
      retryBaseMs: opts.retryBaseMs,
      max429: 10,
      signal: opts.signal,
      provider: 'MyAnimeList',
      accept: pageShape,
    });
    if (res.status !== 200) throw refusal(res.status, user, res.json);
    const body = res.json as Record<string, unknown>;
    const name = `page ${n}`;
    const records: Array<{ raw: RawRecord; value: MalEntry }> = [];
    const skipped: SkippedRecord[] = [];
    arrayOf(body['data'] as unknown[]).forEach((item, i) => {
      const parsed = parseMalApiItem(item, name, i);
      if (!parsed.ok) {
        skipped.push(parsed.skipped);
        return;
      }
      // An offset-paged list that gained or lost an entry while it was read repeats (or skips) one at the seam.
      if (seen.has(parsed.value.malId)) throw new ListChangedError(`MyAnimeList list of "${sanitizeText(user)}"`);
      seen.add(parsed.value.malId);
      const json = JSON.stringify(item);
      bytes += json.length;
      records.push({
        raw: { section: 'mal', file: name, index: i, key: String(parsed.value.malId), json },
        value: parsed.value,
      });
    });
    pages.push({
      name,
      origin: `${base.origin} (${name} of ${user}'s list)`,
      bytes: records.reduce((s, r) => s + r.raw.json.length, 0),
      records,
      skipped,
    });
    const paging = isRecord(body['paging']) ? body['paging'] : {};
    next = typeof paging['next'] === 'string' && paging['next'] && !opts.probe ? paging['next'] : null;
  }
  return {
    path: `mal:${user}`,
    runKind: 'sync-mal',
    pageCount: pages.length,
    bytesTotal: bytes,
    async *pages() {
      yield* pages;
    },
  };
}
