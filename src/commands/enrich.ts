import { geminiUsageFile } from '../lib/config.ts';
import { withWarehouse } from '../app/open-warehouse.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import type { ENRICH_FLAGS } from './specs/enrich.ts';
import { print, printJson } from './output.ts';
import { UsageError } from '../lib/errors.ts';
import { runEnrichment } from './enrich-run.ts';
import { describeEnrichment } from '../app/run-summary.ts';

export async function run({ values }: Parsed<typeof ENRICH_FLAGS>, ctx: CommandContext): Promise<number> {
  const json = ctx.json;
  return withWarehouse(ctx.dataDir, async (wh) => {
    const refresh = Boolean(values['refresh-mapping']);
    if (refresh && values.offline)
      throw new UsageError(
        '--refresh-mapping needs the network; it cannot go with --offline.',
        'Drop one of the two: `anidex enrich --refresh-mapping` fetches the mapping now.',
      );
    const r = await runEnrichment(wh, {
      offline: values.offline,
      rematch: values.rematch,
      refreshMapping: refresh,
      quiet: json,
      usageFile: geminiUsageFile(ctx.dirs),
      cacheDir: ctx.dirs.cache,
    });
    if (json) printJson(r);
    else for (const l of describeEnrichment(r)) print(l);
    if (r.interrupted) return 130;
    // A refresh asked for and not had is a failure of what was asked (the enrichment itself went on with the kept copy).
    const refreshFailed = refresh && (r.mapping?.state === 'stale' || r.mapping?.state === 'unavailable');
    return r.stoppedBecause || refreshFailed ? 1 : 0;
  });
}
