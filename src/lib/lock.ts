import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { BusyError } from './errors.ts';
import { processAlive } from './process-alive.ts';
import { setTimeout as sleep } from 'node:timers/promises';

interface LockInfo {
  pid: number;
  host: string;
  /** Changes at every boot (Linux), so a pid from before a reboot is never mistaken for a live process. */
  boot?: string | null;
  token: string;
  startedAt: string;
  what: string;
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

const BOOT = bootId();

export interface LockOptions {
  /** How long to wait for a live holder before giving up with a BusyError. */
  waitMs?: number;
  pollMs?: number;
  /** What the holder is doing, shown to a process that has to wait. */
  what?: string;
}

/**
 * Tokens of the locks this process holds right now. A lock naming this process's pid is live when its token is
 * here (another write of this very process still running, e.g. a TUI key pressed twice), else a reused pid.
 */
const heldHere = new Set<string>();

/** A lock file younger than this with no readable content is a holder still writing it, not a stale one. */
const UNREADABLE_GRACE_MS = 5_000;

function readLock(path: string): LockInfo | null | 'missing' {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return null;
  }
}

function tryCreate(path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(info));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function isStale(path: string, info: LockInfo | null): boolean {
  if (info === null) {
    try {
      return Date.now() - statSync(path).mtimeMs > UNREADABLE_GRACE_MS;
    } catch {
      return false;
    }
  }
  // A lock from another machine (a shared data dir) cannot be checked; it is never taken over.
  if (info.host !== hostname()) return false;
  if (info.boot && BOOT && info.boot !== BOOT) return true; // written before this machine last booted
  if (info.pid === process.pid) return !heldHere.has(info.token); // not held by this process now: a reused pid
  return !processAlive(info.pid);
}

/**
 * Remove a stale lock. Two processes may both see the same stale lock; the second must not delete the
 * fresh lock the first one created, so removal happens under a short-lived takeover lock and re-checks.
 */
function removeStale(path: string, seen: LockInfo | null): void {
  const takeover = `${path}.takeover`;
  const mine: LockInfo = {
    pid: process.pid,
    host: hostname(),
    boot: BOOT,
    token: randomBytes(8).toString('hex'),
    startedAt: new Date().toISOString(),
    what: 'takeover',
  };
  if (!tryCreate(takeover, mine)) {
    const other = readLock(takeover);
    if (other !== 'missing' && isStale(takeover, other)) {
      // Re-read before removing: another waiter may have replaced the stale takeover with a live one.
      const again = readLock(takeover);
      const same =
        again !== 'missing' && (again === null ? other === null : other !== null && again.token === other.token);
      if (same) safeUnlink(takeover);
    }
    return;
  }
  try {
    const now = readLock(path);
    if (now === 'missing') return;
    const same = now === null ? seen === null : seen !== null && now.token === seen.token;
    if (same && isStale(path, now)) safeUnlink(path);
  } finally {
    safeUnlink(takeover);
  }
}

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/** Take the writer lock at `path`, waiting for a live holder up to `waitMs`; returns the release function. */
export async function acquireLock(path: string, opts: LockOptions = {}): Promise<() => void> {
  const waitMs = opts.waitMs ?? 10_000;
  const pollMs = opts.pollMs ?? 100;
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    boot: BOOT,
    token: randomBytes(8).toString('hex'),
    startedAt: new Date().toISOString(),
    what: opts.what ?? 'writing',
  };
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(path, info)) {
      heldHere.add(info.token);
      break;
    }
    const holder = readLock(path);
    if (holder === 'missing') continue;
    if (isStale(path, holder)) {
      removeStale(path, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder
        ? `pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''}, ${holder.what} since ${holder.startedAt}`
        : 'a process that is starting';
      const remote = holder !== null && holder.host !== hostname();
      throw new BusyError(
        `The warehouse is busy: another anidex process (${who}) holds ${path}.`,
        remote ? `If no anidex runs on ${holder.host} any more, delete ${path} and try again.` : undefined,
      );
    }
    await sleep(pollMs);
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    heldHere.delete(info.token);
    process.off('exit', release);
    const now = readLock(path);
    if (now !== 'missing' && now !== null && now.token === info.token) safeUnlink(path);
  };
  process.on('exit', release);
  return release;
}
