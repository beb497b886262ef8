import type { SqlDb } from './db.ts';
import type { AnimeRecord } from '../domain/anime.ts';
import { animeNames } from '../domain/anime-names.ts';

/**
 * `anime_names`: every name the provider gave each anime in dim_anime (English, romaji, native, synonyms, and
 * Jikan's titles in further languages), with its normalized form for search. Like dim_anime it is overwritten
 * whenever an anime's metadata is refreshed, and never versioned.
 */
export const ANIME_NAMES_DDL = `
  CREATE TABLE anime_names (
    mal_id INTEGER NOT NULL,
    -- english, romaji, native, synonym, or another language as the provider names it (german, french, …)
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    norm_name TEXT NOT NULL,
    PRIMARY KEY (mal_id, kind, name)
  );
  CREATE INDEX anime_names_norm ON anime_names (norm_name);
`;

/** Replace the stored names of each record's anime with the names the record carries. */
export function replaceAnimeNames(db: SqlDb, records: readonly AnimeRecord[]): void {
  const del = db.prepare('DELETE FROM anime_names WHERE mal_id = ?');
  const put = db.prepare('INSERT OR IGNORE INTO anime_names (mal_id, kind, name, norm_name) VALUES (?, ?, ?, ?)');
  for (const r of records) {
    del.run([r.malId]);
    for (const n of animeNames(r.titles)) put.run([r.malId, n.kind, n.name, n.norm]);
  }
  del.free();
  put.free();
}

/**
 * Fill anime_names from the names dim_anime already holds (an upgrade from a warehouse without the table): no
 * provider is asked again. Jikan's titles in further languages were never kept in dim_anime; they arrive with the
 * next refresh of each anime's metadata.
 */
export function backfillAnimeNames(db: SqlDb): void {
  const rows = db.all<{
    id: number;
    english: string | null;
    romaji: string | null;
    native: string | null;
    synonyms: string | null;
  }>(
    'SELECT mal_id AS id, title_english AS english, title_romaji AS romaji, title_native AS native, synonyms FROM dim_anime',
  );
  const put = db.prepare('INSERT OR IGNORE INTO anime_names (mal_id, kind, name, norm_name) VALUES (?, ?, ?, ?)');
  for (const r of rows) {
    let synonyms: unknown = [];
    try {
      synonyms = r.synonyms ? JSON.parse(r.synonyms) : [];
    } catch {
      // A damaged list loses its synonyms, not the anime's other names.
    }
    const list = Array.isArray(synonyms) ? synonyms.filter((s): s is string => typeof s === 'string') : [];
    for (const n of animeNames({ english: r.english, romaji: r.romaji, native: r.native, synonyms: list }))
      put.run([r.id, n.kind, n.name, n.norm]);
  }
  put.free();
}

/** The stored names of some anime, in the order animeNames gives them. */
export function namesOf(db: SqlDb, malId: number): Array<{ kind: string; name: string }> {
  return db.all<{ kind: string; name: string }>('SELECT kind, name FROM anime_names WHERE mal_id = ? ORDER BY rowid', [
    malId,
  ]);
}

/** An anime anidex has metadata for, with every name it can be looked up by. */
export interface NamedAnime {
  malId: number;
  titleEnglish: string | null;
  titleRomaji: string | null;
  titleNative: string | null;
  year: number | null;
  format: string | null;
  /** Its provider names and the titles your exports give it, normalized. */
  norms: string[];
}

/**
 * Every anime in dim_anime (your matched titles, and the candidates recommendations fetched), with its names and
 * the exported titles of the library titles matched to it: what `plan add <title>` resolves against.
 */
export function namedAnime(db: SqlDb): NamedAnime[] {
  return db
    .all<Omit<NamedAnime, 'norms'> & { norms: string | null }>(
      `SELECT d.mal_id AS malId, d.title_english AS titleEnglish, d.title_romaji AS titleRomaji, d.title_native AS titleNative,
              d.year, d.format,
              (SELECT group_concat(x, char(10)) FROM (
                 SELECT n.norm_name AS x FROM anime_names n WHERE n.mal_id = d.mal_id
                 UNION SELECT h.norm_title FROM user_watch_history h WHERE h.mal_id = d.mal_id AND h.is_current = 1)) AS norms
         FROM dim_anime d ORDER BY d.mal_id`,
    )
    .map((r) => ({ ...r, norms: r.norms ? r.norms.split('\n') : [] }));
}
