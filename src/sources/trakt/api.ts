/**
 * The Trakt API with the person's own app (client id and secret): the OAuth device-code flow, token refresh, and
 * the account's history (`/sync/history`, paged), ratings and watchlist. Every request sends `trakt-api-version: 2`
 * and `trakt-api-key`; the pace stays inside Trakt's documented limits (1000 GETs per 5 minutes for a logged-in
 * app; 1 POST a second). History items have the very shape of the export's watched-history pages, so they are
 * parsed by the export's own parsers and load as the same source.
 */

import { AnidexError } from '../../lib/errors.ts';
import type { RawRecord, SkippedRecord } from '../../domain/types.ts';
import type { SnapshotPage, SourceSnapshot } from '../../domain/source-snapshot.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import { isRecord, requestJson, type HttpStats, type JsonAnswer } from '../../enrich/http.ts';
import { RateLimiter } from '../../lib/rate-limiter.ts';
import { ListChangedError } from '../list-changed.ts';
import {
  parseHistoryRecord,
  parseRatingRecord,
  parseWatchlistRecord,
  type ParseResult,
  type RecordContext,
} from './parse.ts';
import type { TraktValue } from './export-snapshot.ts';

export const TRAKT_API_URL = 'https://api.trakt.tv/';
/** Trakt clamps a larger `limit` to 250 (its maximum since 2026), so asking for more gains nothing. */
const HISTORY_PAGE = 250;
const MAX_PAGES = 500;

export interface TraktApp {
  clientId: string;
  clientSecret: string;
}

export interface TraktTokens {
  accessToken: string;
  refreshToken: string;
  /** ISO UTC. */
  expiresAt: string;
}

export interface TraktHttp {
  url?: string;
  userAgent: string;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  pageSize?: number;
  signal?: AbortSignal;
}

/** Trakt no longer accepts the token (revoked by the person, or expired and not refreshable). */
export class TraktAuthError extends AnidexError {
  constructor(detail: string) {
    super(
      `Trakt no longer accepts anidex's access (${detail}); nothing was written.`,
      'Run `anidex connect trakt` again to sign in anew.',
    );
  }
}

export class TraktClient {
  readonly stats: HttpStats = { calls: 0, http429: 0, retries: 0 };
  private readonly getLimiter = new RateLimiter([{ limit: 1000, ms: 300_000 }]);
  private readonly postLimiter = new RateLimiter([{ limit: 1, ms: 1000 }]);
  private readonly base: URL;

  constructor(
    private readonly app: Pick<TraktApp, 'clientId'> & Partial<TraktApp>,
    private readonly http: TraktHttp,
  ) {
    this.base = new URL(http.url || TRAKT_API_URL);
  }

  private headers(token?: string): Record<string, string> {
    return {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': this.http.userAgent,
      'trakt-api-version': '2',
      'trakt-api-key': this.app.clientId,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
  }

  private request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    token?: string,
    accept?: (j: unknown) => boolean,
  ): Promise<JsonAnswer> {
    return requestJson(method === 'GET' ? this.getLimiter : this.postLimiter, this.stats, {
      url: new URL(path, this.base).toString(),
      method,
      body,
      headers: this.headers(token),
      timeoutMs: this.http.timeoutMs ?? 20_000,
      maxRetries: this.http.maxRetries ?? 3,
      retryBaseMs: this.http.retryBaseMs,
      max429: 10,
      signal: this.http.signal,
      provider: 'Trakt',
      accept,
      rawClientErrors: true,
    });
  }

  /** Start the device flow: the code to type at the URL, and how long and how often to poll. */
  async deviceCode(): Promise<{
    deviceCode: string;
    userCode: string;
    verificationUrl: string;
    expiresIn: number;
    interval: number;
  }> {
    const res = await this.request('POST', 'oauth/device/code', { client_id: this.app.clientId });
    const j = res.json;
    if (res.status === 401 || res.status === 403)
      throw new AnidexError(
        `Trakt refused the client id (HTTP ${res.status}); nothing was saved.`,
        'Check the client id of your app at trakt.tv/oauth/applications.',
      );
    if (
      res.status !== 200 ||
      !isRecord(j) ||
      typeof j['device_code'] !== 'string' ||
      typeof j['user_code'] !== 'string' ||
      typeof j['verification_url'] !== 'string'
    ) {
      throw new AnidexError(
        `Trakt did not start the sign-in (HTTP ${res.status}); nothing was saved.`,
        'Run `anidex connect trakt` again later.',
      );
    }
    return {
      deviceCode: j['device_code'],
      userCode: sanitizeText(j['user_code']),
      verificationUrl: sanitizeText(j['verification_url']),
      expiresIn: typeof j['expires_in'] === 'number' ? j['expires_in'] : 600,
      interval: typeof j['interval'] === 'number' && j['interval'] > 0 ? j['interval'] : 5,
    };
  }

  /**
   * One poll of the device flow: the tokens once the person approved; 'pending' while they have not; 'slow-down'
   * when polling too fast. Expired, denied or already-used codes are errors that say so.
   */
  async pollDevice(deviceCode: string): Promise<TraktTokens | 'pending' | 'slow-down'> {
    const res = await this.request('POST', 'oauth/device/token', {
      code: deviceCode,
      client_id: this.app.clientId,
      client_secret: this.app.clientSecret,
    });
    if (res.status === 200) return tokensFrom(res.json);
    if (res.status === 400) return 'pending';
    if (res.status === 429) return 'slow-down';
    const why: Record<number, string> = {
      404: 'the code is not known to Trakt',
      409: 'the code was already used',
      410: 'the code expired before it was entered',
      418: 'the sign-in was denied',
      401: 'the client secret is wrong',
    };
    throw new AnidexError(
      `Trakt sign-in failed: ${why[res.status] ?? `HTTP ${res.status}`}; nothing was saved.`,
      'Run `anidex connect trakt` again (check the client id and secret of your app at trakt.tv/oauth/applications).',
    );
  }

  /** Trade the refresh token for new tokens (the old refresh token stops working). */
  async refresh(refreshToken: string): Promise<TraktTokens> {
    const res = await this.request('POST', 'oauth/token', {
      refresh_token: refreshToken,
      client_id: this.app.clientId,
      client_secret: this.app.clientSecret,
      redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
      grant_type: 'refresh_token',
    });
    if (res.status === 200) return tokensFrom(res.json);
    throw new TraktAuthError(`the token could not be refreshed: HTTP ${res.status}`);
  }

  /**
   * GET an authorised JSON array with Trakt's pagination headers: how many pages and items the whole list has, as
   * the server counts them (null when it does not say).
   */
  async getPage(
    path: string,
    token: string,
  ): Promise<{ items: unknown[]; pageCount: number | null; itemCount: number | null }> {
    const res = await this.request('GET', path, undefined, token, (j) => Array.isArray(j));
    if (res.status === 401 || res.status === 403)
      throw new TraktAuthError(`HTTP ${res.status} on ${path.split('?')[0]}`);
    if (res.status !== 200 || !Array.isArray(res.json))
      throw new AnidexError(
        `Trakt answered HTTP ${res.status} for ${path.split('?')[0]}; nothing was written.`,
        'Run the sync again later; `anidex doctor` checks the connection.',
      );
    const count = (name: string): number | null => {
      const n = Number(res.header(name));
      return res.header(name) !== undefined && Number.isInteger(n) && n >= 0 ? n : null;
    };
    return {
      items: res.json,
      pageCount: count('x-pagination-page-count'),
      itemCount: count('x-pagination-item-count'),
    };
  }

  /** Who the token belongs to (for `connect` and `doctor`). */
  async userName(token: string): Promise<string | null> {
    const res = await this.request('GET', 'users/settings', undefined, token);
    if (res.status === 401 || res.status === 403) throw new TraktAuthError(`HTTP ${res.status} on users/settings`);
    const u = isRecord(res.json) && isRecord(res.json['user']) ? res.json['user'] : null;
    return u && typeof u['username'] === 'string' ? sanitizeText(u['username']) : null;
  }
}

function tokensFrom(j: unknown): TraktTokens {
  if (!isRecord(j) || typeof j['access_token'] !== 'string' || typeof j['refresh_token'] !== 'string') {
    throw new AnidexError(
      'Trakt answered the sign-in without tokens; nothing was saved.',
      'Run `anidex connect trakt` again later.',
    );
  }
  const created = typeof j['created_at'] === 'number' ? j['created_at'] * 1000 : Date.now();
  const expiresIn = typeof j['expires_in'] === 'number' ? j['expires_in'] : 86_400 * 7;
  return {
    accessToken: j['access_token'],
    refreshToken: j['refresh_token'],
    expiresAt: new Date(created + expiresIn * 1000).toISOString(),
  };
}

function parsePage<T extends TraktValue>(
  items: unknown[],
  name: string,
  section: string,
  parse: (r: unknown, ctx: RecordContext) => ParseResult<T>,
): SnapshotPage<TraktValue> {
  const records: Array<{ raw: RawRecord; value: TraktValue }> = [];
  const skipped: SkippedRecord[] = [];
  items.forEach((item, index) => {
    const r = parse(item, { file: name, index });
    if (r.ok) records.push({ raw: r.raw, value: r.value });
    else skipped.push(r.skipped);
  });
  return { name, section, bytes: records.reduce((n, r) => n + r.raw.json.length, 0), records, skipped };
}

/**
 * Every item of a paged Trakt list, page by page as the server counts them (X-Pagination-Page-Count), never by
 * comparing a page's length with the size asked for: Trakt cuts the size to its largest, and a short page taken for
 * the last one would load part of the list (and mark the rest deleted). Without the headers, `untilEmpty` walks on
 * to the first empty page; otherwise the one answer is the whole list (an endpoint Trakt does not page). Items
 * counted differently from the server's X-Pagination-Item-Count mean the list moved while it was read.
 */
async function readPages(
  client: TraktClient,
  token: string,
  path: string,
  what: string,
  pageSize: number,
  untilEmpty: boolean,
): Promise<unknown[][]> {
  const pages: unknown[][] = [];
  let items = 0;
  let told: number | null = null;
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES)
      throw new AnidexError(
        `Trakt kept sending ${what} pages after ${MAX_PAGES}; nothing was written.`,
        'Run the sync again later.',
      );
    const got = await client.getPage(`${path}?page=${page}&limit=${pageSize}`, token);
    if (page === 1) told = got.itemCount;
    else if (got.itemCount !== null && told !== null && got.itemCount !== told)
      throw new ListChangedError(`Trakt ${what}`, `Trakt counted ${told} items, then ${got.itemCount}`);
    if (got.items.length === 0 && page > 1) break;
    pages.push(got.items);
    items += got.items.length;
    const last = got.pageCount !== null ? page >= got.pageCount : !untilEmpty || got.items.length === 0;
    if (last) break;
  }
  if (told !== null && items !== told)
    throw new ListChangedError(`Trakt ${what}`, `${items} items came where Trakt counted ${told}`);
  return pages;
}

/** Pull the account's whole history (every page), ratings and watchlist, before anything is written. */
export async function fetchTraktAccount(
  client: TraktClient,
  token: string,
  label: string,
  pageSize = HISTORY_PAGE,
): Promise<SourceSnapshot<TraktValue>> {
  const pages: Array<SnapshotPage<TraktValue>> = [];
  const seen = new Set<number>();
  const history = await readPages(client, token, 'sync/history', 'history', pageSize, true);
  history.forEach((items, i) => {
    const p = parsePage(items, `sync/history page ${i + 1}`, 'history', parseHistoryRecord);
    for (const r of p.records) {
      const id = (r.value as { playId: number }).playId;
      // A play on two pages: the history moved under us (a new play pushes every page down by one).
      if (seen.has(id)) throw new ListChangedError('Trakt history');
      seen.add(id);
    }
    pages.push(p);
  });
  const ratings = await readPages(client, token, 'sync/ratings', 'ratings', pageSize, false);
  pages.push(parsePage(ratings.flat(), 'sync/ratings', 'ratings', parseRatingRecord));
  const watchlist = await readPages(client, token, 'sync/watchlist', 'watchlist', pageSize, false);
  pages.push(parsePage(watchlist.flat(), 'sync/watchlist', 'watchlist', parseWatchlistRecord));
  return {
    path: `trakt:${label}`,
    runKind: 'sync-trakt',
    pageCount: pages.length,
    bytesTotal: pages.reduce((n, p) => n + p.bytes, 0),
    async *pages() {
      yield* pages;
    },
  };
}
