import type { AnimeFormat, AnimeLink, AnimeRecord } from '../domain/anime.ts';
import { AnidexError } from '../lib/errors.ts';
import { arrayOf, isRecord, requestJson, type HttpStats } from './http.ts';
import { RateLimiter } from '../lib/rate-limiter.ts';
import type { Provider, RawAnswer, SearchQuery } from './provider.ts';

export const ANILIST_URL = 'https://graphql.anilist.co/';

export interface AniListOptions {
  url?: string;
  userAgent: string;
  /**
   * At most this many requests a minute, whatever AniList's X-RateLimit-Limit says (it says 90, or 30 while the API
   * is degraded); unset, anidex follows the header.
   */
  perMinute?: number;
  /** The length of AniList's rate window (a minute); tests shorten it to match a fake server's. */
  windowMs?: number;
  /** Per HTTP request (default 20 000). */
  timeoutMs?: number;
  maxRetries?: number;
  /** First backoff step of a retry (doubles, jittered); default 500. Mainly for tests. */
  retryBaseMs?: number;
}

const SEARCH_FIELDS =
  'id idMal type format status episodes duration season seasonYear startDate { year } title { romaji english native } synonyms';

const DETAIL_FIELDS = `id idMal type format status episodes duration season seasonYear startDate { year }
  title { romaji english native } synonyms genres tags { name rank isMediaSpoiler }
  studios(isMain: true) { edges { isMain node { name isAnimationStudio } } }
  averageScore meanScore popularity
  relations { edges { relationType node { id idMal type format title { romaji english } } } }
  recommendations(perPage: 10, sort: [RATING_DESC]) { nodes { rating mediaRecommendation { id idMal type format title { romaji english } } } }
  externalLinks { site url type }`;

/** Searches per request: ~18 complexity points each keeps a batch far below AniList's cap of 500. */
const SEARCH_BATCH = 20;
/** `Page(perPage:)` is capped at 50. */
const DETAILS_BATCH = 50;
const CANDIDATES_PER_SEARCH = 8;
/** AniList's limit while degraded, assumed until its first answer says the real one. */
export const ANILIST_FIRST_GUESS_PER_MINUTE = 30;

interface AniListMedia {
  id: number;
  idMal: number | null;
  type?: string | null;
  format?: string | null;
  status?: string | null;
  episodes?: number | null;
  duration?: number | null;
  season?: string | null;
  seasonYear?: number | null;
  startDate?: { year?: number | null } | null;
  title?: { romaji?: string | null; english?: string | null; native?: string | null } | null;
  synonyms?: Array<string | null> | null;
  genres?: Array<string | null> | null;
  tags?: Array<{ name: string; rank?: number | null; isMediaSpoiler?: boolean | null } | null> | null;
  studios?: {
    edges?: Array<{ isMain?: boolean; node?: { name?: string; isAnimationStudio?: boolean } | null } | null> | null;
  } | null;
  averageScore?: number | null;
  meanScore?: number | null;
  popularity?: number | null;
  relations?: { edges?: Array<{ relationType?: string | null; node?: AniListMedia | null } | null> | null } | null;
  recommendations?: {
    nodes?: Array<{ rating?: number | null; mediaRecommendation?: AniListMedia | null } | null> | null;
  } | null;
  externalLinks?: Array<{ site?: string | null; url?: string | null; type?: string | null } | null> | null;
}

const FORMATS = new Set<AnimeFormat>(['TV', 'TV_SHORT', 'MOVIE', 'SPECIAL', 'OVA', 'ONA', 'MUSIC']);

function format(f: string | null | undefined): AnimeFormat | null {
  return f && FORMATS.has(f as AnimeFormat) ? (f as AnimeFormat) : null;
}

function strings(xs: Array<string | null> | null | undefined): string[] {
  return arrayOf(xs).filter((x): x is string => typeof x === 'string' && x.length > 0);
}

function link(m: AniListMedia, relationType: string | null, rating: number): AnimeLink {
  return {
    relationType,
    malId: m.idMal ?? null,
    anilistId: m.id,
    format: format(m.format),
    title: m.title?.english ?? m.title?.romaji ?? '(untitled)',
    rating,
  };
}

/** AniList's Media → anidex's record; null for entries with no MyAnimeList id or that are not anime. */
export function fromAniList(m: AniListMedia): AnimeRecord | null {
  if (!isRecord(m) || typeof m.idMal !== 'number' || (m.type && m.type !== 'ANIME')) return null;
  return {
    malId: m.idMal,
    anilistId: m.id,
    titles: {
      romaji: m.title?.romaji ?? null,
      english: m.title?.english ?? null,
      native: m.title?.native ?? null,
      synonyms: strings(m.synonyms),
    },
    format: format(m.format),
    episodes: m.episodes ?? null,
    minutesPerEpisode: m.duration ?? null,
    season: m.season ?? null,
    year: m.seasonYear ?? m.startDate?.year ?? null,
    status: m.status ?? null,
    genres: strings(m.genres),
    tags: arrayOf(m.tags)
      .filter((t) => isRecord(t) && typeof t.name === 'string' && !t.isMediaSpoiler)
      .map((t) => ({ name: t!.name, rank: t!.rank ?? null })),
    studios: arrayOf(m.studios?.edges)
      .filter((e) => e?.node?.name && e.node.isAnimationStudio !== false)
      .map((e) => e!.node!.name!),
    communityScore: m.averageScore ?? m.meanScore ?? null,
    scoreSource: 'anilist',
    popularity: m.popularity ?? null,
    relations: arrayOf(m.relations?.edges)
      .filter((e) => isRecord(e?.node) && (e.node.type ?? 'ANIME') === 'ANIME')
      .map((e) => link(e!.node!, e!.relationType ?? null, 0)),
    recommendations: arrayOf(m.recommendations?.nodes)
      .filter((n) => isRecord(n?.mediaRecommendation))
      .map((n) => link(n!.mediaRecommendation!, null, n!.rating ?? 0)),
    streaming: arrayOf(m.externalLinks)
      .filter((l) => l?.type === 'STREAMING' && l.site && l.url)
      .map((l) => ({ site: l!.site!, url: l!.url! })),
  };
}

interface GraphQlBody {
  data?: Record<string, { media?: AniListMedia[] | null } | null> | null;
  errors?: Array<{ message?: string; status?: number }>;
}

const hasErrors = (body: Record<string, unknown>): boolean => Array.isArray(body.errors) && body.errors.length > 0;
/** Every entry of `media` is an object. */
const mediaList = (page: unknown): boolean => isRecord(page) && Array.isArray(page.media) && page.media.every(isRecord);

/**
 * The shapes anidex reads (anything else is a wrong answer, retried, never cached): a search has every alias as a
 * Page with a `media` list, or null next to errors; details have `page.media`. A 200 with errors and no data is
 * left to post(), which reports the errors.
 */
function searchShape(aliases: number): (json: unknown) => boolean {
  return (json) => {
    if (!isRecord(json)) return false;
    if (json.data === null || json.data === undefined) return hasErrors(json);
    if (!isRecord(json.data)) return false;
    const data = json.data;
    for (let i = 0; i < aliases; i++) {
      const page = data[`q${i}`];
      if (page === null ? !hasErrors(json) : !mediaList(page)) return false;
    }
    return true;
  };
}

function detailsShape(json: unknown): boolean {
  if (!isRecord(json)) return false;
  if (json.data === null || json.data === undefined) return hasErrors(json);
  return isRecord(json.data) && mediaList(json.data.page);
}

function graphQlError(status: number, body: GraphQlBody): AnidexError {
  const msg = body.errors?.[0]?.message ?? `HTTP ${status}`;
  if (status === 403) {
    return new AnidexError(
      `AniList refused the request (403: ${msg}).`,
      'AniList may be down for everyone; try again later.',
    );
  }
  return new AnidexError(
    `AniList rejected anidex's query (${status}: ${msg}).`,
    'This is a bug in anidex; run with --debug and report it.',
  );
}

/** The AniList GraphQL API: aliased searches and `Page { media(idMal_in:) }`, so one request carries many titles. */
export class AniListProvider implements Provider {
  readonly name = 'anilist' as const;
  readonly limiter: RateLimiter;
  readonly stats: HttpStats = { calls: 0, http429: 0, retries: 0 };
  readonly batch = { search: SEARCH_BATCH, details: DETAILS_BATCH };
  readonly searchIsComplete = false;
  private readonly url: string;

  constructor(private readonly opts: AniListOptions) {
    this.url = opts.url ?? ANILIST_URL;
    // The degraded limit until the first answer's X-RateLimit-Limit says what AniList allows now (the requests go one
    // at a time, so the first answer is in before the second request leaves).
    this.limiter = new RateLimiter([{ limit: ANILIST_FIRST_GUESS_PER_MINUTE, ms: opts.windowMs ?? 60_000 }], {
      maxLimit: opts.perMinute,
    });
  }

  async search(queries: readonly SearchQuery[], signal?: AbortSignal): Promise<Map<string, RawAnswer>> {
    const vars: Record<string, string> = {};
    const decls: string[] = [];
    const roots: string[] = [];
    queries.forEach((q, i) => {
      vars[`s${i}`] = q.title;
      decls.push(`$s${i}: String`);
      roots.push(
        `q${i}: Page(perPage: ${CANDIDATES_PER_SEARCH}) { media(search: $s${i}, type: ANIME, sort: [SEARCH_MATCH]) { ...f } }`,
      );
    });
    const query = `query (${decls.join(', ')}) {\n${roots.join('\n')}\n}\nfragment f on Media { ${SEARCH_FIELDS} }`;
    const body = await this.post(query, vars, searchShape(queries.length), signal);
    const out = new Map<string, RawAnswer>();
    queries.forEach((q, i) => {
      const page = body.data?.[`q${i}`];
      // A null alias next to errors failed: no answer (the title stays pending), not "nothing found".
      if (!page && body.errors?.length) return;
      const media = page?.media ?? [];
      // Nothing found is a negative answer, cached for the shorter time so the title is looked up again sooner.
      out.set(
        q.key,
        media.length ? { status: 200, payload: JSON.stringify({ media }) } : { status: 404, payload: null },
      );
    });
    return out;
  }

  parseSearch(payload: string): AnimeRecord[] {
    const page = JSON.parse(payload) as { media?: AniListMedia[] } | null;
    return arrayOf(page?.media)
      .map(fromAniList)
      .filter((r): r is AnimeRecord => r !== null);
  }

  async details(malIds: readonly number[], signal?: AbortSignal): Promise<Map<number, RawAnswer>> {
    const query = `query ($ids: [Int]) { page: Page(perPage: ${DETAILS_BATCH}) { media(idMal_in: $ids, type: ANIME) { ${DETAIL_FIELDS} } } }`;
    const body = await this.post(query, { ids: [...malIds] }, detailsShape, signal);
    const found = new Map<number, AniListMedia>();
    for (const m of body.data?.page?.media ?? []) if (m && typeof m.idMal === 'number') found.set(m.idMal, m);
    const out = new Map<number, RawAnswer>();
    // Ids AniList does not know are simply absent from a Page: remember them as a negative answer.
    for (const id of malIds) {
      const m = found.get(id);
      out.set(id, m ? { status: 200, payload: JSON.stringify(m) } : { status: 404, payload: null });
    }
    return out;
  }

  parseDetails(payload: string): AnimeRecord | null {
    return fromAniList(JSON.parse(payload) as AniListMedia);
  }

  private async post(
    query: string,
    variables: Record<string, unknown>,
    accept: (json: unknown) => boolean,
    signal?: AbortSignal,
  ): Promise<GraphQlBody> {
    const res = await requestJson(this.limiter, this.stats, {
      url: this.url,
      method: 'POST',
      body: { query, variables },
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': this.opts.userAgent,
        // AniList has answered 403 to requests without a Referer.
        referer: 'https://anilist.co/',
      },
      timeoutMs: this.opts.timeoutMs ?? 20_000,
      maxRetries: this.opts.maxRetries ?? 3,
      retryBaseMs: this.opts.retryBaseMs,
      max429: 10,
      signal,
      provider: 'AniList',
      accept,
    });
    const body = (isRecord(res.json) ? res.json : {}) as GraphQlBody;
    if (res.status !== 200 || (body.errors && body.errors.length && !body.data)) throw graphQlError(res.status, body);
    return body;
  }
}
