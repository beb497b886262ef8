import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { copyFileAtomic, removeOrphanTempsIn, writeFileAtomic } from '../lib/atomic-file.ts';
import { AnidexError } from '../lib/errors.ts';

export const SNAPSHOTS_KEPT = 10;

export interface SnapshotInfo {
  id: string;
  createdAt: string;
  reason: string;
  bytes: number;
  titles: number | null;
  path: string;
}

export function snapshotDir(dataDir: string): string {
  return join(dataDir, 'snapshots');
}

/** `2026-11-22T00:30:05.123Z` → `20261122T003005123Z` (sorts in time order, safe in file names). */
function stamp(iso: string): string {
  return iso.replace(/[-:.]/g, '');
}

/** Copy the warehouse file into snapshots/ with a sidecar describing why; keeps the newest SNAPSHOTS_KEPT. */
export function takeSnapshot(
  dataDir: string,
  warehouseFile: string,
  reason: string,
  titles: number | null,
  protect?: string,
): SnapshotInfo | null {
  if (!existsSync(warehouseFile)) return null;
  const dir = snapshotDir(dataDir);
  mkdirSync(dir, { recursive: true });
  // A snapshot copy killed half-way leaves a temp file as big as the warehouse under a name never used again.
  removeOrphanTempsIn(dir);
  const createdAt = new Date().toISOString();
  let id = `${stamp(createdAt)}-${reason}`;
  for (let n = 2; existsSync(join(dir, `${id}.sqlite`)); n++) id = `${stamp(createdAt)}-${reason}-${n}`;
  const path = join(dir, `${id}.sqlite`);
  copyFileAtomic(warehouseFile, path);
  writeFileAtomic(join(dir, `${id}.json`), Buffer.from(JSON.stringify({ id, createdAt, reason, titles })));
  pruneSnapshots(dataDir, protect);
  return { id, createdAt, reason, bytes: statSync(path).size, titles, path };
}

/** Snapshots, newest first. */
export function listSnapshots(dataDir: string): SnapshotInfo[] {
  const dir = snapshotDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite') && !f.startsWith('.'))
    .map((f) => {
      const id = f.slice(0, -'.sqlite'.length);
      const path = join(dir, f);
      let meta: { createdAt?: string; reason?: string; titles?: number | null } = {};
      try {
        meta = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'));
      } catch {
        /* a snapshot without its sidecar is still listed */
      }
      const st = statSync(path);
      return {
        id,
        createdAt: meta.createdAt ?? st.mtime.toISOString(),
        reason: meta.reason ?? 'unknown',
        bytes: st.size,
        titles: meta.titles ?? null,
        path,
      };
    })
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** Keep the newest SNAPSHOTS_KEPT; `protect` (a snapshot about to be restored) is never removed. */
function pruneSnapshots(dataDir: string, protect?: string): void {
  for (const old of listSnapshots(dataDir).slice(SNAPSHOTS_KEPT)) {
    if (old.id === protect) continue;
    unlinkSync(old.path);
    try {
      unlinkSync(join(snapshotDir(dataDir), `${old.id}.json`));
    } catch {
      /* no sidecar */
    }
  }
}

/** Find a snapshot by its id (or a unique prefix of it). */
export function findSnapshot(dataDir: string, id: string): SnapshotInfo {
  const all = listSnapshots(dataDir);
  const exact = all.find((s) => s.id === id);
  if (exact) return exact;
  const matches = all.filter((s) => s.id.startsWith(id));
  if (matches.length === 1) return matches[0]!;
  throw new AnidexError(
    matches.length === 0 ? `No snapshot has the id "${id}".` : `"${id}" matches ${matches.length} snapshots.`,
    'Run `anidex snapshot list` to see the ids.',
  );
}

/** Copy a snapshot file to `dest` atomically. */
export function copySnapshotTo(snapshot: SnapshotInfo, dest: string): void {
  copyFileAtomic(snapshot.path, dest);
}
