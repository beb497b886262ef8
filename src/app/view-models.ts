/**
 * What the TUI's screens are given: view models of their own, never warehouse rows. The application layer (the
 * TUI session and the views it reads) fills them; src/ui imports only these types, so a change to a table or a
 * query never reaches a screen unseen.
 */
import type { AnimeRecord } from '../domain/anime.ts';
import type { MediaType } from '../domain/types.ts';
import type { TitleStatus } from '../domain/status.ts';
import type { VersionRow as VersionText } from './version-text.ts';
import type { LibraryFilter } from '../domain/filters.ts';
import type { TitleLanguage } from '../domain/title-language.ts';
import type { ImportEvent } from './events.ts';
import type { EnrichEvent } from './enrich.ts';

export type { StatsNumbers as StatsView } from '../domain/stats-numbers.ts';

/** A library title (both sources of one anime merged), or a MyAnimeList Plan to Watch entry (status plan_to_watch). */
export interface LibraryItem {
  titleKey: string;
  title: string;
  /** The title as searches and sorts see it, and every other name of its anime the same way. */
  normTitle: string;
  normNames: readonly string[];
  /** The provider's English and romaji names (the title language picks among them). */
  titleEnglish: string | null;
  titleRomaji: string | null;
  year: number | null;
  mediaType: MediaType;
  format: string | null;
  userRating: number | null;
  episodesWatched: number | null;
  totalEpisodes: number | null;
  animeEpisodes: number | null;
  minutesPerEpisode: number | null;
  totalPlays: number | null;
  lastWatchedAt: string | null;
  genres: readonly string[];
  moods: readonly string[];
  status?: TitleStatus | null;
  /** `matched`, `manual`, `unmatched`, or `pending` (never looked up). */
  matchStatus: string;
  malId: number | null;
  hasMetadata: boolean;
}

/** One version of a title, as the title screen lists it (valid from when anidex learned it). */
export interface TitleVersion extends VersionText {
  title: string;
  year: number | null;
  mediaType: MediaType;
  validFrom: string;
  validTo: string | null;
  isCurrent: boolean;
}

/** Everything the title screen shows: versions newest first, anime metadata, plays over time (watch time). */
export interface TitleView {
  /** The versions of the title that was opened. */
  versions: TitleVersion[];
  /** Every source that knows the title (Trakt first), each with its versions; one entry per gold key. */
  sources: Array<{ source: 'trakt' | 'mal' | 'anilist'; titleKey: string; versions: TitleVersion[] }>;
  anime: AnimeRecord | null;
  /** Every name the provider gave the anime (English, romaji, native, synonyms, other languages). */
  names: Array<{ kind: string; name: string }>;
  playsPerMonth: Array<{ month: string; plays: number }>;
  /** Why the title has its anime (or none): the match decision's evidence in words. */
  match: { status: string; reason: string } | null;
  /** The MyAnimeList entries a Trakt show spans (from the id mapping), with what was watched of each. */
  seasons: Array<{
    label: string;
    malId: number;
    title: string | null;
    episodes: number | null;
    episodesWatched: number;
    firstWatchedAt: string | null;
    lastWatchedAt: string | null;
  }>;
}

/** An entry of the plan-to-watch list. */
export interface PlanEntry {
  id: number;
  title: string;
  malId: number | null;
  streamingService: string | null;
  priority: number | null;
  confidenceScore: number | null;
  /** A recommendation's reason. */
  notes: string | null;
  /** Where it came from: trakt-watchlist, mal, local, gemini, user. */
  source: string;
  addedAt: string;
  titleEnglish: string | null;
  titleRomaji: string | null;
}

export type Engine = 'local' | 'gemini';

export interface RecommendRequest {
  filter: LibraryFilter;
  engine: Engine;
  count: number;
  titleLanguage?: TitleLanguage;
}

/** One recommended title. */
export interface RecommendedTitle {
  malId: number;
  title: string;
  year: number | null;
  length: string | null;
  genres: readonly string[];
  moods: readonly string[];
  /** 0–1. */
  confidence: number;
  reason: string;
  /** Where to stream, from the provider (never from a model). */
  streaming: string | null;
  /** 1 = watch first. */
  priority: number;
}

/** A recommendation run as the screen shows it. */
export interface RecommendOutcome {
  engine: Engine;
  items: RecommendedTitle[];
  /** Candidates the engine ranked. */
  poolSize: number;
  /** One line about the run (how many candidates, what validation dropped, what left the machine). */
  note: string;
  /** What was sent to the AI (null: the local engine sends nothing). */
  sent: { system: string; prompt: string } | null;
}

/** What long work reports to the screen that shows it. */
/** A connected account and when it last synced (for the TUI). */
export interface AccountStatus {
  source: 'anilist' | 'mal' | 'trakt';
  /** AniList, MyAnimeList, Trakt. */
  name: string;
  account: string;
  /** ISO UTC, or null when it never synced into this warehouse. */
  lastSync: string | null;
}

export type WorkEvent =
  { kind: 'import'; event: ImportEvent; label: string } | { kind: 'enrich'; event: EnrichEvent } | { kind: 'labels' };
