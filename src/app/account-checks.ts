/** `anidex doctor`'s look at each connected account: reachable, accepted, and (Trakt) signed in. No secret in any line. */

import { statSync } from 'node:fs';
import type { AccountSettings } from '../settings/accounts-setting.ts';
import { readSecrets, secretsPath, type TraktSecrets } from '../settings/account-secrets.ts';
import { fetchAniListList } from '../sources/anilist/list.ts';
import { fetchMalList } from '../sources/mal/api-list.ts';
import { TraktClient } from '../sources/trakt/api.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { accountHttpFromEnv } from './sync.ts';

export interface AccountCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const message = (err: unknown): string =>
  sanitizeText(err instanceof Error ? err.message : String(err)).replace(/; nothing was written\.?$/, '');

export async function checkAccounts(
  accounts: AccountSettings,
  stateDir: string,
  lastSync: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AccountCheck[]> {
  // Quick answers: doctor says what is wrong rather than wait through retries.
  const http = { ...accountHttpFromEnv(env), timeoutMs: 8000, maxRetries: 0 };
  const last = (s: string): string =>
    lastSync[s] ? `last synced ${lastSync[s]!.slice(0, 16).replace('T', ' ')}` : 'never synced yet';
  const out: AccountCheck[] = [];
  if (!accounts.anilist && !accounts.mal && !accounts.trakt)
    return [
      {
        name: 'accounts',
        ok: true,
        detail: 'none connected (`anidex connect anilist <user>` and others; see docs/sync.md)',
      },
    ];
  if (accounts.anilist) {
    const u = accounts.anilist.user;
    try {
      await fetchAniListList(u, { url: env.ANIDEX_ANILIST_URL || undefined, ...http, probe: true });
      out.push({
        name: 'anilist',
        ok: true,
        detail: `the public list of ${sanitizeText(u)} answers; ${last('anilist')}`,
      });
    } catch (err) {
      out.push({ name: 'anilist', ok: false, detail: `${sanitizeText(u)}: ${message(err)}` });
    }
  }
  if (accounts.mal) {
    const { user } = accounts.mal;
    try {
      await fetchMalList(user, {
        url: env.ANIDEX_MAL_URL || undefined,
        clientId: accounts.mal.clientId,
        ...http,
        probe: true,
        pageSize: 1,
      });
      out.push({
        name: 'mal',
        ok: true,
        detail: `the list of ${sanitizeText(user)} answers to your client id (not shown); ${last('mal')}`,
      });
    } catch (err) {
      out.push({ name: 'mal', ok: false, detail: `${sanitizeText(user)}: ${message(err)}` });
    }
  }
  if (accounts.trakt) {
    const secrets = readSecrets<TraktSecrets>(stateDir, 'trakt');
    if (!secrets?.accessToken || !secrets.clientSecret) {
      out.push({
        name: 'trakt',
        ok: false,
        detail: 'not signed in on this machine: run `anidex connect trakt` at a terminal',
      });
    } else {
      const mode = statSync(secretsPath(stateDir, 'trakt')).mode & 0o777;
      const modeNote =
        mode & 0o077
          ? `; its token file ${secretsPath(stateDir, 'trakt')} is readable by others (mode ${mode.toString(8)}): chmod 600 it`
          : '';
      try {
        const user = await new TraktClient(
          { clientId: accounts.trakt.clientId, clientSecret: secrets.clientSecret },
          { url: env.ANIDEX_TRAKT_URL || undefined, ...http },
        ).userName(secrets.accessToken);
        out.push({
          name: 'trakt',
          ok: !modeNote,
          detail: `signed in${user ? ` as ${user}` : ''}, token (not shown) valid until ${secrets.expiresAt?.slice(0, 10) ?? 'unknown'} and refreshed by the sync before then; ${last('trakt')}${modeNote}`,
        });
      } catch (err) {
        out.push({ name: 'trakt', ok: false, detail: message(err) });
      }
    }
  }
  return out;
}
