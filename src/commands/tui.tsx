import { render, type Instance } from 'ink';
import { App } from '../ui/app.tsx';
import { themeFromEnv } from '../ui/theme/theme.ts';
import { TuiSession } from '../app/tui-session.ts';
import { loadTuiSettings } from '../settings/tui-settings.ts';
import type { CommandContext } from './context.ts';
import { reportError } from './report-error.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { enterAltScreen } from '../ui/terminal/alt-screen.ts';
import { guardTerminal } from '../ui/terminal/exit-guard.ts';

/**
 * `anidex` with no command on a terminal: the TUI. The first frame comes from the library the last session saw
 * when the warehouse file has not changed since (a cache checked against the file's identity); otherwise it is
 * read from the warehouse. Either way the warehouse opens in the background once the frame is up.
 * `notices` are shown in the banner (e.g. lines about files moved to their new folders).
 *
 * The TUI draws on the alternate screen and gives the main screen (the person's scrollback) back however it
 * ends: quit, Ctrl-C, a signal or a crash. Ink is unmounted before the screen is left, because unmounting draws
 * its last frame: drawn after leaving, that frame would land in the scrollback.
 */
export async function runTui(ctx: CommandContext, notices: readonly string[] = []): Promise<number> {
  const session = TuiSession.lazy(ctx.ownDataDir, { dirs: ctx.dirs, demo: ctx.demo });
  const [settings, cached] = await Promise.all([
    loadTuiSettings(ctx.dirs.config, ctx.titleLanguage, process.env, { demo: ctx.demo }),
    TuiSession.cachedLibrary(session.dataDir, ctx.dirs),
  ]);
  let app: Instance | undefined;
  let screen: ReturnType<typeof enterAltScreen> | undefined;
  const restore = (): void => {
    try {
      app?.unmount();
    } catch {
      // A crashed tree may fail to unmount; the screen is left all the same.
    }
    screen?.leave();
  };
  const unguard = guardTerminal(process, restore, (err) => reportError(err, ctx.debug));
  try {
    const first = cached ?? (await session.librarySnapshot());
    screen = enterAltScreen(process.stdout, process.stdin);
    app = render(
      <App
        services={session}
        rows={first.rows}
        empty={first.empty}
        demo={ctx.demo}
        dataDir={ctx.ownDataDir}
        width={process.stdout.columns || 80}
        height={process.stdout.rows || 24}
        theme={themeFromEnv()}
        followResize
        bindings={settings.bindings}
        problems={[...notices, ...settings.problems]}
        titleLanguage={settings.titleLanguage}
        titleLanguageOverride={settings.titleLanguageOverride}
        remembered={settings.remembered}
        preferences={settings.saver ?? undefined}
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
    restore();
    safely(() => session.saveLibraryCache());
    // The last changes may wait for their write; the screen is gone, so a failure is said on stderr.
    const unsaved = (await settings.saver?.flush()) ?? null;
    if (unsaved) process.stderr.write(`anidex: ${sanitizeText(unsaved)}\n`);
    return 0;
  } finally {
    restore();
    unguard();
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
