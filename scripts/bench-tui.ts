/**
 * TUI benchmark (issue #5): launch to the first library frame, peak memory, and per-keystroke search latency.
 *
 *   npm run bench:tui -- [--runs 7] [--titles 5000] [--search-titles 10000] [--plays-per-title 20] [--seed 1]
 *                        [--gap-ms 50] [--no-build]
 *
 * 1. Builds dist/ (`node scripts/build.mjs`, so `bin/anidex.js` runs the current source) unless --no-build.
 * 2. Builds the warehouses once and caches them under .bench/ (scripts/bench/tui-data.ts): a synthetic Trakt
 *    export imported offline by the real program, then 70 % of the titles given synthetic anime metadata and
 *    10 % marked not anime, straight in the SQLite file, so rows look as after `anidex enrich`.
 * 3. Launch: `node bin/anidex.js --data-dir <dir>` on a pseudo-terminal (util-linux `script`, 100×30 set with
 *    `stty`), timed from spawn to the library header ("Library ·") in the output; after 1 s its VmHWM (peak RSS)
 *    is read from /proc and `q` is sent. One untimed launch first (the warehouse file in the page cache, as on a
 *    second start), then `--runs` launches. Interleaved with those: the same launch with a probe
 *    (scripts/bench/tui-probe.ts) that timestamps the stages inside the process, for the breakdown; the same
 *    launch with NODE_ENV=production (React's production build; what-if only); and baselines for the pty
 *    harness alone and a bare `node` start.
 * 4. Keystrokes at `--search-titles` titles: in-process (scripts/bench/tui-keys.ts: the real runTui and Ink
 *    renderer on an in-memory TTY) with `/` then 15 queries typed a character at a time and erased with
 *    Backspace (263 keys, `--gap-ms` apart); again with NODE_ENV=production (what-if); and end to end through a
 *    pty against the real program (the probe's key-read → frame-written, and the pty round trip).
 * 5. Prints a Markdown report with the machine and saves it with the raw results under .bench/.
 *
 * Exit status 0 whether or not the targets are met (a benchmark, not a test); 1 when a run fails (no frame,
 * a key whose frame never came, an app that does not quit).
 */

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureWarehouse, type BenchWarehouse } from './bench/tui-data.ts';
import { runInPty, type PtyRunResult } from './bench/tui-pty.ts';
import {
  cpuPerKey,
  FRAME_MARKER,
  HEADER_RE,
  keyLatencies,
  keyScript,
  median,
  probeUrl,
  quantile,
  type ProbeData,
} from './bench/tui-probe.ts';
import type { KeysResult } from './bench/tui-keys.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, '.bench');
const RUNS_DIR = join(BENCH, 'tui-runs');
const BIN = join(ROOT, 'bin', 'anidex.js');
const KEYS = join(ROOT, 'scripts', 'bench', 'tui-keys.ts');
const COLS = 100;
const ROWS = 30;
// Issue #16's targets (the first frame's was 500 ms before it).
const TARGETS = { firstFrameMs: 300, keyP95Ms: 16, rssLargeMB: 250 };

const failures: string[] = [];
function fail(msg: string): void {
  failures.push(msg);
  process.stderr.write(`\n✗ ${msg}\n\n`);
}
function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

const fmtMs = (ms: number, d = 0): string => (Number.isFinite(ms) ? `${ms.toFixed(d)} ms` : 'n/a');
const fmtMB = (kb: number | null | undefined): string =>
  kb !== null && kb !== undefined && Number.isFinite(kb) ? `${Math.round(kb / 1024)} MB` : 'n/a';
const max = (xs: readonly number[]): number =>
  xs.some(Number.isFinite) ? Math.max(...xs.filter(Number.isFinite)) : NaN;

/**
 * Every launch gets an empty config folder: the TUI remembers the sort and filters the scripted keys choose, which
 * must neither reach the person's settings.json nor change the next launch's first frame.
 */
const CONFIG_ROOT = mkdtempSync(join(os.tmpdir(), 'anidex-bench-config-'));
/**
 * The cache folder (where the TUI keeps the library it drew, for the next start's first frame) is the bench's own
 * too: the person's ~/.cache is left alone, and the probed launches can empty it to time a start without it.
 */
const CACHE_ROOT = mkdtempSync(join(os.tmpdir(), 'anidex-bench-cache-'));
process.on('exit', () => {
  rmSync(CONFIG_ROOT, { recursive: true, force: true });
  rmSync(CACHE_ROOT, { recursive: true, force: true });
});
let configDirs = 0;

/** A terminal's environment: no CI flags (Ink draws nothing in CI), no NODE_ENV, colours on, 100×30, no settings. */
function terminalEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env))
    if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete env[k];
  for (const k of ['NODE_ENV', 'NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS', 'ANIDEX_BENCH_PROBE']) delete env[k];
  return {
    ...env,
    XDG_CONFIG_HOME: join(CONFIG_ROOT, String(++configDirs)),
    XDG_CACHE_HOME: CACHE_ROOT,
    TERM: 'xterm-256color',
    COLUMNS: String(COLS),
    LINES: String(ROWS),
    ...extra,
  };
}

function machine(): {
  cpu: string;
  cores: number;
  memGB: number;
  node: string;
  platform: string;
  date: string;
  load: number[];
} {
  let cpu = os.cpus()[0]?.model.trim() ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    /* not Linux */
  }
  return {
    cpu,
    cores: os.cpus().length,
    memGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    date: new Date().toISOString(),
    load: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function gitState(): { rev: string; dirty: string[] } {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  if (resolve(top || '/') !== ROOT) {
    // Not a checkout of its own (e.g. a `git archive` export unpacked somewhere): say what it was made from, if known.
    let rev = 'unknown';
    try {
      rev = readFileSync(join(ROOT, '.rev'), 'utf8').trim();
    } catch {
      /* no note */
    }
    return { rev: `an export of ${rev}`, dirty: [] };
  }
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'bin'], { cwd: ROOT, encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3));
  return { rev, dirty };
}

// ---------------------------------------------------------------- launches

interface LaunchRecord {
  kind: 'plain' | 'probe' | 'production' | 'large';
  run: number;
  res: PtyRunResult;
  probe: ProbeData | null;
  shown: number | null;
}

async function launch(wh: BenchWarehouse, kind: LaunchRecord['kind'], run: number): Promise<LaunchRecord> {
  const probeFile = join(RUNS_DIR, `probe-${kind}-${run}.json`);
  rmSync(probeFile, { force: true });
  // Probed launches start without the cached first frame: the full path, as on the first start after an import.
  if (kind === 'probe') rmSync(join(CACHE_ROOT, 'anidex'), { recursive: true, force: true });
  const argv =
    kind === 'probe'
      ? [process.execPath, '--import', probeUrl(), BIN, '--data-dir', wh.dataDir]
      : [process.execPath, BIN, '--data-dir', wh.dataDir];
  const env = terminalEnv(
    kind === 'probe' ? { ANIDEX_BENCH_PROBE: probeFile } : kind === 'production' ? { NODE_ENV: 'production' } : {},
  );
  const res = await runInPty({ argv, cols: COLS, rows: ROWS, env, marker: FRAME_MARKER, settleMs: 1_000, quit: 'q' });
  let probe: ProbeData | null = null;
  if (kind === 'probe') {
    try {
      probe = JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeData;
    } catch {
      fail(`probe launch ${run}: no probe data`);
    }
  }
  const header = HEADER_RE.exec(res.tail) ?? (probe?.header ? HEADER_RE.exec(probe.header) : null);
  const rec: LaunchRecord = { kind, run, res, probe, shown: header ? Number(header[2]) : null };
  if (!Number.isFinite(res.firstFrameMs))
    fail(`${kind} launch ${run}: no library frame (output ends: ${JSON.stringify(res.tail.slice(-300))})`);
  else if (res.timedOut || res.code !== 0)
    fail(`${kind} launch ${run}: did not quit cleanly on q (exit ${res.code}, timed out ${res.timedOut})`);
  log(
    `launch ${kind.padEnd(10)} ${String(run).padStart(2)}  first frame ${fmtMs(res.firstFrameMs).padStart(8)}  ` +
      `VmHWM ${fmtMB(res.hwmKB).padStart(7)} (at frame ${fmtMB(res.hwmAtFrameKB)})  quit ${fmtMs(res.quitMs ?? NaN)}`,
  );
  return rec;
}

async function baseline(name: string, argv: string[], runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const res = await runInPty({
      argv,
      cols: COLS,
      rows: ROWS,
      env: terminalEnv(),
      marker: FRAME_MARKER,
      timeoutMs: 10_000,
    });
    out.push(res.firstFrameMs);
  }
  log(`baseline ${name}: median ${fmtMs(median(out), 1)}`);
  return out;
}

/** Stage durations (ms) from one probed launch. */
interface Breakdown {
  spawn: number;
  boot: number;
  modules: number;
  read: number;
  wasm: number;
  openQuery: number;
  render: number;
  inProcess: number;
  total: number;
}

function breakdown(rec: LaunchRecord): Breakdown | null {
  const p = rec.probe;
  const m = p?.marks;
  if (
    !p ||
    !m ||
    m.readStart === undefined ||
    m.readEnd === undefined ||
    m.inkStart === undefined ||
    m.frameWritten === undefined
  )
    return null;
  const sqlWasm = p.wasm.filter((w) => w.start >= m.readEnd! && w.end !== null);
  const wasm = sqlWasm.reduce((n, w) => n + (w.end! - w.start), 0);
  return {
    spawn: rec.res.firstFrameMs - m.frameWritten,
    boot: m.boot!,
    modules: m.readStart - m.boot!,
    read: m.readEnd - m.readStart,
    wasm,
    openQuery: m.inkStart - m.readEnd - wasm,
    render: m.frameWritten - m.inkStart,
    inProcess: m.frameWritten,
    total: rec.res.firstFrameMs,
  };
}

// ---------------------------------------------------------------- keystrokes

function runKeysChild(wh: BenchWarehouse, gapMs: number, extraEnv: NodeJS.ProcessEnv): Promise<KeysResult | null> {
  return new Promise((done) => {
    const env = terminalEnv({ FORCE_COLOR: '2', ...extraEnv });
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        KEYS,
        '--data-dir',
        wh.dataDir,
        '--gap-ms',
        String(gapMs),
        '--cols',
        String(COLS),
        '--rows',
        String(ROWS),
      ],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        done(JSON.parse(out.trim().split('\n').pop() ?? '') as KeysResult);
      } catch (e) {
        fail(
          `keystroke run (gap ${gapMs} ms, ${JSON.stringify(extraEnv)}) failed: ${(e as Error).message}\n${err.trim().split('\n').slice(-10).join('\n')}`,
        );
        done(null);
      }
    });
  });
}

interface KeyStats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

function stats(xs: readonly number[]): KeyStats {
  return { n: xs.filter(Number.isFinite).length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: max(xs) };
}

function checkKeys(name: string, xs: readonly number[], expected: number): void {
  const missing = xs.filter((x) => !Number.isFinite(x)).length;
  if (xs.length !== expected || missing)
    fail(`${name}: ${missing} of ${expected} keys never showed their frame (${xs.length} measured)`);
}

// ---------------------------------------------------------------- report

const kstat = (s: KeyStats | null, d = 1): string =>
  s ? `${fmtMs(s.p50, d)} / ${fmtMs(s.p95, d)} / ${fmtMs(s.max, d)}` : 'n/a';

async function main(): Promise<void> {
  const tStart = performance.now();
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      titles: { type: 'string', default: '5000' },
      'search-titles': { type: 'string', default: '10000' },
      'plays-per-title': { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      'gap-ms': { type: 'string', default: '50' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const gapMs = Number(values['gap-ms']);
  const ppt = Number(values['plays-per-title']);
  const seed = Number(values.seed);
  const share = { enriched: 0.7, unmatched: 0.1 };

  if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0)
    throw new Error('util-linux `script` is needed to run the TUI on a pseudo-terminal');
  mkdirSync(BENCH, { recursive: true });
  rmSync(RUNS_DIR, { recursive: true, force: true });
  mkdirSync(RUNS_DIR, { recursive: true });
  if (!values['no-build']) {
    log('building dist/ …');
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stderr}`);
  }
  const git = gitState();
  const before = machine();

  const small = ensureWarehouse(
    ROOT,
    BENCH,
    { titles: Number(values.titles), playsPerTitle: ppt, seed, ...share },
    log,
  );
  const large = ensureWarehouse(
    ROOT,
    BENCH,
    { titles: Number(values['search-titles']), playsPerTitle: ppt, seed, ...share },
    log,
  );
  // Warehouses of older recipes or schemas are not used again.
  for (const name of readdirSync(BENCH)) {
    const dir = join(BENCH, name);
    if (/^tui-r\d+-/.test(name) && dir !== dirname(small.dataDir) && dir !== dirname(large.dataDir))
      rmSync(dir, { recursive: true, force: true });
  }

  // ---- launches
  log('\nlaunch: pty baselines …');
  const basePty = await baseline('script + sh + stty + printf', ['printf', FRAME_MARKER], runs);
  const baseNode = await baseline(
    'bare node',
    [process.execPath, '-e', `process.stdout.write(${JSON.stringify(FRAME_MARKER)})`],
    runs,
  );
  log(`\nlaunch: ${small.titles} titles, 1 warm-up + ${runs} runs each …`);
  await launch(small, 'plain', 0);
  const launches: LaunchRecord[] = [];
  for (let run = 1; run <= runs; run++) {
    launches.push(await launch(small, 'plain', run));
    await sleep(200);
    launches.push(await launch(small, 'probe', run));
    await sleep(200);
    launches.push(await launch(small, 'production', run));
    await sleep(200);
  }
  log(`\nlaunch: ${large.titles} titles …`);
  await launch(large, 'large', 0);
  for (let run = 1; run <= Math.min(runs, 3); run++) launches.push(await launch(large, 'large', run));
  const of = (k: LaunchRecord['kind']): LaunchRecord[] =>
    launches.filter((l) => l.kind === k && Number.isFinite(l.res.firstFrameMs));
  for (const l of launches) {
    const want = l.kind === 'large' ? large.titles : small.titles;
    if (l.shown !== null && l.shown !== want)
      fail(`${l.kind} launch ${l.run}: the frame says ${l.shown} titles, the warehouse has ${want}`);
  }

  // ---- keystrokes
  const steps = keyScript();
  log(`\nkeys: in-process, ${large.titles} titles, ${steps.length} keys ${gapMs} ms apart …`);
  const keysDev = await runKeysChild(large, gapMs, {});
  log('keys: in-process, NODE_ENV=production …');
  const keysProd = await runKeysChild(large, gapMs, { NODE_ENV: 'production' });
  log('keys: end to end through a pty …');
  const e2eProbeFile = join(RUNS_DIR, 'probe-e2e.json');
  const e2e = await runInPty({
    argv: [process.execPath, '--import', probeUrl(), BIN, '--data-dir', large.dataDir],
    cols: COLS,
    rows: ROWS,
    env: terminalEnv({ ANIDEX_BENCH_PROBE: e2eProbeFile }),
    marker: FRAME_MARKER,
    settleMs: 300,
    keys: { steps, gapMs },
    quit: ['\r', 'q'],
    timeoutMs: 30_000,
  });
  let e2eInProcess: number[] = [];
  let e2eCpuPerKey = NaN;
  try {
    const p = JSON.parse(readFileSync(e2eProbeFile, 'utf8')) as ProbeData;
    e2eInProcess = keyLatencies(steps, p, 0);
    e2eCpuPerKey = cpuPerKey(steps, p, 0);
  } catch {
    fail('end-to-end keys: no probe data');
  }
  for (const [name, r] of [
    ['in-process', keysDev],
    ['in-process production', keysProd],
  ] as const) {
    if (!r) continue;
    checkKeys(name, r.keyMs, steps.length);
    if (!r.quitOk) fail(`${name}: the app did not quit on q`);
  }
  checkKeys('end to end (pty)', e2e.keyMs, steps.length);
  checkKeys('end to end (in the process)', e2eInProcess, steps.length);

  // ---- report
  const after = machine();
  const m = before;
  const lines: string[] = [];
  const plain = of('plain');
  const first = plain.map((l) => l.res.firstFrameMs);
  const prod = of('production').map((l) => l.res.firstFrameMs);
  const big = of('large').map((l) => l.res.firstFrameMs);
  const hwm = (ls: LaunchRecord[]): number => max(ls.map((l) => l.res.hwmKB ?? NaN));
  const sel = (r: KeysResult | null, kind?: string): number[] =>
    r ? r.keyMs.filter((_, i) => !kind || r.steps[i]!.kind === kind) : [];
  const sDev = keysDev ? stats(keysDev.keyMs) : null;
  const sProd = keysProd ? stats(keysProd.keyMs) : null;
  const sFuse = keysDev ? stats(keysDev.appFuseMs) : null;
  const sRest = keysDev ? stats(keysDev.keyMs.map((x, i) => x - keysDev.appFuseMs[i]!)) : null;
  const sE2e = stats(e2e.keyMs);
  const sE2eIn = stats(e2eInProcess);

  lines.push('## anidex TUI benchmark', '');
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memGB} GB RAM, ${m.platform}, Node ${m.node}, ${m.date.slice(0, 10)} (${m.date}).`,
  );
  lines.push(`Load average (1/5/15 min) at start ${m.load.join(' / ')}, at end ${after.load.join(' / ')}.`);
  lines.push(
    `Code: ${git.rev}${git.dirty.length ? ` plus uncommitted changes in ${git.dirty.length} files under src/ and bin/` : ' (clean)'}.`,
  );
  const whText = (w: BenchWarehouse): string =>
    `${w.titles.toLocaleString('en-US')} titles (${w.matched} with synthetic anime metadata, ${w.unmatched} not anime, ${w.pending} pending), ` +
    `${w.plays.toLocaleString('en-US')} plays, warehouse file ${w.fileMB} MB`;
  lines.push(
    `Warehouses: ${whText(small)}; ${whText(large)}. Synthetic titles, imported offline; metadata written straight into the file.`,
    '',
  );

  lines.push(
    `| measure | ${small.titles.toLocaleString('en-US')} titles | ${large.titles.toLocaleString('en-US')} titles | target |`,
  );
  lines.push('|---|---:|---:|---|');
  lines.push(
    `| launch → first library frame, median / max (${runs} runs; ${big.length} at ${large.titles.toLocaleString('en-US')}) | ${fmtMs(median(first))} / ${fmtMs(max(first))} | ${fmtMs(median(big))} / ${fmtMs(max(big))} | ≤ ${TARGETS.firstFrameMs} ms at 5 000: ${median(first) <= TARGETS.firstFrameMs ? 'met' : '**not met**'} |`,
  );
  const uncached = of('probe').map((l) => l.res.firstFrameMs);
  lines.push(
    `| … first start after the warehouse changed (no cached first frame; probed runs) | ${fmtMs(median(uncached))} / ${fmtMs(max(uncached))} | — | — |`,
  );
  lines.push(`| the same with NODE_ENV=production (what-if) | ${fmtMs(median(prod))} / ${fmtMs(max(prod))} | — | — |`);
  const rssLarge = hwm(of('large')) / 1024;
  lines.push(
    `| peak RSS of the process (VmHWM, max over runs) | ${fmtMB(hwm(plain))} | ${fmtMB(hwm(of('large')))} | ≤ ${TARGETS.rssLargeMB} MB at ${large.titles.toLocaleString('en-US')}: ${rssLarge <= TARGETS.rssLargeMB ? 'met' : '**not met**'} |`,
  );
  lines.push(
    `| search keystroke, in-process, p50 / p95 / max (${sDev?.n ?? 0} keys) | — | ${kstat(sDev)} | p95 ≤ 16 ms: ${sDev && sDev.p95 <= TARGETS.keyP95Ms ? 'met' : '**not met**'} |`,
  );
  lines.push(
    `| … typing only / Backspace only, p95 | — | ${fmtMs(quantile(sel(keysDev, 'type'), 0.95), 1)} / ${fmtMs(quantile(sel(keysDev, 'backspace'), 0.95), 1)} | — |`,
  );
  lines.push(`| … of which inside fuse.js's search, p50 / p95 / max | — | ${kstat(sFuse)} | — |`);
  lines.push(
    `| … of which everything else (React, layout, Ink output, write), p50 / p95 / max | — | ${kstat(sRest)} | — |`,
  );
  lines.push(`| … with NODE_ENV=production (what-if) | — | ${kstat(sProd)} | — |`);
  lines.push(
    `| … CPU time per key (user + system, all of the process's threads), in-process / production | — | ${fmtMs(keysDev?.cpuPerKeyMs ?? NaN, 1)} / ${fmtMs(keysProd?.cpuPerKeyMs ?? NaN, 1)} | — |`,
  );
  lines.push(
    `| … the real program on a pty: key read → frame written | — | ${kstat(sE2eIn)} | p95 ≤ ${TARGETS.keyP95Ms} ms: ${sE2eIn.p95 <= TARGETS.keyP95Ms ? 'met' : '**not met**'} |`,
  );
  lines.push(`| … the real program on a pty: key into the pty → frame out of it | — | ${kstat(sE2e)} | — |`);
  lines.push(`| … the real program: CPU time per key (all of its threads) | — | ${fmtMs(e2eCpuPerKey, 1)} | — |`);
  lines.push('');

  const bds = of('probe')
    .map(breakdown)
    .filter((b): b is Breakdown => b !== null);
  const med = (f: (b: Breakdown) => number): string => fmtMs(median(bds.map(f)));
  lines.push(
    `Where the launch time goes without the cached first frame (${small.titles.toLocaleString('en-US')} titles, median of ${bds.length} probed runs):`,
    '',
  );
  lines.push('| stage | ms | what |', '|---|---:|---|');
  lines.push(
    `| pty + shell + stty + exec | ${med((b) => b.spawn)} | spawn to Node's start, and the frame's way out; the harness alone (printf) takes ${fmtMs(median(basePty), 1)}, a bare \`node\` ${fmtMs(median(baseNode), 1)} |`,
  );
  lines.push(`| Node start-up | ${med((b) => b.boot)} | to the first user code |`);
  lines.push(
    `| module loading, argument parsing | ${med((b) => b.modules)} | dist/cli.js and its packages (Ink, React, Yoga's WASM, sql.js, …) |`,
  );
  lines.push(`| warehouse file read | ${med((b) => b.read)} | readFileSync of ${small.fileMB} MB |`);
  lines.push(`| sql.js WASM instantiation | ${med((b) => b.wasm)} | |`);
  lines.push(
    `| open, library query, settings | ${med((b) => b.openQuery)} | from the read to Ink's start: sql.js deserializes the image, checks migrations, runs the library query (cold WASM) and the empty check; settings.json |`,
  );
  lines.push(
    `| first render | ${med((b) => b.render)} | Ink instance, React render (incl. the fuse.js index over every title), layout, write |`,
  );
  lines.push(
    `| total (in the process / as measured outside) | ${med((b) => b.inProcess)} / ${med((b) => b.total)} | |`,
  );
  lines.push('');
  lines.push(
    `Method: launch = \`node bin/anidex.js --data-dir <dir>\` started with \`script -qfec\` on a ${COLS}×${ROWS} pty, timed from spawn to "${FRAME_MARKER}" in the output ` +
      `(warm: one untimed launch first, so the file is in the page cache and the TUI has saved its first frame for the next start — the probed runs delete that cache to time the full path); RSS = VmHWM from /proc before sending q. ` +
      `Keystrokes = \`/\` then ${steps.length - 1} keys (15 queries typed and erased with Backspace) ${gapMs} ms apart, so Ink's 30 fps throttle draws each on its leading edge: ` +
      `from Ink reading the key off stdin to the end of the write of the frame showing it (React + fuse.js search + layout + Ink output + write), ` +
      `on the real renderer (\`runTui\` with process.stdout/stdin replaced by an in-memory TTY; the last row runs the real program on a pty). ` +
      `The bundle defines NODE_ENV=production, so React runs its production build either way (the what-if rows set it in the environment too).`,
  );
  lines.push(
    failures.length ? `\n**Runs failed (${failures.length}):**\n${failures.map((f) => `- ${f}`).join('\n')}` : '',
    `Benchmark wall time: ${((performance.now() - tStart) / 1000).toFixed(0)} s.`,
  );
  const markdown = lines.join('\n');
  process.stdout.write(`\n${markdown}\n`);
  writeFileSync(join(BENCH, 'tui-report.md'), `${markdown}\n`);
  writeFileSync(
    join(BENCH, 'tui-results.json'),
    JSON.stringify(
      {
        machine: { before, after },
        git,
        warehouses: { small, large },
        baselines: { pty: basePty, node: baseNode },
        launches,
        keys: {
          dev: keysDev,
          prod: keysProd,
          e2e: { pty: e2e.keyMs, inProcess: e2eInProcess, cpuPerKey: e2eCpuPerKey },
        },
        failures,
      },
      null,
      1,
    ),
  );
  log(`\nsaved ${join(BENCH, 'tui-report.md')} and ${join(BENCH, 'tui-results.json')}`);
  if (failures.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-tui failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
