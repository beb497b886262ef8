import { geminiUsageFile } from '../config.ts';
import { Warehouse } from '../warehouse/store.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import type { ENRICH_FLAGS } from './specs/enrich.ts';
import { print, printJson } from './output.ts';
import { runEnrichment } from './enrich-run.ts';
import { describeEnrichment } from '../pipeline/run-summary.ts';

export async function run({ values }: Parsed<typeof ENRICH_FLAGS>, ctx: CommandContext): Promise<number> {
  const json = ctx.json;
  const wh = await Warehouse.open(ctx.dataDir);
  try {
    const r = await runEnrichment(wh, { offline: values.offline, rematch: values.rematch, quiet: json, usageFile: geminiUsageFile(ctx.dirs) });
    if (json) printJson(r);
    else for (const l of describeEnrichment(r)) print(l);
    if (r.interrupted) return 130;
    return r.stoppedBecause ? 1 : 0;
  } finally {
    wh.close();
  }
}
