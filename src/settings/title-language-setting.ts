/**
 * The `titleLanguage` setting (settings.json) and its environment variable, validated like the key overrides:
 * a bad value is one sentence saying what to write instead, and the default applies; nothing throws.
 */
import {
  DEFAULT_TITLE_LANGUAGE,
  isTitleLanguage,
  TITLE_LANGUAGES,
  type TitleLanguage,
} from '../domain/title-language.ts';

export const TITLE_LANGUAGE_ENV = 'ANIDEX_TITLE_LANGUAGE';

const CHOICES = TITLE_LANGUAGES.map((l) => `"${l}"`)
  .join(', ')
  .replace(/, ([^,]*)$/, ' or $1');

function why(value: unknown): string {
  if (typeof value !== 'string')
    return `not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : JSON.stringify(value)}`;
  const guess = TITLE_LANGUAGES.find(
    (l) => l === value.trim().toLowerCase() || (value.trim().length >= 2 && l.startsWith(value.trim().toLowerCase())),
  );
  return `not ${JSON.stringify(value)}${guess ? `; write "${guess}"` : ''}`;
}

/** `titleLanguage` from the settings object (absent: the default, no problem). */
export function titleLanguageFromSettings(value: unknown): { titleLanguage: TitleLanguage; problems: string[] } {
  if (value === undefined) return { titleLanguage: DEFAULT_TITLE_LANGUAGE, problems: [] };
  if (isTitleLanguage(value)) return { titleLanguage: value, problems: [] };
  return {
    titleLanguage: DEFAULT_TITLE_LANGUAGE,
    problems: [`settings.json \`titleLanguage\` must be ${CHOICES}, ${why(value)}; titles are shown as exported.`],
  };
}

/** The environment variable, when set: its language, or a problem (and null, so the settings file decides). */
export function titleLanguageFromEnv(env: NodeJS.ProcessEnv = process.env): {
  titleLanguage: TitleLanguage | null;
  problems: string[];
} {
  const raw = env[TITLE_LANGUAGE_ENV];
  if (raw === undefined || raw === '') return { titleLanguage: null, problems: [] };
  if (isTitleLanguage(raw)) return { titleLanguage: raw, problems: [] };
  return { titleLanguage: null, problems: [`${TITLE_LANGUAGE_ENV} must be ${CHOICES}, ${why(raw)}; it is ignored.`] };
}
