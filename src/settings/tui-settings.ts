/**
 * What the TUI takes from the settings at start, in one place so a test starts it exactly as `anidex` does: the
 * key bindings, the title language (the flag over the environment variable over the file), what the last session
 * remembered, every problem for the banner, and the saver that writes what this session changes.
 */
import type { TitleLanguage } from '../domain/title-language.ts';
import type { Bindings } from './key-bindings.ts';
import { loadSettings } from './settings-file.ts';
import { PreferencesSaver } from './preferences-saver.ts';
import { TITLE_LANGUAGE_ENV, titleLanguageFromEnv } from './title-language-setting.ts';
import type { TuiPreferences } from './tui-preferences.ts';

export interface TuiSettings {
  bindings: Bindings;
  titleLanguage: TitleLanguage;
  /** What chose the title language over the file (`--title-language romaji`), or null when the file did. */
  titleLanguageOverride: string | null;
  remembered: TuiPreferences;
  /** For the banner: the file's problems and the environment variable's. */
  problems: string[];
  path: string;
  saver: PreferencesSaver;
}

export async function loadTuiSettings(
  configDir: string,
  flag?: TitleLanguage,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TuiSettings> {
  const settings = await loadSettings(configDir);
  const fromEnv = titleLanguageFromEnv(env);
  const saver = new PreferencesSaver(
    configDir,
    {
      sort: settings.tui.sort ?? undefined,
      filter: settings.tui.filter ?? undefined,
      titleLanguage: settings.titleLanguage,
    },
    { brokenAtStart: settings.error !== null },
  );
  return {
    bindings: settings.bindings,
    titleLanguage: flag ?? fromEnv.titleLanguage ?? settings.titleLanguage,
    titleLanguageOverride: flag
      ? `--title-language ${flag}`
      : fromEnv.titleLanguage
        ? `${TITLE_LANGUAGE_ENV}=${fromEnv.titleLanguage}`
        : null,
    remembered: settings.tui,
    problems: [...settings.problems, ...fromEnv.problems],
    path: settings.path,
    saver,
  };
}
