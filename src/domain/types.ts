/** Typed records read from a Trakt export. Parsing is by key; optional fields are null when absent. */

export type MediaType = 'show' | 'movie';
export type RatingKind = 'movie' | 'show' | 'season' | 'episode';
export type TraktSection = 'history' | 'ratings' | 'watchlist' | 'watched';
/** Where a raw record is kept in bronze: a Trakt export's sections, or a MyAnimeList export's entries. */
export type BronzeSection = TraktSection | 'mal' | 'anilist';

export interface TraktIds {
  trakt: number | null;
  slug: string | null;
  imdb: string | null;
  tmdb: number | null;
  tvdb: number | null;
}

/** The show or movie a record is about. */
export interface TraktMedia {
  mediaType: MediaType;
  title: string;
  year: number | null;
  ids: TraktIds;
  /** `aired_episodes` of a show when the export carries it. */
  airedEpisodes: number | null;
}

/** One play from watched-history*.json. */
export interface TraktPlay {
  /** Trakt's unique history id; the de-duplication key. */
  playId: number;
  /** ISO-8601 UTC (`…T…Z`), or null when Trakt's "unknown" epoch date was given. */
  watchedAt: string | null;
  action: string;
  media: TraktMedia;
  /** Episode plays only (null for movies). Season 0 = specials; seasons may be years. */
  season: number | null;
  episode: number | null;
  episodeTraktId: number | null;
}

/** One record from ratings-{movies,shows,seasons,episodes}.json. */
export interface TraktRating {
  kind: RatingKind;
  rating: number;
  ratedAt: string | null;
  media: TraktMedia;
  season: number | null;
  episode: number | null;
  /** The Trakt id of the rated object itself (season/episode id for those kinds). */
  objectTraktId: number | null;
}

/** One item from lists-watchlist.json. */
export interface TraktWatchlistItem {
  listItemId: number;
  rank: number | null;
  listedAt: string | null;
  notes: string | null;
  kind: RatingKind;
  media: TraktMedia;
}

/** One record from watched-shows.json / watched-movies.json (a cross-check only). */
export interface TraktWatchedSummary {
  media: TraktMedia;
  plays: number;
  lastWatchedAt: string | null;
}

/** A record the reader could not use; listed in the run summary (fatal with --strict). */
export interface SkippedRecord {
  file: string;
  /** 0-based index of the record in its file's top-level array. */
  index: number;
  field: string;
  reason: string;
}

/** A raw record kept verbatim in bronze. */
export interface RawRecord {
  section: BronzeSection;
  file: string;
  index: number;
  /** Natural key within the section: play id for history, `type:traktid` for ratings, list item id for watchlist, MAL id for MAL. */
  key: string;
  /** The record as compact JSON text. */
  json: string;
}
