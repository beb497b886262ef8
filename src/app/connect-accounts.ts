import { setTimeout as sleep } from 'node:timers/promises';
import { fetchAniListList } from '../sources/anilist/list.ts';
import { fetchMalList } from '../sources/mal/api-list.ts';
import { TraktClient, type TraktApp, type TraktTokens } from '../sources/trakt/api.ts';
import { AnidexError } from '../lib/errors.ts';
import { checkAniListUser, type AccountHttp } from './sync.ts';

/*
 * Connecting an account asks the source first, so that nothing is saved for an account that cannot be read. Saving
 * the account (and Trakt's tokens) is the caller's, once these succeed.
 */

/** Check that AniList lists `user` publicly (one small request); returns the user name to save. */
export async function checkAniListAccount(user: string, http: AccountHttp): Promise<string> {
  const name = checkAniListUser(user);
  await fetchAniListList(name, { url: process.env.ANIDEX_ANILIST_URL || undefined, ...http, probe: true });
  return name;
}

/** Check that MyAnimeList gives the list of `user` to the person's client id (one entry is asked for). */
export async function checkMalAccount(user: string, clientId: string, http: AccountHttp): Promise<void> {
  await fetchMalList(user, {
    url: process.env.ANIDEX_MAL_URL || undefined,
    clientId,
    ...http,
    probe: true,
    pageSize: 1,
  });
}

/** The code a person enters at Trakt to approve anidex, and for how many seconds it is good. */
export interface TraktDeviceCode {
  verificationUrl: string;
  userCode: string;
  expiresIn: number;
}

/**
 * Sign in to Trakt with the person's own app by the device flow: `onCode` is given the code to enter, then Trakt is
 * polled at the pace it asks for until the person approves or the code expires. Returns the tokens and the account's
 * user name (null when Trakt does not say it).
 */
export async function signInToTrakt(
  app: TraktApp,
  http: AccountHttp,
  onCode: (code: TraktDeviceCode) => void,
): Promise<{ tokens: TraktTokens; user: string | null }> {
  const client = new TraktClient(app, { url: process.env.ANIDEX_TRAKT_URL || undefined, ...http });
  const code = await client.deviceCode();
  onCode(code);
  const deadline = Date.now() + code.expiresIn * 1000;
  let interval = code.interval * 1000;
  let tokens: TraktTokens | null = null;
  while (!tokens) {
    if (Date.now() > deadline)
      throw new AnidexError(
        'The Trakt code expired before it was approved; nothing was saved.',
        'Run `anidex connect trakt` again and approve within the time shown.',
      );
    await sleep(interval);
    const r = await client.pollDevice(code.deviceCode);
    if (r === 'slow-down') interval += 1000;
    else if (r !== 'pending') tokens = r;
  }
  const user = await client.userName(tokens.accessToken).catch(() => null);
  return { tokens, user };
}
