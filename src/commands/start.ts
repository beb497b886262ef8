import { join } from 'node:path';
import { Warehouse } from '../warehouse/store.ts';
import { listRuns } from '../warehouse/runs.ts';
import { importTraktExport } from '../pipeline/import.ts';
import { packageRoot, SAMPLE_EXPORTS } from '../config.ts';
import { describeImport } from './import.ts';
import { describeEnrichment, runEnrichment } from './enrich-run.ts';
import { print } from './output.ts';
import { runLibrary } from './library.ts';
import { runStats } from './stats.ts';
import type { Command, CommandContext } from './context.ts';

/** Load both bundled sample exports (each as of its export date) into an empty warehouse. */
export async function importSample(wh: Warehouse, log: (line: string) => void): Promise<void> {
  for (const s of SAMPLE_EXPORTS) {
    const r = await importTraktExport(wh, join(packageRoot(), s.path), { asOf: s.asOf });
    for (const l of describeImport(r)) log(l);
  }
}

/** What `npm start` runs: the sample on first use, then the library and stats. */
export async function runStart(_args: string[], ctx: CommandContext): Promise<number> {
  const wh = await Warehouse.open(ctx.dataDir);
  try {
    if (listRuns(wh.db, 1).length === 0) {
      print(`The warehouse in ${ctx.dataDir} is empty: importing the bundled sample exports.`);
      await importSample(wh, print);
      // The sample's anime ship with their provider answers: enrich from those, never from the network.
      for (const l of describeEnrichment(await runEnrichment(wh, { offline: true, quiet: false }))) print(l);
      print('');
    }
  } finally {
    wh.close();
  }
  await runLibrary([], ctx);
  print('');
  await runStats([], { ...ctx });
  print('\nTry: anidex recommend --mood cozy --length short · anidex history "Frieren" · anidex library --unmatched · anidex plan · anidex --help');
  return 0;
}

export const startCommand: Command = { name: 'start', usage: 'anidex start', summary: 'first run: import the bundled sample if empty, then show library and stats', run: runStart };
