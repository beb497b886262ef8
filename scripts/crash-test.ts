/**
 * Crash test (issue #7): real anidex processes importing and saving, each killed with SIGKILL at a random moment
 * (uniform over the operation's uninterrupted time, measured first), and after every kill: the warehouse opens,
 * `PRAGMA integrity_check` is ok, the SCD2 invariants hold, its contents are exactly the state before the
 * operation or one it commits (by digest, against uninterrupted runs on copies), and the next run takes over any
 * stale lock and completes. Prints a Markdown summary; exits 1 on any failure.
 *
 *   npm run crash-test -- [--kills 200] [--seed 1] [--synthetic-plays 40000] [--synthetic-titles 1200]
 *                         [--timing-runs 2] [--ops import-mal,plan-add,…] [--work-dir dir] [--keep]
 *                         [--json report.json] [--quiet]
 */
import { writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, markdownSummary, OP_NAMES, runCrashHarness, type OpName } from './crash/harness.ts';
import { ROOT } from './crash/proc.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string' },
    seed: { type: 'string' },
    'synthetic-plays': { type: 'string' },
    'synthetic-titles': { type: 'string' },
    'timing-runs': { type: 'string' },
    ops: { type: 'string' },
    'work-dir': { type: 'string' },
    keep: { type: 'boolean' },
    json: { type: 'string' },
    quiet: { type: 'boolean' },
    'no-build': { type: 'boolean' },
  },
});

function int(name: string, text: string | undefined, dflt: number): number {
  if (text === undefined) return dflt;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`crash-test: --${name} "${text}" is not a whole number.\n`);
    process.exit(2);
  }
  return n;
}

const ops = values.ops ? values.ops.split(',').map((s) => s.trim()) : [...OP_NAMES];
const unknown = ops.filter((o) => !(OP_NAMES as readonly string[]).includes(o));
if (unknown.length) {
  process.stderr.write(`crash-test: unknown operation(s) ${unknown.join(', ')}; known: ${OP_NAMES.join(', ')}.\n`);
  process.exit(2);
}

if (!values['no-build']) {
  const code = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' }).on('close', resolve),
  );
  if (code !== 0) process.exit(1);
}

/** The commit tested, and whether src/ had changes not in it (others may be editing the working tree). */
function label(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bin'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return `built from ${head}${dirty ? ` with ${dirty.split('\n').length} changed file(s) under src/ not committed` : ''}`;
  } catch {
    return undefined;
  }
}

const report = await runCrashHarness({
  label: label(),
  kills: int('kills', values.kills, DEFAULT_OPTIONS.kills),
  seed: int('seed', values.seed, DEFAULT_OPTIONS.seed),
  syntheticPlays: int('synthetic-plays', values['synthetic-plays'], DEFAULT_OPTIONS.syntheticPlays),
  syntheticTitles: int('synthetic-titles', values['synthetic-titles'], DEFAULT_OPTIONS.syntheticTitles),
  timingRuns: int('timing-runs', values['timing-runs'], DEFAULT_OPTIONS.timingRuns),
  ops: ops as OpName[],
  workDir: values['work-dir'],
  keep: values.keep,
  log: values.quiet ? undefined : (l) => process.stderr.write(`${l}\n`),
});
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
process.stdout.write(markdownSummary(report));
process.exitCode = report.failures === 0 ? 0 : 1;
