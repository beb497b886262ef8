import { join } from 'node:path';
import type { Warehouse } from '../warehouse/store.ts';
import { importTraktExport, type ImportOptions } from './import.ts';
import type { ImportResult } from './events.ts';
import { packageRoot, SAMPLE_EXPORTS } from '../lib/config.ts';

/** Load both bundled sample exports, each as of its export date, so the sample shows versions changing. */
export async function importSample(
  wh: Warehouse,
  opts: Pick<ImportOptions, 'onEvent' | 'signal'> = {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const s of SAMPLE_EXPORTS)
    results.push(await importTraktExport(wh, join(packageRoot(), s.path), { ...opts, asOf: s.asOf }));
  return results;
}
