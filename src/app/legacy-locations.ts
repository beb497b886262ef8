import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AnidexDirs } from '../lib/config.ts';
import { geminiUsageFile } from '../lib/config.ts';
import { settingsPath } from '../settings/settings-file.ts';

/*
 * Until 0.2, anidex kept its settings, caches and usage counts in the data folder beside the warehouse. They now
 * live where the XDG base directory spec puts such things; files found in the old places are moved once.
 */

/** Move what an older anidex left in `dataDir`; returns one line per file moved (nothing when there was none). */
export function moveLegacyFiles(dataDir: string, dirs: AnidexDirs): string[] {
  const lines: string[] = [];
  const move = (from: string, to: string, what: string): void => {
    if (!existsSync(from) || existsSync(to)) return;
    mkdirSync(dirname(to), { recursive: true });
    try {
      renameSync(from, to);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      copyFileSync(from, to); // another filesystem: copy, then remove
      unlinkSync(from);
    }
    lines.push(`Moved ${what} from ${from} to ${to} (anidex now keeps it there).`);
  };
  try {
    move(join(dataDir, 'settings.json'), settingsPath(dirs.config), 'your settings');
    move(join(dataDir, 'gemini-usage.json'), geminiUsageFile(dirs), "today's Gemini request count");
    // The old view cache is rebuilt on demand in the cache folder: nothing worth moving.
    const oldCache = join(dataDir, 'cache');
    if (existsSync(join(oldCache, 'tui-library.json'))) unlinkSync(join(oldCache, 'tui-library.json'));
    if (existsSync(oldCache) && readdirSync(oldCache).length === 0) rmdirSync(oldCache);
  } catch (err) {
    lines.push(
      `Could not move files from ${dataDir} to the XDG folders (${(err as Error).message}); move them by hand or check the permissions.`,
    );
  }
  return lines;
}
