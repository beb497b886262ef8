import { ensureDemo } from '../app/demo.ts';
import type { CommandContext } from './context.ts';
import { Progress } from './output.ts';

/** Messages that say which warehouse a command read, when it is the demo's. */
export const DEMO_MARK = 'Demo: the bundled sample (an invented account); your own warehouse is untouched.';

/** The context switched to the demo warehouse, built first when this version of anidex has none yet. */
export async function demoContext(ctx: CommandContext): Promise<CommandContext> {
  const progress = new Progress(process.stderr, ctx.json);
  let said = false;
  try {
    const built = await ensureDemo(ctx.dirs, {
      onImport: () => {
        if (!said) progress.status('Preparing the demo warehouse from the bundled sample…');
        said = true;
      },
    });
    progress.clear();
    if (built.lines.length && !ctx.json)
      process.stderr.write(`Prepared the demo warehouse in ${built.dataDir} from the bundled sample.\n`);
    return { ...ctx, dataDir: built.dataDir, demo: true };
  } finally {
    progress.clear();
  }
}
