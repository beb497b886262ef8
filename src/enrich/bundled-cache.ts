import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../lib/config.ts';
import type { RawAnswer } from './provider.ts';

/** Where the provider answers for the sample's anime ship, so the demo is enriched with no network. */
export const BUNDLED_CACHE = 'data/sample/anilist-cache.json';

export interface BundledCacheFile {
  provider: string;
  /** When the answers were recorded. */
  recordedAt: string;
  entries: Array<{ key: string; status: number; payload: string | null }>;
}

let loaded: Map<string, RawAnswer> | undefined;

/** The bundled AniList answers by request key (empty when the file is missing). Read once per process. */
export function bundledAnswers(): Map<string, RawAnswer> {
  if (!loaded) {
    loaded = new Map();
    const path = join(packageRoot(), BUNDLED_CACHE);
    if (existsSync(path)) {
      const file = JSON.parse(readFileSync(path, 'utf8')) as BundledCacheFile;
      for (const e of file.entries) loaded.set(e.key, { status: e.status, payload: e.payload });
    }
  }
  return loaded;
}
