/** The fixed values flags take, with what each means: the parser checks them, help and completion list them. */
import { LENGTH_BUCKETS } from '../domain/length.ts';
import { MOODS } from '../domain/moods.ts';
import { TITLE_STATUSES, parseStatus } from '../domain/status.ts';
import { TITLE_LANGUAGES } from '../domain/title-language.ts';
import { defineChoices } from './spec.ts';

export const MOOD_CHOICES = defineChoices({ values: MOODS, one: 'a mood', many: 'Moods' });

export const LENGTH_CHOICES = defineChoices({
  values: LENGTH_BUCKETS,
  one: 'a length',
  many: 'Lengths',
  meaning: { movie: 'a film', short: 'under 5 h in all', medium: '5–12 h', long: 'over 12 h' },
});

export const STATUS_CHOICES = defineChoices({
  values: TITLE_STATUSES,
  one: 'a status',
  many: 'Statuses',
  // Case, spaces and hyphens do not matter: `On-Hold`, as MyAnimeList writes it, is on_hold.
  read: parseStatus,
});

export const ENGINE_CHOICES = defineChoices({
  values: ['local', 'gemini'] as const,
  one: 'an engine',
  many: 'Engines',
  meaning: { local: 'ranks on this machine, no key', gemini: 'Gemini ranks the same candidates; needs GEMINI_API_KEY' },
});

/** The same list as src/app/export.ts's EXPORT_FORMATS (a test holds them equal); that module is not light. */
export const FORMAT_CHOICES = defineChoices({
  values: ['mal-xml', 'csv', 'json'] as const,
  one: 'a format',
  many: 'Formats',
  meaning: {
    'mal-xml': 'MyAnimeList XML, for MyAnimeList or AniList',
    csv: 'the library as CSV',
    json: 'the library as JSON',
  },
});

export const SHELL_CHOICES = defineChoices({
  values: ['bash', 'zsh', 'fish'] as const,
  one: 'a shell',
  many: 'Shells',
});

export const TITLE_LANGUAGE_CHOICES = defineChoices({
  values: TITLE_LANGUAGES,
  one: 'a title language',
  many: 'Title languages',
  meaning: { exported: 'as in your export', english: "the anime's English title", romaji: 'its romaji title' },
});

export const ACCOUNT_CHOICES = defineChoices({
  values: ['anilist', 'mal', 'trakt'] as const,
  one: 'an account source',
  many: 'Sources',
  meaning: {
    anilist: 'a public AniList list, by user name',
    mal: 'a MyAnimeList list, with your own API client id',
    trakt: 'your Trakt account, with your own API app; signs in',
  },
});

export const SYNC_CHOICES = defineChoices({
  values: ['anilist', 'mal', 'trakt', 'all'] as const,
  one: 'an account source',
  many: 'Sources',
  meaning: {
    anilist: 'the AniList list',
    mal: 'the MyAnimeList list',
    trakt: 'the Trakt account',
    all: 'every connected account, the default',
  },
});
