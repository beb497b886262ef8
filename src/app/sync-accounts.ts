/** Sync several connected accounts one after another; each is its own all-or-nothing load. */

import type { Warehouse } from '../warehouse/store.ts';
import type { AccountSettings } from '../settings/accounts-setting.ts';
import { lastSyncs } from '../warehouse/runs.ts';
import { ProviderUnavailableError } from '../enrich/http.ts';
import { AnidexError } from '../lib/errors.ts';
import type { ImportListener, ImportResult } from './events.ts';
import { syncAniList, syncMal, syncTrakt, type AccountHttp, type AccountSource } from './sync.ts';

export interface SyncOutcome {
  source: AccountSource;
  /** Who: the user name, or the Trakt account. */
  account: string;
  result: ImportResult | null;
  error: unknown;
}

export interface SyncAccountsOptions {
  stateDir: string;
  allowEmpty?: boolean;
  /** The load time of every account (default: now, taken under the lock). */
  asOf?: string;
  http?: AccountHttp;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  lockWaitMs?: number;
  onStart?: (source: AccountSource) => void;
  onEvent?: (source: AccountSource, e: Parameters<ImportListener>[0]) => void;
}

/** The connected accounts, in the order they are synced. */
export function connectedSources(accounts: AccountSettings): AccountSource[] {
  return (['anilist', 'mal', 'trakt'] as const).filter((s) => accounts[s] !== undefined);
}

export function accountLabel(source: AccountSource, accounts: AccountSettings): string {
  if (source === 'anilist') return accounts.anilist?.user ?? '';
  if (source === 'mal') return accounts.mal?.user ?? '';
  return accounts.trakt?.user ?? 'your account';
}

/** Sync each of `sources` (all connected); a failure is kept in its outcome and the next account still syncs. */
export async function syncAccounts(
  wh: Warehouse,
  accounts: AccountSettings,
  sources: readonly AccountSource[],
  opts: SyncAccountsOptions,
): Promise<SyncOutcome[]> {
  const out: SyncOutcome[] = [];
  for (const source of sources) {
    opts.onStart?.(source);
    const common = {
      allowEmpty: opts.allowEmpty,
      asOf: opts.asOf,
      http: opts.http,
      env: opts.env,
      signal: opts.signal,
      lockWaitMs: opts.lockWaitMs,
      onEvent: (e: Parameters<ImportListener>[0]) => opts.onEvent?.(source, e),
    };
    try {
      let result: ImportResult;
      if (source === 'anilist') result = await syncAniList(wh, accounts.anilist!.user, common);
      else if (source === 'mal') result = await syncMal(wh, accounts.mal!, common);
      else result = await syncTrakt(wh, { clientId: accounts.trakt!.clientId, stateDir: opts.stateDir }, common);
      out.push({ source, account: accountLabel(source, accounts), result, error: null });
    } catch (error) {
      if (opts.signal?.aborted) throw error;
      // A server that kept failing: the sync's own next step, not enrichment's.
      const e =
        error instanceof ProviderUnavailableError
          ? new AnidexError(
              `${error.message.replace(/\.$/, '')}; nothing was written.`,
              'Check the network, then run `anidex sync` again (a timer or cron job simply tries again next time).',
            )
          : error;
      out.push({ source, account: accountLabel(source, accounts), result: null, error: e });
    }
  }
  return out;
}

export { lastSyncs };
