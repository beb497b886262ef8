/**
 * The database behind the fake AniList and Jikan servers, built from the sample catalogue
 * (scripts/sample/catalog.ts), the catalogue's RECOMMENDABLE titles (real anime the sample person has not watched),
 * plus a few decoys and manga entries.
 *
 * Shapes follow the recorded bodies in test/fixtures/reference (anilist__*.json, jikan__*.json). Values the
 * catalogue does not hold (dates, popularity, links, ids of studios/tags...) are derived deterministically
 * from the MAL id with a hash, so every run serves the same bytes.
 *
 * Ids
 * - AniList id: the catalogue's `anilistId`; when that is null, SYNTHETIC_ANILIST_ID_BASE + malId (900000 + MAL id),
 *   which is ≥ 900000, unique (MAL ids are unique) and reversible. See anilistIdFor().
 * - Manga entries use AniList's real scheme for older manga (AniList id = MAL manga id + 30000).
 *
 * Media objects link to each other (relations edges and recommendation nodes hold the other Media object
 * itself), so the graph is circular: serve it through graphql-js, don't JSON.stringify a Media directly.
 */
import { createHash } from 'node:crypto';
import {
  CATALOGUE,
  RECOMMENDABLE,
  type AnimeFormat,
  type Genre,
  type MalEntry,
  type Season,
} from '../../scripts/sample/catalog.ts';
import { MAL_RECOMMENDATION_COUNTS } from '../../scripts/sample/recommendation-counts.ts';

export const SYNTHETIC_ANILIST_ID_BASE = 900000;

/** The AniList id of a MAL entry: the known one, else 900000 + MAL id. */
export function anilistIdFor(malId: number, anilistId: number | null): number {
  return anilistId ?? SYNTHETIC_ANILIST_ID_BASE + malId;
}

// ---------------------------------------------------------------------------------------------------------------
// AniList shapes (field names and nullability as in anilist__schema_subset.graphql)

export type MediaType = 'ANIME' | 'MANGA';
export type MediaFormat = AnimeFormat | 'MUSIC' | 'MANGA' | 'NOVEL' | 'ONE_SHOT';
export type MediaStatus = 'FINISHED' | 'RELEASING' | 'NOT_YET_RELEASED' | 'CANCELLED' | 'HIATUS';
export type MediaRelation =
  | 'ADAPTATION'
  | 'PREQUEL'
  | 'SEQUEL'
  | 'PARENT'
  | 'SIDE_STORY'
  | 'CHARACTER'
  | 'SUMMARY'
  | 'ALTERNATIVE'
  | 'SPIN_OFF'
  | 'OTHER'
  | 'SOURCE'
  | 'COMPILATION'
  | 'CONTAINS';

export interface FuzzyDate {
  year: number | null;
  month: number | null;
  day: number | null;
}
export interface MediaTitle {
  romaji: string | null;
  english: string | null;
  native: string | null;
  userPreferred: string | null;
}
export interface MediaTag {
  id: number;
  name: string;
  description: string | null;
  category: string | null;
  rank: number | null;
  isGeneralSpoiler: boolean;
  isMediaSpoiler: boolean;
  isAdult: boolean;
  userId: number | null;
}
export interface Studio {
  id: number;
  name: string;
  isAnimationStudio: boolean;
  siteUrl: string;
  favourites: number;
  isFavourite: boolean;
}
export interface StudioEdge {
  id: number;
  isMain: boolean;
  node: Studio;
}
export interface MediaEdge {
  id: number;
  relationType: MediaRelation;
  node: AniListMedia;
}
export interface RecommendationNode {
  id: number;
  rating: number;
  userRating: 'NO_RATING';
  media: AniListMedia;
  mediaRecommendation: AniListMedia | null;
}
export interface MediaExternalLink {
  id: number;
  url: string;
  site: string;
  siteId: number;
  type: 'INFO' | 'STREAMING' | 'SOCIAL';
  language: string | null;
  color: string | null;
  icon: string | null;
  notes: string | null;
  isDisabled: boolean;
}
export interface MediaStreamingEpisode {
  title: string;
  thumbnail: string;
  url: string;
  site: string;
}
export interface MediaRank {
  id: number;
  rank: number;
  type: 'RATED' | 'POPULAR';
  format: MediaFormat;
  year: number | null;
  season: Season | null;
  allTime: boolean;
  context: string;
}
export interface AniListMedia {
  id: number;
  idMal: number | null;
  type: MediaType;
  format: MediaFormat | null;
  status: MediaStatus;
  description: string | null;
  season: Season | null;
  seasonYear: number | null;
  seasonInt: number | null;
  episodes: number | null;
  duration: number | null;
  chapters: number | null;
  volumes: number | null;
  countryOfOrigin: string;
  isLicensed: boolean;
  source: string | null;
  hashtag: string | null;
  updatedAt: number;
  bannerImage: string | null;
  genres: string[];
  synonyms: string[];
  averageScore: number | null;
  meanScore: number | null;
  popularity: number;
  isLocked: boolean;
  trending: number;
  favourites: number;
  isAdult: boolean;
  siteUrl: string;
  trailer: { id: string; site: string; thumbnail: string } | null;
  title: MediaTitle;
  tags: MediaTag[];
  startDate: FuzzyDate;
  endDate: FuzzyDate;
  rankings: MediaRank[];
  externalLinks: MediaExternalLink[];
  coverImage: { extraLarge: string; large: string; medium: string; color: string | null };
  nextAiringEpisode: { id: number; airingAt: number; timeUntilAiring: number; episode: number; mediaId: number } | null;
  streamingEpisodes: MediaStreamingEpisode[];
  studios: { edges: StudioEdge[] };
  relations: { edges: MediaEdge[] };
  recommendations: { nodes: RecommendationNode[] };
  isRecommendationBlocked: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Jikan v4 shapes (key order as AnimeResource::toArray, see jikan__anime_full_6_trigun.json)

export interface JikanImages {
  jpg: { image_url: string | null; small_image_url: string | null; large_image_url: string | null };
  webp: { image_url: string | null; small_image_url: string | null; large_image_url: string | null };
}
export interface JikanMalUrl {
  mal_id: number;
  type: 'anime' | 'manga';
  name: string;
  url: string;
}
export interface JikanDateParts {
  day: number | null;
  month: number | null;
  year: number | null;
}
export interface JikanAnime {
  mal_id: number;
  url: string;
  images: JikanImages;
  trailer: {
    youtube_id: string | null;
    url: string | null;
    embed_url: string | null;
    images: {
      image_url: string | null;
      small_image_url: string | null;
      medium_image_url: string | null;
      large_image_url: string | null;
      maximum_image_url: string | null;
    };
  };
  approved: boolean;
  titles: { type: string; title: string }[];
  title: string;
  title_english: string | null;
  title_japanese: string | null;
  title_synonyms: string[];
  type: string | null;
  source: string | null;
  episodes: number | null;
  status: string | null;
  airing: boolean;
  aired: { from: string | null; to: string | null; prop: { from: JikanDateParts; to: JikanDateParts }; string: string };
  duration: string | null;
  rating: string | null;
  score: number | null;
  scored_by: number | null;
  rank: number | null;
  popularity: number | null;
  members: number | null;
  favorites: number | null;
  synopsis: string | null;
  background: string | null;
  season: string | null;
  year: number | null;
  broadcast: { day: string | null; time: string | null; timezone: string | null; string: string | null };
  producers: JikanMalUrl[];
  licensors: JikanMalUrl[];
  studios: JikanMalUrl[];
  genres: JikanMalUrl[];
  explicit_genres: JikanMalUrl[];
  themes: JikanMalUrl[];
  demographics: JikanMalUrl[];
}
export interface JikanAnimeFull extends JikanAnime {
  relations: JikanRelation[];
  theme: { openings: string[]; endings: string[] };
  external: { name: string; url: string }[];
  streaming: { name: string; url: string }[];
}
export interface JikanRelation {
  relation: string;
  entry: JikanMalUrl[];
}
export interface JikanRecommendation {
  entry: { mal_id: number; url: string; images: JikanImages; title: string };
  url: string;
  votes: number;
}

// ---------------------------------------------------------------------------------------------------------------
// deterministic helpers

/** FNV-1a: a stable small hash, so derived values never change between runs. */
function hash(s: string | number): number {
  let h = 0x811c9dc5;
  for (const ch of String(s)) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
const pick = <T>(xs: readonly T[], seed: string | number): T => xs[hash(seed) % xs.length] as T;
const slug = (s: string): string => s.replace(/[^A-Za-z0-9]/g, '_');
const pad2 = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SEASON_MONTH: Record<Season, number> = { WINTER: 1, SPRING: 4, SUMMER: 7, FALL: 10 };

// ---------------------------------------------------------------------------------------------------------------
// search (shared by both fakes)

const STOPWORDS = new Set([
  'the',
  'a',
  'an',
  'of',
  'no',
  'to',
  'wa',
  'wo',
  'ga',
  'x',
  'and',
  'on',
  'in',
  'season',
  'part',
  'movie',
  's',
]);

const normalized = new Map<string, string>();

/** Case-, accent- and punctuation-insensitive form: "Frieren: Beyond Journey’s End" → "frieren beyond journeys end". */
export function normalizeForSearch(s: string): string {
  // Remembered: a search compares the query with every name of every Media (tens of thousands in the benchmark's).
  let n = normalized.get(s);
  if (n === undefined) {
    n = normalizeUncached(s);
    if (normalized.size < 500_000) normalized.set(s, n);
  }
  return n;
}

function normalizeUncached(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/×/g, ' x ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function editDistanceAtMost1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0,
    j = 0,
    edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
/** Typo-tolerant token match, like AniList's search ("fate" also finds "Gate"). */
const tokenMatch = (q: string, t: string): boolean =>
  q === t || (q.length >= 4 && t.length >= 4 && (t.startsWith(q) || editDistanceAtMost1(q, t)));

function scoreOne(q: string, s: string): number {
  if (!s) return 0;
  if (s === q) return 1;
  if (s.startsWith(q)) return 0.9 - Math.min(0.09, (s.length - q.length) / 1000);
  if (` ${s} `.includes(` ${q} `)) return 0.8 - Math.min(0.09, (s.length - q.length) / 1000);
  if (q.length >= 3 && s.includes(q)) return 0.7;
  const sig = q.split(' ').filter((t) => !STOPWORDS.has(t));
  const st = s.split(' ');
  const hits = sig.filter((t) => st.some((u) => tokenMatch(t, u))).length;
  if (!hits) return 0;
  return (0.6 * hits) / Math.max(sig.length, st.filter((u) => !STOPWORDS.has(u)).length);
}

/** Relevance of `query` for the best of `titles` (0 = no match, 1 = exact). */
export function searchScore(query: string, titles: readonly (string | null | undefined)[]): number {
  const q = normalizeForSearch(query);
  if (!q) return 0;
  let best = 0;
  for (const t of titles) if (t) best = Math.max(best, scoreOne(q, normalizeForSearch(t)));
  return best;
}

export function mediaSearchTitles(m: AniListMedia): (string | null)[] {
  return [m.title.romaji, m.title.english, m.title.native, ...m.synonyms];
}

// ---------------------------------------------------------------------------------------------------------------
// extra facts the catalogue does not carry

/**
 * Decoys: real anime a naive matcher would wrongly pick (same franchise, similar title, other year/format).
 * Catalogue entries already play this role for Fruits Basket: The Final (2021), Clannad: After Story (2008),
 * Attack on Titan seasons 2–3, Hunter x Hunter 1999 vs 2011 and Fullmetal Alchemist vs Brotherhood.
 */
export const DECOYS: readonly MalEntry[] = [
  {
    malId: 527,
    anilistId: 527,
    romaji: 'Pokemon',
    english: 'Pokémon',
    native: 'ポケットモンスター',
    format: 'TV',
    episodes: 276,
    minutes: 24,
    season: 'SPRING',
    year: 1997,
    genres: ['Action', 'Adventure', 'Comedy', 'Fantasy'],
    tags: ['Kids', 'Male Protagonist', 'Travel'],
    studios: ['OLM'],
    averageScore: 75,
    malScore: 7.4,
    note: 'decoy for the live-action "Pokémon Detective Pikachu"',
  },
  {
    malId: 13271,
    anilistId: 13271,
    romaji: 'HUNTER×HUNTER: Hiiro no Genei',
    english: 'Hunter x Hunter: Phantom Rouge',
    native: '劇場版 HUNTER×HUNTER 緋色の幻影',
    format: 'MOVIE',
    episodes: 1,
    minutes: 97,
    season: 'WINTER',
    year: 2013,
    genres: ['Action', 'Adventure', 'Fantasy'],
    tags: ['Shounen', 'Super Power'],
    studios: ['MADHOUSE'],
    averageScore: 63,
    malScore: 6.96,
  },
  {
    malId: 430,
    anilistId: 430,
    romaji: 'Hagane no Renkinjutsushi: Shamballa wo Yuku Mono',
    english: 'Fullmetal Alchemist the Movie: Conqueror of Shamballa',
    native: '劇場版 鋼の錬金術師 シャンバラを征く者',
    format: 'MOVIE',
    episodes: 1,
    minutes: 105,
    season: 'SUMMER',
    year: 2005,
    genres: ['Action', 'Adventure', 'Drama', 'Fantasy'],
    tags: ['Alchemy', 'Shounen', 'War'],
    studios: ['bones'],
    averageScore: 72,
    malScore: 7.6,
  },
  {
    malId: 10086,
    anilistId: 10086,
    romaji: 'Hellsing: The Dawn',
    english: 'Hellsing: The Dawn',
    native: 'HELLSING THE DAWN',
    format: 'OVA',
    episodes: 3,
    minutes: 9,
    season: null,
    year: 2011,
    genres: ['Action', 'Horror', 'Supernatural'],
    tags: ['Vampire', 'Military', 'Gore', 'Seinen'],
    studios: ['Satelight'],
    averageScore: null,
    malScore: 7.4,
    note: 'MAL/AniList id not verified; averageScore null with meanScore set, as real low-vote entries',
  },
  {
    malId: 5,
    anilistId: 5,
    romaji: 'Cowboy Bebop: Tengoku no Tobira',
    english: "Cowboy Bebop: The Movie - Knockin' on Heaven's Door",
    native: 'カウボーイビバップ 天国の扉',
    format: 'MOVIE',
    episodes: 1,
    minutes: 115,
    season: 'SUMMER',
    year: 2001,
    genres: ['Action', 'Drama', 'Mystery', 'Sci-Fi'],
    tags: ['Space', 'Crime', 'Male Protagonist'],
    studios: ['bones'],
    averageScore: 82,
    malScore: 8.38,
  },
  {
    malId: 2994,
    anilistId: 2994,
    romaji: 'DEATH NOTE Rewrite: Genshisuru Kami',
    english: 'Death Note Relight 1: Visions of a God',
    native: 'DEATH NOTE リライト 幻視する神',
    format: 'SPECIAL',
    episodes: 1,
    minutes: 130,
    season: 'SUMMER',
    year: 2007,
    genres: ['Mystery', 'Psychological', 'Supernatural', 'Thriller'],
    tags: ['Detective', 'Anti-Hero', 'Shounen'],
    studios: ['MADHOUSE'],
    averageScore: 71,
    malScore: 7.7,
  },
  {
    malId: 4106,
    anilistId: 4106,
    romaji: 'Trigun: Badlands Rumble',
    english: 'Trigun: Badlands Rumble',
    native: '劇場版 トライガン Badlands Rumble',
    format: 'MOVIE',
    episodes: 1,
    minutes: 90,
    season: 'SPRING',
    year: 2010,
    genres: ['Action', 'Adventure', 'Comedy', 'Sci-Fi'],
    tags: ['Guns', 'Shounen'],
    studios: ['MADHOUSE'],
    averageScore: 74,
    malScore: 7.8,
  },
];
/** An AniList-only entry (idMal null), like the real id 162314 a search for "Attack On Titan" returned. Title invented. */
const ANILIST_ONLY = {
  id: 162314,
  romaji: 'Shingeki no Kyojin: The Final Season - Kanketsu-hen Special',
  native: '進撃の巨人 The Final Season完結編 特別編',
};

/** Manga that share a title with an anime (AniList manga id = MAL manga id + 30000, as AniList numbers old manga). */
interface MangaFact {
  id: number;
  idMal: number;
  romaji: string;
  english: string;
  native: string;
  chapters: number;
  volumes: number;
  start: [number, number, number];
  end: [number, number, number];
  genres: Genre[];
  adaptedBy: number;
}
const MANGA: readonly MangaFact[] = [
  {
    id: 53390,
    idMal: 23390,
    romaji: 'Shingeki no Kyojin',
    english: 'Attack on Titan',
    native: '進撃の巨人',
    chapters: 141,
    volumes: 34,
    start: [2009, 9, 9],
    end: [2021, 4, 9],
    genres: ['Action', 'Drama', 'Fantasy', 'Mystery'],
    adaptedBy: 16498,
  },
  // idMal 21 collides with the ONE PIECE anime (MAL anime 21): Media(idMal: 21) needs type: ANIME.
  {
    id: 30021,
    idMal: 21,
    romaji: 'DEATH NOTE',
    english: 'Death Note',
    native: 'DEATH NOTE',
    chapters: 108,
    volumes: 12,
    start: [2003, 12, 1],
    end: [2006, 5, 15],
    genres: ['Mystery', 'Psychological', 'Supernatural', 'Thriller'],
    adaptedBy: 1535,
  },
  {
    id: 30703,
    idMal: 703,
    romaji: 'Trigun',
    english: 'Trigun',
    native: 'トライガン',
    chapters: 20,
    volumes: 3,
    start: [1995, 4, 1],
    end: [1996, 12, 1],
    genres: ['Action', 'Adventure', 'Comedy', 'Sci-Fi'],
    adaptedBy: 6,
  },
];

/** Relations beyond SEQUEL/PREQUEL between consecutive entries; refs are 'mal:<anime id>' or 'al:<AniList id>'. */
const EXTRA_RELATIONS: readonly [string, MediaRelation, string, MediaRelation][] = [
  ['mal:121', 'SEQUEL', 'mal:430', 'PREQUEL'],
  ['mal:11061', 'SIDE_STORY', 'mal:13271', 'PARENT'],
  ['mal:777', 'SIDE_STORY', 'mal:10086', 'PARENT'],
  ['mal:1', 'SIDE_STORY', 'mal:5', 'PARENT'],
  ['mal:1535', 'SUMMARY', 'mal:2994', 'PARENT'],
  ['mal:6', 'SIDE_STORY', 'mal:4106', 'PARENT'],
  ['mal:121', 'ALTERNATIVE', 'mal:5114', 'ALTERNATIVE'],
  ['mal:136', 'ALTERNATIVE', 'mal:11061', 'ALTERNATIVE'],
  ['mal:270', 'ALTERNATIVE', 'mal:777', 'ALTERNATIVE'],
  ['mal:120', 'ALTERNATIVE', 'mal:38680', 'ALTERNATIVE'],
  ['mal:2167', 'ALTERNATIVE', 'mal:1723', 'ALTERNATIVE'],
  ['mal:51535', 'SIDE_STORY', `al:${ANILIST_ONLY.id}`, 'PARENT'],
  ...MANGA.map((m): [string, MediaRelation, string, MediaRelation] => [
    `mal:${m.adaptedBy}`,
    'ADAPTATION',
    `al:${m.id}`,
    'ADAPTATION',
  ]),
];

/** A few real synonyms, so searches by nickname work. */
const SYNONYMS: Record<number, string[]> = {
  35839: ['Yorimoi', 'Uchuu yori mo Tooi Basho'],
  16498: ['SnK', 'AoT'],
  121: ['FMA'],
  5114: ['FMA:B', 'FMAB'],
  11061: ['HxH 2011'],
  136: ['HxH'],
  30: ['NGE', 'Eva'],
  9756: ['Madoka Magica'],
  30831: ['KonoSuba'],
  34798: ['Yurucamp', 'Yuru Camp'],
  47917: ['Bocchi'],
  52991: ['Frieren at the Funeral'],
  9253: ['SG'],
};
/** Source material where it is not a manga (AniList MediaSource). */
const SOURCES: Record<number, string> = {
  35839: 'ORIGINAL',
  1: 'ORIGINAL',
  5: 'ORIGINAL',
  2001: 'ORIGINAL',
  9756: 'ORIGINAL',
  30: 'ORIGINAL',
  28223: 'ORIGINAL',
  46102: 'ORIGINAL',
  43299: 'ORIGINAL',
  50709: 'ORIGINAL',
  25835: 'ORIGINAL',
  32995: 'ORIGINAL',
  323: 'ORIGINAL',
  339: 'ORIGINAL',
  205: 'ORIGINAL',
  790: 'ORIGINAL',
  26: 'ORIGINAL',
  1033: 'ORIGINAL',
  759: 'ORIGINAL',
  1689: 'ORIGINAL',
  12355: 'ORIGINAL',
  32281: 'ORIGINAL',
  2167: 'VISUAL_NOVEL',
  4181: 'VISUAL_NOVEL',
  1723: 'VISUAL_NOVEL',
  9253: 'VISUAL_NOVEL',
  42310: 'VIDEO_GAME',
  527: 'VIDEO_GAME',
  30831: 'LIGHT_NOVEL',
  32937: 'LIGHT_NOVEL',
  49458: 'LIGHT_NOVEL',
  19815: 'LIGHT_NOVEL',
  35203: 'LIGHT_NOVEL',
  51632: 'LIGHT_NOVEL',
  41457: 'LIGHT_NOVEL',
  48569: 'LIGHT_NOVEL',
  486: 'LIGHT_NOVEL',
  12189: 'NOVEL',
  13125: 'NOVEL',
  27989: 'NOVEL',
  31988: 'NOVEL',
  39894: 'NOVEL',
  820: 'NOVEL',
  1943: 'NOVEL',
  437: 'NOVEL',
  1210: 'NOVEL',
  239: 'NOVEL',
  467: 'MANGA',
  578: 'NOVEL',
  1535: 'MANGA',
};
const JIKAN_SOURCE: Record<string, string> = {
  ORIGINAL: 'Original',
  MANGA: 'Manga',
  LIGHT_NOVEL: 'Light novel',
  VISUAL_NOVEL: 'Visual novel',
  VIDEO_GAME: 'Game',
  NOVEL: 'Novel',
};

/** AniList studio ids (older ones equal MAL producer ids) and MAL spellings; others get a hashed id. */
const STUDIO_IDS: Record<string, [number, string?]> = {
  MADHOUSE: [11, 'Madhouse'],
  MAPPA: [569],
  'A-1 Pictures': [56],
  'Kyoto Animation': [2],
  bones: [4, 'Bones'],
  'Wit Studio': [858],
  "Brain's Base": [112],
  'TMS Entertainment': [73],
  Sunrise: [14],
  'Studio Ghibli': [21],
  CloverWorks: [1835],
  'Studio Deen': [37],
  Shaft: [44],
  'Production I.G': [10],
  OLM: [28],
  'J.C.Staff': [7],
  Gonzo: [3],
  'White Fox': [314],
  Trigger: [803],
  'Toei Animation': [18],
  'Tatsunoko Production': [103],
  'P.A. Works': [132],
  Gainax: [6],
  'CoMix Wave Films': [291],
  'Science SARU': [2349],
};
/** One producer per entry, the same on both fakes (AniList studio ids of these equal MAL producer ids). */
const producerOf = (malId: number): readonly [number, string] =>
  pick(
    [
      [17, 'Aniplex'],
      [53, 'Dentsu'],
      [144, 'Pony Canyon'],
      [16, 'TV Tokyo'],
    ] as const,
    malId,
  );
const studioId = (name: string): number => STUDIO_IDS[name]?.[0] ?? 5000 + (hash(name) % 4000);
const malStudioName = (name: string): string => STUDIO_IDS[name]?.[1] ?? name;

/** Tag ids and categories (the real ones where known: Travel 1310, Coming of Age 102, Assassins 322). */
const TAG_CATEGORY: Record<string, string> = {
  Shounen: 'Demographic',
  Shoujo: 'Demographic',
  Seinen: 'Demographic',
  Josei: 'Demographic',
  Kids: 'Demographic',
  'Female Protagonist': 'Cast-Main Cast',
  'Male Protagonist': 'Cast-Main Cast',
  'Ensemble Cast': 'Cast-Main Cast',
  'Primarily Female Cast': 'Cast-Main Cast',
  'Primarily Teen Cast': 'Cast-Main Cast',
  'Primarily Adult Cast': 'Cast-Main Cast',
  'Anti-Hero': 'Cast-Main Cast',
  Orphan: 'Cast-Traits',
  Elf: 'Cast-Traits',
  Android: 'Cast-Traits',
  Tsundere: 'Cast-Traits',
  Hikikomori: 'Cast-Traits',
  Vampire: 'Cast-Traits',
  Witch: 'Cast-Traits',
  Samurai: 'Cast-Traits',
  Demons: 'Cast-Traits',
  Gods: 'Cast-Traits',
  Angels: 'Cast-Traits',
  Youkai: 'Cast-Traits',
  Idol: 'Cast-Traits',
  School: 'Setting-Scene',
  Rural: 'Setting-Scene',
  Urban: 'Setting-Scene',
  Dungeon: 'Setting-Scene',
  College: 'Setting-Scene',
  Space: 'Setting-Universe',
  'Post-Apocalyptic': 'Setting-Universe',
  Isekai: 'Setting-Universe',
  Dystopian: 'Setting-Universe',
  Historical: 'Setting-Time',
  Snowscape: 'Setting-Scene',
  Tragedy: 'Theme-Drama',
  'Coming of Age': 'Theme-Drama',
  Depression: 'Theme-Drama',
  Bullying: 'Theme-Drama',
  Suicide: 'Theme-Drama',
  Revenge: 'Theme-Drama',
  Iyashikei: 'Theme-Slice of Life',
  'Family Life': 'Theme-Slice of Life',
  Camping: 'Theme-Slice of Life',
  Food: 'Theme-Slice of Life',
  Work: 'Theme-Slice of Life',
  'Cute Girls Doing Cute Things': 'Theme-Slice of Life',
  Military: 'Theme-Other-Organisations',
  Police: 'Theme-Other-Organisations',
  Assassins: 'Theme-Other-Organisations',
  'School Club': 'Theme-Other-Organisations',
  Band: 'Theme-Arts-Music',
  Jazz: 'Theme-Arts-Music',
  'Classical Music': 'Theme-Arts-Music',
  Acting: 'Theme-Arts',
  Drawing: 'Theme-Arts',
  Filmmaking: 'Theme-Arts',
  War: 'Theme-Action',
  Guns: 'Theme-Action',
  'Super Power': 'Theme-Fantasy',
  Magic: 'Theme-Fantasy',
  Alchemy: 'Theme-Fantasy',
  Cyberpunk: 'Theme-Sci-Fi',
  'Artificial Intelligence': 'Theme-Sci-Fi',
  'Time Manipulation': 'Theme-Sci-Fi',
  'Time Loop': 'Theme-Sci-Fi',
  'Super Robot': 'Theme-Sci-Fi-Mecha',
  'Real Robot': 'Theme-Sci-Fi-Mecha',
  Shogi: 'Theme-Game-Card & Board Game',
  'Table Tennis': 'Theme-Game-Sport',
  'Figure Skating': 'Theme-Game-Sport',
  'Video Games': 'Theme-Game',
  'Surreal Comedy': 'Theme-Comedy',
  Slapstick: 'Theme-Comedy',
  Parody: 'Theme-Comedy',
  Satire: 'Theme-Comedy',
  Heterosexual: 'Theme-Romance',
  'Love Triangle': 'Theme-Romance',
  Harem: 'Theme-Romance',
  Episodic: 'Technical',
  Anthology: 'Technical',
  'Full CGI': 'Technical',
  'Time Skip': 'Technical',
  Gore: 'Theme-Other',
  'Body Horror': 'Theme-Other',
  'Found Family': 'Theme-Other',
  Philosophy: 'Theme-Other',
  Travel: 'Theme-Other',
};
const KNOWN_TAG_IDS: Record<string, number> = { Travel: 1310, 'Coming of Age': 102, Assassins: 322 };
const tagId = (name: string): number => KNOWN_TAG_IDS[name] ?? 2000 + (hash(`tag:${name}`) % 8000);
const SPOILER_TAGS = new Set(['Tragedy', 'Time Skip', 'Suicide']);

/** MAL genre ids; AniList genres MAL files as themes, and tags MAL files as themes/demographics. */
const MAL_GENRES: Record<string, number> = {
  Action: 1,
  Adventure: 2,
  Comedy: 4,
  Drama: 8,
  Ecchi: 9,
  Fantasy: 10,
  Horror: 14,
  Mystery: 7,
  Romance: 22,
  'Sci-Fi': 24,
  'Slice of Life': 36,
  Sports: 30,
  Supernatural: 37,
  Thriller: 41,
};
const MAL_THEMES: Record<string, [number, string]> = {
  Psychological: [40, 'Psychological'],
  Mecha: [18, 'Mecha'],
  Music: [19, 'Music'],
  'Mahou Shoujo': [66, 'Mahou Shoujo'],
  Iyashikei: [63, 'Iyashikei'],
  School: [23, 'School'],
  Historical: [13, 'Historical'],
  Military: [38, 'Military'],
  Gore: [58, 'Gore'],
  'Super Power': [31, 'Super Power'],
  Isekai: [62, 'Isekai'],
  Samurai: [21, 'Samurai'],
  Space: [29, 'Space'],
  Detective: [39, 'Detective'],
  'Cute Girls Doing Cute Things': [69, 'CGDCT'],
  'Primarily Adult Cast': [50, 'Adult Cast'],
  Slapstick: [57, 'Gag Humor'],
  Parody: [20, 'Parody'],
  Shogi: [11, 'Strategy Game'],
  Acting: [70, 'Performing Arts'],
  Drawing: [80, 'Visual Arts'],
  Vampire: [32, 'Vampire'],
  Gods: [6, 'Mythology'],
  Harem: [35, 'Harem'],
  'Death Game': [53, 'High Stakes Game'],
  Work: [48, 'Workplace'],
  'Time Manipulation': [78, 'Time Travel'],
  'Video Games': [79, 'Video Game'],
  Survival: [76, 'Survival'],
  'Love Triangle': [49, 'Love Polygon'],
  'Otaku Culture': [68, 'Otaku Culture'],
};
const MAL_DEMOGRAPHICS: Record<string, number> = { Shounen: 27, Shoujo: 25, Seinen: 42, Josei: 43, Kids: 15 };
const malGenreUrl = (id: number, name: string): JikanMalUrl => ({
  mal_id: id,
  type: 'anime',
  name,
  url: `https://myanimelist.net/anime/genre/${id}/${slug(name)}`,
});

const STREAMING_SITES = [
  {
    site: 'Crunchyroll',
    siteId: 5,
    color: '#F88B24',
    icon: 'https://s4.anilist.co/file/anilistcdn/link/icon/5-AWN2pVlluCOO.png',
    url: (s: string) => `https://www.crunchyroll.com/series/G${(hash(s) % 0xfffff).toString(36).toUpperCase()}/${s}`,
  },
  {
    site: 'Netflix',
    siteId: 10,
    color: '#E50914',
    icon: 'https://s4.anilist.co/file/anilistcdn/link/icon/10-rVGPom8RCiwH.png',
    url: (s: string) => `https://www.netflix.com/title/${80000000 + (hash(s) % 999999)}`,
  },
  {
    site: 'HIDIVE',
    siteId: 20,
    color: '#00BAFF',
    icon: 'https://s4.anilist.co/file/anilistcdn/link/icon/20-LxrhtRB6a7Jd.png',
    url: (s: string) => `https://www.hidive.com/tv/${s}`,
  },
  {
    site: 'Hulu',
    siteId: 7,
    color: '#1CE783',
    icon: 'https://s4.anilist.co/file/anilistcdn/link/icon/7-rM06PQyWONGC.png',
    url: (s: string) => `https://www.hulu.com/series/${s}`,
  },
  {
    site: 'Amazon Prime Video',
    siteId: 21,
    color: '#00A8E1',
    icon: 'https://s4.anilist.co/file/anilistcdn/link/icon/21-bDoNIomehkOx.png',
    url: (s: string) => `https://www.amazon.com/gp/video/detail/B0${(hash(s) % 99999999).toString(36).toUpperCase()}`,
  },
] as const;

// ---------------------------------------------------------------------------------------------------------------
// building

export interface AnimeDb {
  /** Every AniList Media: catalogue anime, RECOMMENDABLE anime, decoys, the AniList-only entry, and manga. */
  media: readonly AniListMedia[];
  byId: ReadonlyMap<number, AniListMedia>;
  /** Anime only, by MAL id (manga MAL ids collide with anime ones). */
  animeByMalId: ReadonlyMap<number, AniListMedia>;
  /** Jikan `/anime/{id}/full` objects by MAL id (anime with a MAL id only). */
  jikanFull: ReadonlyMap<number, JikanAnimeFull>;
  jikanRecommendations: ReadonlyMap<number, JikanRecommendation[]>;
  jikanRelations: ReadonlyMap<number, JikanRelation[]>;
  /** MAL ids of the decoys above. */
  decoyMalIds: readonly number[];
  /** MAL ids with the odd recommendation nodes (one `mediaRecommendation: null`, one `rating: 0`). */
  oddRecommendationMalIds: readonly number[];
}

/** Entries whose recommendations carry the odd nodes the real data has. */
const ODD_RECS = [457, 1535];

function fuzzyAdd(d: FuzzyDate, days: number): FuzzyDate {
  if (d.year === null || d.month === null || d.day === null) return { year: d.year, month: null, day: null };
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function animeMediaOf(e: MalEntry): AniListMedia {
  const id = anilistIdFor(e.malId, e.anilistId);
  const h = hash(e.malId);
  const startDate: FuzzyDate = e.season
    ? { year: e.year, month: SEASON_MONTH[e.season] + (h % 3 === 2 ? 1 : 0), day: 1 + (h % 28) }
    : { year: e.year, month: null, day: null }; // year-only dates exist on AniList
  const releasing = e.episodes === null;
  const eps = e.episodes ?? 0;
  const step = e.format === 'OVA' ? 30 : 7;
  const endDate = releasing
    ? { year: null, month: null, day: null }
    : fuzzyAdd(startDate, eps <= 1 ? 0 : step * (eps - 1));
  const score = e.averageScore ?? (e.malScore !== null ? Math.round(e.malScore * 10) : null);
  const popularity = Math.round((score ?? 60) ** 3 / 4 + (h % 40000));
  const slugName = slug(e.english ?? e.romaji)
    .toLowerCase()
    .replace(/_+/g, '-');
  const sites =
    e.format === 'MOVIE'
      ? []
      : [STREAMING_SITES[h % 5], STREAMING_SITES[(h >> 3) % 5]].filter((s, i, a) => s && a.indexOf(s) === i);
  const links: MediaExternalLink[] = [
    {
      id: 4000 + (h % 90000),
      url: `https://${slugName}-anime.jp/`,
      site: 'Official Site',
      siteId: 1,
      type: 'INFO',
      language: 'Japanese',
      color: null,
      icon: null,
      notes: null,
      isDisabled: false,
    },
    ...(h % 4 === 0 ? [] : sites).map((s, i): MediaExternalLink => ({
      id: 5000 + ((h + i * 7919) % 90000),
      url: s!.url(slugName),
      site: s!.site,
      siteId: s!.siteId,
      type: 'STREAMING',
      language: null,
      color: s!.color,
      icon: s!.icon,
      notes: null,
      isDisabled: false,
    })),
  ];
  const cr = links.find((l) => l.site === 'Crunchyroll');
  const imgKey = `${id}-${(h % 0xffffff).toString(36)}`;
  const main = e.studios.map((name, i): StudioEdge => ({
    id: 10000 + ((h + i) % 80000),
    isMain: true,
    node: {
      id: studioId(name),
      name,
      isAnimationStudio: true,
      siteUrl: `https://anilist.co/studio/${studioId(name)}`,
      favourites: 100 + (hash(name) % 20000),
      isFavourite: false,
    },
  }));
  // Producers/licensors come with isMain false, like the real 99426 record (studios(isMain:true) drops them).
  const company = (id: number, name: string, i: number): StudioEdge => ({
    id: 90000 + ((h + i) % 9000),
    isMain: false,
    node: {
      id,
      name,
      isAnimationStudio: false,
      siteUrl: `https://anilist.co/studio/${id}`,
      favourites: 4 + (hash(name) % 500),
      isFavourite: false,
    },
  });
  const [pid, pname] = producerOf(e.malId);
  const extra: StudioEdge[] = [company(pid, pname, 1), ...(cr ? [company(6421, 'Crunchyroll', 2)] : [])];
  const synonyms = [...((e as MalEntry & { synonyms?: string[] }).synonyms ?? []), ...(SYNONYMS[e.malId] ?? [])];
  return {
    id,
    idMal: e.malId,
    type: 'ANIME',
    format: e.format,
    status: releasing ? 'RELEASING' : 'FINISHED',
    description: `<i>${e.english ?? e.romaji}</i> (${e.format}, ${e.year}) — a fake synopsis for anidex's tests.<br><br>\n(Source: anidex fake)`,
    season: e.season,
    seasonYear: e.season ? e.year : null,
    seasonInt: e.season ? (e.year % 100) * 10 + ['WINTER', 'SPRING', 'SUMMER', 'FALL'].indexOf(e.season) + 1 : null,
    episodes: e.episodes,
    duration: e.minutes,
    chapters: null,
    volumes: null,
    countryOfOrigin: 'JP',
    isLicensed: true,
    source: SOURCES[e.malId] ?? 'MANGA',
    hashtag: h % 5 === 0 ? `#${e.native.replace(/\s+/g, '')}` : null,
    updatedAt: 1744143319 + (h % 1000000),
    bannerImage: h % 3 === 0 ? null : `https://s4.anilist.co/file/anilistcdn/media/anime/banner/${imgKey}.jpg`,
    genres: [...e.genres],
    synonyms,
    averageScore: e.averageScore,
    meanScore:
      e.averageScore !== null
        ? e.averageScore + ((h % 3) - 1)
        : e.malScore !== null
          ? Math.round(e.malScore * 9)
          : null,
    popularity,
    isLocked: false,
    trending: h % 12,
    favourites: Math.round(popularity / (8 + (h % 20))),
    isAdult: false,
    siteUrl: `https://anilist.co/anime/${id}`,
    trailer:
      h % 3 === 1
        ? {
            id: `yt${(h % 0xfffffff).toString(36)}`.slice(0, 11),
            site: 'youtube',
            thumbnail: `https://i.ytimg.com/vi/yt${(h % 0xfffffff).toString(36)}/hqdefault.jpg`,
          }
        : null,
    title: { romaji: e.romaji, english: e.english, native: e.native, userPreferred: e.romaji },
    tags: e.tags.map((name, i): MediaTag => ({
      id: tagId(name),
      name,
      description: `Fake description of the ${name} tag.`,
      category: TAG_CATEGORY[name] ?? 'Theme-Other',
      rank: Math.max(20, 96 - i * 8 - (hash(`${e.malId}${name}`) % 5)),
      isGeneralSpoiler: name === 'Suicide',
      isMediaSpoiler: SPOILER_TAGS.has(name),
      isAdult: false,
      userId: h % 2 ? null : 100000 + (h % 900000),
    })),
    startDate,
    endDate,
    rankings:
      score !== null && score >= 85
        ? [
            {
              id: 100 + (h % 9000),
              rank: 1 + ((100 - score) * 13 + (h % 13)),
              type: 'RATED',
              format: e.format,
              year: null,
              season: null,
              allTime: true,
              context: 'highest rated all time',
            },
          ]
        : [],
    externalLinks: links,
    coverImage: {
      extraLarge: `https://s4.anilist.co/file/anilistcdn/media/anime/cover/large/bx${imgKey}.jpg`,
      large: `https://s4.anilist.co/file/anilistcdn/media/anime/cover/medium/bx${imgKey}.jpg`,
      medium: `https://s4.anilist.co/file/anilistcdn/media/anime/cover/small/bx${imgKey}.jpg`,
      color: h % 7 === 0 ? null : `#${(h % 0xffffff).toString(16).padStart(6, '0')}`,
    },
    nextAiringEpisode: releasing
      ? { id: 400000 + (h % 99999), airingAt: 1798761600, timeUntilAiring: 604800, episode: 1160, mediaId: id }
      : null,
    streamingEpisodes:
      cr && e.format !== 'MOVIE'
        ? [1, 2].map((n) => ({
            title: `Episode ${n} - ${e.english ?? e.romaji} ${n}`,
            thumbnail: `https://img1.ak.crunchyroll.com/i/spire${n}-tmb/${createHash('md5').update(`${id}:${n}`).digest('hex')}_full.jpg`,
            url: `http://www.crunchyroll.com/watch/G${(hash(`${id}:${n}`) % 0xffffff).toString(36).toUpperCase()}/episode-${n}`,
            site: 'Crunchyroll',
          }))
        : [],
    studios: { edges: [...main, ...extra] },
    relations: { edges: [] },
    recommendations: { nodes: [] },
    isRecommendationBlocked: false,
  };
}

function mangaMedia(m: MangaFact): AniListMedia {
  const [sy, sm, sd] = m.start,
    [ey, em, ed] = m.end;
  const h = hash(`manga${m.id}`);
  return {
    id: m.id,
    idMal: m.idMal,
    type: 'MANGA',
    format: 'MANGA',
    status: 'FINISHED',
    description: `The <i>${m.english}</i> manga.<br><br>\n(Source: anidex fake)`,
    season: null,
    seasonYear: null,
    seasonInt: null,
    episodes: null,
    duration: null,
    chapters: m.chapters,
    volumes: m.volumes,
    countryOfOrigin: 'JP',
    isLicensed: true,
    source: 'ORIGINAL',
    hashtag: null,
    updatedAt: 1744143319,
    bannerImage: null,
    genres: [...m.genres],
    synonyms: [],
    averageScore: 84,
    meanScore: 85,
    popularity: 150000 + (h % 50000),
    isLocked: false,
    trending: 2,
    favourites: 20000 + (h % 9000),
    isAdult: false,
    siteUrl: `https://anilist.co/manga/${m.id}`,
    trailer: null,
    title: { romaji: m.romaji, english: m.english, native: m.native, userPreferred: m.romaji },
    tags: [
      {
        id: tagId('Shounen'),
        name: 'Shounen',
        description: 'Fake description of the Shounen tag.',
        category: 'Demographic',
        rank: 90,
        isGeneralSpoiler: false,
        isMediaSpoiler: false,
        isAdult: false,
        userId: null,
      },
    ],
    startDate: { year: sy, month: sm, day: sd },
    endDate: { year: ey, month: em, day: ed },
    rankings: [],
    externalLinks: [],
    coverImage: {
      extraLarge: `https://s4.anilist.co/file/anilistcdn/media/manga/cover/large/bx${m.id}.jpg`,
      large: `https://s4.anilist.co/file/anilistcdn/media/manga/cover/medium/bx${m.id}.jpg`,
      medium: `https://s4.anilist.co/file/anilistcdn/media/manga/cover/small/bx${m.id}.jpg`,
      color: '#e4a15d',
    },
    nextAiringEpisode: null,
    streamingEpisodes: [],
    studios: { edges: [] },
    relations: { edges: [] },
    recommendations: { nodes: [] },
    isRecommendationBlocked: false,
  };
}

/** AniList returns at most this many recommendation nodes per media (its perPage cap is 25; anidex asks for 10). */
const RECS_PER_MEDIA = 25;

/**
 * AniList-style recommendations from MyAnimeList's real user-recommendation counts between the sample's anime
 * (scripts/sample/recommendation-counts.ts): every pair shows on both titles, rated by its count, strongest first.
 * Nothing is derived from genres or reserved for particular titles: an anime with no counted pair has none.
 */
function buildRecommendations(anime: AniListMedia[]): void {
  const byMal = new Map(anime.filter((m) => m.idMal !== null).map((m) => [m.idMal as number, m]));
  const links = new Map<AniListMedia, Array<{ b: AniListMedia; n: number }>>();
  const add = (a: AniListMedia, b: AniListMedia, n: number): void => {
    const l = links.get(a) ?? [];
    l.push({ b, n });
    links.set(a, l);
  };
  for (const [x, y, n] of MAL_RECOMMENDATION_COUNTS) {
    const a = byMal.get(x),
      b = byMal.get(y);
    if (!a || !b) continue;
    add(a, b, n);
    add(b, a, n);
  }
  for (const a of anime) {
    const picked = (links.get(a) ?? []).sort((p, q) => q.n - p.n || p.b.id - q.b.id).slice(0, RECS_PER_MEDIA);
    const nodes: RecommendationNode[] = picked.map(({ b, n }) => ({
      id: 1000 + (hash(`${a.id}>${b.id}`) % 900000),
      rating: n,
      userRating: 'NO_RATING',
      media: a,
      mediaRecommendation: b,
    }));
    if (a.idMal !== null && ODD_RECS.includes(a.idMal)) {
      // As in anilist__recommendations_20889_with_null.json: a deleted target, and a recommendation rated 0.
      const last = nodes[nodes.length - 1];
      if (last) last.rating = 0;
      nodes.push({
        id: 1000 + (hash(`${a.id}>null`) % 900000),
        rating: 2,
        userRating: 'NO_RATING',
        media: a,
        mediaRecommendation: null,
      });
    }
    a.recommendations.nodes = nodes.sort((x, y) => y.rating - x.rating || x.id - y.id);
  }
}

const MAL_RELATION: Record<MediaRelation, string> = {
  ADAPTATION: 'Adaptation',
  SOURCE: 'Adaptation',
  PREQUEL: 'Prequel',
  SEQUEL: 'Sequel',
  PARENT: 'Parent story',
  SIDE_STORY: 'Side story',
  CHARACTER: 'Character',
  SUMMARY: 'Summary',
  ALTERNATIVE: 'Alternative version',
  SPIN_OFF: 'Spin-off',
  OTHER: 'Other',
  COMPILATION: 'Summary',
  CONTAINS: 'Other',
};
const JIKAN_TYPE: Record<string, string> = {
  TV: 'TV',
  TV_SHORT: 'TV',
  MOVIE: 'Movie',
  SPECIAL: 'Special',
  OVA: 'OVA',
  ONA: 'ONA',
  MUSIC: 'Music',
};

function jikanImages(malId: number, withHash: boolean): JikanImages {
  const h = hash(`img${malId}`);
  const base = `https://cdn.myanimelist.net/images/anime/${1 + (h % 1999)}/${10000 + (h % 140000)}`;
  const q = withHash ? `?s=${createHash('md5').update(String(malId)).digest('hex')}` : '';
  return {
    jpg: { image_url: `${base}.jpg${q}`, small_image_url: `${base}t.jpg${q}`, large_image_url: `${base}l.jpg${q}` },
    webp: { image_url: `${base}.webp${q}`, small_image_url: `${base}t.webp${q}`, large_image_url: `${base}l.webp${q}` },
  };
}
const malUrl = (m: AniListMedia): string =>
  `https://myanimelist.net/${m.type === 'MANGA' ? 'manga' : 'anime'}/${m.idMal}/${slug(m.title.romaji ?? '')}`;

function jikanDate(d: FuzzyDate): { iso: string | null; parts: JikanDateParts; text: string } {
  if (d.year === null) return { iso: null, parts: { day: null, month: null, year: null }, text: '?' };
  if (d.month === null || d.day === null)
    return {
      iso: `${d.year}-01-01T00:00:00+00:00`,
      parts: { day: null, month: null, year: d.year },
      text: String(d.year),
    };
  return {
    iso: `${d.year}-${pad2(d.month)}-${pad2(d.day)}T00:00:00+00:00`,
    parts: { day: d.day, month: d.month, year: d.year },
    text: `${MONTHS[d.month - 1]} ${d.day}, ${d.year}`,
  };
}
function jikanDuration(minutes: number | null, episodes: number | null): string | null {
  if (minutes === null) return null;
  const t =
    minutes >= 60 ? `${Math.floor(minutes / 60)} hr${minutes % 60 ? ` ${minutes % 60} min` : ''}` : `${minutes} min`;
  return episodes === 1 ? t : `${t} per ep`;
}

function jikanAnime(
  m: AniListMedia,
  e: MalEntry,
  ranks: { score: Map<number, number>; members: Map<number, number> },
): JikanAnimeFull {
  const malId = e.malId,
    h = hash(`jikan${malId}`);
  const from = jikanDate(m.startDate);
  const single = e.episodes === 1;
  const to =
    single || m.status === 'RELEASING' ? jikanDate({ year: null, month: null, day: null }) : jikanDate(m.endDate);
  const tvLike = e.format === 'TV' || e.format === 'TV_SHORT' || e.format === 'ONA';
  const members = m.popularity * 4 + (h % 5000);
  const weekday = from.parts.month
    ? new Date(Date.UTC(from.parts.year ?? 2000, from.parts.month - 1, from.parts.day ?? 1)).getUTCDay()
    : 0;
  const dayName = `${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][weekday]}s`;
  const time = `${pad2(17 + (h % 8))}:${pad2((h % 4) * 15)}`;
  const themes = [...e.genres, ...e.tags].flatMap((x) => (MAL_THEMES[x] ? [malGenreUrl(...MAL_THEMES[x])] : []));
  const rating =
    e.genres.includes('Horror') || e.tags.includes('Gore')
      ? 'R - 17+ (violence & profanity)'
      : e.tags.includes('Kids')
        ? 'G - All Ages'
        : 'PG-13 - Teens 13 or older';
  const titles = [
    { type: 'Default', title: e.romaji },
    ...m.synonyms.map((s) => ({ type: 'Synonym', title: s })),
    { type: 'Japanese', title: e.native },
    ...(e.english ? [{ type: 'English', title: e.english }] : []),
  ];
  const youtube = m.trailer?.id ?? null;
  const relations = new Map<string, JikanMalUrl[]>();
  for (const edge of m.relations.edges) {
    if (edge.node.idMal === null) continue; // MAL does not know AniList-only entries
    const name = MAL_RELATION[edge.relationType];
    const list = relations.get(name) ?? [];
    list.push({
      mal_id: edge.node.idMal,
      type: edge.node.type === 'MANGA' ? 'manga' : 'anime',
      name: edge.node.title.romaji ?? '',
      url: malUrl(edge.node),
    });
    relations.set(name, list);
  }
  return {
    mal_id: malId,
    url: malUrl(m),
    images: jikanImages(malId, false),
    trailer: {
      youtube_id: youtube,
      url: youtube && `https://www.youtube.com/watch?v=${youtube}`,
      embed_url: youtube && `https://www.youtube.com/embed/${youtube}?enablejsapi=1&wmode=opaque&autoplay=1`,
      images: {
        image_url: youtube && `https://img.youtube.com/vi/${youtube}/default.jpg`,
        small_image_url: youtube && `https://img.youtube.com/vi/${youtube}/sddefault.jpg`,
        medium_image_url: youtube && `https://img.youtube.com/vi/${youtube}/mqdefault.jpg`,
        large_image_url: youtube && `https://img.youtube.com/vi/${youtube}/hqdefault.jpg`,
        maximum_image_url: youtube && `https://img.youtube.com/vi/${youtube}/maxresdefault.jpg`,
      },
    },
    approved: true,
    titles,
    title: e.romaji,
    title_english: e.english,
    title_japanese: e.native,
    title_synonyms: [...m.synonyms],
    type: JIKAN_TYPE[e.format] ?? null,
    source: JIKAN_SOURCE[m.source ?? ''] ?? 'Manga',
    episodes: e.episodes,
    status: m.status === 'RELEASING' ? 'Currently Airing' : 'Finished Airing',
    airing: m.status === 'RELEASING',
    aired: {
      from: from.iso,
      to: to.iso,
      prop: { from: from.parts, to: to.parts },
      string: single ? from.text : `${from.text} to ${to.text}`,
    },
    duration: jikanDuration(e.minutes, e.episodes),
    rating,
    score: e.malScore,
    scored_by: e.malScore === null ? null : Math.round(members * 0.6),
    rank: e.malScore === null ? null : (ranks.score.get(malId) ?? null),
    popularity: ranks.members.get(malId) ?? null,
    members,
    favorites: Math.round(m.favourites * 1.5),
    synopsis: `${e.english ?? e.romaji}: a fake synopsis for anidex's tests.\n\n[Written by MAL Rewrite]`,
    background: h % 2 ? null : `${e.romaji} background note (fake).`,
    season: tvLike && e.season ? e.season.toLowerCase() : null,
    year: tvLike && e.season ? e.year : null,
    broadcast:
      tvLike && e.season
        ? { day: dayName, time, timezone: 'Asia/Tokyo', string: `${dayName} at ${time} (JST)` }
        : { day: null, time: null, timezone: null, string: null },
    producers: [producerOf(malId)].map(([id, name]) => ({
      mal_id: id,
      type: 'anime' as const,
      name,
      url: `https://myanimelist.net/anime/producer/${id}/${slug(name)}`,
    })),
    licensors: m.studios.edges.some((s) => s.node.name === 'Crunchyroll')
      ? [
          {
            mal_id: 1468,
            type: 'anime',
            name: 'Crunchyroll',
            url: 'https://myanimelist.net/anime/producer/1468/Crunchyroll',
          },
        ]
      : [],
    studios: e.studios.map((s) => ({
      mal_id: studioId(s),
      type: 'anime',
      name: malStudioName(s),
      url: `https://myanimelist.net/anime/producer/${studioId(s)}/${slug(malStudioName(s))}`,
    })),
    genres: e.genres.flatMap((g) =>
      MAL_GENRES[g] ? [malGenreUrl(MAL_GENRES[g], g === 'Thriller' ? 'Suspense' : g)] : [],
    ),
    explicit_genres: [],
    themes: themes.filter((t, i) => themes.findIndex((u) => u.mal_id === t.mal_id) === i),
    demographics: e.tags.flatMap((t) => (MAL_DEMOGRAPHICS[t] ? [malGenreUrl(MAL_DEMOGRAPHICS[t], t)] : [])),
    relations: [...relations].map(([relation, entry]) => ({ relation, entry })),
    theme: {
      openings: [`"${e.english ?? e.romaji}" by Fake Opening Artist`],
      endings: h % 3 ? [`"Ending of ${e.romaji}" by Fake Ending Artist`] : [],
    },
    external: m.externalLinks.filter((l) => l.type !== 'STREAMING').map((l) => ({ name: l.site, url: l.url })),
    streaming: m.externalLinks.filter((l) => l.type === 'STREAMING').map((l) => ({ name: l.site, url: l.url })),
  };
}

/** Strips the `/full` additions (relations, theme, external, streaming) to get `/anime/{id}`'s object. */
export function jikanBase(full: JikanAnimeFull): JikanAnime {
  const { relations: _r, theme: _t, external: _e, streaming: _s, ...base } = full;
  return base;
}

export function buildAnimeDb(): AnimeDb {
  const entries: { e: MalEntry }[] = [];
  for (const c of [...CATALOGUE, ...RECOMMENDABLE]) for (const e of c.mal) entries.push({ e });
  for (const e of DECOYS) entries.push({ e });

  const anime = entries.map(({ e }) => animeMediaOf(e));
  const onlyAniList = animeMediaOf({
    ...DECOYS[0]!,
    malId: 0,
    anilistId: ANILIST_ONLY.id,
    romaji: ANILIST_ONLY.romaji,
    english: null,
    native: ANILIST_ONLY.native,
    format: 'SPECIAL',
    episodes: 1,
    minutes: 24,
    season: 'FALL',
    year: 2023,
    genres: ['Action', 'Drama'],
    tags: ['War'],
    studios: ['MAPPA'],
    averageScore: null,
    malScore: null,
  });
  onlyAniList.idMal = null;
  onlyAniList.meanScore = 79;
  const manga = MANGA.map(mangaMedia);
  const all = [...anime, onlyAniList, ...manga];

  const byId = new Map(all.map((m) => [m.id, m]));
  const animeByMalId = new Map(anime.map((m) => [m.idMal as number, m]));
  if (byId.size !== all.length) throw new Error('anime-db: duplicate AniList id');
  const resolve = (ref: string): AniListMedia => {
    const [kind, n] = ref.split(':');
    const m = kind === 'mal' ? animeByMalId.get(Number(n)) : byId.get(Number(n));
    if (!m) throw new Error(`anime-db: unknown ref ${ref}`);
    return m;
  };
  const link = (a: AniListMedia, rel: MediaRelation, b: AniListMedia): void => {
    a.relations.edges.push({ id: 1000 + (hash(`${a.id}~${b.id}`) % 900000), relationType: rel, node: b });
  };
  for (const c of [...CATALOGUE, ...RECOMMENDABLE]) {
    c.mal.forEach((e, i) => {
      const next = c.mal[i + 1];
      if (!next) return;
      link(resolve(`mal:${e.malId}`), 'SEQUEL', resolve(`mal:${next.malId}`));
      link(resolve(`mal:${next.malId}`), 'PREQUEL', resolve(`mal:${e.malId}`));
    });
  }
  for (const [a, ra, b, rb] of EXTRA_RELATIONS) {
    link(resolve(a), ra, resolve(b));
    link(resolve(b), rb, resolve(a));
  }

  buildRecommendations(anime);

  const byScore = entries
    .filter(({ e }) => e.malScore !== null)
    .sort((x, y) => (y.e.malScore ?? 0) - (x.e.malScore ?? 0) || x.e.malId - y.e.malId);
  const byMembers = [...anime].sort((x, y) => y.popularity - x.popularity || x.id - y.id);
  const ranks = {
    score: new Map(byScore.map(({ e }, i) => [e.malId, i * 7 + 1])),
    members: new Map(byMembers.map((m, i) => [m.idMal as number, i * 11 + 1])),
  };
  const jikanFull = new Map<number, JikanAnimeFull>();
  for (const { e } of entries) jikanFull.set(e.malId, jikanAnime(animeByMalId.get(e.malId)!, e, ranks));

  const jikanRecommendations = new Map<number, JikanRecommendation[]>();
  for (const m of anime) {
    const recs = m.recommendations.nodes
      .filter((n) => n.mediaRecommendation?.idMal != null && n.rating > 0)
      .map((n) => {
        const r = n.mediaRecommendation as AniListMedia;
        const rid = r.idMal as number,
          id = m.idMal as number;
        return {
          entry: { mal_id: rid, url: malUrl(r), images: jikanImages(rid, true), title: r.title.romaji ?? '' },
          url: `https://myanimelist.net/recommendations/anime/${Math.min(id, rid)}-${Math.max(id, rid)}`,
          votes: n.rating,
        };
      })
      .sort((x, y) => y.votes - x.votes);
    jikanRecommendations.set(m.idMal as number, recs);
  }
  const jikanRelations = new Map([...jikanFull].map(([id, a]) => [id, a.relations]));

  return {
    media: all,
    byId,
    animeByMalId,
    jikanFull,
    jikanRecommendations,
    jikanRelations,
    decoyMalIds: DECOYS.map((d) => d.malId),
    oddRecommendationMalIds: ODD_RECS,
  };
}

let cached: AnimeDb | undefined;
/** The shared database (built once; treat it as read-only). */
export function animeDb(): AnimeDb {
  cached ??= buildAnimeDb();
  return cached;
}

/**
 * A database of the given anime only (for a test's own fixture, or a benchmark's catalogue): entries of one group
 * are one franchise, each the SEQUEL of the one before; recommendations are derived as for the shared database.
 * AniList only (the Jikan maps are empty).
 */
export function customAnimeDb(
  groups: ReadonlyArray<readonly MalEntry[]>,
  opts: { recommendations?: boolean } = {},
): AnimeDb {
  const anime: AniListMedia[] = [];
  groups.forEach((g) => {
    let prev: AniListMedia | null = null;
    for (const e of g) {
      const m = animeMediaOf(e);
      anime.push(m);
      if (prev) {
        prev.relations.edges.push({
          id: 1000 + (hash(`${prev.id}~${m.id}`) % 900000),
          relationType: 'SEQUEL',
          node: m,
        });
        m.relations.edges.push({
          id: 1000 + (hash(`${m.id}~${prev.id}`) % 900000),
          relationType: 'PREQUEL',
          node: prev,
        });
      }
      prev = m;
    }
  });
  if (opts.recommendations !== false) buildRecommendations(anime);
  const byId = new Map(anime.map((m) => [m.id, m]));
  if (byId.size !== anime.length) throw new Error('anime-db: duplicate AniList id');
  return {
    media: anime,
    byId,
    animeByMalId: new Map(anime.map((m) => [m.idMal as number, m])),
    jikanFull: new Map(),
    jikanRecommendations: new Map(),
    jikanRelations: new Map(),
    decoyMalIds: [],
    oddRecommendationMalIds: [],
  };
}
