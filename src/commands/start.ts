import { Warehouse } from '../warehouse/store.ts';
import { listRuns } from '../warehouse/runs.ts';
import { importSample } from '../pipeline/sample.ts';
import { runEnrichment } from './enrich-run.ts';
import { describeEnrichment, describeImport } from '../pipeline/run-summary.ts';
import { print } from './output.ts';
import { runLibrary } from './library.ts';
import { runStats } from './stats.ts';
import type { Command, CommandContext } from './context.ts';

/** What `npm start` runs: the sample on first use, then the TUI on a terminal, or the library and stats in print. */
export async function runStart(_args: string[], ctx: CommandContext): Promise<number> {
  const wh = await Warehouse.open(ctx.dataDir);
  try {
    if (listRuns(wh.db, 1).length === 0) {
      print(`The warehouse in ${ctx.dataDir} is empty: importing the bundled sample exports.`);
      for (const r of await importSample(wh)) for (const l of describeImport(r)) print(l);
      // The sample's anime ship with their provider answers: enrich from those, never from the network.
      for (const l of describeEnrichment(await runEnrichment(wh, { offline: true, quiet: false }))) print(l);
      print('');
    }
  } finally {
    wh.close();
  }
  if (!ctx.json && process.stdin.isTTY && process.stdout.isTTY) {
    const { runTui } = await import('./tui.tsx');
    return runTui(ctx);
  }
  await runLibrary([], ctx);
  print('');
  await runStats([], { ...ctx });
  print('\nTry: anidex recommend --mood cozy --length short · anidex history "Frieren" · anidex library --unmatched · anidex plan · anidex --help');
  return 0;
}

export const startCommand: Command = { name: 'start', usage: 'anidex start', summary: 'first run: import the bundled sample if empty, then open the TUI (print library and stats when not on a terminal)', run: runStart };
