import type { SqlDb } from './db.ts';
import type { AnimeRecord } from '../domain/anime.ts';
import { isMood, moodsFromMetadata, type Mood } from '../domain/moods.ts';
import { LINK_PLAN_SQL } from './plan.ts';
import { replaceAnimeNames } from './anime-names.ts';
import type { MediaType } from '../domain/types.ts';
import { parseEvidence, type MatchEvidence } from '../domain/match-evidence.ts';
import { coverage, type PartCoverage, type SeasonPart } from '../domain/season-parts.ts';

/** A current title as enrichment sees it, with the external ids the export carried. */
export interface EnrichTarget {
  titleKey: string;
  title: string;
  year: number | null;
  mediaType: MediaType;
  traktId: number | null;
  tvdbId: number | null;
  tmdbId: number | null;
  imdbId: string | null;
  /** Trakt's aired episodes of the whole show. */
  airedEpisodes: number | null;
}

export interface TitleMatch {
  titleKey: string;
  status: 'matched' | 'unmatched' | 'manual';
  malId: number | null;
  confidence: number | null;
  provider: string | null;
  /**
   * `mal-export`: the title came from a MyAnimeList export, which names its MAL id; `mapping`: the community id
   * mapping knew the title's TVDB, TMDb or IMDb id; `id-map`: the person's own id-map.json did.
   */
  method: 'search' | 'id-map' | 'mapping' | 'override' | 'mal-export';
  otherMalIds: number[];
  reason: string | null;
  matchedAt: string;
  /** Why (null for decisions of an anidex that kept none). */
  evidence?: MatchEvidence | null;
  /** A Trakt show's MyAnimeList entry per season (from the id mapping); saving replaces the title's parts. */
  parts?: SeasonPart[];
}

/**
 * Current titles (deleted ones too: they are still history the recommender must not suggest again), and
 * watchlist titles on the plan-to-watch list.
 */
export function enrichTargets(db: SqlDb): EnrichTarget[] {
  return db.all<EnrichTarget>(
    `SELECT h.title_key AS titleKey, h.title, h.year, h.media_type AS mediaType, h.trakt_id AS traktId,
            s.tvdb_id AS tvdbId, s.tmdb_id AS tmdbId, s.imdb_id AS imdbId, h.total_episodes AS airedEpisodes
       FROM user_watch_history h LEFT JOIN silver_titles s ON s.title_key = h.title_key
      WHERE h.is_current = 1
     UNION
     SELECT w.title_key, w.title, w.year, w.media_type, w.trakt_id, NULL, NULL, NULL, NULL
       FROM silver_watchlist w JOIN plan_to_watch p ON p.source_key = w.title_key AND p.source = 'trakt-watchlist'
      WHERE w.kind IN ('show', 'movie')
        AND w.title_key NOT IN (SELECT title_key FROM user_watch_history WHERE is_current = 1)
     ORDER BY 1`,
  );
}

interface MatchRow {
  title_key: string;
  status: TitleMatch['status'];
  mal_id: number | null;
  confidence: number | null;
  provider: string | null;
  method: TitleMatch['method'];
  other_mal_ids: string | null;
  reason: string | null;
  matched_at: string;
  evidence: string | null;
}

export function allMatches(db: SqlDb): Map<string, TitleMatch> {
  return new Map(
    db.all<MatchRow>('SELECT * FROM title_match').map((r) => [
      r.title_key,
      {
        titleKey: r.title_key,
        status: r.status,
        malId: r.mal_id,
        confidence: r.confidence,
        provider: r.provider,
        method: r.method,
        otherMalIds: r.other_mal_ids ? (JSON.parse(r.other_mal_ids) as number[]) : [],
        reason: r.reason,
        matchedAt: r.matched_at,
        evidence: parseEvidence(r.evidence),
      },
    ]),
  );
}

/** Every Trakt show's MyAnimeList entries per season, by title key (shows the id mapping knows). */
export function allSeasonParts(db: SqlDb): Map<string, SeasonPart[]> {
  const out = new Map<string, SeasonPart[]>();
  for (const r of db.all<{ k: string; season: number | null; offset: number; malId: number }>(
    'SELECT title_key AS k, season, episode_offset AS offset, mal_id AS malId FROM title_match_season ORDER BY title_key, ifnull(season, -1), episode_offset',
  )) {
    const list = out.get(r.k) ?? [];
    list.push({ season: r.season, offset: r.offset, malId: r.malId });
    out.set(r.k, list);
  }
  return out;
}

/**
 * What a person watched of each MyAnimeList entry of their Trakt shows the id mapping knows (all of them, or the
 * given title), from the latest export's plays; an entry's episode count comes from dim_anime when it is there.
 */
export function showSeasons(db: SqlDb, titleKey?: string): Map<string, PartCoverage[]> {
  const parts = allSeasonParts(db);
  if (titleKey !== undefined) for (const k of [...parts.keys()]) if (k !== titleKey) parts.delete(k);
  const out = new Map<string, PartCoverage[]>();
  if (parts.size === 0) return out;
  const plays = new Map<string, Array<{ season: number; episode: number; watchedAt: string | null }>>();
  const rows = db.all<{ k: string; season: number; episode: number; at: string | null }>(
    `SELECT title_key AS k, season, episode, watched_at AS at FROM silver_plays
      WHERE season IS NOT NULL AND episode IS NOT NULL ${titleKey === undefined ? 'AND title_key IN (SELECT title_key FROM title_match_season)' : 'AND title_key = ?'}`,
    titleKey === undefined ? [] : [titleKey],
  );
  for (const r of rows) {
    const list = plays.get(r.k) ?? [];
    list.push({ season: r.season, episode: r.episode, watchedAt: r.at });
    plays.set(r.k, list);
  }
  const episodes = new Map(
    db
      .all<{ m: number; e: number | null }>(
        'SELECT mal_id AS m, episodes AS e FROM dim_anime WHERE mal_id IN (SELECT mal_id FROM title_match_season)',
      )
      .map((r) => [r.m, r.e]),
  );
  for (const [k, ps] of parts)
    out.set(
      k,
      coverage(ps, plays.get(k) ?? [], (id) => episodes.get(id) ?? null),
    );
  return out;
}

/** Record matches and give every version of each matched title its MAL id (identity, not history: no new version). */
export function saveMatches(db: SqlDb, matches: readonly TitleMatch[]): void {
  const put = db.prepare(
    `INSERT INTO title_match (title_key, status, mal_id, confidence, provider, method, other_mal_ids, reason, matched_at, evidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (title_key) DO UPDATE SET status = excluded.status, mal_id = excluded.mal_id, confidence = excluded.confidence,
       provider = excluded.provider, method = excluded.method, other_mal_ids = excluded.other_mal_ids, reason = excluded.reason,
       matched_at = excluded.matched_at, evidence = excluded.evidence`,
  );
  const dropParts = db.prepare('DELETE FROM title_match_season WHERE title_key = ?');
  const putPart = db.prepare(
    'INSERT OR IGNORE INTO title_match_season (title_key, season, episode_offset, mal_id) VALUES (?, ?, ?, ?)',
  );
  const gold = db.prepare('UPDATE user_watch_history SET mal_id = ? WHERE title_key = ?');
  // Prepared once: a MAL import saves a match per entry, tens of thousands of them.
  const link = db.prepare(LINK_PLAN_SQL);
  for (const m of matches) {
    put.run([
      m.titleKey,
      m.status,
      m.malId,
      m.confidence,
      m.provider,
      m.method,
      m.otherMalIds.length ? JSON.stringify(m.otherMalIds) : null,
      m.reason,
      m.matchedAt,
      m.evidence ? JSON.stringify(m.evidence) : null,
    ]);
    gold.run([m.malId, m.titleKey]);
    link.run([m.malId, m.titleKey]);
    // Only Trakt titles have seasons (a MyAnimeList entry is one MAL id): MAL imports save tens of thousands of these.
    if (m.titleKey.startsWith('trakt:')) {
      dropParts.run([m.titleKey]);
      for (const p of m.parts ?? []) putPart.run([m.titleKey, p.season, p.offset, p.malId]);
    }
  }
  put.free();
  gold.free();
  link.free();
  dropParts.free();
  putPart.free();
}

/** MAL ids whose dim_anime row is missing or older than `staleBefore`. */
export function staleAnime(db: SqlDb, malIds: Iterable<number>, staleBefore: string): number[] {
  const out: number[] = [];
  for (const id of new Set(malIds)) {
    const r = db.get<{ u: string }>('SELECT updated_at AS u FROM dim_anime WHERE mal_id = ?', [id]);
    if (!r || r.u < staleBefore) out.push(id);
  }
  return out;
}

/** MAL ids whose details are in dim_anime. */
export function malIdsWithMetadata(db: SqlDb): Set<number> {
  return new Set(db.all<{ m: number }>('SELECT mal_id AS m FROM dim_anime').map((r) => r.m));
}

/** Type-1 upsert: the newest provider answer overwrites the row. */
export function upsertAnime(db: SqlDb, records: readonly AnimeRecord[], provider: string, at: string): void {
  const stmt = db.prepare(
    `INSERT INTO dim_anime (mal_id, anilist_id, title_romaji, title_english, title_native, synonyms, format, episodes,
       minutes_per_episode, year, season, status, studios, genres, tags, moods, community_score, score_source, popularity,
       streaming, relations, recommendations, provider, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (mal_id) DO UPDATE SET anilist_id = excluded.anilist_id, title_romaji = excluded.title_romaji,
       title_english = excluded.title_english, title_native = excluded.title_native, synonyms = excluded.synonyms,
       format = excluded.format, episodes = excluded.episodes, minutes_per_episode = excluded.minutes_per_episode,
       year = excluded.year, season = excluded.season, status = excluded.status, studios = excluded.studios,
       genres = excluded.genres, tags = excluded.tags, moods = excluded.moods, community_score = excluded.community_score,
       score_source = excluded.score_source, popularity = excluded.popularity, streaming = excluded.streaming,
       relations = excluded.relations, recommendations = excluded.recommendations, provider = excluded.provider,
       updated_at = excluded.updated_at`,
  );
  const j = (x: unknown) => JSON.stringify(x);
  for (const r of records) {
    stmt.run([
      r.malId,
      r.anilistId,
      r.titles.romaji,
      r.titles.english,
      r.titles.native,
      j(r.titles.synonyms),
      r.format,
      r.episodes,
      r.minutesPerEpisode,
      r.year,
      r.season,
      r.status,
      j(r.studios),
      j(r.genres),
      j(r.tags),
      // Moods a model labelled win over the genre mapping, whenever the details are refreshed.
      db.get<{ l: string }>('SELECT labels AS l FROM label_cache WHERE mal_id = ? ORDER BY labeled_at DESC LIMIT 1', [
        r.malId,
      ])?.l ?? j(moodsFromMetadata(r.genres, r.tags)),
      r.communityScore,
      r.scoreSource,
      r.popularity,
      j(r.streaming),
      j(r.relations),
      j(r.recommendations),
      provider,
      at,
    ]);
  }
  stmt.free();
  // The names are refreshed with the rest of the metadata: a provider that renamed or dropped a name is followed.
  replaceAnimeNames(db, records);
}

interface DimRow {
  mal_id: number;
  anilist_id: number | null;
  title_romaji: string | null;
  title_english: string | null;
  title_native: string | null;
  synonyms: string | null;
  format: string | null;
  episodes: number | null;
  minutes_per_episode: number | null;
  year: number | null;
  season: string | null;
  status: string | null;
  studios: string | null;
  genres: string | null;
  tags: string | null;
  community_score: number | null;
  score_source: string | null;
  popularity: number | null;
  streaming: string | null;
  relations: string | null;
  recommendations: string | null;
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function fromDim(r: DimRow): AnimeRecord {
  return {
    malId: r.mal_id,
    anilistId: r.anilist_id,
    titles: {
      romaji: r.title_romaji,
      english: r.title_english,
      native: r.title_native,
      synonyms: parseJson(r.synonyms, []),
    },
    format: r.format as AnimeRecord['format'],
    episodes: r.episodes,
    minutesPerEpisode: r.minutes_per_episode,
    season: r.season,
    year: r.year,
    status: r.status,
    genres: parseJson(r.genres, []),
    tags: parseJson(r.tags, []),
    studios: parseJson(r.studios, []),
    communityScore: r.community_score,
    scoreSource: r.score_source === 'mal' ? 'mal' : 'anilist',
    popularity: r.popularity,
    relations: parseJson(r.relations, []),
    recommendations: parseJson(r.recommendations, []),
    streaming: parseJson(r.streaming, []),
  };
}

/** dim_anime rows as records, for the ids that have one. */
export function animeRecords(db: SqlDb, malIds: Iterable<number>): Map<number, AnimeRecord> {
  const out = new Map<number, AnimeRecord>();
  for (const id of new Set(malIds)) {
    const r = db.get<DimRow>('SELECT * FROM dim_anime WHERE mal_id = ?', [id]);
    if (r) out.set(id, fromDim(r));
  }
  return out;
}

/**
 * The person's matched, live titles with their ratings: what the recommender learns from. One entry per MAL id:
 * a Trakt title and its MyAnimeList entry count once, with MAL's score when it has one (as the library shows it).
 * MAL entries still on Plan to Watch are not watched.
 */
export function watchedAnime(
  db: SqlDb,
): Array<{ title: string; malId: number; userRating: number | null; binged: boolean; otherMalIds: number[] }> {
  const rows = db.all<{
    key: string;
    title: string;
    malId: number;
    userRating: number | null;
    binge: number | null;
    others: string | null;
  }>(
    `SELECT h.title_key AS key, h.title, h.mal_id AS malId, h.user_rating AS userRating, h.binge_indicator AS binge, m.other_mal_ids AS others
       FROM user_watch_history h LEFT JOIN title_match m ON m.title_key = h.title_key
      WHERE h.is_current = 1 AND h.is_deleted = 0 AND h.mal_id IS NOT NULL AND coalesce(h.mal_status, '') <> 'Plan to Watch'
      ORDER BY h.title_key`,
  );
  const byId = new Map<
    number,
    { title: string; malId: number; userRating: number | null; binged: boolean; otherMalIds: number[] }
  >();
  const malScore = new Map<number, number | null>();
  for (const r of rows) {
    if (r.key.startsWith('mal:')) {
      malScore.set(r.malId, r.userRating);
      if (!byId.has(r.malId))
        byId.set(r.malId, { title: r.title, malId: r.malId, userRating: r.userRating, binged: false, otherMalIds: [] });
      continue;
    }
    const prev = byId.get(r.malId);
    // A Trakt title brings its binges and its name; keep a MAL score seen first.
    byId.set(r.malId, {
      title: r.title,
      malId: r.malId,
      userRating: r.userRating,
      binged: r.binge === 1 || (prev?.binged ?? false),
      otherMalIds: parseJson(r.others, []),
    });
  }
  for (const [id, score] of malScore) if (score !== null) byId.get(id)!.userRating = score;
  // A show the id mapping knows also speaks through the furthest season watched, so that the season after it (its
  // SEQUEL) reaches the recommender as a candidate.
  const seasons = showSeasons(db);
  for (const r of rows) {
    const furthest = [...(seasons.get(r.key) ?? [])].reverse().find((p) => p.episodesWatched > 0 && p.season !== 0);
    if (!furthest || furthest.malId === r.malId || byId.has(furthest.malId)) continue;
    const show = byId.get(r.malId);
    byId.set(furthest.malId, {
      title: r.title,
      malId: furthest.malId,
      userRating: show?.userRating ?? r.userRating,
      binged: show?.binged ?? r.binge === 1,
      otherMalIds: [],
    });
  }
  return [...byId.values()];
}

/** MAL entries of Trakt shows the id mapping knows that the person watched any episode of (specials included). */
export function seenSeasonMalIds(db: SqlDb): Set<number> {
  const seen = new Set<number>();
  for (const parts of showSeasons(db).values()) for (const p of parts) if (p.episodesWatched > 0) seen.add(p.malId);
  return seen;
}

/**
 * Every MAL id the person has seen: each title in their history (deleted ones included), every season of a Trakt show
 * the id mapping knows that they watched any of, and for the shows it does not know, the later seasons a Trakt show
 * spans when they watched all of its episodes.
 */
export function historyMalIds(db: SqlDb): Set<number> {
  const seen = new Set(
    db
      .all<{ m: number }>(
        "SELECT DISTINCT mal_id AS m FROM user_watch_history WHERE mal_id IS NOT NULL AND coalesce(mal_status, '') <> 'Plan to Watch'",
      )
      .map((r) => r.m),
  );
  // Later seasons count as seen as far as the episodes watched reach, following the provider's SEQUEL links
  // from the first season: 46 episodes of Mushishi cover its 26-, 10- and 10-episode MyAnimeList entries.
  for (const id of seenSeasonMalIds(db)) seen.add(id);
  const shows = db.all<{ first: number; watched: number | null }>(
    `SELECT mal_id AS first, episodes_watched AS watched FROM user_watch_history
      WHERE is_current = 1 AND mal_id IS NOT NULL AND media_type = 'show'
        AND title_key NOT IN (SELECT title_key FROM title_match_season)`,
  );
  const entry = (id: number) =>
    db.get<{ e: number | null; rel: string | null }>(
      'SELECT episodes AS e, relations AS rel FROM dim_anime WHERE mal_id = ?',
      [id],
    );
  for (const s of shows) {
    let current = entry(s.first);
    let covered = current?.e ?? null;
    const visited = new Set([s.first]);
    while (current && covered !== null && covered <= (s.watched ?? 0)) {
      const next = parseJson<Array<{ relationType: string | null; malId: number | null; format: string | null }>>(
        current.rel,
        [],
      ).find((l) => l.relationType === 'SEQUEL' && l.malId !== null && l.format !== 'MOVIE' && !visited.has(l.malId));
      if (!next) break;
      const row = entry(next.malId!);
      if (!row || row.e === null) break;
      covered += row.e;
      if (covered > (s.watched ?? 0)) break;
      seen.add(next.malId!);
      visited.add(next.malId!);
      current = row;
    }
  }
  return seen;
}

/** The moods dim_anime holds per MAL id (AI labels where a model gave them, else the genre mapping). */
export function storedMoods(db: SqlDb): Map<number, Mood[]> {
  const out = new Map<number, Mood[]>();
  for (const r of db.all<{ id: number; moods: string | null }>(
    'SELECT mal_id AS id, moods FROM dim_anime WHERE moods IS NOT NULL',
  )) {
    out.set(r.id, parseJson<unknown[]>(r.moods, []).filter(isMood));
  }
  return out;
}

/**
 * Shows the person dropped: those on MyAnimeList with the status Dropped, and, for Trakt history, fewer than half
 * of at least four episodes watched and nothing watched for a year before their latest play. Their sequels are
 * left out of recommendations.
 */
export function droppedMalIds(db: SqlDb): Set<number> {
  return new Set(
    db
      .all<{ m: number }>(
        `SELECT h.mal_id AS m FROM user_watch_history h
          WHERE h.is_current = 1 AND h.is_deleted = 0 AND h.mal_id IS NOT NULL AND h.mal_status = 'Dropped'
         UNION
         SELECT h.mal_id FROM user_watch_history h
          WHERE h.is_current = 1 AND h.media_type = 'show' AND h.mal_id IS NOT NULL AND h.title_key LIKE 'trakt:%'
            AND h.total_episodes >= 4 AND h.episodes_watched * 2 < h.total_episodes AND h.last_watched_at IS NOT NULL
            AND julianday((SELECT max(watched_at) FROM silver_plays)) - julianday(h.last_watched_at) > 365`,
      )
      .map((r) => r.m),
  );
}

/** Whether any Trakt title carries a TVDB, TMDb or IMDb id (what the id mapping is asked about). */
export function hasExternalIds(db: SqlDb): boolean {
  return (
    db.get(
      'SELECT 1 AS x FROM silver_titles WHERE tvdb_id IS NOT NULL OR tmdb_id IS NOT NULL OR imdb_id IS NOT NULL LIMIT 1',
    ) !== undefined
  );
}

/** The stored decision for one title (its status, how it was made and why), or null when it was never looked up. */
export function matchOf(
  db: SqlDb,
  titleKey: string,
): { status: TitleMatch['status']; method: TitleMatch['method']; malId: number | null; reason: string | null } | null {
  return (
    db.get<{ status: TitleMatch['status']; method: TitleMatch['method']; malId: number | null; reason: string | null }>(
      'SELECT status, method, mal_id AS malId, reason FROM title_match WHERE title_key = ?',
      [titleKey],
    ) ?? null
  );
}
