import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlJs, transaction, type SqlDb } from './db.ts';
import { migrate } from './migrations.ts';
import { acquireLock } from '../lib/lock.ts';
import { writeFileAtomic } from '../lib/atomic-file.ts';
import { copySnapshotTo, findSnapshot, takeSnapshot, type SnapshotInfo } from './snapshots.ts';
import { AnidexError } from '../lib/errors.ts';

export const WAREHOUSE_FILE = 'warehouse.sqlite';

/** Identity of the file as loaded: a rename-based save always changes the inode, so any save is seen. */
interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

function stampOf(path: string): FileStamp | null {
  try {
    const st = statSync(path);
    return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  return a === b || (a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs);
}

export interface WriteOptions {
  /** Take a snapshot of the file as it was before this write (imports and restores do). */
  snapshot?: string;
  /** What the lock file says this process is doing. */
  what?: string;
  lockWaitMs?: number;
}

async function loadImage(path: string): Promise<SqlDb> {
  let image: Uint8Array | undefined;
  if (existsSync(path)) image = readFileSync(path);
  let db: SqlDb;
  try {
    db = await openSqlJs(image);
    migrate(db);
  } catch (err) {
    if (err instanceof AnidexError) throw err;
    throw new AnidexError(
      `${path} is not a readable SQLite warehouse (${(err as Error).message}).`,
      'Restore a snapshot with `anidex snapshot list` and `anidex snapshot restore <id>`, or move the file away.',
    );
  }
  return db;
}

/**
 * The warehouse: an SQLite image held in memory by sql.js, persisted to `<dataDir>/warehouse.sqlite`.
 * Reads use the loaded copy; every write takes the lock, reloads if another process saved meanwhile,
 * runs in one transaction, and saves atomically.
 */
export class Warehouse {
  readonly file: string;
  private dbHandle: SqlDb;
  private loaded: FileStamp | null;

  private constructor(
    readonly dataDir: string,
    db: SqlDb,
    loaded: FileStamp | null,
  ) {
    this.file = join(dataDir, WAREHOUSE_FILE);
    this.dbHandle = db;
    this.loaded = loaded;
  }

  /** Open the warehouse in `dataDir` (an empty one in memory if the file does not exist yet). */
  static async open(dataDir: string): Promise<Warehouse> {
    const file = join(dataDir, WAREHOUSE_FILE);
    const before = stampOf(file);
    const db = await loadImage(file);
    return new Warehouse(dataDir, db, before);
  }

  get db(): SqlDb {
    return this.dbHandle;
  }

  get exists(): boolean {
    return existsSync(this.file);
  }

  /** Re-read the file if another process saved it since this copy was loaded. */
  async refresh(): Promise<boolean> {
    const now = stampOf(this.file);
    if (sameStamp(now, this.loaded)) return false;
    const db = await loadImage(this.file);
    this.dbHandle.close();
    this.dbHandle = db;
    this.loaded = now;
    return true;
  }

  /**
   * Apply `fn` as one transaction under the writer lock, then save atomically. `snapshotWhen` decides from
   * the result whether the snapshot is worth taking (an import that changed nothing is not).
   */
  async write<T>(
    fn: (db: SqlDb) => T | Promise<T>,
    opts: WriteOptions & { snapshotWhen?: (result: T) => boolean } = {},
  ): Promise<T> {
    mkdirSync(this.dataDir, { recursive: true });
    const release = await acquireLock(join(this.dataDir, 'warehouse.lock'), {
      what: opts.what,
      waitMs: opts.lockWaitMs,
    });
    try {
      await this.refresh();
      const titlesBefore = opts.snapshot ? this.countTitles(this.dbHandle) : null;
      const out = await transaction(this.dbHandle, () => fn(this.dbHandle));
      if (opts.snapshot && (opts.snapshotWhen?.(out) ?? true)) {
        try {
          takeSnapshot(this.dataDir, this.file, opts.snapshot, titlesBefore);
        } catch (err) {
          // Memory now holds a change the file does not: reload before anything else writes.
          this.loaded = null;
          throw new AnidexError(
            `Could not take the snapshot before saving (${(err as Error).message}); nothing was saved.`,
            'Check free disk space in the data dir, then run the import again.',
          );
        }
      }
      this.save();
      return out;
    } finally {
      release();
    }
  }

  /** Replace the warehouse with a snapshot (after snapshotting the current state, so this can be undone). */
  async restore(id: string): Promise<{ restored: SnapshotInfo; backup: SnapshotInfo | null }> {
    mkdirSync(this.dataDir, { recursive: true });
    const release = await acquireLock(join(this.dataDir, 'warehouse.lock'), { what: 'restoring a snapshot' });
    try {
      const snap = findSnapshot(this.dataDir, id);
      const check = await loadImage(snap.path);
      check.close();
      await this.refresh();
      const backup = takeSnapshot(this.dataDir, this.file, 'before-restore', this.countTitles(this.dbHandle), snap.id);
      copySnapshotTo(snap, this.file);
      this.loaded = null;
      await this.refresh();
      return { restored: snap, backup };
    } finally {
      release();
    }
  }

  close(): void {
    this.dbHandle.close();
  }

  private save(): void {
    try {
      writeFileAtomic(this.file, this.dbHandle.export());
    } catch (err) {
      // The file still holds the old state; force the next access to reload it instead of trusting memory.
      this.loaded = null;
      throw new AnidexError(
        `Could not save ${this.file}: ${(err as Error).message}.`,
        'Check free disk space and permissions; the previous warehouse is intact.',
      );
    }
    this.loaded = stampOf(this.file);
  }

  private countTitles(db: SqlDb): number {
    return (
      db.get<{ n: number }>('SELECT count(*) AS n FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0')
        ?.n ?? 0
    );
  }
}
