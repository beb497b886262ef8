/**
 * Every command, in the order `anidex --help` and the README list them. Adding a command is a spec file here, a
 * handler in src/commands/ that its `load` imports, and one line in this list; then `npm run docs:cli` rewrites
 * the README's table (docs/cli.md, "Adding a command").
 */
import type { CommandSpec } from '../spec.ts';
import { completionSpec } from './completion.ts';
import { doctorSpec } from './doctor.ts';
import { enrichSpec } from './enrich.ts';
import { exportSpec } from './export.ts';
import { helpSpec } from './help.ts';
import { historySpec } from './history.ts';
import { importSpec } from './import.ts';
import { librarySpec } from './library.ts';
import { matchSpec } from './match.ts';
import { planSpec } from './plan.ts';
import { recommendSpec } from './recommend.ts';
import { removeSampleSpec } from './remove-sample.ts';
import { snapshotSpec } from './snapshot.ts';
import { startSpec } from './start.ts';
import { statsSpec } from './stats.ts';

export const COMMANDS: readonly CommandSpec[] = [
  importSpec,
  librarySpec,
  historySpec,
  statsSpec,
  enrichSpec,
  matchSpec,
  recommendSpec,
  planSpec,
  exportSpec,
  snapshotSpec,
  doctorSpec,
  startSpec,
  removeSampleSpec,
  completionSpec,
  helpSpec,
];

export function findCommand(name: string | undefined): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
