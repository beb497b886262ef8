import { Warehouse } from '../warehouse/store.ts';
import { playsPerMonthOf, versionsOf, type VersionRow } from '../warehouse/queries.ts';
import { animeRecords } from '../warehouse/enrichment.ts';
import type { AnimeRecord } from '../domain/anime.ts';

export interface TitleView {
  versions: VersionRow[];
  anime: AnimeRecord | null;
  playsPerMonth: Array<{ month: string; plays: number }>;
}

/** Everything the title screen shows: versions newest first, anime metadata, plays over time (watch time). */
export async function loadTitleView(dataDir: string, titleKey: string): Promise<TitleView> {
  const wh = await Warehouse.open(dataDir);
  try {
    const versions = versionsOf(wh.db, titleKey);
    const malId = versions[0]?.malId ?? null;
    const playsPerMonth = playsPerMonthOf(wh.db, titleKey);
    return { versions, anime: malId === null ? null : (animeRecords(wh.db, [malId]).get(malId) ?? null), playsPerMonth };
  } finally {
    wh.close();
  }
}
