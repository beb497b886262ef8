import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, basename, join, resolve, sep } from 'node:path';
import { openExport } from '../sources/trakt/index.ts';
import { looksLikeMalExport, readMalExport } from '../sources/mal/index.ts';
import { AnidexError } from '../lib/errors.ts';

/** `~/x` → the home folder's x; everything else as typed. */
export function expandHome(p: string): string {
  return p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}

/** A path as typed or dropped into a terminal: trimmed, surrounding quotes and `\ ` escapes removed, ~ expanded. */
export function typedPath(text: string): string {
  let p = text.trim();
  if (p.length >= 2 && (p[0] === "'" || p[0] === '"') && p.endsWith(p[0])) p = p.slice(1, -1);
  else p = p.replace(/\\ /g, ' ');
  return expandHome(p);
}

export interface PathCompletion {
  /** The typed text extended as far as every candidate agrees. */
  completed: string;
  /** Candidates (folders end with the path separator); at most 50. */
  options: string[];
}

const IMPORTABLE = /\.(zip|xml|xml\.gz)$/i;

/** Shell-like completion of an export path: folders, .zip files and MyAnimeList .xml / .xml.gz files only. */
export async function completeExportPath(typed: string): Promise<PathCompletion> {
  const expanded = expandHome(typed);
  const endsWithSep = expanded.endsWith(sep) || expanded === '';
  const dir = endsWithSep ? expanded || '.' : dirname(expanded);
  const stem = endsWithSep ? '' : basename(expanded);
  let entries: Array<{ name: string; dir: boolean }>;
  try {
    entries = (await readdir(resolve(dir), { withFileTypes: true })).map((e) => ({
      name: e.name,
      dir: e.isDirectory() || (e.isSymbolicLink() && !IMPORTABLE.test(e.name)),
    }));
  } catch {
    return { completed: typed, options: [] };
  }
  const hits = entries
    .filter(
      (e) =>
        e.name.startsWith(stem) &&
        (e.dir || IMPORTABLE.test(e.name)) &&
        (stem.startsWith('.') || !e.name.startsWith('.')),
    )
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => (e.dir ? e.name + sep : e.name));
  if (hits.length === 0) return { completed: typed, options: [] };
  let common = hits[0]!;
  for (const h of hits) while (!h.startsWith(common)) common = common.slice(0, -1);
  // Keep what the person typed (a leading ~ or ./) and extend only the last part.
  const prefix = endsWithSep ? typed : typed.slice(0, typed.length - stem.length);
  return { completed: prefix + common, options: hits.slice(0, 50) };
}

/** Null when `path` opens as an export; otherwise what is wrong and what to do, in one line. */
export async function checkExportPath(path: string): Promise<string | null> {
  if (!path.trim())
    return 'Type the path of your export: the .zip Trakt sent you (or its folder), or your MyAnimeList animelist .xml.';
  try {
    const full = resolve(typedPath(path));
    if (await looksLikeMalExport(full)) {
      await readMalExport(full);
      return null;
    }
    const source = await openExport(full);
    await source.close();
    return null;
  } catch (e) {
    if (e instanceof AnidexError) return e.hint ? `${e.message} ${e.hint}` : e.message;
    return `Cannot open ${path}: ${(e as Error).message}`;
  }
}
