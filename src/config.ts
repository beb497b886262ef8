import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the warehouse lives: --data-dir, else $ANIDEX_DATA_DIR, else $XDG_DATA_HOME/anidex, else ~/.local/share/anidex. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.ANIDEX_DATA_DIR) return resolve(env.ANIDEX_DATA_DIR);
  if (env.XDG_DATA_HOME) return join(resolve(env.XDG_DATA_HOME), 'anidex');
  return join(homedir(), '.local', 'share', 'anidex');
}

/** The folder holding anidex's package.json (works from src/ under tsx and from the bundle in dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('anidex package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const SAMPLE_EXPORTS = [
  { path: 'data/sample/trakt-2026-05-01', asOf: '2026-05-01T12:00:00.000Z' },
  { path: 'data/sample/trakt-2026-08-15.zip', asOf: '2026-08-15T12:00:00.000Z' },
] as const;

let cachedVersion: string | undefined;

/** anidex's version, from package.json. */
export function version(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}
