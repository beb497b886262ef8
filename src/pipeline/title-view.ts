import { Warehouse } from '../warehouse/store.ts';
import { playsPerMonthOf, sameAnimeKeys, versionsOf, type VersionRow } from '../warehouse/queries.ts';
import { sourceOf, type SourceName } from '../domain/library-merge.ts';
import { animeRecords } from '../warehouse/enrichment.ts';
import { namesOf } from '../warehouse/anime-names.ts';
import type { AnimeRecord } from '../domain/anime.ts';
import type { SqlDb } from '../warehouse/db.ts';

export interface TitleHistory {
  /** The versions of the title that was opened. */
  versions: VersionRow[];
  /** Every source that knows the title (Trakt first), each with its versions; one entry per gold key. */
  sources: Array<{ source: SourceName; titleKey: string; versions: VersionRow[] }>;
  anime: AnimeRecord | null;
  /** Every name the provider gave the anime (English, romaji, native, synonyms, other languages). */
  names: Array<{ kind: string; name: string }>;
  playsPerMonth: Array<{ month: string; plays: number }>;
}

/** A title's whole history (what `anidex history` prints and the title screen shows): versions newest first, anime metadata, plays over time (watch time). */
export function titleView(db: SqlDb, titleKey: string): TitleHistory {
  const versions = versionsOf(db, titleKey);
  const malId = versions[0]?.malId ?? null;
  // The same anime from the other source: the one library shows them as one title.
  const keys = malId === null ? [titleKey] : [titleKey, ...sameAnimeKeys(db, malId).filter((k) => k !== titleKey && sourceOf(k) !== sourceOf(titleKey)).slice(0, 1)];
  const sources = keys
    .map((k) => ({ source: sourceOf(k), titleKey: k, versions: k === titleKey ? versions : versionsOf(db, k) }))
    .sort((a, b) => (a.source === b.source ? 0 : a.source === 'trakt' ? -1 : 1));
  const traktKey = sources.find((x) => x.source === 'trakt')?.titleKey ?? titleKey;
  return {
    versions, sources, anime: malId === null ? null : (animeRecords(db, [malId]).get(malId) ?? null), names: malId === null ? [] : namesOf(db, malId),
    playsPerMonth: playsPerMonthOf(db, traktKey),
  };
}

/** The title view from a data directory (opens and closes the warehouse). */
export async function loadTitleView(dataDir: string, titleKey: string): Promise<TitleHistory> {
  const wh = await Warehouse.open(dataDir);
  try {
    return titleView(wh.db, titleKey);
  } finally {
    wh.close();
  }
}
