// A TUI-like session in its own process: one TuiSession (one warehouse handle, loaded once and kept) adding
// plan items in a loop, as a person pressing "add to plan" on recommendations while other anidex processes
// import. Used by test/concurrency.test.ts.
// Usage: node --import tsx test/helpers/session-writer.ts <dataDir> <count> <pauseMs> <firstMalId>
// Prints "ready" once the warehouse is open, then "done <n>"; a busy warehouse prints "busy <message>", exit 1.
import { TuiSession } from '../../src/app/tui-session.ts';
import { BusyError } from '../../src/lib/errors.ts';
import type { Recommendation } from '../../src/recommend/local.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const [dataDir, countText, pauseText, firstText] = process.argv.slice(2);
const count = Number(countText);
const pauseMs = Number(pauseText);
const first = Number(firstText);

const session = await TuiSession.open(dataDir!);
await session.plan(); // a first screen read, so the handle holds the file as it was at start
process.stdout.write('ready\n');
let added = 0;
try {
  for (let i = 0; i < count; i++) {
    const malId = first + i;
    const rec: Recommendation = {
      malId,
      title: `Session pick ${i}`,
      year: 2020,
      format: 'TV',
      episodes: 12,
      minutesPerEpisode: 24,
      length: 'short',
      genres: [],
      moods: [],
      confidence: 0.5,
      reason: 'written by the concurrency test',
      streaming: null,
      priority: i + 1,
    };
    if (await session.addToPlan(rec, 'local')) added++;
    await sleep(pauseMs);
  }
} catch (err) {
  if (err instanceof BusyError) {
    process.stdout.write(`busy ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
session.close();
process.stdout.write(`done ${added}\n`);
