import { resolve } from 'node:path';
import type { Warehouse } from '../warehouse/store.ts';
import { looksLikeMalExport } from '../sources/mal/index.ts';
import { importTraktExport, type ImportOptions } from './import.ts';
import { importMalExport } from './import-mal.ts';
import type { ImportResult } from './events.ts';
import { syncAniList } from './sync.ts';

/** `anilist:<user>`: a one-off pull of a public AniList list rather than a file. */
export const ANILIST_PREFIX = 'anilist:';

/** Which export a path holds: a MyAnimeList list (.xml / .xml.gz) or, by default, a Trakt export. */
export async function exportKind(path: string): Promise<'mal' | 'trakt'> {
  return (await looksLikeMalExport(resolve(path))) ? 'mal' : 'trakt';
}

/** Import whichever export `path` is: a Trakt .zip or folder, a MyAnimeList list, or `anilist:<user>`. */
export async function importAnyExport(wh: Warehouse, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  if (path.startsWith(ANILIST_PREFIX)) return syncAniList(wh, path.slice(ANILIST_PREFIX.length), opts);
  return (await exportKind(path)) === 'mal' ? importMalExport(wh, path, opts) : importTraktExport(wh, path, opts);
}
