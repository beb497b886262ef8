/**
 * Start-up benchmark (issue #16, item 4): `anidex --help` and `anidex --version` against a bare `node -e 0`.
 *
 *   npm run bench:startup -- [--runs 31] [--no-build]
 *
 * Builds dist/ (unless --no-build), then lays out an installed copy in a temporary folder (bin/, dist/'s chunks
 * and package.json, as `npm pack` ships them: no scripts/, so the launcher does not check the checkout's build)
 * and times, interleaved round by round so that the machine's load falls on every command alike:
 *   - `node -e 0` (the reference: Node's own start);
 *   - the installed `anidex --help` and `anidex --version`;
 *   - the same two from the checkout (`node bin/anidex.js`, which also stats src/ to see whether dist/ is stale).
 * Each is one spawn timed from before spawn to exit; the median of `--runs` is printed beside the reference and
 * the target (≤ 2 × `node -e 0`), with the peak RSS (max over runs) from /usr/bin/time when it is there.
 *
 * Exit status 0 whether or not the target is met (a benchmark, not a test); 1 when a command fails.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_RATIO = 2;

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '31' }, 'no-build': { type: 'boolean', default: false } },
});
const runs = Math.max(3, Number(values.runs));

if (!values['no-build']) {
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

/** An installed layout: what package.json's `files` ships, minus the sample data (not read at start-up). */
function installedCopy(): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'anidex-startup-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(ROOT, 'bin', 'anidex.js'), join(dir, 'bin', 'anidex.js'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  for (const f of readdirSync(join(ROOT, 'dist'))) {
    if (f.endsWith('.js') || f.endsWith('.wasm')) copyFileSync(join(ROOT, 'dist', f), join(dir, 'dist', f));
  }
  return dir;
}

const installed = installedCopy();
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Case {
  name: string;
  args: string[];
  cwd: string;
  ms: number[];
  rssKB: number[];
}
const cases: Case[] = [
  { name: 'node -e 0 (reference)', args: ['-e', '0'], cwd: ROOT, ms: [], rssKB: [] },
  {
    name: 'anidex --help (installed)',
    args: [join(installed, 'bin', 'anidex.js'), '--help'],
    cwd: installed,
    ms: [],
    rssKB: [],
  },
  {
    name: 'anidex --version (installed)',
    args: [join(installed, 'bin', 'anidex.js'), '--version'],
    cwd: installed,
    ms: [],
    rssKB: [],
  },
  { name: 'anidex --help (checkout)', args: [join(ROOT, 'bin', 'anidex.js'), '--help'], cwd: ROOT, ms: [], rssKB: [] },
  {
    name: 'anidex --version (checkout)',
    args: [join(ROOT, 'bin', 'anidex.js'), '--version'],
    cwd: ROOT,
    ms: [],
    rssKB: [],
  },
];

const env = { ...process.env };
delete env.NODE_OPTIONS; // tsx's loader must not be inherited by the timed processes

function runOnce(c: Case): void {
  // Wall time is taken around the plain spawn; /usr/bin/time runs separately (it adds its own exec).
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { cwd: c.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    process.stderr.write(`✗ ${c.name} exited ${r.status}: ${r.stderr.toString()}\n`);
    process.exit(1);
  }
  c.ms.push(ms);
}

function rssOnce(c: Case): void {
  if (!timeBin) return;
  const r = spawnSync(timeBin, ['-f', '%M', process.execPath, ...c.args], {
    cwd: c.cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const kb = Number(r.stderr.toString().trim().split('\n').pop());
  if (Number.isFinite(kb)) c.rssKB.push(kb);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const loadBefore = os.loadavg()[0]!;
for (const c of cases) runOnce(c); // warm the page cache; not counted
for (const c of cases) c.ms.length = 0;
for (let i = 0; i < runs; i++) {
  // Rotate the order each round so no command always runs right after the same one.
  for (let j = 0; j < cases.length; j++) runOnce(cases[(i + j) % cases.length]!);
}
for (const c of cases) for (let i = 0; i < 3; i++) rssOnce(c);
const loadAfter = os.loadavg()[0]!;
rmSync(installed, { recursive: true, force: true });

const ref = median(cases[0]!.ms);
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown';
const lines = [
  `Start-up, ${runs} runs each (interleaved), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  `${cpu}, ${os.cpus().length} cores, Node ${process.versions.node}, load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`,
  '',
  '| command | median | min–max | ÷ node -e 0 | target | peak RSS |',
  '|---|---:|---:|---:|---|---:|',
];
for (const [i, c] of cases.entries()) {
  const m = median(c.ms);
  const ratio = m / ref;
  const target = i === 0 ? 'reference' : `≤ ${TARGET_RATIO} ×: ${ratio <= TARGET_RATIO ? 'met' : '**not met**'}`;
  const rss = c.rssKB.length ? `${Math.round(Math.max(...c.rssKB) / 1024)} MB` : 'n/a';
  lines.push(
    `| ${c.name} | ${m.toFixed(1)} ms | ${Math.min(...c.ms).toFixed(0)}–${Math.max(...c.ms).toFixed(0)} ms | ${i === 0 ? '1.00' : ratio.toFixed(2)} | ${target} | ${rss} |`,
  );
}
process.stdout.write(lines.join('\n') + '\n');
