/**
 * Account syncs: pull a source's whole current list over its API (before the writer lock), then hand it to the one
 * loader exactly as a file export of the same state would be: same bronze, silver, SCD2 versions, snapshot, lock.
 */

import { version } from '../lib/config.ts';
import type { Warehouse } from '../warehouse/store.ts';
import { fetchAniListList } from '../sources/anilist/list.ts';
import { readSteadily } from '../sources/list-changed.ts';
import { UsageError } from '../lib/errors.ts';
import type { ImportResult } from './events.ts';
import { importSnapshot, type ImportOptions } from './load-snapshot.ts';
import { AniListShape } from './anilist-shape.ts';
import { MalShape } from './mal-shape.ts';
import { fetchMalList } from '../sources/mal/api-list.ts';
import { fetchTraktAccount, TraktAuthError, TraktClient, type TraktTokens } from '../sources/trakt/api.ts';
import { readSecrets, writeSecrets, type TraktSecrets } from '../settings/account-secrets.ts';
import { TraktShape } from './trakt-shape.ts';

export const ACCOUNT_SOURCES = ['anilist', 'mal', 'trakt'] as const;
export type AccountSource = (typeof ACCOUNT_SOURCES)[number];

export interface AccountHttp {
  userAgent: string;
  timeoutMs?: number;
  /** First backoff step of retries; tests shorten it. */
  retryBaseMs?: number;
  /** Entries per page of a paged list (each source's largest by default); tests page small lists. */
  pageSize?: number;
}

function positiveMs(v: string | undefined): number | undefined {
  const n = Number(v);
  return v && n > 0 ? n : undefined;
}

/** What every account client sends and how long it waits, from the environment (as the metadata provider does). */
export function accountHttpFromEnv(env: NodeJS.ProcessEnv = process.env): AccountHttp {
  return {
    userAgent: `anidex/${version()} (terminal anime library; Node ${process.versions.node})`,
    timeoutMs: positiveMs(env.ANIDEX_PROVIDER_TIMEOUT_MS),
    retryBaseMs: positiveMs(env.ANIDEX_RETRY_BASE_MS),
  };
}

/** An AniList user name is letters, digits, `_` and `-`; anything else is a typo (or a path), not a request. */
export function checkAniListUser(user: string): string {
  const u = user.trim();
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(u)) {
    throw new UsageError(
      `"${u}" is not an AniList user name.`,
      'Give the name as in anilist.co/user/<name>, e.g. `anidex import anilist:Josh`.',
    );
  }
  return u;
}

/** Pull the public AniList list of `user` and load it as AniList's whole current state. */
export function syncAniList(
  wh: Warehouse,
  user: string,
  opts: ImportOptions & { http?: AccountHttp; env?: NodeJS.ProcessEnv } = {},
): Promise<ImportResult> {
  const env = opts.env ?? process.env;
  const http = opts.http ?? accountHttpFromEnv(env);
  const name = checkAniListUser(user);
  return importSnapshot(
    wh,
    () =>
      readSteadily(() =>
        fetchAniListList(name, { url: env.ANIDEX_ANILIST_URL || undefined, ...http, signal: opts.signal }),
      ),
    () => new AniListShape(),
    opts,
  );
}

/** Pull the MyAnimeList list of `user` with the person's own client id and load it as MyAnimeList's whole state. */
export function syncMal(
  wh: Warehouse,
  account: { user: string; clientId: string },
  opts: ImportOptions & { http?: AccountHttp; env?: NodeJS.ProcessEnv } = {},
): Promise<ImportResult> {
  const env = opts.env ?? process.env;
  const http = opts.http ?? accountHttpFromEnv(env);
  return importSnapshot(
    wh,
    () =>
      readSteadily(() =>
        fetchMalList(account.user, {
          url: env.ANIDEX_MAL_URL || undefined,
          clientId: account.clientId,
          ...http,
          signal: opts.signal,
        }),
      ),
    () => new MalShape('api'),
    opts,
  );
}

/** Refresh a token this close to its expiry (Trakt's last a week or more; a nightly sync refreshes in time). */
const REFRESH_AHEAD_MS = 24 * 3600_000;

/**
 * Pull the Trakt account (history, ratings, watchlist) with the person's own app and load it as Trakt's whole
 * state. The access token is refreshed before it expires, and once more if Trakt says it no longer works; new
 * tokens are saved (mode 0600) the moment they arrive, since the old refresh token stops working.
 */
export async function syncTrakt(
  wh: Warehouse,
  account: { clientId: string; stateDir: string },
  opts: ImportOptions & { http?: AccountHttp; env?: NodeJS.ProcessEnv; now?: () => number } = {},
): Promise<ImportResult> {
  const env = opts.env ?? process.env;
  const http = opts.http ?? accountHttpFromEnv(env);
  const secrets = readSecrets<TraktSecrets>(account.stateDir, 'trakt');
  if (!secrets?.clientSecret || !secrets.accessToken || !secrets.refreshToken) {
    throw new UsageError(
      'Trakt is not signed in on this machine.',
      'Run `anidex connect trakt --client-id <id>` at a terminal first.',
    );
  }
  const client = new TraktClient(
    { clientId: account.clientId, clientSecret: secrets.clientSecret },
    { url: env.ANIDEX_TRAKT_URL || undefined, ...http, signal: opts.signal },
  );
  let tokens: TraktTokens = {
    accessToken: secrets.accessToken,
    refreshToken: secrets.refreshToken,
    expiresAt: secrets.expiresAt ?? new Date(0).toISOString(),
  };
  const refresh = async (): Promise<void> => {
    tokens = await client.refresh(tokens.refreshToken);
    writeSecrets(account.stateDir, 'trakt', { ...secrets, ...tokens });
  };
  const now = opts.now ?? Date.now;
  if (Date.parse(tokens.expiresAt) - now() < REFRESH_AHEAD_MS) await refresh();
  const pull = async () => {
    try {
      return await readSteadily(() => fetchTraktAccount(client, tokens.accessToken, 'account', http.pageSize));
    } catch (err) {
      if (!(err instanceof TraktAuthError)) throw err;
      // Expired early, or revoked: one refresh tells which.
      await refresh();
      return readSteadily(() => fetchTraktAccount(client, tokens.accessToken, 'account', http.pageSize));
    }
  };
  return importSnapshot(wh, pull, () => new TraktShape(), opts);
}
