/*
 * The sample's bundled AniList answers serve the demo warehouse alone: a person's own warehouse asks the provider
 * (or leaves titles pending offline). Tests that enrich the bundled sample offline therefore play the demo: they
 * mark their warehouse the way the demo build does (`meta`), before importing into it. Only enrichment reads the
 * mark; what the CLI prints as DEMO comes from --demo, so the tests' output is a person's output.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../src/warehouse/store.ts';
import { markDemo } from '../../src/warehouse/demo-mark.ts';

/** Mark an open warehouse as the demo. */
export async function markAsDemo(wh: Warehouse): Promise<void> {
  await wh.write((db) => markDemo(db, 'test'), { what: 'marking a test warehouse as the demo' });
}

/** A new data dir whose (empty) warehouse is marked as the demo. */
export async function demoDataDir(prefix = 'anidex-demo-'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const wh = await Warehouse.open(dir);
  try {
    await markAsDemo(wh);
  } finally {
    wh.close();
  }
  return dir;
}
