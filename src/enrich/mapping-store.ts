import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import got from 'got';
import { writeFileAtomic } from '../lib/atomic-file.ts';
import { IdMapping, INDEX_VERSION, fromRows, readMappingFile, toRows } from './id-mapping.ts';

/*
 * The id mapping in the cache folder: downloaded the first time enrichment needs it, checked again once a week
 * (a conditional request: an unchanged file is not sent again) or on `anidex enrich --refresh-mapping`, and used
 * offline once it is there. The file as published is kept beside a compact index of the entries anidex uses, so
 * a later anidex can rebuild its index without the network. A mapping that cannot be had is never an error:
 * enrichment says so and matches by titles.
 */

/** The published file (Fribb/anime-lists), refreshed by its maintainer. */
export const MAPPING_URL = 'https://raw.githubusercontent.com/Fribb/anime-lists/master/anime-list-full.json';
export const MAPPING_DIR = 'id-mapping';
export const MAPPING_FILE = 'anime-list-full.json';
export const INDEX_FILE = 'index.json';
/** How long a downloaded mapping is used before anidex asks whether a newer one is published. */
export const REFRESH_MS = 7 * 86_400_000;
/** Default time for the whole download (the file is tens of MB). */
const TIMEOUT_MS = 120_000;
/** A larger answer is not the mapping (or is an attack on the disk): the download stops there. */
const MAX_BYTES = 256 * 1024 * 1024;

interface IndexFile {
  version: number;
  url: string;
  /** When anidex downloaded the file, and when it last asked whether a newer one exists. */
  fetchedAt: string;
  checkedAt: string;
  /** The file's Last-Modified (else fetchedAt): how current its contents are. */
  datedAt: string;
  etag: string | null;
  lastModified: string | null;
  entries: unknown;
}

export type MappingState =
  /** Used as kept (it is less than a week old, or the run is offline). */
  | 'cached'
  /** Fetched now for the first time. */
  | 'downloaded'
  /** A newer file was published and fetched now. */
  | 'refreshed'
  /** Asked now; the kept copy is still the published one. */
  | 'unchanged'
  /** The refresh failed; the kept copy is used. */
  | 'stale'
  /** None kept and none could be had: titles are matched by name alone. */
  | 'unavailable';

export interface MappingLoad {
  mapping: IdMapping | null;
  state: MappingState;
  /** Why the refresh or download failed (one sentence), else null. */
  problem: string | null;
  /** When the mapping's contents were published (ISO-8601), when known. */
  datedAt: string | null;
  url: string;
}

export interface MappingOptions {
  /** anidex's cache folder ($XDG_CACHE_HOME/anidex). */
  cacheDir: string;
  url?: string;
  offline?: boolean;
  /** Ask for a newer file now, whatever the age of the kept one. */
  refresh?: boolean;
  timeoutMs?: number;
  userAgent: string;
  now?: () => Date;
  signal?: AbortSignal;
  /** Called just before anidex asks the network for the file (progress for the person). */
  onFetch?: (first: boolean) => void;
}

/** The mapping's URL and download timeout from the environment (ANIDEX_MAPPING_URL, ANIDEX_MAPPING_TIMEOUT_MS). */
export function mappingSettings(env: NodeJS.ProcessEnv = process.env): { url: string; timeoutMs: number } {
  const t = Number(env.ANIDEX_MAPPING_TIMEOUT_MS);
  return { url: env.ANIDEX_MAPPING_URL || MAPPING_URL, timeoutMs: t > 0 ? t : TIMEOUT_MS };
}

function readIndex(dir: string): IndexFile | null {
  try {
    const f = JSON.parse(readFileSync(join(dir, INDEX_FILE), 'utf8')) as IndexFile;
    return typeof f === 'object' && f !== null && typeof f.url === 'string' && typeof f.checkedAt === 'string'
      ? f
      : null;
  } catch {
    return null;
  }
}

function writeIndex(dir: string, index: IndexFile): void {
  writeFileAtomic(join(dir, INDEX_FILE), Buffer.from(JSON.stringify(index)));
}

/** The kept mapping: from the index, or rebuilt from the kept file when the index is missing or of another layout. */
function kept(dir: string): { index: IndexFile; mapping: IdMapping } | null {
  const index = readIndex(dir);
  if (index?.version === INDEX_VERSION) {
    const entries = fromRows(index.entries);
    if (entries) return { index, mapping: new IdMapping(entries, index.datedAt) };
  }
  try {
    const entries = readMappingFile(JSON.parse(readFileSync(join(dir, MAPPING_FILE), 'utf8')));
    if (!entries || entries.length === 0) return null;
    const fetchedAt = index?.fetchedAt ?? statSync(join(dir, MAPPING_FILE)).mtime.toISOString();
    const rebuilt: IndexFile = {
      version: INDEX_VERSION,
      url: index?.url ?? '',
      fetchedAt,
      checkedAt: index?.checkedAt ?? fetchedAt,
      datedAt: index?.datedAt ?? fetchedAt,
      etag: index?.etag ?? null,
      lastModified: index?.lastModified ?? null,
      entries: toRows(entries),
    };
    writeIndex(dir, rebuilt);
    return { index: rebuilt, mapping: new IdMapping(entries, rebuilt.datedAt) };
  } catch {
    return null;
  }
}

function describe(err: unknown, url: string): string {
  const e = err as { code?: string; name?: string; message?: string; response?: { statusCode?: number } };
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') return `the download from ${url} timed out`;
  if (e.code && /^E[A-Z]+$/.test(e.code) && e.code !== 'ERR_NON_2XX_3XX_RESPONSE')
    return `${url} could not be reached (${e.code})`;
  return `${e.message ?? String(err)}`.replace(/\.$/, '');
}

/**
 * The mapping to match with: the kept one when it is recent (or the run is offline), else a fresh download; a
 * failed download falls back to the kept copy, or to none. Never throws for the network's sake.
 */
export async function loadMapping(opts: MappingOptions): Promise<MappingLoad> {
  const url = opts.url ?? MAPPING_URL;
  const now = opts.now ?? (() => new Date());
  const dir = join(opts.cacheDir, MAPPING_DIR);
  const have = kept(dir);
  const result = (state: MappingState, mapping: IdMapping | null, problem: string | null = null): MappingLoad => ({
    mapping,
    state,
    problem,
    datedAt: mapping?.datedAt ?? null,
    url,
  });
  const sameSource = have !== null && have.index.url === url;
  const due = !sameSource || opts.refresh || now().getTime() - Date.parse(have.index.checkedAt) > REFRESH_MS;
  if (opts.offline)
    return have
      ? result('cached', have.mapping)
      : result('unavailable', null, 'it has not been downloaded yet and the run is offline');
  if (!due) return result('cached', have!.mapping);

  opts.onFetch?.(have === null);
  try {
    const req = got(url, {
      headers: {
        'user-agent': opts.userAgent,
        ...(sameSource && have!.index.etag ? { 'if-none-match': have!.index.etag } : {}),
        ...(sameSource && have!.index.lastModified ? { 'if-modified-since': have!.index.lastModified } : {}),
      },
      timeout: { connect: Math.min(10_000, opts.timeoutMs ?? TIMEOUT_MS), request: opts.timeoutMs ?? TIMEOUT_MS },
      // No retry here: a run that could not download says so and matches by titles; the next run tries again.
      retry: { limit: 0 },
      throwHttpErrors: false,
      responseType: 'buffer',
      signal: opts.signal,
      decompress: true,
    });
    void req.on('downloadProgress', (p: { transferred: number }) => {
      if (p.transferred > MAX_BYTES) req.cancel(`more than ${MAX_BYTES / 1024 / 1024} MiB`);
    });
    const res = await req;
    const at = now().toISOString();
    if (res.statusCode === 304 && sameSource) {
      writeIndex(dir, { ...have!.index, checkedAt: at });
      return result('unchanged', have!.mapping);
    }
    if (res.statusCode !== 200) throw new Error(`${url} answered HTTP ${res.statusCode}`);
    let json: unknown;
    try {
      json = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new Error(`${url} did not send JSON (is ANIDEX_MAPPING_URL right?)`);
    }
    const entries = readMappingFile(json);
    if (!entries || entries.length === 0)
      throw new Error(`${url} sent no mapping entries (is ANIDEX_MAPPING_URL right?)`);
    const lastModified = typeof res.headers['last-modified'] === 'string' ? res.headers['last-modified'] : null;
    const published =
      lastModified !== null && !Number.isNaN(Date.parse(lastModified))
        ? new Date(Date.parse(lastModified)).toISOString()
        : at;
    const index: IndexFile = {
      version: INDEX_VERSION,
      url,
      fetchedAt: at,
      checkedAt: at,
      datedAt: published,
      etag: typeof res.headers.etag === 'string' ? res.headers.etag : null,
      lastModified,
      entries: toRows(entries),
    };
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, MAPPING_FILE), res.body);
    writeIndex(dir, index);
    return result(have ? 'refreshed' : 'downloaded', new IdMapping(entries, published));
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const problem = describe(err, url);
    return have ? result('stale', have.mapping, problem) : result('unavailable', null, problem);
  }
}

/** What a run reports of the mapping (without the mapping itself). */
export interface MappingSummary {
  state: MappingState;
  problem: string | null;
  datedAt: string | null;
  url: string;
  /** Entries with a MyAnimeList id. */
  malEntries: number | null;
}

export function summarizeMapping(m: MappingLoad): MappingSummary {
  return {
    state: m.state,
    problem: m.problem,
    datedAt: m.datedAt,
    url: m.url,
    malEntries: m.mapping?.malEntries ?? null,
  };
}

/** One line for the person: where the mapping came from, or why there is none. */
export function describeMapping(m: MappingSummary): string {
  const date = m.datedAt ? m.datedAt.slice(0, 10) : null;
  const size = m.malEntries !== null ? `${m.malEntries.toLocaleString('en-US')} MyAnimeList entries` : '';
  switch (m.state) {
    case 'cached':
      return `Id mapping: the copy of ${date} (${size}).`;
    case 'downloaded':
      return `Id mapping: downloaded (${size}, published ${date}).`;
    case 'refreshed':
      return `Id mapping: a newer copy downloaded (${size}, published ${date}).`;
    case 'unchanged':
      return `Id mapping: checked, the copy of ${date} is current (${size}).`;
    case 'stale':
      return `Id mapping: could not be refreshed (${m.problem}); the copy of ${date} is used.`;
    case 'unavailable':
      return `Id mapping: none (${m.problem}); titles are matched by name only.`;
  }
}
