import { withWarehouse } from '../app/open-warehouse.ts';
import { statsView } from '../app/stats-view.ts';
import { statsLines } from '../app/stats-text.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import type { STATS_FLAGS } from './specs/stats.ts';
import { outputWidth, print, printJson } from './output.ts';

/**
 * The width the charts are drawn to: the terminal's; when piped, COLUMNS if set (so `COLUMNS=80 anidex stats |
 * less` charts at 80), else 120.
 */
function chartWidth(): number {
  const terminal = outputWidth();
  if (terminal !== null) return terminal;
  const columns = Number(process.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 120;
}

export async function run({ values }: Parsed<typeof STATS_FLAGS>, ctx: CommandContext): Promise<number> {
  const months = values.months ?? 24;
  return withWarehouse(ctx.dataDir, async (wh) => {
    const s = statsView(wh.db);
    if (ctx.json) printJson(s);
    else if (s.titles === 0 && s.statuses.plan_to_watch === 0)
      print('No titles yet. Import a Trakt export or a MyAnimeList list first: anidex import <path>');
    // Piped, labels and sentences come out whole; only the bars follow the width.
    else for (const l of statsLines(s, chartWidth(), months, { whole: outputWidth() === null })) print(l);
    return 0;
  });
}
