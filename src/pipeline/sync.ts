/**
 * Account syncs: pull a source's whole current list over its API (before the writer lock), then hand it to the one
 * loader exactly as a file export of the same state would be: same bronze, silver, SCD2 versions, snapshot, lock.
 */

import { version } from '../config.ts';
import type { Warehouse } from '../warehouse/store.ts';
import { fetchAniListList } from '../sources/anilist/list.ts';
import { readSteadily } from '../sources/list-changed.ts';
import { UsageError } from '../domain/errors.ts';
import type { ImportResult } from './events.ts';
import { importSnapshot, type ImportOptions } from './load-snapshot.ts';
import { AniListShape } from './anilist-shape.ts';

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
    throw new UsageError(`"${u}" is not an AniList user name.`, 'Give the name as in anilist.co/user/<name>, e.g. `anidex import anilist:Josh`.');
  }
  return u;
}

/** Pull the public AniList list of `user` and load it as AniList's whole current state. */
export function syncAniList(wh: Warehouse, user: string, opts: ImportOptions & { http?: AccountHttp; env?: NodeJS.ProcessEnv } = {}): Promise<ImportResult> {
  const env = opts.env ?? process.env;
  const http = opts.http ?? accountHttpFromEnv(env);
  const name = checkAniListUser(user);
  return importSnapshot(
    wh,
    () => readSteadily(() => fetchAniListList(name, { url: env.ANIDEX_ANILIST_URL || undefined, ...http, signal: opts.signal })),
    () => new AniListShape(),
    opts,
  );
}
