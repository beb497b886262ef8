import { mkdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../lib/atomic-file.ts';
import { WAREHOUSE_FILE } from './store.ts';

/** Bump when what a cached view holds changes shape (2: library rows carry a status; 3: and their anime's names). */
const CACHE_FORMAT = 3;

/**
 * Which warehouse file a cached view was computed from: every save writes a new file (temp + rename), so its
 * inode, size and modification time change together. Null when there is no warehouse yet.
 */
export async function warehouseIdentity(dataDir: string, version: string): Promise<string | null> {
  try {
    const s = await stat(join(dataDir, WAREHOUSE_FILE), { bigint: true });
    return `${CACHE_FORMAT}:${version}:${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return null;
  }
}

/** Views are kept in the cache folder, one folder per warehouse (a person may keep several data dirs). */
const cachePath = (cacheDir: string, dataDir: string, name: string): string =>
  join(cacheDir, 'views', createHash('sha256').update(dataDir).digest('hex').slice(0, 16), `${name}.json`);

/**
 * A view computed earlier from this very warehouse file, or null (none, unreadable, or the warehouse has been
 * saved since). Derived data only: it is never the source of anything, and a miss costs a query.
 */
export async function readViewCache<T>(
  cacheDir: string,
  dataDir: string,
  name: string,
  version: string,
): Promise<T | null> {
  try {
    const [text, id] = await Promise.all([
      readFile(cachePath(cacheDir, dataDir, name), 'utf8'),
      warehouseIdentity(dataDir, version),
    ]);
    const c = JSON.parse(text) as { identity?: unknown; value?: T };
    return id !== null && c.identity === id && c.value !== undefined ? c.value : null;
  } catch {
    return null;
  }
}

/** Keep a view for the next start; `identity` must have been taken before the view was read from the file. */
export function writeViewCache(
  cacheDir: string,
  dataDir: string,
  name: string,
  identity: string,
  value: unknown,
): void {
  const path = cachePath(cacheDir, dataDir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, Buffer.from(JSON.stringify({ identity, value })), 0o600);
}
