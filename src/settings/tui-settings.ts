/**
 * What the TUI takes from the settings at start, in one place so a test starts it exactly as `anidex` does: the
 * key bindings, the title language (the flag over the environment variable over the file), what the last session
 * remembered, every problem for the banner, and the saver that writes what this session changes.
 * The demo reads the person's key bindings and title language but neither starts from their remembered sort and
 * filters nor writes anything: trying the sample must leave their settings.json as it was.
 */
import type { TitleLanguage } from '../domain/title-language.ts';
import type { Bindings } from './key-bindings.ts';
import { loadSettings } from './settings-file.ts';
import { PreferencesSaver } from './preferences-saver.ts';
import { TITLE_LANGUAGE_ENV, titleLanguageFromEnv } from './title-language-setting.ts';
import { NO_TUI_PREFERENCES, type TuiPreferences } from './tui-preferences.ts';

export interface TuiSettings {
  bindings: Bindings;
  titleLanguage: TitleLanguage;
  /** What chose the title language over the file (`--title-language romaji`), or null when the file did. */
  titleLanguageOverride: string | null;
  remembered: TuiPreferences;
  /** For the banner: the file's problems and the environment variable's. */
  problems: string[];
  path: string;
  /** Null for the demo: its changes last the session. */
  saver: PreferencesSaver | null;
}

export async function loadTuiSettings(
  configDir: string,
  flag?: TitleLanguage,
  env: NodeJS.ProcessEnv = process.env,
  opts: { demo?: boolean } = {},
): Promise<TuiSettings> {
  const settings = await loadSettings(configDir);
  const fromEnv = titleLanguageFromEnv(env);
  const saver = opts.demo
    ? null
    : new PreferencesSaver(
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
    remembered: opts.demo ? NO_TUI_PREFERENCES : settings.tui,
    problems: [...settings.problems, ...fromEnv.problems],
    path: settings.path,
    saver,
  };
}
