import { normalizeTitle } from './title-key.ts';

/**
 * Which name a title is shown by: the one in the person's export (Trakt's or MyAnimeList's), or the provider's
 * English or romaji name. Searches always look at every name; this only decides what is printed.
 */
export const TITLE_LANGUAGES = ['exported', 'english', 'romaji'] as const;
export type TitleLanguage = (typeof TITLE_LANGUAGES)[number];

export const DEFAULT_TITLE_LANGUAGE: TitleLanguage = 'exported';

export function isTitleLanguage(x: unknown): x is TitleLanguage {
  return typeof x === 'string' && (TITLE_LANGUAGES as readonly string[]).includes(x);
}

/** The provider's names a title can be shown by (null when the provider gave none, or the title has no anime). */
export interface ProviderTitles {
  titleEnglish: string | null;
  titleRomaji: string | null;
}

/** The name to show: the provider's name in `lang` when it has one, else the exported title. */
export function shownTitle(exported: string, names: ProviderTitles | null | undefined, lang: TitleLanguage): string {
  if (lang === 'english') return names?.titleEnglish || exported;
  if (lang === 'romaji') return names?.titleRomaji || exported;
  return exported;
}

/**
 * Rows whose `title` (and its sort and search form) is the shown name; the exported title stays searchable among
 * `normNames`. The rows themselves are returned when nothing changes, so memoized views stay valid.
 */
export function withShownTitles<
  T extends ProviderTitles & { title: string; normTitle: string; normNames: readonly string[] },
>(rows: readonly T[], lang: TitleLanguage): readonly T[] {
  if (lang === 'exported') return rows;
  return rows.map((r) => {
    const title = shownTitle(r.title, r, lang);
    if (title === r.title) return r;
    const normTitle = normalizeTitle(title);
    return {
      ...r,
      title,
      normTitle,
      normNames: [r.normTitle, ...r.normNames.filter((n) => n !== normTitle && n !== r.normTitle)],
    };
  });
}
