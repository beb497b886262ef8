import { render } from 'ink';
import { App } from '../ui/app.tsx';
import { themeFromEnv } from '../ui/theme/theme.ts';
import { TuiSession } from '../pipeline/tui-session.ts';
import { loadSettings } from '../settings/settings-file.ts';
import { titleLanguageFromEnv } from '../settings/title-language-setting.ts';
import type { CommandContext } from './context.ts';

/**
 * `anidex` with no command on a terminal: the TUI. The first frame comes from the library the last session saw
 * when the warehouse file has not changed since (a cache checked against the file's identity); otherwise it is
 * read from the warehouse. Either way the warehouse opens in the background once the frame is up.
 */
export async function runTui(ctx: CommandContext): Promise<number> {
  const session = TuiSession.lazy(ctx.dataDir);
  const [settings, cached] = await Promise.all([loadSettings(ctx.dataDir), TuiSession.cachedLibrary(ctx.dataDir)]);
  const env = titleLanguageFromEnv();
  try {
    const first = cached ?? (await session.librarySnapshot());
    const app = render(
      <App
        services={session}
        rows={first.rows}
        empty={first.empty}
        dataDir={ctx.dataDir}
        width={process.stdout.columns || 80}
        height={process.stdout.rows || 24}
        theme={themeFromEnv()}
        followResize
        bindings={settings.bindings}
        problems={[...settings.problems, ...env.problems]}
        titleLanguage={ctx.titleLanguage ?? env.titleLanguage ?? settings.titleLanguage}
        settingsPath={settings.path}
      />,
      { exitOnCtrlC: true },
    );
    // After the first frame: open the warehouse for the keys to come, and keep a fresh first frame for next time.
    setTimeout(() => {
      if (cached) session.warm();
      else safely(() => session.saveLibraryCache());
    }, 50);
    await app.waitUntilExit();
    safely(() => session.saveLibraryCache());
    return 0;
  } finally {
    session.close();
  }
}

/** The cache is a convenience: failing to write it (a read-only data dir) must not disturb the session. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Next start reads the warehouse instead.
  }
}
