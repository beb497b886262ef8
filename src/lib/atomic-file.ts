import {
  closeSync,
  constants as fsConstants,
  copyFileSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { processAlive } from './process-alive.ts';

/**
 * Replace `path` with `data` so that a crash at any moment leaves either the old file or the new one:
 * write a temp file beside it, fsync it, rename it over, fsync the folder.
 */
export function writeFileAtomic(path: string, data: Uint8Array, mode = existingMode(path) ?? 0o644): void {
  const dir = dirname(path);
  removeOrphanTemps(path);
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = openSync(tmp, 'w', mode);
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    unlinkSync(tmp);
    throw err;
  }
  fsyncDir(dir);
}

/** Keep a user's `chmod 600` across saves. */
function existingMode(path: string): number | null {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return null;
  }
}

/** Temp files of saves of `path` whose process died (SIGKILL, power loss) would pile up: remove them. */
function removeOrphanTemps(path: string): void {
  removeOrphanTempsIn(dirname(path), `.${basename(path)}.tmp-`);
}

/**
 * Remove the temp files in `dir` (names starting with `prefix`, default any `.<name>.tmp-<pid>-…`) whose
 * writing process is gone. A snapshot's temp file has a name no later save repeats, so its folder is swept whole.
 */
export function removeOrphanTempsIn(dir: string, prefix?: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = prefix
      ? n.startsWith(prefix)
        ? /^(\d+)-/.exec(n.slice(prefix.length))
        : null
      : /^\..+\.tmp-(\d+)-[0-9a-f]+$/.exec(n);
    if (!m) continue;
    const pid = Number(m[1]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    if (processAlive(pid)) continue;
    try {
      unlinkSync(join(dir, n));
    } catch {
      /* someone else removed it */
    }
  }
}

function fsyncDir(dir: string): void {
  // Makes the rename itself durable; some filesystems refuse fsync on a directory, which is harmless.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supported here */
  }
}

/**
 * Copy `src` to `dest` with the same guarantees as writeFileAtomic. The kernel does the copy, so a large
 * warehouse never passes through this process's memory; where the filesystem can share the blocks (Btrfs, XFS,
 * APFS) the copy is a clone, which costs next to nothing to write and to fsync, and it falls back to a real copy
 * elsewhere.
 */
export function copyFileAtomic(src: string, dest: string): void {
  const dir = dirname(dest);
  const tmp = join(dir, `.${basename(dest)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    copyFileSync(src, tmp, fsConstants.COPYFILE_FICLONE);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, dest);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    throw err;
  }
  fsyncDir(dir);
}
