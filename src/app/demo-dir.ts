import { join } from 'node:path';
import type { AnidexDirs } from '../lib/config.ts';

/**
 * Where the demo warehouse lives. A module of its own: the TUI and completion need the path at start, and
 * demo.ts, which builds the demo, brings the importers and the enrichment clients with it.
 */
export function demoDir(dirs: AnidexDirs): string {
  return join(dirs.cache, 'demo');
}
