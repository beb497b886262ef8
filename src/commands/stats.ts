import { Warehouse } from '../warehouse/store.ts';
import { statsView } from '../app/stats-view.ts';
import { statsLines } from '../app/stats-text.ts';
import { UsageError } from '../lib/errors.ts';
import { parseCommandArgs, type Command, type CommandContext } from './context.ts';
import { outputWidth, print, printJson } from './output.ts';

const USAGE = 'anidex stats [--months <n>] [--json]';

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

export async function runStats(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('stats', USAGE, args, { months: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`stats takes no positional arguments (got "${positionals[0]}").`, `Usage: ${USAGE}`);
  const months = values.months === undefined ? 24 : Number(values.months);
  if (!Number.isInteger(months) || months < 1) throw new UsageError(`--months "${values.months}" is not a positive whole number.`, `Usage: ${USAGE}`);
  const wh = await Warehouse.open(ctx.dataDir);
  try {
    const s = statsView(wh.db);
    if (ctx.json || values.json) printJson(s);
    else if (s.titles === 0 && s.statuses.plan_to_watch === 0) print('No titles yet. Import a Trakt export or a MyAnimeList list first: anidex import <path>');
    // Piped, labels and sentences come out whole; only the bars follow the width.
    else for (const l of statsLines(s, chartWidth(), months, { whole: outputWidth() === null })) print(l);
    return 0;
  } finally {
    wh.close();
  }
}

export const statsCommand: Command = { name: 'stats', usage: USAGE, summary: 'how you watch: titles, episodes, hours, statuses, top genres and studios, scores; plays and binges from a Trakt history', run: runStats };
