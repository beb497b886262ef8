import type { SqlDb } from '../warehouse/db.ts';
import type { Warehouse } from '../warehouse/store.ts';
import { removeSampleRuns, sampleRuns, type SampleRemoval } from '../warehouse/sample-removal.ts';
import { isDemoWarehouse } from '../warehouse/demo-mark.ts';
import { bundledAnswers } from '../enrich/bundled-cache.ts';
import { SAMPLE_EXPORTS } from '../lib/config.ts';

/*
 * The bundled sample found in a person's own warehouse (an `npm start` before the demo had a warehouse of its own
 * imported it there), and the way out.
 */

const SAMPLE_PATHS = SAMPLE_EXPORTS.map((s) => s.path);

/** What to tell the person when their own warehouse holds the sample, or null. */
export function sampleNotice(db: SqlDb): string | null {
  if (isDemoWarehouse(db)) return null;
  const runs = sampleRuns(db, SAMPLE_PATHS);
  if (runs.length === 0) return null;
  return `Your warehouse holds the bundled sample (an invented account, ${runs.length} import${runs.length === 1 ? '' : 's'}), put there by an earlier \`npm start\`. \`anidex remove-sample\` takes it out; a snapshot is taken first.`;
}

/** Take the sample out of the person's warehouse, after a snapshot; null when it holds none. */
export async function removeSample(wh: Warehouse): Promise<SampleRemoval | null> {
  await wh.refresh();
  if (sampleNotice(wh.db) === null) return null;
  const answers = new Map([...bundledAnswers()].map(([k, a]) => [k, a.payload]));
  const removed = await wh.write(
    (db) =>
      isDemoWarehouse(db) ? null : removeSampleRuns(db, sampleRuns(db, SAMPLE_PATHS), { provider: 'anilist', answers }),
    {
      what: 'removing the bundled sample',
      snapshot: 'before removing the bundled sample',
      snapshotWhen: (r) => r !== null && r.runs > 0,
    },
  );
  return removed && removed.runs > 0 ? removed : null;
}
