/** Anime metadata as anidex uses it, whatever provider it came from. MyAnimeList ids are canonical. */

export type AnimeFormat = 'TV' | 'TV_SHORT' | 'MOVIE' | 'SPECIAL' | 'OVA' | 'ONA' | 'MUSIC';

export interface AnimeTitles {
  romaji: string | null;
  english: string | null;
  native: string | null;
  synonyms: string[];
  /** Titles in further languages (Jikan's `titles[]`: German, Spanish, French…), as the provider labels them. */
  others?: Array<{ language: string; title: string }>;
}

export interface AnimeLink {
  /** Relation type (SEQUEL, PREQUEL, SIDE_STORY…) or, for recommendations, null. */
  relationType: string | null;
  malId: number | null;
  anilistId: number | null;
  format: AnimeFormat | null;
  title: string;
  /** Recommendation strength (AniList rating or Jikan votes); 0 for relations. */
  rating: number;
}

export interface AnimeRecord {
  malId: number;
  anilistId: number | null;
  titles: AnimeTitles;
  format: AnimeFormat | null;
  episodes: number | null;
  minutesPerEpisode: number | null;
  season: string | null;
  year: number | null;
  status: string | null;
  genres: string[];
  tags: Array<{ name: string; rank: number | null }>;
  studios: string[];
  /** 0–100. */
  communityScore: number | null;
  scoreSource: 'anilist' | 'mal';
  popularity: number | null;
  relations: AnimeLink[];
  recommendations: AnimeLink[];
  streaming: Array<{ site: string; url: string }>;
}

/** Every name an anime goes by (English, romaji, native, then synonyms), each once: what title matching compares. */
export function animeNames(t: AnimeTitles): string[] {
  const out: string[] = [];
  for (const n of [t.english, t.romaji, t.native, ...t.synonyms]) if (n && n.trim() && !out.includes(n)) out.push(n);
  return out;
}

/** The first non-empty title, for display. */
export function displayTitle(t: AnimeTitles): string {
  return t.english ?? t.romaji ?? t.native ?? t.synonyms[0] ?? '(untitled)';
}
