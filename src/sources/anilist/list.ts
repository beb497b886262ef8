/**
 * A person's public AniList anime list, pulled over GraphQL (`MediaListCollection(userName, type: ANIME)`), as a
 * source snapshot. No key: AniList serves public lists to anyone. A private or unknown user is an error naming
 * the user, never an empty list (which would mark every AniList title deleted).
 */

import { AnidexError } from '../../lib/errors.ts';
import {
  ANILIST_STATUS,
  fuzzyDate,
  SCORE_FORMATS,
  scoreTo10,
  type AniListEntry,
  type ScoreFormat,
} from '../../domain/anilist-list.ts';
import type { RawRecord, SkippedRecord } from '../../domain/types.ts';
import type { SnapshotPage, SourceSnapshot } from '../../domain/source-snapshot.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import { arrayOf, isRecord, requestJson, type HttpStats } from '../../enrich/http.ts';
import { RateLimiter } from '../../lib/rate-limiter.ts';
import { ANILIST_FIRST_GUESS_PER_MINUTE, ANILIST_URL } from '../../enrich/anilist.ts';
import { ListChangedError } from '../list-changed.ts';

/** Entries per chunk: AniList's largest; a list of more comes in several (`hasNextChunk`). */
const PER_CHUNK = 500;
/** A list longer than this many chunks is not a list a person keeps: stop rather than page for ever. */
const MAX_CHUNKS = 100;

export const LIST_QUERY = `query ($userName: String, $chunk: Int, $perChunk: Int) {
  MediaListCollection(userName: $userName, type: ANIME, chunk: $chunk, perChunk: $perChunk) {
    hasNextChunk
    user { id name mediaListOptions { scoreFormat } }
    lists { name isCustomList entries {
      id mediaId status score progress repeat notes updatedAt
      startedAt { year month day } completedAt { year month day }
      media { id idMal format episodes title { romaji english native } }
    } }
  }
}`;

export interface AniListListOptions {
  url?: string;
  userAgent: string;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  signal?: AbortSignal;
  /** Entries per chunk (default and AniList's largest: 500); tests page small lists. */
  pageSize?: number;
  /** Read the first chunk only (`connect` checks the list exists without pulling all of it). */
  probe?: boolean;
  /** Called after each chunk arrives (the live `fetch` stage). */
  onPage?: (page: number, entries: number) => void;
}

export class AniListUserError extends AnidexError {}

function listShape(json: unknown): boolean {
  if (!isRecord(json)) return false;
  if (Array.isArray(json['errors'])) return true;
  const data = json['data'];
  return isRecord(data) && (data['MediaListCollection'] === null || isRecord(data['MediaListCollection']));
}

interface RawEntry {
  mediaId?: unknown;
  status?: unknown;
  score?: unknown;
  progress?: unknown;
  repeat?: unknown;
  notes?: unknown;
  updatedAt?: unknown;
  startedAt?: { year?: number | null; month?: number | null; day?: number | null } | null;
  completedAt?: { year?: number | null; month?: number | null; day?: number | null } | null;
  media?: {
    id?: unknown;
    idMal?: unknown;
    format?: unknown;
    episodes?: unknown;
    title?: { romaji?: unknown; english?: unknown; native?: unknown } | null;
  } | null;
}

const int = (x: unknown): number | null => (typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : null);
const str = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? sanitizeText(x.trim()) : null);

/** One list entry, checked; a skipped record names the field that is wrong. */
export function parseAniListEntry(
  e: unknown,
  format: ScoreFormat,
  page: string,
  index: number,
): { ok: true; value: AniListEntry } | { ok: false; skipped: SkippedRecord } {
  const skip = (field: string, reason: string) => ({
    ok: false as const,
    skipped: { file: page, index, field, reason },
  });
  if (!isRecord(e)) return skip('entry', 'not an object');
  const r = e as RawEntry;
  const m = isRecord(r.media) ? r.media : null;
  const id = int(r.mediaId) ?? int(m?.id);
  if (!id) return skip('mediaId', 'missing or not a whole number');
  const status = typeof r.status === 'string' ? ANILIST_STATUS[r.status] : undefined;
  if (!status) return skip('status', `unknown status ${JSON.stringify(r.status)}`);
  const title = str(m?.title?.english) ?? str(m?.title?.romaji) ?? str(m?.title?.native);
  if (!title) return skip('media.title', 'no title in any language');
  const score = typeof r.score === 'number' && Number.isFinite(r.score) ? scoreTo10(r.score, format) : null;
  const updated = int(r.updatedAt);
  return {
    ok: true,
    value: {
      anilistId: id,
      malId: int(m?.idMal) || null,
      title,
      format: str(m?.format),
      episodes: int(m?.episodes) || null,
      status,
      score,
      progress: int(r.progress) ?? 0,
      repeat: int(r.repeat) ?? 0,
      startedAt: fuzzyDate(r.startedAt),
      completedAt: fuzzyDate(r.completedAt),
      updatedAt: updated ? new Date(updated * 1000).toISOString() : null,
      notes: typeof r.notes === 'string' ? sanitizeText(r.notes) : '',
    },
  };
}

function graphQlMessage(json: unknown): string {
  const errors = isRecord(json) ? arrayOf(json['errors'] as Array<{ message?: unknown }> | undefined) : [];
  const m = errors
    .map((e) => (isRecord(e) && typeof e.message === 'string' ? e.message : ''))
    .filter(Boolean)
    .join('; ');
  return sanitizeText(m || 'no message');
}

/**
 * Pull the whole list of `userName` (every chunk), before anything is written. Entries that also sit in custom
 * lists are kept once; an entry AniList hides from its status lists is still in a custom list, and kept.
 */
export async function fetchAniListList(
  userName: string,
  opts: AniListListOptions,
  stats: HttpStats = { calls: 0, http429: 0, retries: 0 },
): Promise<SourceSnapshot<AniListEntry>> {
  const url = opts.url || ANILIST_URL;
  const limiter = new RateLimiter([{ limit: ANILIST_FIRST_GUESS_PER_MINUTE, ms: 60_000 }]);
  const pages: Array<SnapshotPage<AniListEntry>> = [];
  const seen = new Set<number>();
  const seenIn = new Map<number, number>();
  let bytes = 0;
  for (let chunk = 1; ; chunk++) {
    if (chunk > MAX_CHUNKS)
      throw new AnidexError(
        `AniList kept answering more of ${userName}'s list after ${MAX_CHUNKS} chunks of ${PER_CHUNK}; nothing was written.`,
        'Run the sync again later.',
      );
    const res = await requestJson(limiter, stats, {
      url,
      method: 'POST',
      body: { query: LIST_QUERY, variables: { userName, chunk, perChunk: opts.pageSize ?? PER_CHUNK } },
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': opts.userAgent,
        referer: 'https://anilist.co/',
      },
      timeoutMs: opts.timeoutMs ?? 20_000,
      maxRetries: opts.maxRetries ?? 3,
      retryBaseMs: opts.retryBaseMs,
      max429: 10,
      signal: opts.signal,
      provider: 'AniList',
      accept: listShape,
    });
    const coll = isRecord(res.json) && isRecord(res.json['data']) ? res.json['data']['MediaListCollection'] : null;
    if (res.status === 404 || (res.status === 200 && !isRecord(coll))) {
      throw new AniListUserError(
        `AniList has no public anime list for the user "${sanitizeText(userName)}" (${graphQlMessage(res.json)}); nothing was written.`,
        "Check the user name (as in anilist.co/user/<name>), and that the list is not private in AniList's settings.",
      );
    }
    if (res.status !== 200)
      throw new AnidexError(
        `AniList refused the list of "${sanitizeText(userName)}" (HTTP ${res.status}: ${graphQlMessage(res.json)}); nothing was written.`,
        'Run the sync again later; `anidex doctor` checks the connection.',
      );
    const c = coll as Record<string, unknown>;
    const user = isRecord(c['user']) ? c['user'] : {};
    const options = isRecord(user['mediaListOptions']) ? user['mediaListOptions'] : {};
    const format = (SCORE_FORMATS as readonly string[]).includes(options['scoreFormat'] as string)
      ? (options['scoreFormat'] as ScoreFormat)
      : 'POINT_10';
    const name = `chunk ${chunk}`;
    const records: Array<{ raw: RawRecord; value: AniListEntry }> = [];
    const skipped: SkippedRecord[] = [];
    let index = 0;
    for (const list of arrayOf(c['lists'] as unknown[])) {
      for (const e of arrayOf(isRecord(list) ? (list['entries'] as unknown[]) : [])) {
        const parsed = parseAniListEntry(e, format, name, index++);
        if (!parsed.ok) {
          skipped.push(parsed.skipped);
          continue;
        }
        if (seen.has(parsed.value.anilistId)) {
          // The same entry in a status list and a custom list of one chunk is one entry; in two chunks, the list
          // moved under us while it was read (an entry added or removed shifts the chunks).
          if (seenIn.get(parsed.value.anilistId) !== chunk)
            throw new ListChangedError(`AniList list of "${sanitizeText(userName)}"`);
          continue;
        }
        seen.add(parsed.value.anilistId);
        seenIn.set(parsed.value.anilistId, chunk);
        // Bronze keeps what AniList sent, plus the score format that gives the score its meaning.
        const json = JSON.stringify({ scoreFormat: format, entry: e });
        records.push({
          raw: { section: 'anilist', file: name, index: records.length, key: String(parsed.value.anilistId), json },
          value: parsed.value,
        });
        bytes += json.length;
      }
    }
    pages.push({
      name,
      origin: `${url} (${name} of ${userName}'s list)`,
      bytes: records.reduce((n, r) => n + r.raw.json.length, 0),
      records,
      skipped,
    });
    opts.onPage?.(chunk, records.length);
    if (c['hasNextChunk'] !== true || opts.probe) break;
  }
  return {
    path: `anilist:${userName}`,
    runKind: 'sync-anilist',
    pageCount: pages.length,
    bytesTotal: bytes,
    async *pages() {
      yield* pages;
    },
  };
}
