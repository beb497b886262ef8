import type { AnidexDirs } from '../lib/config.ts';
import type { TitleLanguage } from '../domain/title-language.ts';

/** What every command runs with: the global flags, parsed once (src/commands/parse.ts), and the folders. */
export interface CommandContext {
  /** The warehouse's folder: the person's own, or the demo's with --demo. */
  dataDir: string;
  /** Settings, caches and usage counters (XDG folders). */
  dirs: AnidexDirs;
  /** The data dir is the demo warehouse (the bundled sample), not the person's own. */
  demo: boolean;
  /** The person's own data dir, even with --demo (the TUI imports their export there). */
  ownDataDir: string;
  /** `--json`, wherever it stood on the line: print data, not text. */
  json: boolean;
  debug: boolean;
  /** `--title-language`, when given: it wins over the environment and the settings file. */
  titleLanguage?: TitleLanguage;
}
