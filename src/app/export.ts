import type { SqlDb } from '../warehouse/db.ts';
import { malSilverEntries } from '../warehouse/silver-mal.ts';
import { aniListSilverEntries } from '../warehouse/silver-anilist.ts';
import { planItems, type PlanItem } from '../warehouse/plan.ts';
import { allMatches, animeRecords, droppedMalIds, enrichTargets, showSeasons } from '../warehouse/enrichment.ts';
import type { PartCoverage } from '../domain/season-parts.ts';
import { newestPlayAt } from '../warehouse/export-queries.ts';
import { libraryView, type LibraryEntry } from './library-view.ts';
import { malEntryFromAniList, malSeriesType, toMalXml, traktStatus } from '../domain/mal-xml.ts';
import { libraryCsv, libraryJson } from '../domain/library-export.ts';
import type { AnimeRecord } from '../domain/anime.ts';
import type { MalEntry } from '../domain/mal.ts';
import type { MediaType } from '../domain/types.ts';
import { hasList } from '../domain/library-merge.ts';

export const EXPORT_FORMATS = ['mal-xml', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type NotExportedWhy = 'not matched to MyAnimeList' | 'not anime';

/** A title the MyAnimeList export leaves out, because MAL has no id for it. */
export interface NotExported {
  title: string;
  year: number | null;
  kind: MediaType | null;
  why: NotExportedWhy;
  /** A title of the library, or an item of the plan-to-watch list. */
  from: 'library' | 'plan';
  /** What the matcher said, when it looked. */
  detail: string | null;
}

export interface BuiltExport {
  format: ExportFormat;
  /** The file's whole text (UTF-8 when written). */
  text: string;
  /** Titles in the file. */
  exported: number;
  /** mal-xml only: entries from the MAL export as last imported, the AniList list, Trakt history and the plan. */
  origins: ExportOrigins | null;
  /** mal-xml only (the other formats hold every library title): sorted by title. */
  notExported: NotExported[];
}

export interface ExportOptions {
  /** The MAL user name for `<myinfo>`. */
  userName?: string | null;
}

/** Build an export of the warehouse in `format` (reads only). */
export function buildExport(db: SqlDb, format: ExportFormat, opts: ExportOptions = {}): BuiltExport {
  if (format === 'mal-xml') {
    const list = malList(db);
    return {
      format,
      text: toMalXml(list.entries, { userName: opts.userName ?? null }),
      exported: list.entries.length,
      origins: list.origins,
      notExported: list.notExported,
    };
  }
  const rows = libraryView(db);
  return {
    format,
    text: format === 'csv' ? libraryCsv(rows) : libraryJson(rows),
    exported: rows.length,
    origins: null,
    notExported: [],
  };
}

export interface ExportOrigins {
  mal: number;
  anilist: number;
  trakt: number;
  plan: number;
}

export interface MalList {
  /** Sorted by title, as MAL sorts its exports. */
  entries: MalEntry[];
  origins: ExportOrigins;
  notExported: NotExported[];
}

/**
 * The person's list as MyAnimeList would hold it, one entry per MAL id:
 * 1. every entry of the MAL export as last imported, exactly (Plan to Watch included), so that importing the
 *    written file again changes nothing, and MAL's word wins for every title MAL knows;
 * 1b. entries of the AniList list (as last synced) with a MAL id MAL's list lacks, with AniList's status, progress,
 *    score, dates and notes (a person moving from AniList to MyAnimeList gets their list);
 * 2. Trakt titles matched to a MAL id that MAL does not list, with a status derived from their history
 *    (traktStatus); when several Trakt titles share one MAL id, the most played one speaks for it, as in the library.
 *    A Trakt show the id mapping knows is written as MyAnimeList holds it: one entry per MAL entry it spans (a season,
 *    a part of one, a special) that was watched, with that entry's episodes, status and dates;
 * 3. plan-to-watch items with a MAL id not listed yet, as Plan to Watch (their notes as the comment).
 * Titles without a MAL id cannot be written (MAL's importers key entries by id) and are reported instead.
 */
export function malList(db: SqlDb): MalList {
  const mal = malSilverEntries(db);
  const listed = new Set(mal.map((e) => e.malId));
  const library = libraryView(db);
  const fromAniList = aniListEntries(db, listed);

  const seasons = showSeasons(db);
  const traktOnly = new Map<number, LibraryEntry>();
  const parts = new Map<number, { show: LibraryEntry; part: PartCoverage; last: boolean }>();
  for (const r of [...library].sort(byPlaysThenTitle)) {
    const watched = (seasons.get(r.titleKey) ?? []).filter((p) => p.episodesWatched > 0);
    // (A show whose plays lie in no season the mapping knows stays one title, as before.)
    if (watched.length && !hasList(r.sources)) {
      const last = watched.reduce<PartCoverage | null>(
        (a, p) => (a === null || (p.lastWatchedAt ?? '') > (a.lastWatchedAt ?? '') ? p : a),
        null,
      );
      for (const p of watched) {
        if (listed.has(p.malId) || traktOnly.has(p.malId) || parts.has(p.malId)) continue;
        parts.set(p.malId, { show: r, part: p, last: p === last });
      }
      continue;
    }
    if (r.malId === null || hasList(r.sources) || listed.has(r.malId) || traktOnly.has(r.malId) || parts.has(r.malId))
      continue;
    traktOnly.set(r.malId, r);
  }
  const plan = new Map<number, PlanItem>();
  for (const p of planItems(db)) {
    if (
      p.malId !== null &&
      !listed.has(p.malId) &&
      !traktOnly.has(p.malId) &&
      !parts.has(p.malId) &&
      !plan.has(p.malId)
    )
      plan.set(p.malId, p);
  }
  const records = animeRecords(db, [...traktOnly.keys(), ...parts.keys(), ...plan.keys()]);
  const dropped = droppedMalIds(db);
  const newest = newestPlayAt(db);

  // MAL names its entries by their romaji title; the row already carries dim_anime's format and episode count.
  const fromTrakt = [...traktOnly].map(([malId, r]): MalEntry => ({
    malId,
    title: records.get(malId)?.titles.romaji ?? r.title,
    seriesType: malSeriesType(r.format),
    seriesEpisodes: r.animeEpisodes,
    ...traktStatus(r, { newestPlayAt: newest, dropped: dropped.has(malId) }),
    rewatching: false,
    priority: null,
    tags: '',
    comments: '',
  }));
  // One entry per season (or part) of a mapped show: that entry's own episodes, plays and dates; the show's rating;
  // the dropped rule, which speaks of the show, applies to the entry watched last.
  const fromSeasons = [...parts].map(([malId, { show, part, last }]): MalEntry => {
    const rec = records.get(malId);
    const episodes = rec?.episodes ?? null;
    return {
      malId,
      title:
        rec?.titles.romaji ??
        `${show.title} (${part.season === null ? 'all seasons' : part.season === 0 ? 'specials' : `season ${part.season}`})`,
      seriesType: malSeriesType(rec?.format ?? null),
      seriesEpisodes: episodes,
      ...traktStatus(
        {
          mediaType: 'show',
          episodesWatched: part.episodesWatched,
          totalEpisodes: null,
          totalPlays: part.plays,
          firstWatchedAt: part.firstWatchedAt,
          lastWatchedAt: part.lastWatchedAt,
          userRating: show.userRating,
          animeEpisodes: episodes,
        },
        { newestPlayAt: newest, dropped: last && dropped.has(show.malId ?? -1) },
      ),
      rewatching: false,
      priority: null,
      tags: '',
      comments: '',
    };
  });
  const fromPlan = [...plan].map(([malId, p]): MalEntry => planEntry(malId, p, records.get(malId)));

  return {
    entries: [...mal, ...fromAniList, ...fromTrakt, ...fromSeasons, ...fromPlan].sort(byEntryTitle),
    origins: {
      mal: mal.length,
      anilist: fromAniList.length,
      trakt: fromTrakt.length + fromSeasons.length,
      plan: fromPlan.length,
    },
    notExported: notExported(db, library),
  };
}

/** The AniList list's entries MAL's list lacks (their MAL ids join `listed`), named by their romaji title. */
function aniListEntries(db: SqlDb, listed: Set<number>): MalEntry[] {
  const entries = aniListSilverEntries(db).filter((e) => e.malId !== null && !listed.has(e.malId));
  const records = animeRecords(
    db,
    entries.map((e) => e.malId!),
  );
  const out: MalEntry[] = [];
  for (const e of entries) {
    const entry = malEntryFromAniList(e, records.get(e.malId!)?.titles.romaji ?? null);
    if (entry === null || listed.has(entry.malId)) continue;
    listed.add(entry.malId);
    out.push(entry);
  }
  return out;
}

function planEntry(malId: number, p: PlanItem, rec: AnimeRecord | undefined): MalEntry {
  return {
    malId,
    title: rec?.titles.romaji ?? p.title,
    seriesType: malSeriesType(rec?.format ?? null),
    seriesEpisodes: rec?.episodes ?? null,
    watchedEpisodes: 0,
    startDate: null,
    finishDate: null,
    score: null,
    status: 'Plan to Watch',
    timesWatched: 0,
    rewatching: false,
    priority: null,
    tags: '',
    comments: p.notes ?? '',
  };
}

/** Library titles and plan items without a MAL id, and why: never looked up, or looked up and found no anime. */
function notExported(db: SqlDb, library: readonly LibraryEntry[]): NotExported[] {
  const out: NotExported[] = library
    .filter((r) => r.malId === null)
    .map((r) => ({
      title: r.title,
      year: r.year,
      kind: r.mediaType,
      why: whyNot(r.matchStatus),
      from: 'library' as const,
      detail: r.matchReason,
    }));
  const unmatchedPlan = planItems(db).filter((p) => p.malId === null);
  if (unmatchedPlan.length > 0) {
    const matches = allMatches(db);
    const targets = new Map(enrichTargets(db).map((t) => [t.titleKey, t]));
    for (const p of unmatchedPlan) {
      const t = p.sourceKey === null ? undefined : targets.get(p.sourceKey);
      const m = p.sourceKey === null ? undefined : matches.get(p.sourceKey);
      out.push({
        title: p.title,
        year: t?.year ?? null,
        kind: t?.mediaType ?? null,
        why: whyNot(m?.status ?? 'pending'),
        from: 'plan',
        detail: m?.reason ?? null,
      });
    }
  }
  return out.sort((a, b) => cmp(a.title.toLowerCase(), b.title.toLowerCase()) || (a.year ?? 0) - (b.year ?? 0));
}

// The matcher looked and accepted no anime (the library shows these as "not anime?"); pending titles were never looked up.
function whyNot(matchStatus: string): NotExportedWhy {
  return matchStatus === 'unmatched' || matchStatus === 'manual' ? 'not anime' : 'not matched to MyAnimeList';
}

function byPlaysThenTitle(a: LibraryEntry, b: LibraryEntry): number {
  return (b.totalPlays ?? 0) - (a.totalPlays ?? 0) || cmp(a.title, b.title) || cmp(a.titleKey, b.titleKey);
}

// MAL's own exports are sorted by title, ignoring case.
function byEntryTitle(a: MalEntry, b: MalEntry): number {
  return cmp(a.title.toLowerCase(), b.title.toLowerCase()) || cmp(a.title, b.title) || a.malId - b.malId;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
