import type { SqlDb } from './db.ts';
import { AnidexError } from '../lib/errors.ts';
import { ANIME_NAMES_DDL, backfillAnimeNames } from './anime-names.ts';

/** A schema step: SQL, or a function for steps that need code (normalizing names the way anidex searches them). */
type Migration = string | ((db: SqlDb) => void);

/**
 * Versioned schema steps; `PRAGMA user_version` records how many have run. Append only: a released step is
 * never edited, a change is a new step.
 */
const MIGRATIONS: readonly Migration[] = [
  // 1: bronze, silver, gold, audit.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE pipeline_runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    valid_at TEXT,
    source_path TEXT,
    files_read INTEGER NOT NULL DEFAULT 0,
    records_read INTEGER NOT NULL DEFAULT 0,
    records_new INTEGER NOT NULL DEFAULT 0,
    records_known INTEGER NOT NULL DEFAULT 0,
    records_repeated INTEGER NOT NULL DEFAULT 0,
    records_skipped INTEGER NOT NULL DEFAULT 0,
    records_duplicate INTEGER NOT NULL DEFAULT 0,
    titles_new INTEGER NOT NULL DEFAULT 0,
    titles_changed INTEGER NOT NULL DEFAULT 0,
    titles_unchanged INTEGER NOT NULL DEFAULT 0,
    titles_deleted INTEGER NOT NULL DEFAULT 0,
    titles_restored INTEGER NOT NULL DEFAULT 0,
    api_calls INTEGER NOT NULL DEFAULT 0,
    cache_hits INTEGER NOT NULL DEFAULT 0,
    cache_misses INTEGER NOT NULL DEFAULT 0,
    http_429 INTEGER NOT NULL DEFAULT 0,
    wait_seconds REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    error TEXT,
    skipped_json TEXT,
    -- Digest of every record an import read (key and content, in order): equal digests mean identical batches.
    batch_digest TEXT
  );

  -- Bronze: append-only raw records. Rowid tables keep the payloads packed in arrival order.
  CREATE TABLE bronze_trakt_history (
    id INTEGER PRIMARY KEY, record_key TEXT NOT NULL, content_hash TEXT NOT NULL, source_file TEXT NOT NULL,
    payload TEXT NOT NULL, run_id INTEGER NOT NULL);
  -- A play is one record whatever show metadata it embeds (aired_episodes grows weekly): keyed by play id alone.
  CREATE UNIQUE INDEX bronze_trakt_history_key ON bronze_trakt_history (record_key);
  CREATE TABLE bronze_trakt_ratings (
    id INTEGER PRIMARY KEY, record_key TEXT NOT NULL, content_hash TEXT NOT NULL, source_file TEXT NOT NULL,
    payload TEXT NOT NULL, run_id INTEGER NOT NULL);
  CREATE UNIQUE INDEX bronze_trakt_ratings_key ON bronze_trakt_ratings (record_key, content_hash);
  CREATE TABLE bronze_trakt_watchlist (
    id INTEGER PRIMARY KEY, record_key TEXT NOT NULL, content_hash TEXT NOT NULL, source_file TEXT NOT NULL,
    payload TEXT NOT NULL, run_id INTEGER NOT NULL);
  CREATE UNIQUE INDEX bronze_trakt_watchlist_key ON bronze_trakt_watchlist (record_key, content_hash);
  CREATE TABLE bronze_trakt_watched (
    id INTEGER PRIMARY KEY, record_key TEXT NOT NULL, content_hash TEXT NOT NULL, source_file TEXT NOT NULL,
    payload TEXT NOT NULL, run_id INTEGER NOT NULL);
  CREATE UNIQUE INDEX bronze_trakt_watched_key ON bronze_trakt_watched (record_key, content_hash);

  -- Silver holds the latest export, cleaned: rebuilt by every import.
  CREATE TABLE silver_plays (
    play_id INTEGER PRIMARY KEY,
    title_key TEXT NOT NULL,
    watched_at TEXT,
    action TEXT NOT NULL,
    season INTEGER,
    episode INTEGER,
    episode_trakt_id INTEGER,
    content_hash TEXT NOT NULL
  );
  CREATE INDEX silver_plays_title ON silver_plays (title_key);

  CREATE TABLE silver_titles (
    title_key TEXT PRIMARY KEY,
    norm_title TEXT NOT NULL,
    trakt_id INTEGER,
    slug TEXT,
    imdb_id TEXT,
    tmdb_id INTEGER,
    tvdb_id INTEGER,
    title TEXT NOT NULL,
    year INTEGER,
    media_type TEXT NOT NULL,
    user_rating INTEGER,
    rated_at TEXT,
    episodes_watched INTEGER,
    specials_watched INTEGER,
    total_plays INTEGER NOT NULL,
    total_episodes INTEGER,
    first_watched_at TEXT,
    last_watched_at TEXT,
    watch_duration_days INTEGER,
    binge_indicator INTEGER
  );

  CREATE TABLE silver_watchlist (
    list_item_id INTEGER PRIMARY KEY,
    title_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    year INTEGER,
    media_type TEXT NOT NULL,
    trakt_id INTEGER,
    rank INTEGER,
    listed_at TEXT,
    notes TEXT
  );

  -- Gold: SCD type 2, one row per version of a title.
  CREATE TABLE user_watch_history (
    version_id INTEGER PRIMARY KEY AUTOINCREMENT,
    title_key TEXT NOT NULL,
    trakt_id INTEGER,
    mal_id INTEGER,
    title TEXT NOT NULL,
    norm_title TEXT NOT NULL,
    year INTEGER,
    media_type TEXT NOT NULL CHECK (media_type IN ('show', 'movie')),
    user_rating INTEGER,
    episodes_watched INTEGER,
    total_plays INTEGER,
    total_episodes INTEGER,
    first_watched_at TEXT,
    last_watched_at TEXT,
    watch_duration_days INTEGER,
    binge_indicator INTEGER,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    is_current INTEGER NOT NULL CHECK (is_current IN (0, 1)),
    is_deleted INTEGER NOT NULL CHECK (is_deleted IN (0, 1)),
    run_id INTEGER NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
  );
  CREATE INDEX uwh_key ON user_watch_history (title_key, valid_from);
  -- The one-current-row-per-title rule, enforced by the database itself.
  CREATE UNIQUE INDEX uwh_one_current ON user_watch_history (title_key) WHERE is_current = 1;

  CREATE TABLE dim_anime (
    mal_id INTEGER PRIMARY KEY,
    anilist_id INTEGER,
    title_romaji TEXT,
    title_english TEXT,
    title_native TEXT,
    synonyms TEXT,
    format TEXT,
    episodes INTEGER,
    minutes_per_episode INTEGER,
    year INTEGER,
    season TEXT,
    status TEXT,
    studios TEXT,
    genres TEXT,
    tags TEXT,
    moods TEXT,
    community_score REAL,
    score_source TEXT,
    popularity INTEGER,
    streaming TEXT,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE plan_to_watch (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    mal_id INTEGER,
    streaming_service TEXT,
    recommended_by_ai_at TEXT,
    priority INTEGER,
    confidence_score REAL CHECK (confidence_score IS NULL OR (confidence_score >= 0 AND confidence_score <= 1)),
    notes TEXT,
    source TEXT NOT NULL,
    source_key TEXT,
    added_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX plan_source_key ON plan_to_watch (source, source_key) WHERE source_key IS NOT NULL;

  CREATE TABLE api_cache (
    provider TEXT NOT NULL,
    request_key TEXT NOT NULL,
    status INTEGER NOT NULL,
    payload TEXT,
    fetched_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (provider, request_key)
  );

  CREATE TABLE label_cache (
    mal_id INTEGER NOT NULL,
    model TEXT NOT NULL,
    labels TEXT NOT NULL,
    labeled_at TEXT NOT NULL,
    PRIMARY KEY (mal_id, model)
  );
  `,
  // 2: matching titles to anime.
  `
  CREATE TABLE title_match (
    title_key TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('matched', 'unmatched', 'manual')),
    mal_id INTEGER,
    confidence REAL,
    provider TEXT,
    method TEXT NOT NULL,
    other_mal_ids TEXT,
    reason TEXT,
    matched_at TEXT NOT NULL
  );
  ALTER TABLE dim_anime ADD COLUMN relations TEXT;
  ALTER TABLE dim_anime ADD COLUMN recommendations TEXT;
  ALTER TABLE dim_anime ADD COLUMN provider TEXT;
  `,
  // 3: a watchlist title removed from the plan stays removed on re-import.
  `
  CREATE TABLE plan_removed (
    source TEXT NOT NULL,
    source_key TEXT NOT NULL,
    removed_at TEXT NOT NULL,
    PRIMARY KEY (source, source_key)
  );
  `,
  // 4: MyAnimeList list exports, versioned beside Trakt titles (title_key mal:<id>).
  `
  CREATE TABLE bronze_mal_anime (
    id INTEGER PRIMARY KEY, record_key TEXT NOT NULL, content_hash TEXT NOT NULL, source_file TEXT NOT NULL,
    payload TEXT NOT NULL, run_id INTEGER NOT NULL);
  CREATE UNIQUE INDEX bronze_mal_anime_key ON bronze_mal_anime (record_key, content_hash);

  -- The latest MAL export, cleaned: rebuilt by every MAL import.
  CREATE TABLE silver_mal_entries (
    mal_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    series_type TEXT,
    series_episodes INTEGER,
    watched_episodes INTEGER NOT NULL,
    start_date TEXT,
    finish_date TEXT,
    score INTEGER,
    status TEXT NOT NULL,
    times_watched INTEGER NOT NULL,
    rewatching INTEGER NOT NULL,
    priority TEXT,
    tags TEXT,
    comments TEXT
  );

  -- MAL's own tracked values (NULL on Trakt versions): its list status and how often the title was rewatched.
  ALTER TABLE user_watch_history ADD COLUMN mal_status TEXT;
  ALTER TABLE user_watch_history ADD COLUMN times_watched INTEGER;
  `,
  // 5: every name of an anime, searchable; filled from what dim_anime already holds, so nothing is fetched again.
  (db) => {
    db.exec(ANIME_NAMES_DDL);
    backfillAnimeNames(db);
  },
  // 6: matches keep their evidence (JSON, see src/domain/match-evidence.ts), and a Trakt show the id mapping knows
  // keeps the MyAnimeList entry of each season, or part of a season.
  `
  ALTER TABLE title_match ADD COLUMN evidence TEXT;
  CREATE TABLE title_match_season (
    title_key TEXT NOT NULL,
    -- Trakt's (TVDB's) season number, 0 = specials; NULL = every regular season no other row names.
    season INTEGER,
    -- The entry starts after this many episodes of the season.
    episode_offset INTEGER NOT NULL,
    mal_id INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX title_match_season_key ON title_match_season (title_key, ifnull(season, -1), episode_offset);
  `,
];

/** Bring a database up to the current schema; returns how many steps ran. */
export function migrate(db: SqlDb): number {
  const current = db.get<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0;
  if (current > MIGRATIONS.length) {
    throw new AnidexError(
      `The warehouse was written by a newer anidex (schema ${current}; this one knows ${MIGRATIONS.length}).`,
      'Update anidex, or restore an older snapshot with `anidex snapshot restore <id>`.',
    );
  }
  // Larger pages pack the wide bronze rows better and halve the page count sql.js copies around; the size
  // can only be chosen before the first table exists.
  if (current === 0) db.exec('PRAGMA page_size = 16384');
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.exec('BEGIN');
    try {
      const step = MIGRATIONS[v]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
  return MIGRATIONS.length - current;
}
