import { Warehouse } from '../warehouse/store.ts';
import { playsPerMonthOf, versionsOf, type VersionRow } from '../warehouse/queries.ts';
import { animeRecords } from '../warehouse/enrichment.ts';
import type { AnimeRecord } from '../domain/anime.ts';
import type { SqlDb } from '../warehouse/db.ts';

export interface TitleView {
  versions: VersionRow[];
  anime: AnimeRecord | null;
  playsPerMonth: Array<{ month: string; plays: number }>;
}

/** Everything the title screen shows: versions newest first, anime metadata, plays over time (watch time). */
export function titleView(db: SqlDb, titleKey: string): TitleView {
  const versions = versionsOf(db, titleKey);
  const malId = versions[0]?.malId ?? null;
  return { versions, anime: malId === null ? null : (animeRecords(db, [malId]).get(malId) ?? null), playsPerMonth: playsPerMonthOf(db, titleKey) };
}

/** The title view from a data directory (opens and closes the warehouse). */
export async function loadTitleView(dataDir: string, titleKey: string): Promise<TitleView> {
  const wh = await Warehouse.open(dataDir);
  try {
    return titleView(wh.db, titleKey);
  } finally {
    wh.close();
  }
}
