import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the warehouse lives: --data-dir, else $ANIDEX_DATA_DIR, else $XDG_DATA_HOME/anidex, else ~/.local/share/anidex. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.ANIDEX_DATA_DIR) return resolve(env.ANIDEX_DATA_DIR);
  return xdgDir(env, 'XDG_DATA_HOME', ['.local', 'share']);
}

/**
 * The folders anidex keeps things in besides the warehouse, after the XDG base directory spec: settings the person
 * edits (config), what can be rebuilt at any time (cache: the demo warehouse, kept views), and what must survive
 * but is not the person's data (state: usage counters).
 */
export interface AnidexDirs {
  config: string;
  cache: string;
  state: string;
}

export function resolveDirs(env: NodeJS.ProcessEnv = process.env): AnidexDirs {
  return {
    config: xdgDir(env, 'XDG_CONFIG_HOME', ['.config']),
    cache: xdgDir(env, 'XDG_CACHE_HOME', ['.cache']),
    state: xdgDir(env, 'XDG_STATE_HOME', ['.local', 'state']),
  };
}

/** `$VAR/anidex`, else `~/<fallback>/anidex`. The spec says a relative value is invalid and must be ignored. */
function xdgDir(env: NodeJS.ProcessEnv, variable: string, fallback: string[]): string {
  const base = env[variable];
  if (base && isAbsolute(base)) return join(base, 'anidex');
  return join(env.HOME || homedir(), ...fallback, 'anidex');
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
  cachedVersion ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
  return cachedVersion;
}

/** Where Gemini requests are counted per UTC day: one count for every warehouse, as the quota is the key's. */
export function geminiUsageFile(dirs: AnidexDirs): string {
  return join(dirs.state, 'gemini-usage.json');
}
