import { render } from 'ink';
import { App } from '../ui/app.tsx';
import { themeFromEnv } from '../ui/theme/theme.ts';
import { TuiSession } from '../pipeline/tui-session.ts';
import { loadSettings } from '../settings/settings-file.ts';
import type { CommandContext } from './context.ts';

/** `anidex` with no command on a terminal: the TUI. */
export async function runTui(ctx: CommandContext): Promise<number> {
  const [session, settings] = await Promise.all([TuiSession.open(ctx.dataDir), loadSettings(ctx.dataDir)]);
  try {
    const [rows, empty] = await Promise.all([session.library(), session.isEmpty()]);
    const app = render(
      <App
        services={session}
        rows={rows}
        empty={empty}
        dataDir={ctx.dataDir}
        width={process.stdout.columns || 80}
        height={process.stdout.rows || 24}
        theme={themeFromEnv()}
        followResize
        bindings={settings.bindings}
        problems={settings.problems}
        settingsPath={settings.path}
      />,
      { exitOnCtrlC: true },
    );
    await app.waitUntilExit();
    return 0;
  } finally {
    session.close();
  }
}
