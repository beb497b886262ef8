/**
 * Secrets of connected accounts (Trakt's client secret and OAuth tokens), one file per account in the state dir,
 * created with mode 0600 and written atomically. Nothing else in anidex reads these files, and nothing prints them.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TraktSecrets {
  clientSecret: string;
  accessToken?: string;
  refreshToken?: string;
  /** When the access token stops working (ISO UTC). */
  expiresAt?: string;
}

export function secretsPath(stateDir: string, account: string): string {
  return join(stateDir, `${account}-account.json`);
}

export function readSecrets<T>(stateDir: string, account: string): T | null {
  const path = secretsPath(stateDir, account);
  if (!existsSync(path)) return null;
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as T) : null;
  } catch {
    return null;
  }
}

export function writeSecrets(stateDir: string, account: string, value: object): void {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const path = secretsPath(stateDir, account);
  const tmp = `${path}.${process.pid}.tmp`;
  // Created 0600 from the first byte (the umask can only take bits away), then renamed over the old file.
  writeFileSync(tmp, `${JSON.stringify(value)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export function removeSecrets(stateDir: string, account: string): void {
  rmSync(secretsPath(stateDir, account), { force: true });
}
