import { loadSettings } from '../settings/settings-file.ts';
import { titleLanguageFromEnv } from '../settings/title-language-setting.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import type { TitleLanguage } from '../domain/title-language.ts';
import type { CommandContext } from './context.ts';

/**
 * Which name this command shows titles by: `--title-language`, else $ANIDEX_TITLE_LANGUAGE, else settings.json's
 * `titleLanguage`, else as exported. A bad environment value or setting is reported on stderr and skipped.
 */
export async function titleLanguageFor(ctx: CommandContext): Promise<TitleLanguage> {
  if (ctx.titleLanguage) return ctx.titleLanguage;
  const env = titleLanguageFromEnv();
  warn(env.problems);
  if (env.titleLanguage) return env.titleLanguage;
  const settings = await loadSettings(ctx.dirs.config);
  warn(settings.titleLanguageProblems);
  return settings.titleLanguage;
}

function warn(problems: readonly string[]): void {
  for (const p of problems) process.stderr.write(`anidex: ${sanitizeText(p)}\n`);
}
