/**
 * The connected accounts, kept under `accounts` in settings.json: user names and client ids only. Client secrets
 * and tokens never go there (the settings file is the kind of file people paste into an issue); they live in the
 * state dir, mode 0600 (src/settings/account-secrets.ts).
 *
 * The only place anidex writes settings.json: a read-modify-write of that one key through lowdb (atomic, via
 * steno), refused when the file is broken so a person's hand-edited file is never overwritten.
 */
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { mkdirSync } from 'node:fs';
import { AnidexError } from '../lib/errors.ts';
import { settingsPath } from './settings-file.ts';

export type AccountName = 'anilist' | 'mal' | 'trakt';

export interface AccountSettings {
  anilist?: { user: string };
  mal?: { user: string; clientId: string };
  trakt?: { clientId: string; user?: string };
}

type Json = Record<string, unknown>;

function open(configDir: string): Low<Json> {
  return new Low<Json>(
    new DataFile<Json>(settingsPath(configDir), {
      parse: (text) => {
        const body = text.replace(/^\uFEFF/, '');
        if (body.trim() === '') return {};
        let value: unknown;
        try {
          value = JSON.parse(body);
        } catch {
          throw new AnidexError(
            `${settingsPath(configDir)} is not valid JSON, so anidex will not rewrite it.`,
            'Fix or delete it (`anidex doctor` says where it breaks), then connect again.',
          );
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          throw new AnidexError(
            `${settingsPath(configDir)} does not hold a JSON object, so anidex will not rewrite it.`,
            'Fix or delete it, then connect again.',
          );
        }
        return value as Json;
      },
      stringify: (data) => `${JSON.stringify(data, null, 2)}\n`,
    }),
    {},
  );
}

const str = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? x.trim() : null);

/** The accounts in the settings, each only when complete; a broken settings file reads as none. */
export async function readAccounts(configDir: string): Promise<AccountSettings> {
  const db = open(configDir);
  try {
    await db.read();
  } catch {
    return {};
  }
  const a = db.data['accounts'];
  if (!a || typeof a !== 'object' || Array.isArray(a)) return {};
  const acc = a as Record<string, Record<string, unknown> | undefined>;
  const out: AccountSettings = {};
  const anilistUser = str(acc.anilist?.['user']);
  if (anilistUser) out.anilist = { user: anilistUser };
  const malUser = str(acc.mal?.['user']);
  const malClient = str(acc.mal?.['clientId']);
  if (malUser && malClient) out.mal = { user: malUser, clientId: malClient };
  const traktClient = str(acc.trakt?.['clientId']);
  if (traktClient)
    out.trakt = { clientId: traktClient, ...(str(acc.trakt?.['user']) ? { user: str(acc.trakt?.['user'])! } : {}) };
  return out;
}

/** Set (or, with null, remove) one account in settings.json, keeping every other key as it was. */
export async function writeAccount<K extends AccountName>(
  configDir: string,
  name: K,
  value: AccountSettings[K] | null,
): Promise<void> {
  mkdirSync(configDir, { recursive: true });
  const db = open(configDir);
  await db.read();
  const accounts = { ...((db.data['accounts'] as Json | undefined) ?? {}) };
  if (value) accounts[name] = value;
  else delete accounts[name];
  if (Object.keys(accounts).length) db.data['accounts'] = accounts;
  else delete db.data['accounts'];
  await db.write();
}
