import { AnidexError } from '../lib/errors.ts';
import { AniListProvider } from './anilist.ts';
import { JikanProvider } from './jikan.ts';
import type { Provider } from './provider.ts';

function positive(env: NodeJS.ProcessEnv, name: string, unit = 'a number of requests'): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!(n > 0)) throw new AnidexError(`${name}="${v}" is not a positive number.`, `Unset ${name} or give it ${unit}.`);
  return n;
}

/**
 * The metadata provider the environment asks for: AniList by default (ANIDEX_ANILIST_URL overrides the
 * endpoint), or a Jikan v4 server with ANIDEX_PROVIDER=jikan and ANIDEX_JIKAN_URL. ANIDEX_PROVIDER_TIMEOUT_MS
 * changes the per-request timeout (default 20 000; a slow self-hosted server, or a test that must not wait
 * 20 s for a server that never answers). Building one does no I/O.
 */
export function providerFromEnv(version: string, env: NodeJS.ProcessEnv = process.env): Provider {
  const userAgent = `anidex/${version} (terminal anime library; Node ${process.versions.node})`;
  const name = (env.ANIDEX_PROVIDER ?? 'anilist').trim().toLowerCase();
  const timeoutMs = positive(env, 'ANIDEX_PROVIDER_TIMEOUT_MS', 'a number of milliseconds');
  if (name === 'anilist') {
    return new AniListProvider({
      url: env.ANIDEX_ANILIST_URL || undefined,
      userAgent,
      perMinute: positive(env, 'ANIDEX_ANILIST_PER_MINUTE'),
      timeoutMs,
    });
  }
  if (name === 'jikan') {
    if (!env.ANIDEX_JIKAN_URL) {
      throw new AnidexError(
        'ANIDEX_PROVIDER=jikan needs ANIDEX_JIKAN_URL: the public api.jikan.moe was shut down on 2026-10-01.',
        'Point ANIDEX_JIKAN_URL at a self-hosted jikan-rest (e.g. http://localhost:8080), or unset ANIDEX_PROVIDER to use AniList.',
      );
    }
    return new JikanProvider({
      url: env.ANIDEX_JIKAN_URL,
      userAgent,
      perSecond: positive(env, 'ANIDEX_JIKAN_PER_SECOND'),
      perMinute: positive(env, 'ANIDEX_JIKAN_PER_MINUTE'),
      timeoutMs,
    });
  }
  throw new AnidexError(
    `ANIDEX_PROVIDER="${env.ANIDEX_PROVIDER}" is not a provider anidex knows.`,
    'Use anilist (the default) or jikan.',
  );
}
