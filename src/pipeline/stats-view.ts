import { Warehouse } from '../warehouse/store.ts';
import { statsNumbers } from '../warehouse/queries.ts';
import type { StatsNumbers } from '../domain/stats-text.ts';

/** The numbers behind the stats screen (screens never run SQL). */
export async function loadStatsView(dataDir: string): Promise<StatsNumbers> {
  const wh = await Warehouse.open(dataDir);
  try {
    return statsNumbers(wh.db);
  } finally {
    wh.close();
  }
}
