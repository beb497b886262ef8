/**
 * A fake of the Trakt API (https://api.trakt.tv) for account syncs: the OAuth device-code flow
 * (POST /oauth/device/code, /oauth/device/token: 400 pending until approved, 429 slow down, 410 expired, 418
 * denied), token refresh (POST /oauth/token), and the signed-in account's GET /sync/history (paged: page, limit,
 * X-Pagination-* headers), /sync/ratings, /sync/watchlist and /users/settings. Every request must carry
 * `trakt-api-version: 2` and the app's `trakt-api-key`; account routes a valid, unexpired bearer token (else 401).
 * Items have the very shapes of a Trakt export's pages. Faults as in the AniList fake.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeServerBase, type Fault, type FakeServerHandle, type LogEntry } from './anilist-server.ts';

export interface FakeTraktAccount {
  username: string;
  history: unknown[];
  ratings: unknown[];
  watchlist: unknown[];
}

export interface FakeTrakt extends FakeServerHandle {
  readonly url: string;
  account: FakeTraktAccount;
  /** Trakt clamps a larger history `limit` to this (250) rather than refusing it. */
  maxLimit: number;
  /** Whether history pages carry Trakt's X-Pagination-* headers (default true). */
  paginationHeaders: boolean;
  /** The person approves the pending device code (else polls answer 400 pending). */
  approve(): void;
  /** Approve by itself on this poll of a device code (the person typing the code while anidex polls); 0 never. */
  approveOnPoll: number;
  deny(): void;
  /** Every token issued so far stops working (the person revoked the app). */
  revokeAll(): void;
  /** Access tokens expire now (earlier than the client was told); refresh tokens still work. */
  expireAccess(): void;
  /** Access tokens expire this many seconds after they are issued (default a week). */
  tokenLifetime: number;
  /** Tokens issued (access and refresh), to check that none leaks into output or files. */
  readonly issued: string[];
  readonly refreshes: number;
}

class FakeTraktServer extends FakeServerBase implements FakeTrakt {
  account: FakeTraktAccount;
  tokenLifetime = 7 * 86_400;
  approveOnPoll = 0;
  /** Trakt clamps a larger `limit` to this (250 since 2026) rather than refusing it. */
  maxLimit = 250;
  /** Whether history pages carry the X-Pagination-* headers. */
  paginationHeaders = true;
  private polls = 0;
  readonly issued: string[] = [];
  refreshes = 0;
  private readonly access = new Map<string, number>(); // token → expires at (ms)
  private readonly refreshTokens = new Set<string>();
  private device: { code: string; state: 'pending' | 'approved' | 'denied'; used: boolean } | null = null;

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    account: FakeTraktAccount,
    private readonly interval: number,
  ) {
    super(false, 0);
    this.account = account;
  }

  protected urlFor(port: number): string {
    return `http://127.0.0.1:${port}/`;
  }
  resetRateLimit(): void {}
  approve(): void {
    if (this.device) this.device.state = 'approved';
  }
  deny(): void {
    if (this.device) this.device.state = 'denied';
  }
  revokeAll(): void {
    this.access.clear();
    this.refreshTokens.clear();
  }
  expireAccess(): void {
    for (const k of this.access.keys()) this.access.set(k, 0);
  }

  private json(
    res: ServerResponse,
    entry: LogEntry,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    this.send(res, entry, status, body === undefined ? '' : JSON.stringify(body), {
      'Content-Type': 'application/json',
      ...headers,
    });
  }

  /** A list as Trakt pages it: `limit` cut to maxLimit, X-Pagination-* headers (unless turned off). */
  private page(
    res: ServerResponse,
    entry: LogEntry,
    fault: Fault | null,
    url: URL,
    all: unknown[],
    alwaysPaged: boolean,
  ): void {
    const json = { 'Content-Type': 'application/json' };
    if (!alwaysPaged && !url.searchParams.has('page') && !url.searchParams.has('limit'))
      return this.sendMaybeBroken(res, entry, fault, 200, JSON.stringify(all), json);
    const limit = Math.min(this.maxLimit, Math.max(1, Number(url.searchParams.get('limit') ?? 10)));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const pagination = {
      'X-Pagination-Page': String(page),
      'X-Pagination-Limit': String(limit),
      'X-Pagination-Page-Count': String(Math.max(1, Math.ceil(all.length / limit))),
      'X-Pagination-Item-Count': String(all.length),
    };
    const items = all.slice((page - 1) * limit, page * limit);
    return this.sendMaybeBroken(res, entry, fault, 200, JSON.stringify(items), {
      ...json,
      ...(this.paginationHeaders ? pagination : {}),
    });
  }

  private issue(): Record<string, unknown> {
    const access = randomBytes(32).toString('hex');
    const refresh = randomBytes(32).toString('hex');
    this.issued.push(access, refresh);
    this.access.set(access, Date.now() + this.tokenLifetime * 1000);
    this.refreshTokens.add(refresh);
    return {
      access_token: access,
      token_type: 'bearer',
      expires_in: this.tokenLifetime,
      refresh_token: refresh,
      scope: 'public',
      created_at: Math.floor(Date.now() / 1000),
    };
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, entry: LogEntry): Promise<void> {
    const fault: Fault | null = this.takeFault(entry);
    if (await this.transportFault(fault, res)) return;
    if (fault?.kind === 'rateLimited') {
      this.send(res, entry, 429, '', {
        'Retry-After': fault.retryAfterHeader ?? String(fault.retryAfter ?? 1),
        'X-Ratelimit':
          '{"name":"AUTHED_API_GET_LIMIT","period":300,"limit":1000,"remaining":0,"until":"2026-01-01T00:00:00Z"}',
      });
      return;
    }
    if (this.rawBodyFault(fault, res, entry)) return;
    if (fault?.kind === 'http') {
      this.send(res, entry, fault.status, '<html><body><h1>Service Unavailable</h1></body></html>', {
        'Content-Type': 'text/html',
      });
      return;
    }

    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = (entry.json ?? {}) as Record<string, unknown>;
    if (req.method === 'POST' && url.pathname === '/oauth/device/code') {
      if (body.client_id !== this.clientId) return this.json(res, entry, 401, { error: 'invalid_client' });
      this.device = { code: randomBytes(16).toString('hex'), state: 'pending', used: false };
      this.polls = 0;
      return this.json(res, entry, 200, {
        device_code: this.device.code,
        user_code: 'A1B2C3D4',
        verification_url: 'https://trakt.tv/activate',
        expires_in: 600,
        interval: this.interval,
      });
    }
    if (req.method === 'POST' && url.pathname === '/oauth/device/token') {
      if (!this.device || body.code !== this.device.code) return this.json(res, entry, 404, undefined);
      if (body.client_id !== this.clientId || body.client_secret !== this.clientSecret)
        return this.json(res, entry, 401, { error: 'invalid_client' });
      if (this.device.used) return this.json(res, entry, 409, undefined);
      if (++this.polls === this.approveOnPoll && this.device.state === 'pending') this.device.state = 'approved';
      if (this.device.state === 'denied') return this.json(res, entry, 418, undefined);
      if (this.device.state === 'pending') return this.json(res, entry, 400, undefined);
      this.device.used = true;
      return this.json(res, entry, 200, this.issue());
    }
    if (req.method === 'POST' && url.pathname === '/oauth/token') {
      if (body.client_id !== this.clientId || body.client_secret !== this.clientSecret)
        return this.json(res, entry, 401, { error: 'invalid_client' });
      if (
        body.grant_type !== 'refresh_token' ||
        typeof body.refresh_token !== 'string' ||
        !this.refreshTokens.has(body.refresh_token)
      ) {
        return this.json(res, entry, 401, {
          error: 'invalid_grant',
          error_description:
            'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
        });
      }
      this.refreshTokens.delete(body.refresh_token);
      this.refreshes++;
      return this.json(res, entry, 200, this.issue());
    }
    if (req.headers['trakt-api-version'] !== '2' || req.headers['trakt-api-key'] !== this.clientId)
      return this.json(res, entry, 403, undefined);
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    const until = auth ? this.access.get(auth[1]!) : undefined;
    if (!until || until < Date.now()) return this.json(res, entry, 401, undefined);
    if (req.method !== 'GET') return this.json(res, entry, 405, undefined);
    if (url.pathname === '/users/settings')
      return this.json(res, entry, 200, {
        user: { username: this.account.username, private: false, name: 'Fake Person', vip: false },
      });
    // Ratings and the watchlist are paged only when asked to be (Trakt's "pagination optional").
    if (url.pathname === '/sync/ratings') return this.page(res, entry, fault, url, this.account.ratings, false);
    if (url.pathname === '/sync/watchlist') return this.page(res, entry, fault, url, this.account.watchlist, false);
    if (url.pathname === '/sync/history') return this.page(res, entry, fault, url, this.account.history, true);
    return this.json(res, entry, 404, undefined);
  }
}

export async function startFakeTrakt(opts: {
  clientId: string;
  clientSecret: string;
  account: FakeTraktAccount;
  interval?: number;
}): Promise<FakeTrakt> {
  const s = new FakeTraktServer(opts.clientId, opts.clientSecret, opts.account, opts.interval ?? 0.05);
  await s.listen();
  return s;
}
