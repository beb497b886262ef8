import { listRuns } from '../warehouse/runs.ts';
import { withWarehouse } from './open-warehouse.ts';
import { sampleNotice } from './sample-in-warehouse.ts';

/** What `anidex start` asks of the person's own warehouse before choosing what to show. */
export interface OwnWarehouseAtStart {
  /** Nothing was ever imported or synced into it: the demo is shown instead. */
  empty: boolean;
  /** The sentence to show when it holds the bundled sample (an older `npm start` put it there), or null. */
  sampleNotice: string | null;
}

export function ownWarehouseAtStart(dataDir: string): Promise<OwnWarehouseAtStart> {
  return withWarehouse(dataDir, (wh) => {
    const empty = listRuns(wh.db, 1).length === 0;
    return { empty, sampleNotice: empty ? null : sampleNotice(wh.db) };
  });
}
