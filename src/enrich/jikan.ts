import type { AnimeFormat, AnimeRecord } from '../domain/anime.ts';
import { AnidexError } from '../lib/errors.ts';
import { arrayOf, isRecord, requestJson, type HttpStats } from './http.ts';
import { RateLimiter } from '../lib/rate-limiter.ts';
import type { Provider, RawAnswer, SearchQuery } from './provider.ts';

export interface JikanOptions {
  /** Base URL of a Jikan v4 server without `/v4`, e.g. a self-hosted jikan-rest. */
  url: string;
  userAgent: string;
  perSecond?: number;
  perMinute?: number;
  /** Per HTTP request (default 20 000). */
  timeoutMs?: number;
  maxRetries?: number;
  /** First backoff step of a retry (doubles, jittered); default 500. Mainly for tests. */
  retryBaseMs?: number;
}

interface Named {
  name?: string | null;
}

interface JikanAnime {
  mal_id: number;
  title?: string | null;
  title_english?: string | null;
  title_japanese?: string | null;
  title_synonyms?: Array<string | null> | null;
  titles?: Array<{ type?: string; title?: string } | null> | null;
  type?: string | null;
  episodes?: number | null;
  duration?: string | null;
  status?: string | null;
  season?: string | null;
  year?: number | null;
  aired?: { prop?: { from?: { year?: number | null } | null } | null; from?: string | null } | null;
  score?: number | null;
  members?: number | null;
  studios?: Named[] | null;
  genres?: Named[] | null;
  themes?: Named[] | null;
  demographics?: Named[] | null;
  relations?: Array<{ relation?: string; entry?: Array<{ mal_id: number; type?: string; name?: string }> }> | null;
  streaming?: Array<{ name?: string | null; url?: string | null }> | null;
}

const TYPES: Record<string, AnimeFormat> = {
  TV: 'TV',
  Movie: 'MOVIE',
  OVA: 'OVA',
  ONA: 'ONA',
  Special: 'SPECIAL',
  Music: 'MUSIC',
  'TV Special': 'SPECIAL',
};

/** "24 min per ep", "1 hr 55 min", "2 hr" → minutes. */
export function jikanMinutes(duration: string | null | undefined): number | null {
  if (!duration) return null;
  const h = /(\d+)\s*hr/.exec(duration);
  const m = /(\d+)\s*min/.exec(duration);
  const total = (h ? Number(h[1]) * 60 : 0) + (m ? Number(m[1]) : 0);
  return total > 0 ? total : null;
}

function names(xs: Named[] | null | undefined): string[] {
  return arrayOf(xs)
    .map((x) => x?.name)
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
}

/** `titles[]` types that the fixed fields already carry (title, title_synonyms, title_japanese, title_english). */
const FIELD_TITLE_TYPES = new Set(['Default', 'Synonym', 'Japanese', 'English']);

/** Titles in further languages from `titles[]` (German, Spanish, French, …), labelled with their type. */
function otherTitles(titles: JikanAnime['titles']): Array<{ language: string; title: string }> {
  return arrayOf(titles)
    .filter(
      (t) =>
        isRecord(t) &&
        typeof t.type === 'string' &&
        typeof t.title === 'string' &&
        t.title.trim() !== '' &&
        !FIELD_TITLE_TYPES.has(t.type),
    )
    .map((t) => ({ language: t!.type!, title: t!.title! }));
}

const SEASONS: Record<string, string> = { winter: 'WINTER', spring: 'SPRING', summer: 'SUMMER', fall: 'FALL' };

/** Jikan's Anime (or AnimeFull) → anidex's record. MAL scores (0–10) become 0–100. */
export function fromJikan(a: JikanAnime): AnimeRecord {
  const statusMap: Record<string, string> = {
    'Finished Airing': 'FINISHED',
    'Currently Airing': 'RELEASING',
    'Not yet aired': 'NOT_YET_RELEASED',
  };
  return {
    malId: a.mal_id,
    anilistId: null,
    titles: {
      romaji: a.title ?? null,
      english: a.title_english ?? null,
      native: a.title_japanese ?? null,
      synonyms: arrayOf(a.title_synonyms).filter((s): s is string => typeof s === 'string' && s.length > 0),
      others: otherTitles(a.titles),
    },
    format: a.type ? (TYPES[a.type] ?? null) : null,
    episodes: a.episodes ?? null,
    minutesPerEpisode: jikanMinutes(a.duration),
    season: a.season ? (SEASONS[a.season] ?? null) : null,
    year: a.year ?? a.aired?.prop?.from?.year ?? null,
    status: a.status ? (statusMap[a.status] ?? a.status) : null,
    genres: names(a.genres),
    tags: [...names(a.themes), ...names(a.demographics)].map((name) => ({ name, rank: null })),
    studios: names(a.studios),
    communityScore: typeof a.score === 'number' && a.score > 0 ? Math.round(a.score * 10) : null,
    scoreSource: 'mal',
    popularity: a.members ?? null,
    relations: arrayOf(a.relations).flatMap((r) =>
      arrayOf(r?.entry)
        .filter((e) => isRecord(e) && e.type === 'anime' && typeof e.mal_id === 'number')
        .map((e) => ({
          relationType: (r.relation ?? '').toUpperCase().replace(/\s+/g, '_'),
          malId: e.mal_id,
          anilistId: null,
          format: null,
          title: e.name ?? '',
          rating: 0,
        })),
    ),
    recommendations: [],
    streaming: arrayOf(a.streaming)
      .filter((s) => s?.name && s.url)
      .map((s) => ({ site: s.name!, url: s.url! })),
  };
}

/** The shapes anidex reads from a 200 (anything else, e.g. jikan-rest's error body without `data`, is retried and never cached). */
const LIST_SHAPE = (json: unknown): boolean => isRecord(json) && Array.isArray(json.data);
const RECORD_SHAPE = (json: unknown): boolean => isRecord(json) && isRecord(json.data);

/**
 * A Jikan v4 server (self-hosted jikan-rest or a compatible mirror; the public api.jikan.moe closed in 2026).
 * Search answers carry genres, studios, episodes and scores, so one call per title is enough.
 */
export class JikanProvider implements Provider {
  readonly name = 'jikan' as const;
  readonly limiter: RateLimiter;
  readonly stats: HttpStats = { calls: 0, http429: 0, retries: 0 };
  readonly batch = { search: 1, details: 1 };
  readonly searchIsComplete = true;
  private readonly base: string;

  constructor(private readonly opts: JikanOptions) {
    this.base = opts.url.replace(/\/+$/, '').replace(/\/v4$/, '');
    // Jikan allows 3 a second and 60 a minute (and sends no X-RateLimit headers): the minute is the limiter's
    // window, the second its spacing between requests.
    this.limiter = new RateLimiter([
      { limit: opts.perSecond ?? 3, ms: 1_000 },
      { limit: opts.perMinute ?? 60, ms: 60_000 },
    ]);
  }

  async search(queries: readonly SearchQuery[], signal?: AbortSignal): Promise<Map<string, RawAnswer>> {
    const out = new Map<string, RawAnswer>();
    for (const q of queries) {
      const res = await this.get(`/v4/anime?q=${encodeURIComponent(q.title)}&limit=10&sfw=true`, LIST_SHAPE, signal);
      const found = res.status === 200 && this.parseSearch(res.text).length > 0;
      out.set(q.key, found ? { status: 200, payload: res.text } : { status: 404, payload: null });
    }
    return out;
  }

  parseSearch(payload: string): AnimeRecord[] {
    const body = JSON.parse(payload) as { data?: JikanAnime[] } | null;
    return arrayOf(body?.data)
      .filter((a) => isRecord(a) && typeof a.mal_id === 'number')
      .map(fromJikan);
  }

  /** `/full` (relations, streaming) and `/recommendations`, stored together as one answer per id. */
  async details(malIds: readonly number[], signal?: AbortSignal): Promise<Map<number, RawAnswer>> {
    const out = new Map<number, RawAnswer>();
    for (const id of malIds) {
      const full = await this.get(`/v4/anime/${id}/full`, RECORD_SHAPE, signal);
      if (full.status !== 200) {
        out.set(id, { status: full.status, payload: null });
        continue;
      }
      const recs = await this.get(`/v4/anime/${id}/recommendations`, LIST_SHAPE, signal);
      const data = (JSON.parse(full.text) as { data?: unknown }).data;
      const recommendations = recs.status === 200 ? ((JSON.parse(recs.text) as { data?: unknown }).data ?? []) : [];
      out.set(id, { status: 200, payload: JSON.stringify({ data, recommendations }) });
    }
    return out;
  }

  parseDetails(payload: string): AnimeRecord | null {
    const body = JSON.parse(payload) as {
      data?: JikanAnime;
      recommendations?: Array<{ entry?: { mal_id?: number; title?: string }; votes?: number }>;
    } | null;
    if (!isRecord(body?.data) || typeof body.data.mal_id !== 'number') return null;
    const r = fromJikan(body.data);
    r.recommendations = arrayOf(body.recommendations)
      .filter((x) => typeof x?.entry?.mal_id === 'number')
      .slice(0, 10)
      .map((x) => ({
        relationType: null,
        malId: x.entry!.mal_id!,
        anilistId: null,
        format: null,
        title: x.entry!.title ?? '',
        rating: x.votes ?? 0,
      }));
    return r;
  }

  private async get(
    path: string,
    accept: (json: unknown) => boolean,
    signal?: AbortSignal,
  ): Promise<{ status: number; text: string }> {
    const res = await requestJson(this.limiter, this.stats, {
      url: this.base + path,
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': this.opts.userAgent },
      timeoutMs: this.opts.timeoutMs ?? 20_000,
      maxRetries: this.opts.maxRetries ?? 3,
      retryBaseMs: this.opts.retryBaseMs,
      max429: 10,
      signal,
      provider: 'Jikan',
      accept,
    });
    if (res.status !== 200 && res.status !== 404) {
      throw new AnidexError(
        `The Jikan server at ${this.base} answered HTTP ${res.status} to ${path}.`,
        'Check ANIDEX_JIKAN_URL points at a Jikan v4 server.',
      );
    }
    return { status: res.status, text: res.text };
  }
}
