import { resolve } from 'node:path';
import type { Warehouse } from '../warehouse/store.ts';
import { looksLikeMalExport } from '../sources/mal/index.ts';
import { importTraktExport, type ImportOptions } from './import.ts';
import { importMalExport } from './import-mal.ts';
import type { ImportResult } from './events.ts';

/** Which export a path holds: a MyAnimeList list (.xml / .xml.gz) or, by default, a Trakt export. */
export async function exportKind(path: string): Promise<'mal' | 'trakt'> {
  return (await looksLikeMalExport(resolve(path))) ? 'mal' : 'trakt';
}

/** Import whichever export `path` is: a Trakt .zip or folder, or a MyAnimeList list. */
export async function importAnyExport(wh: Warehouse, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  return (await exportKind(path)) === 'mal' ? importMalExport(wh, path, opts) : importTraktExport(wh, path, opts);
}
