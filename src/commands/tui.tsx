import { render } from 'ink';
import { App } from '../ui/app.tsx';
import { themeFromEnv } from '../ui/theme/theme.ts';
import { loadLibraryView } from '../pipeline/library-view.ts';
import { loadTitleView } from '../pipeline/title-view.ts';
import { loadStatsView } from '../pipeline/stats-view.ts';
import type { CommandContext } from './context.ts';

/** `anidex` with no command on a terminal: the TUI. */
export async function runTui(ctx: CommandContext): Promise<number> {
  const rows = await loadLibraryView(ctx.dataDir);
  const width = process.stdout.columns || 80;
  const height = process.stdout.rows || 24;
  const app = render(<App rows={rows} loadTitle={(key) => loadTitleView(ctx.dataDir, key)} loadStats={() => loadStatsView(ctx.dataDir)} width={width} height={height} theme={themeFromEnv()} followResize />, { exitOnCtrlC: true });
  await app.waitUntilExit();
  return 0;
}
