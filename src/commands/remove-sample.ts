import { withWarehouse } from '../app/open-warehouse.ts';
import { removeSample } from '../app/sample-in-warehouse.ts';
import { UsageError } from '../lib/errors.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import { print, printJson } from './output.ts';

/** Take the bundled sample out of the person's own warehouse (an older `npm start` imported it there). */
export async function run(_parsed: Parsed, ctx: CommandContext): Promise<number> {
  if (ctx.demo)
    throw new UsageError(
      'The demo warehouse is the sample: there is nothing to remove from it.',
      'Run `anidex remove-sample` without --demo to clean your own warehouse.',
    );
  return withWarehouse(ctx.dataDir, async (wh) => {
    const r = await removeSample(wh);
    if (ctx.json) printJson(r ?? { titles: 0, versions: 0, planItems: 0, runs: 0 });
    else if (!r) print(`${ctx.dataDir} holds no trace of the bundled sample: nothing to do.`);
    else {
      print(
        `Removed the bundled sample from ${ctx.dataDir}: ${r.runs} import${r.runs === 1 ? '' : 's'}, ${r.titles} title${r.titles === 1 ? '' : 's'} that were only the sample's (${r.versions} versions), ${r.planItems} plan item${r.planItems === 1 ? '' : 's'} from its watchlist.`,
      );
      print('A snapshot was taken first: `anidex snapshot list` shows it, `anidex snapshot restore <id>` undoes this.');
    }
    return 0;
  });
}
