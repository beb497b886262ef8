/**
 * Import benchmark: sql.js (the product path) against better-sqlite3 (same reader, same loader, native SQLite).
 *
 *   npm run bench:import -- [--runs 3] [--plays 100000] [--titles 3000] [--years 10] [--seed 1]
 *                           [--engines sqljs,native] [--keep]
 *
 * 1. Generates the synthetic export (scripts/gen-synthetic-export.ts) into .bench/ unless it is already there.
 * 2. For each scenario, each run and each engine, one child process (scripts/bench/import-once.ts):
 *    - cold:  import the export into a fresh, empty data dir (as of 2026-07-01);
 *    - warm:  re-import the same export into a copy of the cold result (as of 2026-07-02): must add 0 versions;
 *    - later: import the export of three months later into a copy of the cold result (as of 2026-10-01).
 *    Runs are interleaved (cold sql.js, cold native, cold sql.js, …) so drift hits both engines alike.
 * 3. Prints a Markdown report (medians; peak RSS is the max over runs) with the machine and the targets, and
 *    saves it with the raw results under .bench/.
 *
 * Exit status: 0 whether the targets are met or not (a benchmark, not a test); 1 only when a correctness check
 * fails (a warm re-import that adds versions, titles that differ between engines or from the generator, a child
 * process that crashes), so a broken import cannot pass as a fast one.
 */

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SYNTHETIC, GENERATOR_VERSION, generateSyntheticExport, type GenerateResult } from './gen-synthetic-export.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, '.bench');
const IMPORT_ONCE = join(ROOT, 'scripts', 'bench', 'import-once.ts');

type Engine = 'sqljs' | 'native';
type Scenario = 'cold' | 'warm' | 'warm-full' | 'later';
const SCENARIOS: readonly Scenario[] = ['cold', 'warm', 'warm-full', 'later'];
const SCENARIO_LABEL: Record<Scenario, string> = {
  cold: 'cold',
  warm: 'warm (identical export)',
  'warm-full': 'warm, full rebuild (shortcut off)',
  later: 'later (changes)',
};
const AS_OF: Record<Scenario, string> = {
  cold: '2026-07-01T00:00:00.000Z',
  warm: '2026-07-02T00:00:00.000Z',
  'warm-full': '2026-07-02T00:00:00.000Z',
  later: '2026-10-01T00:00:00.000Z',
};
const ENGINE_LABEL: Record<Engine, string> = { sqljs: 'sql.js', native: 'native' };

const TARGETS = { coldMs: 5_000, warmMs: 3_000, rssMB: 500, ratio: 2.5 };
const CHILD_TIMEOUT_MS = 180_000;

interface StageRow {
  ms: number;
  peakRssMB: number;
  rssMB: number;
  heapUsedMB: number;
}

interface RunLine {
  engine: Engine;
  ms: number;
  initMs: number;
  openMs: number;
  maxRssMB: number;
  titles: number;
  versions: number;
  versionsBefore: number;
  versionsAdded: number;
  counts: {
    files: number;
    records: number;
    recordsNew: number;
    skipped: number;
    duplicatePlays: number;
    titlesNew: number;
    titlesChanged: number;
    titlesUnchanged: number;
    titlesDeleted: number;
    titlesRestored: number;
  };
  stages: Record<string, StageRow>;
  dbFileMB: number | null;
}

interface RunRecord extends RunLine {
  scenario: Scenario;
  run: number;
  wallMs: number;
}

const failures: string[] = [];
function fail(msg: string): void {
  failures.push(msg);
  process.stderr.write(`\n✗ CHECK FAILED: ${msg}\n\n`);
}

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const fmtMs = (ms: number): string => (Number.isFinite(ms) ? Math.round(ms).toLocaleString('en-US') : 'n/a');
const fmtS = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const fmt1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

function runChild(args: string[]): Promise<{ line: RunLine | null; wallMs: number; stderr: string; code: number | null }> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', IMPORT_ONCE, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const last = out.trim().split('\n').pop() ?? '';
      let line: RunLine | null = null;
      try {
        line = last ? (JSON.parse(last) as RunLine) : null;
      } catch {
        line = null;
      }
      done({ line: code === 0 ? line : null, wallMs, stderr: err, code });
    });
  });
}

function ensureExport(opts: typeof DEFAULT_SYNTHETIC): { dir: string; base: string; later: string; summary: GenerateResult } {
  const dir = join(BENCH, `export-v${GENERATOR_VERSION}-p${opts.plays}-t${opts.titles}-y${opts.years}-s${opts.seed}`);
  const marker = join(dir, 'summary.json');
  const base = join(dir, 'base');
  const later = join(dir, 'later');
  if (existsSync(marker) && existsSync(base) && existsSync(later)) {
    log(`export: reusing ${dir}`);
    return { dir, base, later, summary: JSON.parse(readFileSync(marker, 'utf8')) as GenerateResult };
  }
  log(`export: generating ${dir} …`);
  const t0 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const summary = generateSyntheticExport(base, opts, later);
  writeFileSync(marker, JSON.stringify(summary, null, 2));
  log(`export: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, base, later, summary };
}

function checkRun(r: RunRecord, summary: GenerateResult): void {
  const where = `${ENGINE_LABEL[r.engine]} ${r.scenario} run ${r.run}`;
  if (r.counts.skipped !== 0) fail(`${where}: ${r.counts.skipped} records skipped (the synthetic export has none to skip)`);
  if (r.scenario === 'cold') {
    if (r.versionsBefore !== 0) fail(`${where}: the data dir was not empty (${r.versionsBefore} versions before)`);
    if (r.titles !== summary.base.titlesExpected) fail(`${where}: ${r.titles} titles, the generator wrote ${summary.base.titlesExpected}`);
    if (r.versionsAdded !== r.titles) fail(`${where}: ${r.versionsAdded} versions for ${r.titles} titles`);
  } else if (r.scenario === 'warm' || r.scenario === 'warm-full') {
    if (r.versionsAdded !== 0) fail(`${where}: a warm re-import of the same export added ${r.versionsAdded} versions (must add 0)`);
    if (r.counts.recordsNew !== 0) fail(`${where}: a warm re-import of the same export added ${r.counts.recordsNew} bronze records (must add 0)`);
  } else {
    const later = summary.later;
    if (later && r.titles !== later.titlesExpected) fail(`${where}: ${r.titles} current titles, the generator wrote ${later.titlesExpected}`);
    const c = r.counts;
    if (r.versionsAdded !== c.titlesNew + c.titlesChanged + c.titlesDeleted + c.titlesRestored) {
      fail(`${where}: ${r.versionsAdded} versions added but the run reports ${c.titlesNew} new + ${c.titlesChanged} changed + ${c.titlesDeleted} deleted`);
    }
    if (c.titlesDeleted < 1) fail(`${where}: the title removed from the later export was not marked deleted`);
    if (c.titlesChanged < 1) fail(`${where}: no title changed in the later export`);
  }
}

function machine(): { cpu: string; cores: number; node: string; platform: string; memGB: number; date: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    memGB: Math.round(os.totalmem() / 1024 ** 3),
    date: new Date().toISOString(),
  };
}

const STAGE_ORDER = ['open', 'prepare', 'read', 'silver', 'gold', 'save', 'commit', 'snapshot', 'export', 'write'];
const STAGE_NOTE: Record<string, string> = {
  open: 'Warehouse.open: read + deserialize the image (native: openExport + open + migrate)',
  prepare: 'openExport, lock, reload check, title count (sql.js)',
  read: 'read files, JSON.parse, parse records, bronze sha1 + INSERT',
  silver: 'dedupe, aggregate, replace silver tables',
  gold: 'SCD2 plan + gold writes',
  save: '(event only)',
  commit: 'COMMIT',
  snapshot: 'copy of the previous warehouse file into snapshots/',
  export: 'db.export(): serialize the in-memory database',
  write: 'atomic write + fsync + rename',
};

function report(
  results: RunRecord[],
  engines: readonly Engine[],
  runs: number,
  exp: { dir: string; summary: GenerateResult },
  totalMs: number,
): { markdown: string; targets: Array<{ name: string; value: string; met: boolean }> } {
  const m = machine();
  const cell = (engine: Engine, scenario: Scenario): RunRecord[] => results.filter((r) => r.engine === engine && r.scenario === scenario);
  const med = (engine: Engine, scenario: Scenario, f: (r: RunRecord) => number): number => median(cell(engine, scenario).map(f));
  const maxOf = (engine: Engine, scenario: Scenario, f: (r: RunRecord) => number): number => Math.max(...cell(engine, scenario).map(f));
  const s = exp.summary;
  const lines: string[] = [];
  lines.push('## anidex import benchmark', '');
  lines.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memGB} GB RAM, ${m.platform}, Node ${m.node}, ${m.date.slice(0, 10)} (${m.date})`);
  lines.push(
    `Export (synthetic, seed ${s.options.seed}): ${s.base.plays.toLocaleString('en-US')} plays in ${s.base.historyRecords.toLocaleString('en-US')} history records, ` +
      `${s.base.titlesExpected.toLocaleString('en-US')} titles (${s.base.shows} shows, ${s.base.movies} films), ${s.base.files} files, ` +
      `${(s.base.bytes / 1048576).toFixed(1)} MiB, ${(s.base.idsFirstShare * 100).toFixed(0)} % ids-first records.`,
  );
  if (s.later) {
    const c = s.later.changes;
    lines.push(
      `Later export: +${c.newPlays.toLocaleString('en-US')} plays, ${c.newTitles} new titles, ${c.ratingsChanged} ratings changed, ` +
        `${c.airedChanged} airing shows with new episodes, 1 title removed; ${(s.later.bytes / 1048576).toFixed(1)} MiB.`,
    );
  }
  lines.push(
    `Method: ${runs} runs per cell, each import in its own process, median shown; \`ms\` = Warehouse.open + import (WASM/addon init excluded, shown below). ` +
      `Warm and later start from a copy of the cold result. Peak RSS = max over runs of \`process.resourceUsage().maxRSS\`.`,
    '',
  );

  const hasBoth = engines.includes('sqljs') && engines.includes('native');
  lines.push('| | sql.js ms | native ms | ratio sql.js÷native | peak RSS MB (sql.js) | peak RSS MB (native) |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  const ratios: number[] = [];
  for (const sc of SCENARIOS) {
    const a = med('sqljs', sc, (r) => r.ms);
    const b = med('native', sc, (r) => r.ms);
    const ratio = hasBoth ? a / b : NaN;
    if (Number.isFinite(ratio)) ratios.push(ratio);
    lines.push(
      `| ${SCENARIO_LABEL[sc]} | ${fmtMs(a)} | ${fmtMs(b)} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'} | ${fmt1(maxOf('sqljs', sc, (r) => r.maxRssMB))} | ${fmt1(maxOf('native', sc, (r) => r.maxRssMB))} |`,
    );
  }
  lines.push('');
  const init = (e: Engine): string => fmtMs(median(results.filter((r) => r.engine === e).map((r) => r.initMs)));
  lines.push(`Init outside \`ms\` (median): sql.js WASM instantiation ${init('sqljs')} ms; better-sqlite3 addon load ${init('native')} ms.`);
  const spread = SCENARIOS.map((sc) => {
    const xs = cell('sqljs', sc).map((r) => r.ms);
    return `${sc} ${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))}`;
  }).join(', ');
  lines.push(`sql.js spread (min–max ms): ${spread}.`, '');

  const cold = med('sqljs', 'cold', (r) => r.ms);
  const warm = med('sqljs', 'warm', (r) => r.ms);
  const rss = Math.max(...results.filter((r) => r.engine === 'sqljs').map((r) => r.maxRssMB));
  const worstRatio = ratios.length ? Math.max(...ratios) : NaN;
  const targets = [
    { name: 'cold import ≤ 5 s (sql.js)', value: fmtS(cold), met: cold <= TARGETS.coldMs },
    { name: 'warm re-import ≤ 3 s (sql.js)', value: fmtS(warm), met: warm <= TARGETS.warmMs },
    { name: 'peak RSS ≤ 500 MB (sql.js, all runs)', value: `${fmt1(rss)} MB`, met: rss <= TARGETS.rssMB },
    {
      name: 'ratio sql.js÷native ≤ 2.5 (worst row)',
      value: Number.isFinite(worstRatio) ? ratios.map((x) => x.toFixed(2)).join(' / ') : 'n/a',
      met: worstRatio <= TARGETS.ratio,
    },
  ];
  lines.push('| target | measured | |', '|---|---:|---|');
  for (const t of targets) lines.push(`| ${t.name} | ${t.value} | ${t.met ? 'met' : '**not met**'} |`);
  lines.push('');

  // Stage breakdown: medians per stage, with the running peak RSS at the stage's end (sql.js).
  const stageNames = STAGE_ORDER.filter((st) => results.some((r) => r.stages[st]));
  const cols = SCENARIOS.flatMap((sc) => engines.map((e) => [sc, e] as const));
  lines.push('Stage breakdown (median ms; for sql.js also the running peak RSS MB at the end of the stage):', '');
  lines.push(`| stage | ${cols.map(([sc, e]) => `${sc} ${ENGINE_LABEL[e]}`).join(' | ')} | what |`);
  lines.push(`|---|${cols.map(() => '---:').join('|')}|---|`);
  for (const st of stageNames) {
    const cells = cols.map(([sc, e]) => {
      const rs = cell(e, sc).filter((r) => r.stages[st]);
      if (!rs.length) return '–';
      const ms = median(rs.map((r) => r.stages[st]!.ms));
      return e === 'sqljs' ? `${fmtMs(ms)} (${Math.round(median(rs.map((r) => r.stages[st]!.peakRssMB)))})` : fmtMs(ms);
    });
    lines.push(`| ${st} | ${cells.join(' | ')} | ${STAGE_NOTE[st] ?? ''} |`);
  }
  lines.push('');
  const counts = (sc: Scenario): string => {
    const r = cell('sqljs', sc)[0] ?? cell('native', sc)[0];
    if (!r) return `${sc}: n/a`;
    const c = r.counts;
    return (
      `${sc}: ${c.records.toLocaleString('en-US')} records (${c.recordsNew.toLocaleString('en-US')} new to bronze, ${c.duplicatePlays} duplicate plays), ` +
      `titles ${c.titlesNew} new / ${c.titlesChanged} changed / ${c.titlesUnchanged} unchanged / ${c.titlesDeleted} deleted, ` +
      `+${r.versionsAdded} versions (${r.versions} total), warehouse file ${r.dbFileMB ?? '?'} MB`
    );
  };
  lines.push(`What each import did: ${SCENARIOS.map(counts).join('; ')}.`, '');
  lines.push(
    failures.length
      ? `**Correctness checks failed (${failures.length}):**\n${failures.map((f) => `- ${f}`).join('\n')}`
      : 'Correctness checks: all passed (warm re-imports added 0 versions and 0 bronze records; titles match the generator; both engines agree).',
  );
  lines.push('', `Benchmark wall time: ${(totalMs / 1000).toFixed(0)} s.`);
  return { markdown: lines.join('\n'), targets };
}

async function main(): Promise<void> {
  const tStart = performance.now();
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      plays: { type: 'string', default: String(DEFAULT_SYNTHETIC.plays) },
      titles: { type: 'string', default: String(DEFAULT_SYNTHETIC.titles) },
      years: { type: 'string', default: String(DEFAULT_SYNTHETIC.years) },
      seed: { type: 'string', default: String(DEFAULT_SYNTHETIC.seed) },
      engines: { type: 'string', default: 'sqljs,native' },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const engines = values.engines.split(',').map((e) => e.trim()) as Engine[];
  if (!engines.length || engines.some((e) => e !== 'sqljs' && e !== 'native')) throw new Error(`--engines: sqljs and/or native, not ${values.engines}`);
  const opts = { plays: Number(values.plays), titles: Number(values.titles), years: Number(values.years), seed: Number(values.seed) };

  mkdirSync(BENCH, { recursive: true });
  const exp = ensureExport(opts);
  const runsDir = join(BENCH, 'runs');
  rmSync(runsDir, { recursive: true, force: true });
  mkdirSync(runsDir, { recursive: true });

  const baseDb: Partial<Record<Engine, string>> = {};
  const results: RunRecord[] = [];
  for (const scenario of SCENARIOS) {
    for (let run = 1; run <= runs; run++) {
      for (const engine of engines) {
        const dataDir = join(runsDir, `${engine}-${scenario}-${run}`);
        mkdirSync(dataDir, { recursive: true });
        if (scenario !== 'cold') {
          const src = baseDb[engine];
          if (!src) {
            fail(`${ENGINE_LABEL[engine]} ${scenario} run ${run}: no cold result to start from`);
            continue;
          }
          copyFileSync(src, join(dataDir, 'warehouse.sqlite'));
        }
        const exportDir = scenario === 'later' ? exp.later : exp.base;
        const full = scenario === 'warm-full' ? ['--full-reload'] : [];
        const res = await runChild(['--engine', engine, '--data-dir', dataDir, '--export', exportDir, '--as-of', AS_OF[scenario], ...full]);
        if (!res.line) {
          fail(`${ENGINE_LABEL[engine]} ${scenario} run ${run}: child exited with ${res.code}\n${res.stderr.trim().split('\n').slice(-15).join('\n')}`);
          continue;
        }
        const rec: RunRecord = { ...res.line, scenario, run, wallMs: Math.round(res.wallMs) };
        results.push(rec);
        checkRun(rec, exp.summary);
        log(
          `${scenario.padEnd(5)} run ${run} ${ENGINE_LABEL[engine].padEnd(6)} ${fmtMs(rec.ms).padStart(7)} ms  ` +
            `rss ${fmt1(rec.maxRssMB).padStart(6)} MB  +${rec.versionsAdded} versions  (process ${fmtMs(rec.wallMs)} ms)`,
        );
        if (scenario === 'cold' && !baseDb[engine]) {
          const keep = join(runsDir, `${engine}-cold-base.sqlite`);
          copyFileSync(join(dataDir, 'warehouse.sqlite'), keep);
          baseDb[engine] = keep;
        }
        if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }

  // Both engines ran the same loader on the same data: they must agree.
  if (engines.length === 2) {
    for (const sc of SCENARIOS) {
      const a = results.find((r) => r.engine === 'sqljs' && r.scenario === sc);
      const b = results.find((r) => r.engine === 'native' && r.scenario === sc);
      if (a && b && (a.titles !== b.titles || a.versions !== b.versions)) {
        fail(`${sc}: sql.js has ${a.titles} titles / ${a.versions} versions, native ${b.titles} / ${b.versions}`);
      }
    }
  }

  if (!values.keep) rmSync(runsDir, { recursive: true, force: true });
  const { markdown, targets } = report(results, engines, runs, exp, performance.now() - tStart);
  process.stdout.write(`\n${markdown}\n`);
  writeFileSync(join(BENCH, 'report.md'), `${markdown}\n`);
  writeFileSync(join(BENCH, 'results.json'), JSON.stringify({ machine: machine(), export: exp.summary, targets, failures, results }, null, 2));
  log(`\nsaved ${join(BENCH, 'report.md')} and ${join(BENCH, 'results.json')}`);
  if (failures.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-import failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
