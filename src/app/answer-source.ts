import type { Warehouse } from '../warehouse/store.ts';
import { getCached, putCached, type CacheEntry } from '../warehouse/api-cache.ts';
import { cacheKey, type Provider, type RawAnswer } from '../enrich/provider.ts';
import { bundledAnswers } from '../enrich/bundled-cache.ts';
import { isDemoWarehouse } from '../warehouse/demo-mark.ts';
import { AnidexError } from '../lib/errors.ts';
import type { AnimeRecord } from '../domain/anime.ts';

const DAY = 86_400_000;
/** How long answers are trusted: metadata changes slowly; "not found" may change sooner. */
export const CACHE_TTL = { positiveMs: 30 * DAY, negativeMs: 7 * DAY };
/** Checkpoint fetched answers at least this often, so an interrupted run loses little. */
const CHECKPOINT_MS = 5_000;

function ttl(status: number): number {
  return status === 200 ? CACHE_TTL.positiveMs : CACHE_TTL.negativeMs;
}

export interface FetchProgress {
  done: number;
  total: number;
  etaMs: number | null;
}

/**
 * Provider answers through three layers: the warehouse's `api_cache`, the answers bundled with the sample (in the
 * demo warehouse only), then the network (unless offline). Fetched answers are checkpointed into the warehouse as the run goes;
 * the first failure stops further fetching and is kept in `stoppedBecause`, so callers finish with what they have.
 */
export class AnswerSource {
  cacheHits = 0;
  cacheMisses = 0;
  stoppedBecause: string | null = null;
  interrupted = false;
  private readonly pending: CacheEntry[] = [];
  private lastFlush = Date.now();
  private readonly bundled: Map<string, RawAnswer>;

  constructor(
    private readonly wh: Warehouse,
    readonly provider: Provider,
    private readonly opts: { offline?: boolean; signal?: AbortSignal; useBundled?: boolean; now: () => Date },
  ) {
    // The bundled answers were recorded for the sample's titles: they serve the demo alone. In a person's own
    // warehouse they would answer the person's lookups with the sample's choices (its "berserk" holds only the
    // 1997 series), so there a title is asked of the provider, or stays pending offline.
    const demo = isDemoWarehouse(wh.db);
    this.bundled = provider.name === 'anilist' && demo && opts.useBundled !== false ? bundledAnswers() : new Map();
  }

  /** Answers for `keys`; `fetchBatch` asks the network for up to `batchSize` missing keys at a time. */
  async get(
    keys: readonly string[],
    fetchBatch: (keys: string[]) => Promise<Map<string, RawAnswer>>,
    batchSize: number,
    onProgress: (p: FetchProgress) => void = () => {},
  ): Promise<Map<string, RawAnswer>> {
    const out = new Map<string, RawAnswer>();
    const cached = getCached(this.wh.db, this.provider.name, keys, this.stamp());
    const missing: string[] = [];
    for (const k of keys) {
      const c = cached.get(k) ?? this.bundled.get(k);
      if (c) {
        out.set(k, { status: c.status, payload: c.payload });
        this.cacheHits++;
        if (!cached.has(k)) this.pending.push({ key: k, status: c.status, payload: c.payload });
      } else missing.push(k);
    }
    this.cacheMisses += missing.length;
    const total = keys.length;
    const already = total - missing.length;
    let done = already;
    const started = Date.now();
    const report = (): void => {
      const rate = done > already ? (Date.now() - started) / (done - already) : null;
      onProgress({ done, total, etaMs: rate === null ? null : Math.round(rate * (total - done)) });
    };
    report();
    if (this.opts.offline || this.stoppedBecause) return out;
    try {
      await this.fetchMissing(missing, fetchBatch, batchSize, out, () => {
        done = out.size;
        report();
      });
    } finally {
      // Whatever was fetched is kept, even when something unexpected ends the run.
      await this.flush(true).catch(() => {});
    }
    return out;
  }

  private async fetchMissing(
    missing: readonly string[],
    fetchBatch: (keys: string[]) => Promise<Map<string, RawAnswer>>,
    batchSize: number,
    out: Map<string, RawAnswer>,
    progressed: () => void,
  ): Promise<void> {
    for (let i = 0; i < missing.length; i += batchSize) {
      const chunk = missing.slice(i, i + batchSize);
      try {
        for (const [k, a] of await fetchBatch(chunk)) {
          out.set(k, a);
          this.pending.push({ key: k, status: a.status, payload: a.payload });
        }
      } catch (err) {
        if (this.opts.signal?.aborted) {
          this.interrupted = true;
          this.stoppedBecause = 'interrupted';
        } else if (err instanceof AnidexError) {
          this.stoppedBecause = err.message;
        } else throw err;
        break;
      }
      progressed();
      await this.flush(false);
    }
  }

  /** Details of MAL ids, parsed (ids without an answer, or unknown to the provider, are absent). */
  async details(malIds: readonly number[], onProgress?: (p: FetchProgress) => void): Promise<Map<number, AnimeRecord>> {
    const answers = await this.get(
      malIds.map(cacheKey.details),
      async (keys) => {
        const got = await this.provider.details(
          keys.map((k) => Number(k.slice(4))),
          this.opts.signal,
        );
        return new Map([...got].map(([id, a]) => [cacheKey.details(id), a]));
      },
      this.provider.batch.details,
      onProgress,
    );
    const out = new Map<number, AnimeRecord>();
    for (const id of malIds) {
      const a = answers.get(cacheKey.details(id));
      const r = a?.status === 200 && a.payload ? this.provider.parseDetails(a.payload) : null;
      if (r) out.set(id, r);
    }
    return out;
  }

  /** Entries not yet saved (written by the caller's final write, or by a checkpoint). */
  takePending(): CacheEntry[] {
    return this.pending.splice(0);
  }

  /** Save checkpointed answers now (force) or if the last checkpoint is old enough. */
  async flush(force: boolean): Promise<void> {
    if (this.pending.length === 0 || (!force && Date.now() - this.lastFlush < CHECKPOINT_MS)) return;
    const batch = this.takePending();
    await this.wh.write((db) => putCached(db, this.provider.name, batch, this.stamp(), ttl), {
      what: 'saving fetched answers',
    });
    this.lastFlush = Date.now();
  }

  /** Write pending entries inside a caller's transaction. */
  writePending(db: Parameters<typeof putCached>[0]): void {
    putCached(db, this.provider.name, this.takePending(), this.stamp(), ttl);
  }

  private stamp(): string {
    return this.opts.now().toISOString();
  }
}
