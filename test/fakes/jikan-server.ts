/**
 * A fake Jikan REST v4 server (jikan-rest, self-hosted or the late api.jikan.moe) for anidex's tests, following
 * jikan-rest's documented behaviour and the recorded jikan__*.json bodies in test/fixtures/reference.
 *
 * Routes (GET only): /v4/anime (search), /v4/anime/{id}, /v4/anime/{id}/full, /v4/anime/{id}/recommendations,
 * /v4/anime/{id}/relations; anything else is the generic 404 HttpException. `url` has no /v4 and no trailing slash.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { animeDb, jikanBase, searchScore, type AnimeDb, type JikanAnime } from './anime-db.ts';
import {
  encodeJson,
  FakeServerBase,
  SlidingWindow,
  type Fault,
  type FakeServerHandle,
  type LogEntry,
} from './anilist-server.ts';

/** The public gateway's 429 body, byte for byte as jikan__error_429_ratelimit.json (note `status` is a string). */
export const JIKAN_429_BODY = `{
    "status": "429",
    "type": "RateLimitException",
    "message": "You are being rate-limited. Please follow Rate Limiting guidelines: https://jikan.docs.apiary.io/#introduction/information/rate-limiting",
    "error": null
}
`;
const VALIDATION_ERROR =
  'Invalid or incomplete request. Make sure your request is correct. https://docs.api.jikan.moe/';
const NGINX = 'nginx/1.18.0 (Ubuntu)';
const nginxHtml = (status: number, text: string): string =>
  `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>${NGINX}</center>\r\n</body>\r\n</html>\r\n`;
/** Bodies of injected `http` faults (jikan-rest Handler.php, and what production answered 2024–2026). */
const FAULT_BODIES: Record<number, object> = {
  429: {
    status: 429,
    type: 'RateLimitException',
    message: 'Jikan is being rate limited by MyAnimeList.',
    error: 'Too Many Requests',
  },
  500: {
    status: 500,
    type: 'UpstreamException',
    message:
      'Request to MyAnimeList.net failed. MyAnimeList.net may be down/unavailable, refuses to connect or took too long to respond. Please try again later.',
    error: 'cURL error 28: Operation timed out',
  },
  503: { status: 503, type: 'ServiceUnavailableException', message: 'Service Unavailable', error: null },
  504: {
    status: 504,
    type: 'BadResponseException',
    message: 'Jikan failed to connect to MyAnimeList. MyAnimeList may be down/unavailable or refuses to connect',
    error: null,
  },
};
const HTTP_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** Search `type` values (lowercase in the query) → the `type` in the answer. */
const SEARCH_TYPES: Record<string, string> = {
  tv: 'TV',
  movie: 'Movie',
  ova: 'OVA',
  special: 'Special',
  ona: 'ONA',
  music: 'Music',
  cm: 'CM',
  pv: 'PV',
  tv_special: 'TV Special',
};
const ORDER_BY: Record<string, (a: JikanAnime) => number | string | null> = {
  mal_id: (a) => a.mal_id,
  title: (a) => a.title,
  start_date: (a) => a.aired.from,
  end_date: (a) => a.aired.to,
  episodes: (a) => a.episodes,
  score: (a) => a.score,
  scored_by: (a) => a.scored_by,
  rank: (a) => a.rank,
  popularity: (a) => a.popularity,
  members: (a) => a.members,
  favorites: (a) => a.favorites,
};

export interface RateRule {
  limit: number;
  windowMs: number;
}
export interface FakeJikanOptions {
  /** Sliding windows that must all have room (default 3 per 1000 ms and 60 per 60 000 ms); false: no limit (self-hosted). */
  rateLimits?: RateRule[] | false;
  /** Encode like PHP (default true): "\/" and \uXXXX. */
  phpJson?: boolean;
  /** Extra latency for every request (default 0). */
  latencyMs?: number;
  db?: AnimeDb;
}

export interface FakeJikan extends FakeServerHandle {
  /** http://127.0.0.1:PORT (no /v4, no trailing slash) */
  readonly url: string;
  /** Replace the windows at runtime (an empty history); false disables limiting. */
  setRateLimits(rules: RateRule[] | false): void;
}

type Json = { status: number; body: object; cache: 'resource' | 'query' | 'error' };

class FakeJikanServer extends FakeServerBase implements FakeJikan {
  private windows: SlidingWindow[];
  private readonly db: AnimeDb;

  constructor(opts: FakeJikanOptions) {
    super(opts.phpJson ?? true, opts.latencyMs ?? 0);
    this.db = opts.db ?? animeDb();
    this.windows = [];
    this.setRateLimits(
      opts.rateLimits ?? [
        { limit: 3, windowMs: 1000 },
        { limit: 60, windowMs: 60_000 },
      ],
    );
  }

  protected urlFor(port: number): string {
    return `http://127.0.0.1:${port}`;
  }
  setRateLimits(rules: RateRule[] | false): void {
    this.windows = rules ? rules.map((r) => new SlidingWindow(r.limit, r.windowMs)) : [];
  }
  resetRateLimit(): void {
    for (const w of this.windows) w.reset();
  }

  private headers(kind: Json['cache'], path: string): Record<string, string> {
    const h: Record<string, string> = {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET',
      Server: NGINX,
    };
    if (kind === 'resource') {
      const now = Date.now();
      Object.assign(h, {
        'Cache-Control': 'public, s-maxage=86400',
        'X-Cache-Status': 'MISS',
        'Last-Modified': new Date(now).toUTCString(),
        Expires: new Date(now + 86_400_000).toUTCString(),
        'X-Request-Fingerprint': `request:anime:${createHash('sha1').update(path).digest('hex')}`,
      });
    } else if (kind === 'query') {
      Object.assign(h, {
        'Cache-Control': 'private, must-revalidate',
        Expires: '-1',
        Pragma: 'no-cache',
        'X-Cache-Status': 'MISS',
      });
    } else {
      h['Cache-Control'] = 'no-cache, private';
    }
    return h;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, entry: LogEntry): Promise<void> {
    const now = Date.now();
    if (this.windows.some((w) => w.waitMs(now) > 0)) {
      // No Retry-After: none appears in any recorded Jikan answer (§A6).
      this.send(res, entry, 429, JIKAN_429_BODY, this.headers('error', ''));
      return;
    }
    for (const w of this.windows) w.take(now);

    const fault: Fault | null = this.takeFault(entry);
    if (await this.transportFault(fault, res)) return;
    if (fault?.kind === 'rateLimited') {
      const retryAfter =
        fault.retryAfterHeader ?? (fault.retryAfter === undefined ? undefined : String(fault.retryAfter));
      this.send(res, entry, 429, JIKAN_429_BODY, {
        ...this.headers('error', ''),
        ...(retryAfter === undefined ? {} : { 'Retry-After': retryAfter }),
      });
      return;
    }
    if (this.rawBodyFault(fault, res, entry)) return;
    if (fault?.kind === 'http') {
      const known = FAULT_BODIES[fault.status];
      if ((fault.body ?? (known ? 'json' : 'html')) === 'html' || !known) {
        this.send(res, entry, fault.status, nginxHtml(fault.status, HTTP_TEXT[fault.status] ?? 'Error'), {
          'Content-Type': 'text/html',
          Server: NGINX,
        });
      } else {
        this.send(res, entry, fault.status, encodeJson(known, this.php), this.headers('error', ''));
      }
      return;
    }

    const url = new URL(req.url ?? '/', 'http://localhost');
    let answer: Json =
      req.method === 'GET'
        ? this.route(url)
        : {
            status: 405,
            body: { status: 405, type: 'MethodNotAllowedHttpException', message: 'Method Not Allowed', error: null },
            cache: 'error',
          };
    if (fault?.kind === 'errors200') {
      // A 200 without `data`: the shape a client must not take for a success.
      answer = {
        status: 200,
        body: {
          status: 500,
          type: 'ParserException',
          message:
            fault.message ?? 'Unable to parse this request. Please follow report_url to generate an issue on GitHub',
          error: 'fake parser failure',
          report_url: 'https://github.com/jikan-me/jikan-rest/issues/new',
        },
        cache: 'error',
      };
    }
    this.sendMaybeBroken(
      res,
      entry,
      fault,
      answer.status,
      encodeJson(answer.body, this.php),
      this.headers(answer.cache, url.pathname + url.search),
    );
  }

  private route(url: URL): Json {
    const httpNotFound: Json = {
      status: 404,
      body: { status: 404, type: 'HttpException', message: 'Not Found', error: null },
      cache: 'error',
    };
    if (url.pathname === '/v4/anime') return this.search(url.searchParams);
    const m = /^\/v4\/anime\/([0-9]+)(?:\/(full|recommendations|relations))?$/.exec(url.pathname);
    if (!m) return httpNotFound; // also /v4/anime/-1 and /v4/anime/abc: the route regex never matches
    const id = Number(m[1]);
    const full = this.db.jikanFull.get(id);
    if (!full) {
      return {
        status: 404,
        body: {
          status: 404,
          type: 'BadResponseException',
          message: 'Resource does not exist',
          error: `404 on https://myanimelist.net/anime/${id}/`,
        },
        cache: 'error',
      };
    }
    switch (m[2]) {
      case 'full':
        return { status: 200, body: { data: full }, cache: 'resource' };
      case 'recommendations':
        return { status: 200, body: { data: this.db.jikanRecommendations.get(id) ?? [] }, cache: 'resource' };
      case 'relations':
        return { status: 200, body: { data: this.db.jikanRelations.get(id) ?? [] }, cache: 'resource' };
      default:
        return { status: 200, body: { data: jikanBase(full) }, cache: 'resource' };
    }
  }

  private search(p: URLSearchParams): Json {
    const messages: Record<string, string[]> = {};
    const int = (name: string, dflt: number, max?: number): number => {
      const raw = p.get(name);
      if (raw === null || raw === '') return dflt;
      const n = Number(raw);
      if (!Number.isInteger(n)) messages[name] = [`The ${name} must be an integer.`];
      else if (n < 1) messages[name] = [`The ${name} must be at least 1.`];
      else if (max !== undefined && n > max)
        messages[name] = [`Value ${n} is higher than the configured '${max}' max value.`];
      return n;
    };
    const limit = int('limit', 25, 25);
    const page = int('page', 1);
    const type = p.get('type');
    if (type && !SEARCH_TYPES[type]) messages.type = ['The selected type is invalid.'];
    const orderBy = p.get('order_by');
    if (orderBy && !ORDER_BY[orderBy]) messages.order_by = ['The selected order by is invalid.'];
    const sort = p.get('sort') ?? 'desc';
    if (sort !== 'asc' && sort !== 'desc') messages.sort = ['The selected sort is invalid.'];
    if (Object.keys(messages).length)
      return {
        status: 400,
        body: { status: 400, type: 'ValidationException', messages, error: VALIDATION_ERROR },
        cache: 'error',
      };

    const q = p.get('q')?.trim() ?? '';
    const scored = [...this.db.jikanFull.values()]
      .map((a) => ({
        a,
        s: q
          ? searchScore(
              q,
              a.titles.map((t) => t.title),
            )
          : 1,
      }))
      .filter(({ a, s }) => s > 0 && (!type || a.type === SEARCH_TYPES[type]));
    const get = orderBy ? ORDER_BY[orderBy] : undefined;
    scored.sort((x, y) => {
      if (get) {
        const [vx, vy] = [get(x.a), get(y.a)];
        if (vx !== vy) {
          if (vx === null) return 1;
          if (vy === null) return -1;
          return (vx < vy ? -1 : 1) * (sort === 'asc' ? 1 : -1);
        }
      }
      return y.s - x.s || (y.a.members ?? 0) - (x.a.members ?? 0) || x.a.mal_id - y.a.mal_id; // relevance
    });
    const data = scored.slice((page - 1) * limit, page * limit).map(({ a }) => jikanBase(a));
    const last = Math.max(1, Math.ceil(scored.length / limit));
    return {
      status: 200,
      body: {
        pagination: {
          last_visible_page: last,
          has_next_page: page < last,
          current_page: page,
          items: { count: data.length, total: scored.length, per_page: limit },
        },
        data,
      },
      cache: 'query',
    };
  }
}

/** Starts a fake Jikan on 127.0.0.1 and a random port. */
export async function startFakeJikan(opts: FakeJikanOptions = {}): Promise<FakeJikan> {
  const server = new FakeJikanServer(opts);
  await server.listen();
  return server;
}
