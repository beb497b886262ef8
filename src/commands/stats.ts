import { Warehouse } from '../warehouse/store.ts';
import { statsNumbers, type StatsNumbers } from '../warehouse/queries.ts';
import { fillMonths, hbar } from '../domain/charts.ts';
import { UsageError } from '../domain/errors.ts';
import { parseCommandArgs, type Command, type CommandContext } from './context.ts';
import { outputWidth, print, printJson, shortDate } from './output.ts';

const USAGE = 'anidex stats [--months <n>] [--json]';

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${Math.round((100 * n) / d)}%`;
}

/** The stats report as lines of text, `months` most recent months charted. */
export function statsLines(s: StatsNumbers, width: number, months: number): string[] {
  const lines = [
    `Titles     ${s.titles} (${s.shows} shows, ${s.movies} films)`,
    `Episodes   ${s.episodes} distinct episodes watched`,
    `Plays      ${s.plays} (${s.episodePlays} episode plays, ${s.moviePlays} film plays; rewatches included)`,
    s.playsWithKnownRuntime > 0
      ? `Time       ${(s.knownMinutes / 60).toFixed(1)} hours for the ${s.playsWithKnownRuntime} of ${s.plays} plays whose runtime is known`
      : `Time       unknown until titles are enriched with runtimes`,
    `Binge rate ${pct(s.bingedShows, s.showsWithDatedPlays)} of shows (${s.bingedShows} of ${s.showsWithDatedPlays}: 3+ episodes within 24 hours)`,
    `Ratings    ${s.ratedTitles} rated, mean ${s.meanRating === null ? '—' : s.meanRating.toFixed(1)}`,
    `Watched    ${shortDate(s.firstPlayAt)} → ${shortDate(s.lastPlayAt)} (watch time, not import time)`,
  ];
  const filled = fillMonths(s.playsPerMonth).slice(-months);
  if (filled.length) {
    const max = Math.max(...filled.map((r) => r.plays));
    const barWidth = Math.max(10, Math.min(60, width - 16));
    lines.push('', `Plays per month (last ${filled.length}):`);
    for (const r of filled) lines.push(`  ${r.month} ${String(r.plays).padStart(5)} ${hbar(r.plays, max, barWidth)}`);
  }
  return lines;
}

export async function runStats(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('stats', USAGE, args, { months: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`stats takes no positional arguments (got "${positionals[0]}").`, `Usage: ${USAGE}`);
  const months = values.months === undefined ? 24 : Number(values.months);
  if (!Number.isInteger(months) || months < 1) throw new UsageError(`--months "${values.months}" is not a positive whole number.`, `Usage: ${USAGE}`);
  const wh = await Warehouse.open(ctx.dataDir);
  try {
    const s = statsNumbers(wh.db);
    if (ctx.json || values.json) printJson(s);
    else if (s.titles === 0) print('No titles yet. Import a Trakt export first: anidex import <export.zip>');
    else for (const l of statsLines(s, outputWidth(), months)) print(l);
    return 0;
  } finally {
    wh.close();
  }
}

export const statsCommand: Command = { name: 'stats', usage: USAGE, summary: 'how you watch: titles, plays, binge rate, plays per month', run: runStats };
