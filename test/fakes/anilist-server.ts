/**
 * A fake of https://graphql.anilist.co for anidex's tests, following AniList's documented transport and limits and
 * the recorded answers in test/fixtures/reference/anilist__*.json.
 *
 * - POST / with {query, variables}; parsed, validated and executed by graphql-js against the documented SDL
 *   subset (embedded below, verbatim from anilist__schema_subset.graphql) over the data of ./anime-db.ts.
 * - Errors use AniList's envelope {"errors":[{message,status,locations?}],"data":…} and HTTP status = errors[0].status:
 *   validation 400, complexity 400 (fields counted with fragments expanded, summed over aliases), a Media miss 404
 *   with every root alias nulled, 403 without a Referer, 429 with the recorded 74-byte body.
 * - A sliding-window rate limit (the brief asks for sliding; the real one is probably fixed, §3.3).
 * - Fault injection for the client's retry/timeout code: see Fault.
 *
 * This file also exports the plumbing the Jikan fake reuses (FakeServerBase, SlidingWindow, Fault).
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildSchema,
  defaultFieldResolver,
  execute,
  getArgumentValues,
  GraphQLError,
  GraphQLObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { animeDb, mediaSearchTitles, searchScore, type AniListMedia, type AnimeDb, type MediaTag } from './anime-db.ts';
import { setTimeout as sleep } from 'node:timers/promises';

// ---------------------------------------------------------------------------------------------------------------
// shared plumbing (also used by jikan-server.ts)

/** What a fake can do to one request instead of (or before) answering it normally. */
export type Fault =
  /** wait, then answer normally */
  | { kind: 'latency'; ms: number }
  /** an HTTP error page: AniList 500 JSON / 502–504 Cloudflare HTML; Jikan 429/500/503/504 JSON / 502 nginx HTML */
  | { kind: 'http'; status: number; body?: 'json' | 'html' }
  /** socket.destroy() before any byte of the answer */
  | { kind: 'reset' }
  /** never answer (the client's timeout must fire; close() ends it) */
  | { kind: 'hang' }
  /** a complete response whose JSON body is cut in half (parse error) */
  | { kind: 'malformed' }
  /** Content-Length of the full body, half of it sent, then the socket destroyed (premature close) */
  | { kind: 'truncated' }
  /** HTTP 200 with an `errors` array (AniList: next to the normal data; Jikan: an error body without `data`) */
  | { kind: 'errors200'; message?: string }
  /**
   * a 429 as the rate limiter sends it, whatever the window says. `retryAfterHeader` sends that exact Retry-After
   * value instead ("0.05", "86400", an HTTP date); on the Jikan fake either option adds a Retry-After it never sends
   * otherwise (a proxy in front of jikan-rest may).
   */
  | { kind: 'rateLimited'; retryAfter?: number; retryAfterHeader?: string }
  /** a complete answer with exactly this body (an HTML page with 200, a JSON body of the wrong shape); status default 200 */
  | { kind: 'body'; body: string; status?: number; contentType?: string }
  /** the normal answer, `chunkBytes` (default 16) bytes every `intervalMs` (a very slow link) */
  | { kind: 'trickle'; intervalMs: number; chunkBytes?: number }
  /** the normal answer with these headers added (e.g. X-RateLimit-Remaining 0 and a far reset) */
  | { kind: 'headers'; headers: Record<string, string> };
export type FaultKind = Fault['kind'];
/** A fault, or just its kind (latency 1000 ms, http 500). */
export type FaultInput = Fault | FaultKind;
export interface RequestInfo {
  n: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}
/** Decides a fault per request (after the queue of inject() is empty). */
export type FaultPicker = (r: RequestInfo) => FaultInput | null | undefined;

export interface LogEntry extends RequestInfo {
  at: number;
  /** HTTP status sent; null when the fault sent none (reset, hang) or before the answer. */
  status: number | null;
  fault: FaultKind | null;
}

const DEFAULT_FAULT: Record<FaultKind, Fault> = {
  latency: { kind: 'latency', ms: 1000 },
  http: { kind: 'http', status: 500 },
  reset: { kind: 'reset' },
  hang: { kind: 'hang' },
  malformed: { kind: 'malformed' },
  truncated: { kind: 'truncated' },
  errors200: { kind: 'errors200' },
  rateLimited: { kind: 'rateLimited' },
  body: {
    kind: 'body',
    status: 200,
    body: '<!DOCTYPE html><html><head><title>Captive portal</title></head><body>Sign in to continue</body></html>',
    contentType: 'text/html; charset=UTF-8',
  },
  trickle: { kind: 'trickle', intervalMs: 100 },
  headers: { kind: 'headers', headers: {} },
};
const toFault = (f: FaultInput): Fault => (typeof f === 'string' ? DEFAULT_FAULT[f] : f);

/** JSON the way PHP's json_encode writes it ("\/" and \uXXXX), as both real servers do; any parser reads it. */
export function encodeJson(value: unknown, php: boolean): string {
  const s = JSON.stringify(value);
  if (!php) return s;
  return s
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A sliding-window log: at most `limit` accepted requests in any `windowMs`. */
export class SlidingWindow {
  private hits: number[] = [];
  constructor(
    public limit: number,
    public windowMs: number,
  ) {}
  private prune(now: number): void {
    while (this.hits.length && (this.hits[0] as number) <= now - this.windowMs) this.hits.shift();
  }
  /** Slots left now (without taking one). */
  remaining(now = Date.now()): number {
    this.prune(now);
    return Math.max(0, this.limit - this.hits.length);
  }
  /** When full: ms until the oldest hit leaves the window. */
  waitMs(now = Date.now()): number {
    this.prune(now);
    return this.hits.length < this.limit ? 0 : (this.hits[0] as number) + this.windowMs - now;
  }
  take(now = Date.now()): void {
    this.hits.push(now);
  }
  reset(): void {
    this.hits = [];
  }
}

/** HTTP server, request log, counters and fault queue shared by both fakes. */
export abstract class FakeServerBase {
  url = '';
  port = 0;
  /** Every HTTP request received (faults, 403s and 429s included). */
  requests = 0;
  /** 429 answers (window or injected). */
  rateLimited = 0;
  /** Requests a fault was applied to. */
  faultsServed = 0;
  byStatus: Record<number, number> = {};
  log: LogEntry[] = [];
  /** Extra delay before every answer. */
  latencyMs: number;
  protected readonly server: http.Server;
  private queue: Fault[] = [];
  private picker: FaultPicker | null = null;

  constructor(
    protected readonly php: boolean,
    latencyMs: number,
  ) {
    this.latencyMs = latencyMs;
    this.server = http.createServer((req, res) => {
      void this.receive(req, res);
    });
  }

  /** Apply `fault` to the next `times` requests (queued after earlier injections). */
  inject(fault: FaultInput, times = 1): void {
    for (let i = 0; i < times; i++) this.queue.push(toFault(fault));
  }
  /** Decide a fault per request (used once the inject() queue is empty); null turns it off. */
  setFaultFn(fn: FaultPicker | null): void {
    this.picker = fn;
  }
  clearFaults(): void {
    this.queue = [];
    this.picker = null;
  }
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }
  /** Injected faults not yet used. */
  get pendingFaults(): number {
    return this.queue.length;
  }
  resetCounters(): void {
    this.requests = 0;
    this.rateLimited = 0;
    this.faultsServed = 0;
    this.byStatus = {};
    this.log = [];
  }

  /** Listen on 127.0.0.1 and a free port. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = this.urlFor(this.port);
  }
  /** Stops the server, cutting hanging and keep-alive connections. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  protected abstract urlFor(port: number): string;
  protected abstract handle(req: IncomingMessage, res: ServerResponse, entry: LogEntry): Promise<void>;

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      return;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const n = ++this.requests;
    const entry: LogEntry = {
      n,
      at: Date.now(),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body,
      json,
      status: null,
      fault: null,
    };
    this.log.push(entry);
    try {
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      await this.handle(req, res, entry);
    } catch (err) {
      // A bug in the fake: say so loudly rather than hang the client.
      if (!res.headersSent)
        this.send(res, entry, 500, JSON.stringify({ fakeServerError: String(err) }), {
          'Content-Type': 'application/json',
        });
    }
  }

  /** The next fault for this request, if any (the queue first, then the picker). */
  protected takeFault(entry: LogEntry): Fault | null {
    const queued = this.queue.shift();
    const picked = queued ?? this.picker?.(entry) ?? null;
    const fault = picked === null ? null : toFault(picked);
    if (fault) {
      entry.fault = fault.kind;
      this.faultsServed++;
    }
    return fault;
  }

  /**
   * Handles the faults that are the same on both fakes. Returns true when the request is finished (reset, hang);
   * latency waits and returns false so the request goes on.
   */
  protected async transportFault(fault: Fault | null, res: ServerResponse): Promise<boolean> {
    if (!fault) return false;
    if (fault.kind === 'latency') {
      await sleep(fault.ms);
      return false;
    }
    if (fault.kind === 'reset') {
      res.socket?.destroy();
      return true;
    }
    if (fault.kind === 'hang') return true; // no answer; close() or the client's abort ends the socket
    return false;
  }

  protected send(
    res: ServerResponse,
    entry: LogEntry,
    status: number,
    body: string,
    headers: Record<string, string | number>,
  ): void {
    entry.status = status;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    if (status === 429) this.rateLimited++;
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  /** A `body` fault: that exact answer instead of the real one. Returns true when it was sent. */
  protected rawBodyFault(fault: Fault | null, res: ServerResponse, entry: LogEntry): boolean {
    if (fault?.kind !== 'body') return false;
    this.send(res, entry, fault.status ?? 200, fault.body, { 'Content-Type': fault.contentType ?? 'application/json' });
    return true;
  }

  /** Sends a body according to malformed/truncated/trickle/headers faults, else whole. */
  protected sendMaybeBroken(
    res: ServerResponse,
    entry: LogEntry,
    fault: Fault | null,
    status: number,
    body: string,
    headers: Record<string, string | number>,
  ): void {
    if (fault?.kind === 'headers') {
      this.send(res, entry, status, body, { ...headers, ...fault.headers });
    } else if (fault?.kind === 'trickle') {
      entry.status = status;
      this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
      const bytes = Buffer.from(body, 'utf8');
      const step = Math.max(1, fault.chunkBytes ?? 16);
      res.writeHead(status, { ...headers, 'Content-Length': bytes.length });
      let at = 0;
      const tick = (): void => {
        // The client gave up (timeout) or close() cut the socket: stop writing.
        if (res.destroyed || res.socket?.destroyed) return;
        const chunk = bytes.subarray(at, at + step);
        at += step;
        if (at >= bytes.length) res.end(chunk);
        else res.write(chunk, () => setTimeout(tick, fault.intervalMs));
      };
      tick();
    } else if (fault?.kind === 'malformed') {
      this.send(res, entry, status, body.slice(0, Math.max(1, Math.floor(body.length / 2))), headers);
    } else if (fault?.kind === 'truncated') {
      entry.status = status;
      this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
      res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
      res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    } else {
      this.send(res, entry, status, body, headers);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// AniList specifics

/** The recorded edge 429 body, byte for byte (74 bytes, anilist__error_429_too_many_requests.json). */
export const ANILIST_429_BODY = '{"data": null,"errors": [{"message": "Too Many Requests.","status": 429}]}';
export const ANILIST_DISABLED_MESSAGE =
  'The AniList API has been temporarily disabled due to severe stability issues. Please check the announcements channel in the official AniList Discord for more information.';
const NO_QUERY_MESSAGE =
  'No query or mutation provided. Please view https://anilist.co/graphiql to see available queries and mutations.';
export const GENRES = [
  'Action',
  'Adventure',
  'Comedy',
  'Drama',
  'Ecchi',
  'Fantasy',
  'Hentai',
  'Horror',
  'Mahou Shoujo',
  'Mecha',
  'Music',
  'Mystery',
  'Psychological',
  'Romance',
  'Sci-Fi',
  'Slice of Life',
  'Sports',
  'Supernatural',
  'Thriller',
];

export interface FakeAniListOptions {
  /** Requests allowed per window (default 30, AniList's degraded limit). */
  limitPerMinute?: number;
  /** Window length in ms (default 60 000); tests pass e.g. 2000. */
  windowMs?: number;
  /** X-RateLimit-Limit sent (default = limitPerMinute); 90 with a limit of 30 reproduces 2024-09→2025-08's lying headers. */
  advertisedLimit?: number;
  /** 429 headers: 'docs' = Retry-After + X-RateLimit-Limit/Remaining 0/Reset (default); 'recorded' = Retry-After only (2025 capture). */
  headers429?: 'docs' | 'recorded';
  /** 403 "temporarily disabled" when a request has no Referer (default true, as in Sept 2026). */
  requireReferer?: boolean;
  /** Max query complexity (default 500). */
  maxComplexity?: number;
  /** Encode like PHP (default true): "\/" and \uXXXX. */
  phpJson?: boolean;
  /** Extra latency for every request (default 0). */
  latencyMs?: number;
  /** The data (default: the shared animeDb()). */
  db?: AnimeDb;
  /** Person lists by user name (MediaListCollection); change them with setList. */
  lists?: Record<string, FakeUserList>;
}

/** One entry of a fake person's list, as AniList keeps it (score in the user's format). */
export interface FakeListEntry {
  mediaId: number;
  status: 'CURRENT' | 'PLANNING' | 'COMPLETED' | 'DROPPED' | 'PAUSED' | 'REPEATING';
  score?: number;
  progress?: number;
  repeat?: number;
  notes?: string | null;
  startedAt?: { year: number | null; month: number | null; day: number | null };
  completedAt?: { year: number | null; month: number | null; day: number | null };
  updatedAt?: number;
  /** Also in these custom lists (AniList then lists the entry again under each). */
  customLists?: string[];
}

export interface FakeUserList {
  id: number;
  name: string;
  scoreFormat: 'POINT_100' | 'POINT_10_DECIMAL' | 'POINT_10' | 'POINT_5' | 'POINT_3';
  /** A private profile: the list answers 404 like an unknown user. */
  private?: boolean;
  entries: FakeListEntry[];
}

/** What both fakes offer a test: where they listen, what they saw, and fault injection. */
export interface FakeServerHandle {
  readonly url: string;
  readonly port: number;
  readonly requests: number;
  readonly rateLimited: number;
  readonly faultsServed: number;
  readonly byStatus: Record<number, number>;
  /** Every request: method, path, headers, raw body, parsed json, status sent, fault applied. */
  readonly log: LogEntry[];
  readonly pendingFaults: number;
  inject(fault: FaultInput, times?: number): void;
  setFaultFn(fn: FaultPicker | null): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  resetRateLimit(): void;
  resetCounters(): void;
  close(): Promise<void>;
}

export interface FakeAniList extends FakeServerHandle {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  setRequireReferer(on: boolean): void;
  /** Change the limit/window at runtime (keeps the hits already in the window). */
  setRateLimit(limitPerMinute: number, windowMs?: number): void;
  /** Replace (or, with null, remove) a person's list. */
  setList(userName: string, list: FakeUserList | null): void;
}

/** The SDL subset, verbatim from anilist__schema_subset.graphql. */
export const ANILIST_SDL = `# AniList GraphQL schema SUBSET, generated from AniList/docs docs/reference/*.md @ dd9c579f18036d720038b3da17b892b44609fd62 (2026-03-17).

# Only the types/fields an anime-enrichment client needs. Nullability exactly as documented.

scalar CountryCode  # ISO 3166-1 alpha-2, serialized as a String ("JP")

scalar FuzzyDateInt # 8-digit YYYYMMDD Int, e.g. 20200000

type Query {
  Page(page: Int, perPage: Int): Page
  Media(id: Int, idMal: Int, startDate: FuzzyDateInt, endDate: FuzzyDateInt, season: MediaSeason, seasonYear: Int, type: MediaType, format: MediaFormat, status: MediaStatus, episodes: Int, duration: Int, chapters: Int, volumes: Int, isAdult: Boolean, genre: String, tag: String, minimumTagRank: Int, tagCategory: String, onList: Boolean, licensedBy: String, licensedById: Int, averageScore: Int, popularity: Int, source: MediaSource, countryOfOrigin: CountryCode, isLicensed: Boolean, search: String, id_not: Int, id_in: [Int], id_not_in: [Int], idMal_not: Int, idMal_in: [Int], idMal_not_in: [Int], startDate_greater: FuzzyDateInt, startDate_lesser: FuzzyDateInt, startDate_like: String, endDate_greater: FuzzyDateInt, endDate_lesser: FuzzyDateInt, endDate_like: String, format_in: [MediaFormat], format_not: MediaFormat, format_not_in: [MediaFormat], status_in: [MediaStatus], status_not: MediaStatus, status_not_in: [MediaStatus], episodes_greater: Int, episodes_lesser: Int, duration_greater: Int, duration_lesser: Int, chapters_greater: Int, chapters_lesser: Int, volumes_greater: Int, volumes_lesser: Int, genre_in: [String], genre_not_in: [String], tag_in: [String], tag_not_in: [String], tagCategory_in: [String], tagCategory_not_in: [String], licensedBy_in: [String], licensedById_in: [Int], averageScore_not: Int, averageScore_greater: Int, averageScore_lesser: Int, popularity_not: Int, popularity_greater: Int, popularity_lesser: Int, source_in: [MediaSource], sort: [MediaSort]): Media
  GenreCollection: [String]
  MediaTagCollection(status: Int): [MediaTag]
}

type Page {
  pageInfo: PageInfo  # The pagination information
  media(id: Int, idMal: Int, startDate: FuzzyDateInt, endDate: FuzzyDateInt, season: MediaSeason, seasonYear: Int, type: MediaType, format: MediaFormat, status: MediaStatus, episodes: Int, duration: Int, chapters: Int, volumes: Int, isAdult: Boolean, genre: String, tag: String, minimumTagRank: Int, tagCategory: String, onList: Boolean, licensedBy: String, licensedById: Int, averageScore: Int, popularity: Int, source: MediaSource, countryOfOrigin: CountryCode, isLicensed: Boolean, search: String, id_not: Int, id_in: [Int], id_not_in: [Int], idMal_not: Int, idMal_in: [Int], idMal_not_in: [Int], startDate_greater: FuzzyDateInt, startDate_lesser: FuzzyDateInt, startDate_like: String, endDate_greater: FuzzyDateInt, endDate_lesser: FuzzyDateInt, endDate_like: String, format_in: [MediaFormat], format_not: MediaFormat, format_not_in: [MediaFormat], status_in: [MediaStatus], status_not: MediaStatus, status_not_in: [MediaStatus], episodes_greater: Int, episodes_lesser: Int, duration_greater: Int, duration_lesser: Int, chapters_greater: Int, chapters_lesser: Int, volumes_greater: Int, volumes_lesser: Int, genre_in: [String], genre_not_in: [String], tag_in: [String], tag_not_in: [String], tagCategory_in: [String], tagCategory_not_in: [String], licensedBy_in: [String], licensedById_in: [Int], averageScore_not: Int, averageScore_greater: Int, averageScore_lesser: Int, popularity_not: Int, popularity_greater: Int, popularity_lesser: Int, source_in: [MediaSource], sort: [MediaSort]): [Media]
}

type PageInfo {
  total: Int  # The total number of items. Note: This value is not guaranteed to be accurate, do not rely on this for logic
  perPage: Int  # The count on a page
  currentPage: Int  # The current page
  lastPage: Int  # The last page
  hasNextPage: Boolean  # If there is another page
}

type Media {
  id: Int!  # The id of the media
  idMal: Int  # The mal id of the media
  title: MediaTitle  # The official titles of the media in various languages
  type: MediaType  # The type of the media; anime or manga
  format: MediaFormat  # The format the media was released in
  status(version: Int): MediaStatus  # The current releasing status of the media
  description(asHtml: Boolean): String  # Short description of the media's story and characters
  startDate: FuzzyDate  # The first official release date of the media
  endDate: FuzzyDate  # The last official release date of the media
  season: MediaSeason  # The season the media was initially released in
  seasonYear: Int  # The season year the media was initially released in
  seasonInt: Int  # The year & season the media was initially released in
  episodes: Int  # The amount of episodes the anime has when complete
  duration: Int  # The general length of each anime episode in minutes
  chapters: Int  # The amount of chapters the manga has when complete
  volumes: Int  # The amount of volumes the manga has when complete
  countryOfOrigin: CountryCode  # Where the media was created. (ISO 3166-1 alpha-2)
  isLicensed: Boolean  # If the media is officially licensed or a self-published doujin release
  source(version: Int): MediaSource  # Source type the media was adapted from.
  hashtag: String  # Official Twitter hashtags for the media
  trailer: MediaTrailer  # Media trailer or advertisement
  updatedAt: Int  # When the media's data was last updated
  coverImage: MediaCoverImage  # The cover images of the media
  bannerImage: String  # The banner image of the media
  genres: [String]  # The genres of the media
  synonyms: [String]  # Alternative titles of the media
  averageScore: Int  # A weighted average score of all the user's scores of the media
  meanScore: Int  # Mean score of all the user's scores of the media
  popularity: Int  # The number of users with the media on their list
  isLocked: Boolean  # Locked media may not be added to lists our favorited. This may be due to the entry pending for deletion or other reasons.
  trending: Int  # The amount of related activity in the past hour
  favourites: Int  # The amount of user's who have favourited the media
  tags: [MediaTag]  # List of tags that describes elements and themes of the media
  relations: MediaConnection  # Other media in the same or connecting franchise
  studios(sort: [StudioSort], isMain: Boolean): StudioConnection  # The companies who produced the media
  isAdult: Boolean  # If the media is intended only for 18+ adult audiences
  nextAiringEpisode: AiringSchedule  # The media's next episode airing schedule
  externalLinks: [MediaExternalLink]  # External links to another site related to the media
  streamingEpisodes: [MediaStreamingEpisode]  # Data and links to legal streaming episodes on external sites
  rankings: [MediaRank]  # The ranking of the media in a particular time span and format compared to other media
  recommendations(sort: [RecommendationSort], page: Int, perPage: Int): RecommendationConnection  # User recommendations for similar media
  siteUrl: String  # The url for the media page on the AniList website
  isRecommendationBlocked: Boolean  # If the media is blocked from being recommended to/from
}

type MediaTitle {
  romaji(stylised: Boolean): String  # The romanization of the native language title
  english(stylised: Boolean): String  # The official english title
  native(stylised: Boolean): String  # Official title in it's native language
  userPreferred: String  # The currently authenticated users preferred title language. Default romaji for non-authenticated
}

type FuzzyDate {
  year: Int  # Numeric Year (2017)
  month: Int  # Numeric Month (3)
  day: Int  # Numeric Day (24)
}

type MediaCoverImage {
  extraLarge: String  # The cover image url of the media at its largest size. If this size isn't available, large will be provided instead.
  large: String  # The cover image url of the media at a large size
  medium: String  # The cover image url of the media at medium size
  color: String  # Average #hex color of cover image
}

type MediaTrailer {
  id: String  # The trailer video id
  site: String  # The site the video is hosted by (Currently either youtube or dailymotion)
  thumbnail: String  # The url for the thumbnail image of the video
}

type MediaTag {
  id: Int!  # The id of the tag
  name: String!  # The name of the tag
  description: String  # A general description of the tag
  category: String  # The categories of tags this tag belongs to
  rank: Int  # The relevance ranking of the tag out of the 100 for this media
  isGeneralSpoiler: Boolean  # If the tag could be a spoiler for any media
  isMediaSpoiler: Boolean  # If the tag is a spoiler for this media
  isAdult: Boolean  # If the tag is only for adult 18+ media
  userId: Int  # The user who submitted the tag
}

type MediaConnection {
  edges: [MediaEdge]
  nodes: [Media]
  pageInfo: PageInfo  # The pagination information
}

type MediaEdge {
  node: Media
  id: Int  # The id of the connection
  relationType(version: Int): MediaRelation  # The type of relation to the parent model
  isMainStudio: Boolean!  # If the studio is the main animation studio of the media (For Studio->MediaConnection field only)
}

type StudioConnection {
  edges: [StudioEdge]
  nodes: [Studio]
  pageInfo: PageInfo  # The pagination information
}

type StudioEdge {
  node: Studio
  id: Int  # The id of the connection
  isMain: Boolean!  # If the studio is the main animation studio of the anime
  favouriteOrder: Int  # The order the character should be displayed from the users favourites
}

type RecommendationConnection {
  edges: [RecommendationEdge]
  nodes: [Recommendation]
  pageInfo: PageInfo  # The pagination information
}

type RecommendationEdge {
  node: Recommendation
}

type MediaExternalLink {
  id: Int!  # The id of the external link
  url: String  # The url of the external link or base url of link source
  site: String!  # The links website site name
  siteId: Int  # The links website site id
  type: ExternalLinkType
  language: String  # Language the site content is in. See Staff language field for values.
  color: String
  icon: String  # The icon image url of the site. Not available for all links. Transparent PNG 64x64
  notes: String
  isDisabled: Boolean
}

type MediaStreamingEpisode {
  title: String  # Title of the episode
  thumbnail: String  # Url of episode image thumbnail
  url: String  # The url of the episode
  site: String  # The site location of the streaming episodes
}

type MediaRank {
  id: Int!  # The id of the rank
  rank: Int!  # The numerical rank of the media
  type: MediaRankType!  # The type of ranking
  format: MediaFormat!  # The format the media is ranked within
  year: Int  # The year the media is ranked within
  season: MediaSeason  # The season the media is ranked within
  allTime: Boolean  # If the ranking is based on all time instead of a season/year
  context: String!  # String that gives context to the ranking type and time span
}

type AiringSchedule {
  id: Int!  # The id of the airing schedule item
  airingAt: Int!  # The time the episode airs at
  timeUntilAiring: Int!  # Seconds until episode starts airing
  episode: Int!  # The airing episode number
  mediaId: Int!  # The associate media id of the airing episode
  media: Media  # The associate media of the airing episode
}

type Studio {
  id: Int!  # The id of the studio
  name: String!  # The name of the studio
  isAnimationStudio: Boolean!  # If the studio is an animation studio or a different kind of company
  siteUrl: String  # The url for the studio page on the AniList website
  isFavourite: Boolean!  # If the studio is marked as favourite by the currently authenticated user
  favourites: Int  # The amount of user's who have favourited the studio
}

type Recommendation {
  id: Int!  # The id of the recommendation
  rating: Int  # Users rating of the recommendation
  userRating: RecommendationRating  # The rating of the recommendation by currently authenticated user
  media: Media  # The media the recommendation is from
  mediaRecommendation: Media  # The recommended media
}

enum MediaType { ANIME MANGA }

enum MediaFormat { TV TV_SHORT MOVIE SPECIAL OVA ONA MUSIC MANGA NOVEL ONE_SHOT }

enum MediaStatus { FINISHED RELEASING NOT_YET_RELEASED CANCELLED HIATUS }

enum MediaSeason { WINTER SPRING SUMMER FALL }

enum MediaSource { ORIGINAL MANGA LIGHT_NOVEL VISUAL_NOVEL VIDEO_GAME OTHER NOVEL DOUJINSHI ANIME WEB_NOVEL LIVE_ACTION GAME COMIC MULTIMEDIA_PROJECT PICTURE_BOOK }

enum MediaRelation { ADAPTATION PREQUEL SEQUEL PARENT SIDE_STORY CHARACTER SUMMARY ALTERNATIVE SPIN_OFF OTHER SOURCE COMPILATION CONTAINS }

enum MediaSort { ID ID_DESC TITLE_ROMAJI TITLE_ROMAJI_DESC TITLE_ENGLISH TITLE_ENGLISH_DESC TITLE_NATIVE TITLE_NATIVE_DESC TYPE TYPE_DESC FORMAT FORMAT_DESC START_DATE START_DATE_DESC END_DATE END_DATE_DESC SCORE SCORE_DESC POPULARITY POPULARITY_DESC TRENDING TRENDING_DESC EPISODES EPISODES_DESC DURATION DURATION_DESC STATUS STATUS_DESC CHAPTERS CHAPTERS_DESC VOLUMES VOLUMES_DESC UPDATED_AT UPDATED_AT_DESC SEARCH_MATCH FAVOURITES FAVOURITES_DESC }

enum RecommendationSort { ID ID_DESC RATING RATING_DESC }

enum RecommendationRating { NO_RATING RATE_UP RATE_DOWN }

enum StudioSort { ID ID_DESC NAME NAME_DESC SEARCH_MATCH FAVOURITES FAVOURITES_DESC }

enum ExternalLinkType { INFO STREAMING SOCIAL }

enum MediaRankType { RATED POPULAR }


# Person lists (not in the reference subset; written from AniList's docs for MediaListCollection).
extend type Query {
  MediaListCollection(userId: Int, userName: String, type: MediaType, status: MediaListStatus, chunk: Int, perChunk: Int): MediaListCollection
}
type MediaListCollection {
  lists: [MediaListGroup]
  user: User
  hasNextChunk: Boolean
}
type MediaListGroup {
  entries: [MediaList]
  name: String
  isCustomList: Boolean
  isSplitCompletedList: Boolean
  status: MediaListStatus
}
type MediaList {
  id: Int!
  userId: Int!
  mediaId: Int!
  status: MediaListStatus
  score(format: ScoreFormat): Float
  progress: Int
  repeat: Int
  priority: Int
  private: Boolean
  notes: String
  hiddenFromStatusLists: Boolean
  startedAt: FuzzyDate
  completedAt: FuzzyDate
  updatedAt: Int
  createdAt: Int
  media: Media
}
type User {
  id: Int!
  name: String!
  mediaListOptions: MediaListOptions
}
type MediaListOptions {
  scoreFormat: ScoreFormat
}
enum MediaListStatus { CURRENT PLANNING COMPLETED DROPPED PAUSED REPEATING }
enum ScoreFormat { POINT_100 POINT_10_DECIMAL POINT_10 POINT_5 POINT_3 }`;

let cachedSchema: ReturnType<typeof buildSchema> | undefined;
const schema = (): ReturnType<typeof buildSchema> => (cachedSchema ??= buildSchema(ANILIST_SDL));

// --- querying the data --------------------------------------------------------------------------------------

type Args = Record<string, unknown>;
/** AniList ignores absent and null arguments; empty lists and "" are treated the same (unverified, §1.1). */
const given = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const fuzzyInt = (d: { year: number | null; month: number | null; day: number | null }): number | null =>
  d.year === null ? null : d.year * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0);
/** A stable but meaningless order: what AniList returns when no sort is given (and for id_in, §4.2). */
const scramble = (id: number): number => Math.imul(id ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;

type Getter = (m: AniListMedia) => unknown;
const SCALARS: Record<string, Getter> = {
  id: (m) => m.id,
  idMal: (m) => m.idMal,
  type: (m) => m.type,
  format: (m) => m.format,
  status: (m) => m.status,
  season: (m) => m.season,
  seasonYear: (m) => m.seasonYear,
  isAdult: (m) => m.isAdult,
  countryOfOrigin: (m) => m.countryOfOrigin,
  episodes: (m) => m.episodes,
  duration: (m) => m.duration,
  chapters: (m) => m.chapters,
  volumes: (m) => m.volumes,
  source: (m) => m.source,
  averageScore: (m) => m.averageScore,
  popularity: (m) => m.popularity,
  isLicensed: (m) => m.isLicensed,
  startDate: (m) => fuzzyInt(m.startDate),
  endDate: (m) => fuzzyInt(m.endDate),
};
const SORTS: Record<string, (m: AniListMedia) => number | string | null> = {
  ID: (m) => m.id,
  TITLE_ROMAJI: (m) => m.title.romaji,
  TITLE_ENGLISH: (m) => m.title.english,
  TITLE_NATIVE: (m) => m.title.native,
  TYPE: (m) => m.type,
  FORMAT: (m) => m.format,
  START_DATE: (m) => fuzzyInt(m.startDate),
  END_DATE: (m) => fuzzyInt(m.endDate),
  SCORE: (m) => m.averageScore,
  POPULARITY: (m) => m.popularity,
  TRENDING: (m) => m.trending,
  EPISODES: (m) => m.episodes,
  DURATION: (m) => m.duration,
  STATUS: (m) => m.status,
  CHAPTERS: (m) => m.chapters,
  VOLUMES: (m) => m.volumes,
  UPDATED_AT: (m) => m.updatedAt,
  FAVOURITES: (m) => m.favourites,
};

function matches(m: AniListMedia, a: Args): boolean {
  for (const [k, get] of Object.entries(SCALARS)) {
    const v = get(m);
    if (given(a[k]) && v !== a[k]) return false;
    if (given(a[`${k}_not`]) && v === a[`${k}_not`]) return false;
    if (given(a[`${k}_in`]) && !(a[`${k}_in`] as unknown[]).includes(v)) return false;
    if (given(a[`${k}_not_in`]) && (a[`${k}_not_in`] as unknown[]).includes(v)) return false;
    if (given(a[`${k}_greater`]) && !(typeof v === 'number' && v > (a[`${k}_greater`] as number))) return false;
    if (given(a[`${k}_lesser`]) && !(typeof v === 'number' && v < (a[`${k}_lesser`] as number))) return false;
    if (given(a[`${k}_like`]) && !String(v ?? '').startsWith(String(a[`${k}_like`]).replace(/%/g, ''))) return false;
  }
  const tags = m.tags.map((t) => t.name);
  if (given(a.genre) && !m.genres.includes(a.genre as string)) return false;
  if (given(a.genre_in) && !m.genres.some((g) => (a.genre_in as string[]).includes(g))) return false;
  if (given(a.genre_not_in) && m.genres.some((g) => (a.genre_not_in as string[]).includes(g))) return false;
  if (given(a.tag) && !tags.includes(a.tag as string)) return false;
  if (given(a.tag_in) && !tags.some((t) => (a.tag_in as string[]).includes(t))) return false;
  if (given(a.tag_not_in) && tags.some((t) => (a.tag_not_in as string[]).includes(t))) return false;
  return true;
}

/** Page.media / Media filtering and sorting. */
export function findMedia(db: AnimeDb, a: Args, defaultSort?: string): AniListMedia[] {
  const search = given(a.search) ? String(a.search) : null;
  const score = new Map<AniListMedia, number>();
  const hits = db.media.filter((m) => {
    if (!matches(m, a)) return false;
    if (search === null) return true;
    const s = searchScore(search, mediaSearchTitles(m));
    score.set(m, s);
    return s > 0;
  });
  const sorts = given(a.sort) ? (a.sort as string[]) : defaultSort ? [defaultSort] : [];
  return hits.sort((x, y) => {
    for (const key of sorts) {
      if (key === 'SEARCH_MATCH') {
        // relevance, then popularity: the well-known entry first among equally good title matches
        const d = (score.get(y) ?? 0) - (score.get(x) ?? 0) || y.popularity - x.popularity;
        if (d) return d;
        continue;
      }
      const desc = key.endsWith('_DESC');
      const get = SORTS[desc ? key.slice(0, -5) : key];
      if (!get) continue;
      const [vx, vy] = [get(x), get(y)];
      if (vx === vy) continue;
      if (vx === null) return 1; // nulls last either way
      if (vy === null) return -1;
      const c = vx < vy ? -1 : 1;
      return desc ? -c : c;
    }
    return sorts.length ? x.id - y.id : scramble(x.id) - scramble(y.id);
  });
}

// --- resolvers ----------------------------------------------------------------------------------------------

interface PageCtx {
  page: number;
  perPage: number;
  all: () => AniListMedia[];
}
const pageInfo = (total: number, perPage: number, page: number, shown: number) => ({
  total,
  perPage,
  currentPage: page,
  lastPage: Math.max(1, Math.ceil(total / perPage)),
  // "page is full" (§4.1): an exactly-full last page still says true
  hasNextPage: shown > 0 && shown === perPage,
});
const clamp = (v: unknown, dflt: number, max: number): number =>
  Math.min(max, Math.max(1, typeof v === 'number' ? v : dflt));

/** The `media` field under a Page selection (through fragments), to give pageInfo the same result set. */
function mediaFieldOf(sel: SelectionSetNode | undefined, info: GraphQLResolveInfo): FieldNode | undefined {
  for (const s of sel?.selections ?? []) {
    if (s.kind === Kind.FIELD && s.name.value === 'media') return s;
    const inner =
      s.kind === Kind.INLINE_FRAGMENT
        ? s.selectionSet
        : s.kind === Kind.FRAGMENT_SPREAD
          ? info.fragments[s.name.value]?.selectionSet
          : undefined;
    const found = inner && mediaFieldOf(inner, info);
    if (found) return found;
  }
  return undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each resolver reads the fields its parent returned
type Resolver = (src: any, args: Args, info: GraphQLResolveInfo) => unknown; // src is whatever the parent resolver returned

function resolvers(db: AnimeDb): Record<string, Resolver> {
  const tagCollection: MediaTag[] = [
    ...new Map(
      db.media.flatMap((m) => m.tags).map((t) => [t.name, { ...t, rank: null, userId: null, isMediaSpoiler: false }]),
    ).values(),
  ];
  const pageSlice = (ctx: PageCtx, all: AniListMedia[]) =>
    all.slice((ctx.page - 1) * ctx.perPage, ctx.page * ctx.perPage);
  return {
    'Query.Page': (_s, a, info): PageCtx => {
      const page = Math.max(1, typeof a.page === 'number' ? a.page : 1);
      const perPage = clamp(a.perPage, 50, 50); // "max 50", larger values silently capped
      const node = mediaFieldOf(info.fieldNodes[0]?.selectionSet, info);
      const pageType = info.schema.getType('Page') as GraphQLObjectType;
      const mediaArgs = node ? getArgumentValues(pageType.getFields().media!, node, info.variableValues) : null;
      let memo: AniListMedia[] | undefined;
      return { page, perPage, all: () => (memo ??= mediaArgs ? findMedia(db, mediaArgs) : []) };
    },
    'Page.media': (ctx: PageCtx, a) => pageSlice(ctx, findMedia(db, a)),
    'Page.pageInfo': (ctx: PageCtx) => {
      const all = ctx.all();
      return pageInfo(all.length, ctx.perPage, ctx.page, pageSlice(ctx, all).length);
    },
    'Query.Media': (_s, a) => {
      const [m] = findMedia(db, a, 'SEARCH_MATCH');
      // a miss, or an id of the other type, is a 404 for the whole response (§2.3)
      if (!m) throw new GraphQLError('Not Found.', { extensions: { status: 404 } });
      return m;
    },
    'Query.GenreCollection': () => GENRES,
    'Query.MediaTagCollection': () => tagCollection,
    'Media.relations': (m: AniListMedia) => ({
      edges: m.relations.edges,
      pageInfo: pageInfo(m.relations.edges.length, Math.max(1, m.relations.edges.length), 1, 0),
    }),
    'MediaConnection.nodes': (c: AniListMedia['relations']) => c.edges.map((e) => e.node),
    // version 2 names the anime→source-manga link SOURCE (docs enum MediaRelation)
    'MediaEdge.relationType': (e: AniListMedia['relations']['edges'][number], a) =>
      a.version === 2 && e.relationType === 'ADAPTATION' && e.node.type === 'MANGA' ? 'SOURCE' : e.relationType,
    'MediaEdge.isMainStudio': () => false,
    'Media.studios': (m: AniListMedia, a) => {
      const edges = m.studios.edges.filter((e) => !given(a.isMain) || e.isMain === a.isMain);
      const key = (a.sort as string[] | null | undefined)?.[0];
      if (key) {
        const get = key.startsWith('NAME')
          ? (e: (typeof edges)[number]) => e.node.name
          : key.startsWith('FAVOURITES')
            ? (e: (typeof edges)[number]) => e.node.favourites
            : key.startsWith('ID')
              ? (e: (typeof edges)[number]) => e.node.id
              : null;
        if (get)
          edges.sort((x, y) => (get(x) < get(y) ? -1 : get(x) > get(y) ? 1 : 0) * (key.endsWith('_DESC') ? -1 : 1));
      }
      return {
        edges,
        nodes: edges.map((e) => e.node),
        pageInfo: pageInfo(edges.length, Math.max(1, edges.length), 1, 0),
      };
    },
    'Media.recommendations': (m: AniListMedia, a) => {
      const perPage = clamp(a.perPage, 25, 25); // connections: max 25, default 25
      const page = Math.max(1, typeof a.page === 'number' ? a.page : 1);
      const all = [...m.recommendations.nodes];
      const key = (a.sort as string[] | null | undefined)?.[0];
      if (key) {
        const get = key.startsWith('RATING')
          ? (n: (typeof all)[number]) => n.rating
          : (n: (typeof all)[number]) => n.id;
        all.sort((x, y) => (get(x) - get(y)) * (key.endsWith('_DESC') ? -1 : 1) || x.id - y.id);
      }
      const nodes = all.slice((page - 1) * perPage, page * perPage);
      return {
        nodes,
        edges: nodes.map((node) => ({ node })),
        pageInfo: pageInfo(all.length, perPage, page, nodes.length),
      };
    },
  };
}

// --- complexity ---------------------------------------------------------------------------------------------

/** One point per selected field, fragments expanded, summed over aliases; no multipliers (§4.4). */
export function queryComplexity(doc: DocumentNode, operationName?: string | null): number {
  const frags = new Map<string, FragmentDefinitionNode>();
  let op: OperationDefinitionNode | undefined;
  for (const d of doc.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) frags.set(d.name.value, d);
    if (d.kind === Kind.OPERATION_DEFINITION && !op && (!operationName || d.name?.value === operationName)) op = d;
  }
  const count = (sel: SelectionSetNode | undefined, depth: number): number => {
    if (!sel || depth > 50) return 0; // cycles are rejected by validation before this runs
    let n = 0;
    for (const s of sel.selections) {
      if (s.kind === Kind.FIELD) n += 1 + count(s.selectionSet, depth + 1);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet, depth + 1);
      else n += count(frags.get(s.name.value)?.selectionSet, depth + 1);
    }
    return n;
  };
  return count(op?.selectionSet, 0);
}

// --- the server ---------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  payload: unknown;
}
interface AniListError {
  message: string;
  status: number;
  locations?: { line: number; column: number }[];
}

const envelope = (status: number, errors: readonly (GraphQLError | string)[], data: unknown = null): Answer => ({
  status,
  payload: {
    errors: errors.map((e): AniListError => {
      if (typeof e === 'string') return { message: e, status };
      return {
        message: e.message,
        status,
        ...(e.locations ? { locations: e.locations.map(({ line, column }) => ({ line, column })) } : {}),
      };
    }),
    data,
  },
});

const CLOUDFLARE_TITLES: Record<number, string> = {
  403: 'Just a moment...',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway time-out',
  520: 'Web server is returning an unknown error',
  521: 'Web server is down',
  522: 'Connection timed out',
  523: 'Origin is unreachable',
  524: 'A timeout occurred',
};
const cloudflareHtml = (status: number, ray: string): string =>
  status === 403
    ? '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><div class="main-wrapper" role="main"><div class="main-content"><noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div></body></html>'
    : `<!DOCTYPE html>\n<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->\n<html class="no-js" lang="en-US">\n<head>\n<title>graphql.anilist.co | ${status}: ${CLOUDFLARE_TITLES[status] ?? 'Error'}</title>\n<meta charset="UTF-8" />\n</head>\n<body>\n<div id="cf-wrapper"><div id="cf-error-details" class="p-0"><header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8"><h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2"><span class="inline-block">${CLOUDFLARE_TITLES[status] ?? 'Error'}</span> <span class="code-label">Error code ${status}</span></h1></header>\n<div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300"><p class="text-13"><span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">${ray}</strong></span></p></div></div></div>\n</body>\n</html>\n`;

class FakeAniListServer extends FakeServerBase implements FakeAniList {
  private readonly window: SlidingWindow;
  private requireReferer: boolean;
  private readonly resolve: Record<string, Resolver>;
  private readonly fieldResolver: GraphQLFieldResolver<unknown, unknown>;

  constructor(private readonly opts: FakeAniListOptions) {
    super(opts.phpJson ?? true, opts.latencyMs ?? 0);
    this.window = new SlidingWindow(opts.limitPerMinute ?? 30, opts.windowMs ?? 60_000);
    this.requireReferer = opts.requireReferer ?? true;
    const db = opts.db ?? animeDb();
    for (const [name, list] of Object.entries(opts.lists ?? {})) this.lists.set(name.toLowerCase(), list);
    this.resolve = { ...resolvers(db), ...this.listResolvers(db) };
    this.fieldResolver = (src, args, ctx, info) => {
      const r = this.resolve[`${info.parentType.name}.${info.fieldName}`];
      return r ? r(src, args, info) : defaultFieldResolver(src, args, ctx, info);
    };
  }

  private readonly lists = new Map<string, FakeUserList>();

  setList(userName: string, list: FakeUserList | null): void {
    if (list) this.lists.set(userName.toLowerCase(), list);
    else this.lists.delete(userName.toLowerCase());
  }

  /** MediaListCollection: the person's entries ordered by entry id, `perChunk` (max 500) at a time, grouped by status list and custom list. */
  private listResolvers(db: AnimeDb): Record<string, Resolver> {
    type Row = FakeListEntry & { id: number; userId: number; list: FakeUserList };
    const LIST_NAMES: Record<string, string> = {
      CURRENT: 'Watching',
      REPEATING: 'Rewatching',
      COMPLETED: 'Completed',
      PAUSED: 'Paused',
      DROPPED: 'Dropped',
      PLANNING: 'Planning',
    };
    return {
      'Query.MediaListCollection': (_s, a) => {
        const list = typeof a.userName === 'string' ? this.lists.get(a.userName.toLowerCase()) : undefined;
        if (!list || list.private)
          throw new GraphQLError(list ? 'Private User' : 'User not found', { extensions: { status: 404 } });
        const perChunk = clamp(a.perChunk, 500, 500);
        const chunk = Math.max(1, typeof a.chunk === 'number' ? a.chunk : 1);
        const rows: Row[] = list.entries.map((e, i) => ({
          ...e,
          id: list.id * 100_000 + i + 1,
          userId: list.id,
          list,
        }));
        const all = a.chunk === undefined ? rows : rows.slice((chunk - 1) * perChunk, chunk * perChunk);
        const groups: Array<{
          name: string;
          isCustomList: boolean;
          isSplitCompletedList: boolean;
          status: string | null;
          entries: Row[];
        }> = [];
        for (const status of ['CURRENT', 'REPEATING', 'COMPLETED', 'PAUSED', 'DROPPED', 'PLANNING']) {
          const entries = all.filter((e) => e.status === status);
          if (entries.length)
            groups.push({
              name: LIST_NAMES[status]!,
              isCustomList: false,
              isSplitCompletedList: false,
              status,
              entries,
            });
        }
        const custom = [...new Set(all.flatMap((e) => e.customLists ?? []))];
        for (const name of custom)
          groups.push({
            name,
            isCustomList: true,
            isSplitCompletedList: false,
            status: null,
            entries: all.filter((e) => e.customLists?.includes(name)),
          });
        return {
          lists: groups,
          user: { id: list.id, name: list.name, mediaListOptions: { scoreFormat: list.scoreFormat } },
          hasNextChunk: a.chunk !== undefined && chunk * perChunk < rows.length,
        };
      },
      'MediaList.score': (e: Row) => e.score ?? 0,
      'MediaList.progress': (e: Row) => e.progress ?? 0,
      'MediaList.repeat': (e: Row) => e.repeat ?? 0,
      'MediaList.notes': (e: Row) => e.notes ?? null,
      'MediaList.private': () => false,
      'MediaList.hiddenFromStatusLists': () => false,
      'MediaList.startedAt': (e: Row) => e.startedAt ?? { year: null, month: null, day: null },
      'MediaList.completedAt': (e: Row) => e.completedAt ?? { year: null, month: null, day: null },
      'MediaList.updatedAt': (e: Row) => e.updatedAt ?? 1_700_000_000,
      'MediaList.createdAt': (e: Row) => e.updatedAt ?? 1_700_000_000,
      'MediaList.media': (e: Row) => db.byId.get(e.mediaId) ?? null,
    };
  }

  protected urlFor(port: number): string {
    return `http://127.0.0.1:${port}/`;
  }
  setRequireReferer(on: boolean): void {
    this.requireReferer = on;
  }
  setRateLimit(limitPerMinute: number, windowMs = this.window.windowMs): void {
    this.window.limit = limitPerMinute;
    this.window.windowMs = windowMs;
  }
  resetRateLimit(): void {
    this.window.reset();
  }

  private baseHeaders(): Record<string, string> {
    return {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers':
        'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Content-Length, Content-Range',
    };
  }
  private limitHeaders(now: number): Record<string, string> {
    return {
      'X-RateLimit-Limit': String(this.opts.advertisedLimit ?? this.window.limit),
      'X-RateLimit-Remaining': String(this.window.remaining(now)),
    };
  }
  private send429(res: ServerResponse, entry: LogEntry, waitMs: number, retryAfterHeader?: string): void {
    const retry = Math.max(1, Math.ceil(waitMs / 1000));
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Retry-After': retryAfterHeader ?? String(retry),
    };
    if ((this.opts.headers429 ?? 'docs') === 'docs') {
      Object.assign(headers, {
        'X-RateLimit-Limit': String(this.opts.advertisedLimit ?? this.window.limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Math.ceil((Date.now() + waitMs) / 1000)),
      });
    }
    this.send(res, entry, 429, ANILIST_429_BODY, headers);
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, entry: LogEntry): Promise<void> {
    const json = (a: Answer): string => encodeJson(a.payload, this.php);
    // The Referer gate sits in front of the limiter (an outage switch), so a 403 costs no slot.
    if (this.requireReferer && !req.headers.referer) {
      const a = envelope(403, [ANILIST_DISABLED_MESSAGE]);
      (a.payload as { errors: AniListError[] }).errors[0]!.locations = [{ line: 1, column: 1 }];
      this.send(res, entry, 403, json(a), this.baseHeaders());
      return;
    }
    const now = Date.now();
    const wait = this.window.waitMs(now);
    if (wait > 0) {
      this.send429(res, entry, wait);
      return;
    }
    this.window.take(now);

    const fault = this.takeFault(entry);
    if (await this.transportFault(fault, res)) return;
    if (fault?.kind === 'rateLimited') {
      this.send429(res, entry, (fault.retryAfter ?? 1) * 1000, fault.retryAfterHeader);
      return;
    }
    if (this.rawBodyFault(fault, res, entry)) return;
    if (fault?.kind === 'http') {
      const html = (fault.body ?? (fault.status >= 502 ? 'html' : 'json')) === 'html';
      const ray = `${((entry.n * 2654435761) >>> 0).toString(16).padStart(16, '0')}-NRT`;
      if (html)
        this.send(res, entry, fault.status, cloudflareHtml(fault.status, ray), {
          'Content-Type': 'text/html; charset=UTF-8',
          Server: 'cloudflare',
          'CF-RAY': ray,
        });
      else
        this.send(
          res,
          entry,
          fault.status,
          json(envelope(fault.status, [fault.status === 500 ? 'Internal Server Error' : `HTTP ${fault.status}`])),
          { ...this.baseHeaders(), ...this.limitHeaders(Date.now()) },
        );
      return;
    }

    let answer = req.method === 'POST' ? await this.graphql(entry.json, entry.body) : envelope(400, [NO_QUERY_MESSAGE]);
    if (fault?.kind === 'errors200') {
      const data = (answer.payload as { data?: unknown }).data ?? null;
      answer = {
        status: 200,
        payload: { errors: [{ message: fault.message ?? 'Internal Server Error', status: 500 }], data },
      };
    }
    this.sendMaybeBroken(res, entry, fault, answer.status, json(answer), {
      ...this.baseHeaders(),
      ...this.limitHeaders(Date.now()),
    });
  }

  private async graphql(body: unknown, raw: string): Promise<Answer> {
    const noQuery = (): Answer => {
      const a = envelope(400, [NO_QUERY_MESSAGE]);
      (a.payload as { errors: AniListError[] }).errors[0]!.locations = [{ line: 1, column: 1 }];
      return a;
    };
    // Transport batching (a JSON array) is not supported (AniList/docs#84); neither is a body that is not JSON.
    if (!body || typeof body !== 'object' || Array.isArray(body) || !raw) return noQuery();
    const { query, variables, operationName } = body as {
      query?: unknown;
      variables?: unknown;
      operationName?: unknown;
    };
    if (typeof query !== 'string' || !query.trim()) return noQuery();
    let doc: DocumentNode;
    try {
      doc = parse(query);
    } catch (e) {
      return envelope(400, [e as GraphQLError]);
    }
    const invalid = validate(schema(), doc);
    if (invalid.length) return envelope(400, invalid);
    const opName = typeof operationName === 'string' ? operationName : null;
    const max = this.opts.maxComplexity ?? 500;
    const cost = queryComplexity(doc, opName);
    if (cost > max) return envelope(400, [`Max query complexity should be ${max} but got ${cost}.`]);

    const result = await execute({
      schema: schema(),
      document: doc,
      operationName: opName,
      fieldResolver: this.fieldResolver,
      variableValues: variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : undefined,
    });
    if (!result.errors?.length) return { status: 200, payload: { data: result.data } };
    const notFound = result.errors.filter((e) => e.extensions?.status === 404);
    if (notFound.length) {
      // one miss nulls every root alias (AniList/docs#84, §2.4)
      const data = Object.fromEntries(Object.keys(result.data ?? {}).map((k) => [k, null]));
      return envelope(404, notFound, data);
    }
    if (!result.data) return envelope(400, result.errors); // bad variables
    return envelope(500, result.errors, result.data); // a resolver bug in the fake: make it visible
  }
}

/** Starts a fake AniList on 127.0.0.1 and a random port. */
export async function startFakeAniList(opts: FakeAniListOptions = {}): Promise<FakeAniList> {
  const server = new FakeAniListServer(opts);
  await server.listen();
  return server;
}
