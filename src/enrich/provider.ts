import type { AnimeRecord } from '../domain/anime.ts';
import type { MediaType } from '../domain/types.ts';
import type { HttpStats } from './http.ts';
import type { RateLimiter } from '../lib/rate-limiter.ts';

export type ProviderName = 'anilist' | 'jikan';

/** One title to look up. `key` is the cache key of the request (the same title always asks the same thing). */
export interface SearchQuery {
  key: string;
  title: string;
  year: number | null;
  kind: MediaType;
}

/** What a provider answered for one logical request, as stored in `api_cache`: 200 with a payload, or 404. */
export interface RawAnswer {
  status: number;
  payload: string | null;
}

/** A metadata source. Providers batch as their API allows; callers see one answer per logical request. */
export interface Provider {
  readonly name: ProviderName;
  readonly limiter: RateLimiter;
  readonly stats: HttpStats;
  /** Logical requests per HTTP call. */
  readonly batch: { search: number; details: number };
  /** True when search answers already carry everything `details` would (then details are never fetched). */
  readonly searchIsComplete: boolean;
  search(queries: readonly SearchQuery[], signal?: AbortSignal): Promise<Map<string, RawAnswer>>;
  parseSearch(payload: string): AnimeRecord[];
  details(malIds: readonly number[], signal?: AbortSignal): Promise<Map<number, RawAnswer>>;
  parseDetails(payload: string): AnimeRecord | null;
}

/** Cache keys: one per logical request, independent of how requests are batched. */
export const cacheKey = {
  search: (normTitle: string): string => `search:${normTitle}`,
  details: (malId: number): string => `mal:${malId}`,
};
