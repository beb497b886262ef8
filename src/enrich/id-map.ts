import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnidexError } from '../lib/errors.ts';

export const ID_MAP_FILE = 'id-map.json';

/**
 * The optional mapping table `<data-dir>/id-map.json`: `{ "tvdb:81797": 21, "tmdb:…": …, "imdb:tt…": …,
 * "trakt:show:1420": … }` → MAL ids. Exact ids beat any title search.
 */
export function readIdMap(dataDir: string): Map<string, number> {
  const path = join(dataDir, ID_MAP_FILE);
  if (!existsSync(path)) return new Map();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AnidexError(`${path} is not valid JSON (${(err as Error).message}).`, 'Fix the file or move it away.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AnidexError(`${path} must be a JSON object of "source:id" → MAL id.`, 'Example: {"tvdb:81797": 21}');
  }
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(raw)) {
    if (!/^(tvdb|tmdb|imdb|trakt:show|trakt:movie):\S+$/.test(k) || !Number.isInteger(v) || (v as number) <= 0) {
      throw new AnidexError(
        `${path}: entry "${k}": ${JSON.stringify(v)} is not a "source:id" → positive MAL id pair.`,
        'Keys look like tvdb:81797, tmdb:1234, imdb:tt0388629, trakt:show:1420.',
      );
    }
    out.set(k, v as number);
  }
  return out;
}
