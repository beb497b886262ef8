import type { SqlDb } from './db.ts';

export interface CachedAnswer {
  status: number;
  payload: string | null;
  fetchedAt: string;
}

/** Fresh cached answers for `keys` (expired ones count as missing). */
export function getCached(
  db: SqlDb,
  provider: string,
  keys: readonly string[],
  now: string,
): Map<string, CachedAnswer> {
  const out = new Map<string, CachedAnswer>();
  const stmt =
    'SELECT request_key AS k, status, payload, fetched_at AS f FROM api_cache WHERE provider = ? AND request_key = ? AND expires_at > ?';
  for (const k of keys) {
    const r = db.get<{ k: string; status: number; payload: string | null; f: string }>(stmt, [provider, k, now]);
    if (r) out.set(k, { status: r.status, payload: r.payload, fetchedAt: r.f });
  }
  return out;
}

export interface CacheEntry {
  key: string;
  status: number;
  payload: string | null;
}

/** Store answers; a later answer for the same request replaces the earlier one (never a duplicate row). */
export function putCached(
  db: SqlDb,
  provider: string,
  entries: readonly CacheEntry[],
  fetchedAt: string,
  ttlMs: (status: number) => number,
): void {
  const stmt = db.prepare(
    `INSERT INTO api_cache (provider, request_key, status, payload, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider, request_key) DO UPDATE SET status = excluded.status, payload = excluded.payload,
       fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`,
  );
  const t = Date.parse(fetchedAt);
  for (const e of entries)
    stmt.run([provider, e.key, e.status, e.payload, fetchedAt, new Date(t + ttlMs(e.status)).toISOString()]);
  stmt.free();
}

/**
 * Keys of cached rows that hold exactly one of `answers` (same request, status and payload): copies of the sample's
 * bundled answers that an older anidex put into a person's own warehouse.
 */
export function cachedCopiesOf(
  db: SqlDb,
  provider: string,
  answers: ReadonlyMap<string, { status: number; payload: string | null }>,
): string[] {
  const out: string[] = [];
  const stmt = 'SELECT status, payload FROM api_cache WHERE provider = ? AND request_key = ?';
  for (const [k, a] of answers) {
    const r = db.get<{ status: number; payload: string | null }>(stmt, [provider, k]);
    if (r && r.status === a.status && r.payload === a.payload) out.push(k);
  }
  return out;
}

export function deleteCached(db: SqlDb, provider: string, keys: readonly string[]): void {
  for (const k of keys) db.run('DELETE FROM api_cache WHERE provider = ? AND request_key = ?', [provider, k]);
}
