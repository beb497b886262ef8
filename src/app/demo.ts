import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Warehouse } from '../warehouse/store.ts';
import { markDemo } from '../warehouse/demo-mark.ts';
import { importSample } from './sample.ts';
import { enrichAndLabel } from './enrich-and-label.ts';
import { describeEnrichment, describeImport } from './run-summary.ts';
import type { ImportListener } from './events.ts';
import type { EnrichEvent } from './enrich.ts';
import { packageRoot, version, type AnidexDirs } from '../lib/config.ts';
import { processAlive } from '../lib/process-alive.ts';
import { demoDir } from './demo-dir.ts';

/*
 * The demo: the bundled sample in a warehouse of its own, under the cache folder (it can be rebuilt from the
 * package at any time). The person's own warehouse is written only by their own imports, so trying anidex never
 * leaves invented titles in their history or invented watchlist items on their plan.
 */

const READY_FILE = 'demo-version';

export { demoDir };

/** The demo was built by this version of anidex (an older one's sample may differ) and is complete. */
export function demoReady(dirs: AnidexDirs): boolean {
  try {
    return readFileSync(join(demoDir(dirs), READY_FILE), 'utf8').trim() === version();
  } catch {
    return false;
  }
}

export interface DemoBuild {
  dataDir: string;
  /** What building it did, in lines (empty when it was ready already). */
  lines: string[];
}

/**
 * The demo warehouse, built the first time it is needed (and again after an upgrade). It is built in a folder of
 * its own and renamed into place when complete, so a build that is interrupted or races another process never
 * leaves a half-made demo: the loser of a race simply uses the winner's.
 */
export async function ensureDemo(
  dirs: AnidexDirs,
  opts: { onImport?: ImportListener; onEnrich?: (e: EnrichEvent) => void; signal?: AbortSignal } = {},
): Promise<DemoBuild> {
  const dir = demoDir(dirs);
  if (demoReady(dirs)) return { dataDir: dir, lines: [] };
  mkdirSync(dirs.cache, { recursive: true });
  sweepAbandoned(dirs.cache);
  const building = join(dirs.cache, `demo.building-${process.pid}`);
  rmSync(building, { recursive: true, force: true });
  const lines: string[] = [];
  try {
    const wh = await Warehouse.open(building);
    try {
      // Marked first: enrichment serves the bundled answers to the demo warehouse alone.
      await wh.write((db) => markDemo(db, version()), { what: 'marking the demo warehouse' });
      for (const r of await importSample(wh, { onEvent: opts.onImport, signal: opts.signal })) {
        // The sample's paths are named from the install folder, which says nothing to the person.
        lines.push(...describeImport({ ...r, sourcePath: relative(packageRoot(), r.sourcePath) }));
      }
      // The sample ships with its provider answers: enriched from those, never from the network.
      lines.push(
        ...describeEnrichment(
          await enrichAndLabel(wh, { offline: true, usageFile: null, signal: opts.signal, onEvent: opts.onEnrich }),
        ),
      );
    } finally {
      wh.close();
    }
    writeFileSync(join(building, READY_FILE), version() + '\n');
    if (existsSync(dir)) {
      if (demoReady(dirs)) return { dataDir: dir, lines: [] }; // another process finished first
      const old = join(dirs.cache, `demo.old-${process.pid}`);
      renameSync(dir, old);
      rmSync(old, { recursive: true, force: true });
    }
    try {
      renameSync(building, dir);
    } catch (err) {
      if (!demoReady(dirs)) throw err;
    }
    return { dataDir: dir, lines };
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/** Half-built demos of processes that died (killed mid-build) would otherwise stay in the cache for ever. */
function sweepAbandoned(cache: string): void {
  for (const name of readdirSync(cache)) {
    const m = /^demo\.(?:building|old)-(\d+)$/.exec(name);
    if (m && !processAlive(Number(m[1]))) rmSync(join(cache, name), { recursive: true, force: true });
  }
}
