import { ownWarehouseAtStart } from '../app/start-warehouse.ts';
import { print } from './output.ts';
import { run as runLibrary } from './library.ts';
import { run as runStats } from './stats.ts';
import { parseCommand } from './parse.ts';
import type { Parsed } from './spec.ts';
import { librarySpec } from './specs/library.ts';
import { statsSpec } from './specs/stats.ts';
import { DEMO_MARK, demoContext } from './demo.ts';
import type { CommandContext } from './context.ts';

/**
 * What `npm start` runs: the person's own warehouse when it holds anything, else the demo (the bundled sample in a
 * warehouse of its own); the TUI on a terminal, the library and stats in print otherwise.
 */
export async function run(_parsed: Parsed, ctx: CommandContext): Promise<number> {
  let c = ctx;
  const notices: string[] = [];
  if (!ctx.demo) {
    const own = await ownWarehouseAtStart(ctx.dataDir);
    if (own.empty) c = await demoContext(ctx);
    else if (own.sampleNotice) notices.push(own.sampleNotice);
  }
  if (!c.json && process.stdin.isTTY && process.stdout.isTTY) {
    const { runTui } = await import('./tui.tsx');
    return runTui(c, notices);
  }
  // With --json the marks go to stderr, so stdout stays JSON.
  const say = c.json ? (t: string) => process.stderr.write(`${t}\n`) : (t: string) => print(`${t}\n`);
  if (c.demo) say(DEMO_MARK);
  for (const n of notices) say(n);
  await runLibrary(parseCommand(librarySpec, []), c);
  print('');
  await runStats(parseCommand(statsSpec, []), c);
  const d = c.demo ? '--demo ' : '';
  if (c.json) return 0;
  print(
    `\nTry: anidex ${d}recommend --mood cozy --length short · anidex ${d}history "Frieren" · anidex ${d}library --unmatched · anidex --help`,
  );
  if (c.demo) print('Your own: anidex import <your Trakt export .zip or MyAnimeList .xml.gz>');
  return 0;
}
