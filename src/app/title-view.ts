import { playsPerMonthOf, sameAnimeKeys, versionsOf, type VersionRow } from '../warehouse/queries.ts';
import { sourceOf, type SourceName } from '../domain/library-merge.ts';
import { animeRecords, matchOf, showSeasons } from '../warehouse/enrichment.ts';
import { namesOf } from '../warehouse/anime-names.ts';
import { displayTitle } from '../domain/anime.ts';
import { partLabel } from '../domain/season-parts.ts';
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
  /** Why the title has its anime, or none (the stored decision), when it was looked up. */
  match: { status: string; reason: string } | null;
  /** A Trakt show the id mapping knows: the MyAnimeList entries it spans, with what was watched of each. */
  seasons: SeasonRow[];
}

/** One MyAnimeList entry of a Trakt show. */
export interface SeasonRow {
  /** Where it sits in the show: "S1", "S3 13–", "specials 2", "all seasons". */
  label: string;
  malId: number;
  /** Its name (dim_anime), null when its metadata was not fetched. */
  title: string | null;
  episodesWatched: number;
  /** Its episodes (dim_anime), null when unknown. */
  episodes: number | null;
  firstWatchedAt: string | null;
  lastWatchedAt: string | null;
}

/** The MyAnimeList entries of a Trakt show the id mapping knows, in the show's order (empty for other titles). */
export function seasonRows(db: SqlDb, titleKey: string): SeasonRow[] {
  const parts = showSeasons(db, titleKey).get(titleKey) ?? [];
  const records = animeRecords(
    db,
    parts.map((p) => p.malId),
  );
  return parts.map((p, i) => {
    const r = records.get(p.malId);
    return {
      label: partLabel(p, parts[i + 1]),
      malId: p.malId,
      title: r ? displayTitle(r.titles) : null,
      episodesWatched: p.episodesWatched,
      episodes: r?.episodes ?? null,
      firstWatchedAt: p.firstWatchedAt,
      lastWatchedAt: p.lastWatchedAt,
    };
  });
}

/** A title's whole history (what `anidex history` prints and the title screen shows): versions newest first, anime metadata, plays over time (watch time). */
export function titleView(db: SqlDb, titleKey: string): TitleHistory {
  const versions = versionsOf(db, titleKey);
  const malId = versions[0]?.malId ?? null;
  // The same anime from the other source: the one library shows them as one title.
  const keys =
    malId === null
      ? [titleKey]
      : [
          titleKey,
          ...sameAnimeKeys(db, malId)
            .filter((k) => k !== titleKey && sourceOf(k) !== sourceOf(titleKey))
            .slice(0, 1),
        ];
  const sources = keys
    .map((k) => ({ source: sourceOf(k), titleKey: k, versions: k === titleKey ? versions : versionsOf(db, k) }))
    .sort((a, b) => (a.source === b.source ? 0 : a.source === 'trakt' ? -1 : 1));
  const traktKey = sources.find((x) => x.source === 'trakt')?.titleKey ?? titleKey;
  const m = matchOf(db, traktKey);
  return {
    versions,
    sources,
    anime: malId === null ? null : (animeRecords(db, [malId]).get(malId) ?? null),
    names: malId === null ? [] : namesOf(db, malId),
    playsPerMonth: playsPerMonthOf(db, traktKey),
    match: m && m.reason ? { status: m.status, reason: m.reason } : null,
    seasons: seasonRows(db, traktKey),
  };
}
