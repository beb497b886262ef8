// A separate process that writes to a warehouse: used by the lock and lost-update tests.
// Usage: node --import tsx test/helpers/writer.ts <dataDir> <tag> <count> [holdMs]
import { Warehouse } from '../../src/warehouse/store.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const [dataDir, tag, countText, holdText] = process.argv.slice(2);
const count = Number(countText);
const holdMs = Number(holdText ?? 0);
const wh = await Warehouse.open(dataDir!);
for (let i = 0; i < count; i++) {
  await wh.write(
    async (db) => {
      db.run('INSERT INTO meta (key, value) VALUES (?, ?)', [`${tag}-${i}`, String(process.pid)]);
      if (holdMs) {
        process.stdout.write('holding\n');
        await sleep(holdMs);
      }
    },
    { what: `test writer ${tag}`, lockWaitMs: 20_000 },
  );
}
wh.close();
process.stdout.write('done\n');
