import { geminiUsageFile } from '../config.ts';
import { Warehouse } from '../warehouse/store.ts';
import { UsageError } from '../domain/errors.ts';
import { parseCommandArgs, type Command, type CommandContext } from './context.ts';
import { print, printJson } from './output.ts';
import { runEnrichment } from './enrich-run.ts';
import { describeEnrichment } from '../pipeline/run-summary.ts';

const USAGE = 'anidex enrich [--offline] [--rematch] [--refresh-mapping] [--json]';

export async function runEnrich(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('enrich', USAGE, args, {
    offline: { type: 'boolean' },
    rematch: { type: 'boolean' },
    'refresh-mapping': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`enrich takes no positional arguments (got "${positionals[0]}").`, `Usage: ${USAGE}`);
  const json = ctx.json || Boolean(values.json);
  const wh = await Warehouse.open(ctx.dataDir);
  try {
    const refresh = Boolean(values['refresh-mapping']);
    if (refresh && values.offline) throw new UsageError('--refresh-mapping needs the network; it cannot go with --offline.', `Usage: ${USAGE}`);
    const r = await runEnrichment(wh, { offline: values.offline, rematch: values.rematch, refreshMapping: refresh, quiet: json, usageFile: geminiUsageFile(ctx.dirs), cacheDir: ctx.dirs.cache });
    if (json) printJson(r);
    else for (const l of describeEnrichment(r)) print(l);
    if (r.interrupted) return 130;
    // A refresh asked for and not had is a failure of what was asked (the enrichment itself went on with the kept copy).
    const refreshFailed = refresh && (r.mapping?.state === 'stale' || r.mapping?.state === 'unavailable');
    return r.stoppedBecause || refreshFailed ? 1 : 0;
  } finally {
    wh.close();
  }
}

export const enrichCommand: Command = { name: 'enrich', usage: USAGE, summary: 'match titles to anime (ids first, then titles) and fetch their metadata (cached; resumable)', run: runEnrich };
