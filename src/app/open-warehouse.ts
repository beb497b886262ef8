import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse, WAREHOUSE_FILE } from '../warehouse/store.ts';

/*
 * The warehouse a command works on (the person's own, or the demo's with --demo). Commands hold the handle only to
 * give it back to app functions: what they read or change in it goes through those.
 */

export type { Warehouse };

/** Open the warehouse in `dataDir` for reading and writing (empty, in memory, until a first save creates the file). */
export function openWarehouse(dataDir: string): Promise<Warehouse> {
  return Warehouse.open(dataDir);
}

/** Open the warehouse in `dataDir`, hand it to `work`, and close it however `work` ends. */
export async function withWarehouse<T>(dataDir: string, work: (wh: Warehouse) => T | Promise<T>): Promise<T> {
  const wh = await Warehouse.open(dataDir);
  try {
    return await work(wh);
  } finally {
    wh.close();
  }
}

/** Whether a warehouse file exists in `dataDir` (a look that never creates one). */
export function warehouseExists(dataDir: string): boolean {
  return existsSync(join(dataDir, WAREHOUSE_FILE));
}
