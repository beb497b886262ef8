import { listSnapshots, type SnapshotInfo } from '../warehouse/snapshots.ts';
import { withWarehouse } from './open-warehouse.ts';

/*
 * The copies of the warehouse taken before every change (the warehouse takes them; see docs/reliability.md), as a
 * person lists and restores them.
 */

/** The snapshots kept in `dataDir`, newest first (none when the folder has none yet). */
export function snapshotsKept(dataDir: string): SnapshotInfo[] {
  return listSnapshots(dataDir);
}

/**
 * Put snapshot `id` back as the warehouse of `dataDir`, under the writer lock. The state it replaces is kept as a
 * snapshot first (`backup`, null when there was no warehouse file), so a restore can itself be undone.
 */
export function restoreSnapshot(
  dataDir: string,
  id: string,
): Promise<{ restored: SnapshotInfo; backup: SnapshotInfo | null }> {
  return withWarehouse(dataDir, (wh) => wh.restore(id));
}
