import type { SqlDb } from './db.ts';
import type { AnimeRecord } from '../domain/anime.ts';
import type { MediaType } from '../domain/types.ts';

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
}

export interface TitleMatch {
  titleKey: string;
  status: 'matched' | 'unmatched' | 'manual';
  malId: number | null;
  confidence: number | null;
  provider: string | null;
  method: 'search' | 'id-map' | 'override';
  otherMalIds: number[];
  reason: string | null;
  matchedAt: string;
}

/** Live current titles (deleted ones are not enriched). */
export function enrichTargets(db: SqlDb): EnrichTarget[] {
  return db.all<EnrichTarget>(
    `SELECT h.title_key AS titleKey, h.title, h.year, h.media_type AS mediaType, h.trakt_id AS traktId,
            s.tvdb_id AS tvdbId, s.tmdb_id AS tmdbId, s.imdb_id AS imdbId
       FROM user_watch_history h LEFT JOIN silver_titles s ON s.title_key = h.title_key
      WHERE h.is_current = 1 AND h.is_deleted = 0 ORDER BY h.title_key`,
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
      },
    ]),
  );
}

/** Record matches and give every version of each matched title its MAL id (identity, not history: no new version). */
export function saveMatches(db: SqlDb, matches: readonly TitleMatch[]): void {
  const put = db.prepare(
    `INSERT INTO title_match (title_key, status, mal_id, confidence, provider, method, other_mal_ids, reason, matched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (title_key) DO UPDATE SET status = excluded.status, mal_id = excluded.mal_id, confidence = excluded.confidence,
       provider = excluded.provider, method = excluded.method, other_mal_ids = excluded.other_mal_ids, reason = excluded.reason,
       matched_at = excluded.matched_at`,
  );
  const gold = db.prepare('UPDATE user_watch_history SET mal_id = ? WHERE title_key = ?');
  for (const m of matches) {
    put.run([m.titleKey, m.status, m.malId, m.confidence, m.provider, m.method, m.otherMalIds.length ? JSON.stringify(m.otherMalIds) : null, m.reason, m.matchedAt]);
    gold.run([m.malId, m.titleKey]);
  }
  put.free();
  gold.free();
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

/** Type-1 upsert: the newest provider answer overwrites the row. */
export function upsertAnime(db: SqlDb, records: readonly AnimeRecord[], provider: string, at: string): void {
  const stmt = db.prepare(
    `INSERT INTO dim_anime (mal_id, anilist_id, title_romaji, title_english, title_native, synonyms, format, episodes,
       minutes_per_episode, year, season, status, studios, genres, tags, community_score, score_source, popularity,
       streaming, relations, recommendations, provider, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (mal_id) DO UPDATE SET anilist_id = excluded.anilist_id, title_romaji = excluded.title_romaji,
       title_english = excluded.title_english, title_native = excluded.title_native, synonyms = excluded.synonyms,
       format = excluded.format, episodes = excluded.episodes, minutes_per_episode = excluded.minutes_per_episode,
       year = excluded.year, season = excluded.season, status = excluded.status, studios = excluded.studios,
       genres = excluded.genres, tags = excluded.tags, community_score = excluded.community_score,
       score_source = excluded.score_source, popularity = excluded.popularity, streaming = excluded.streaming,
       relations = excluded.relations, recommendations = excluded.recommendations, provider = excluded.provider,
       updated_at = excluded.updated_at`,
  );
  const j = (x: unknown) => JSON.stringify(x);
  for (const r of records) {
    stmt.run([
      r.malId, r.anilistId, r.titles.romaji, r.titles.english, r.titles.native, j(r.titles.synonyms), r.format, r.episodes,
      r.minutesPerEpisode, r.year, r.season, r.status, j(r.studios), j(r.genres), j(r.tags), r.communityScore, r.scoreSource,
      r.popularity, j(r.streaming), j(r.relations), j(r.recommendations), provider, at,
    ]);
  }
  stmt.free();
}
