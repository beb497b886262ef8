// Preloaded (`node --import ./scripts/crash/record-saves.mjs bin/anidex.js …`) into the crash harness's
// reference runs only: every time a save renames a file onto warehouse.sqlite, a copy of the new file goes to
// $ANIDEX_CRASH_RECORD/save-<n>.sqlite and the moment to $ANIDEX_CRASH_RECORD/saves.log. That gives every state a
// kill can leave (an import commits, then its enrichment commits) and when each commit lands, without touching
// the product: the killed runs are plain `node bin/anidex.js`.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, join } from 'node:path';

const out = process.env.ANIDEX_CRASH_RECORD;
if (out) {
  const realRename = fs.renameSync;
  let n = 0;
  fs.renameSync = function renameSyncRecorded(from, to) {
    realRename(from, to);
    if (basename(String(to)) === 'warehouse.sqlite') {
      n++;
      // Still under the writer lock (the rename is the save's last step before the folder fsync), so this
      // copy is exactly the state this commit wrote.
      fs.copyFileSync(String(to), join(out, `save-${n}.sqlite`));
      fs.appendFileSync(join(out, 'saves.log'), `${n}\t${Date.now()}\n`);
    }
  };
  // The bundle imports renameSync by name: update the ES module bindings to the patched function.
  syncBuiltinESMExports();
}
