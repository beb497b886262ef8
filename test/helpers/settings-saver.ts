// A separate anidex process saving preferences: used by the concurrent writers test.
// Usage: node --import tsx test/helpers/settings-saver.ts <configDir> <tag> <count> <startAt>
// Saving starts at <startAt> (epoch ms), so that processes started one after the other save at the same time.
// Each save sets a key of its own (`tui.<tag>-<i>`) and the shared `tui.sort`, so a lost update shows as a missing key.
import { setTimeout as sleep } from 'node:timers/promises';
import { saveSettings } from '../../src/settings/settings-file.ts';

const [configDir, tag, countText, startAt] = process.argv.slice(2);
await sleep(Math.max(0, Number(startAt) - Date.now()));
const sorts = ['title', 'recent', 'rating', 'plays', 'year', 'length'];
for (let i = 0; i < Number(countText); i++) {
  const r = await saveSettings(configDir!, [
    { path: ['tui', `${tag}-${i}`], value: i },
    { path: ['tui', 'sort'], value: sorts[i % sorts.length] },
  ]);
  if (r.problem) {
    process.stderr.write(`${r.problem}\n`);
    process.exit(1);
  }
}
process.stdout.write('done\n');
