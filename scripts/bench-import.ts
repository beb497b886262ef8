/**
 * Import benchmark: sql.js (the product path) against better-sqlite3 (same reader, same loader, native SQLite).
 *
 *   npm run bench:import -- [--runs 3] [--plays 100000] [--titles 3000] [--years 10] [--seed 1]
 *                           [--engines sqljs,native] [--mal 20000] [--only trakt|mal] [--keep]
 *
 * 1. Generates the synthetic export (scripts/gen-synthetic-export.ts) into .bench/ unless it is already there.
 * 2. For each scenario, each run and each engine, one child process (scripts/bench/import-once.ts):
 *    - cold:  import the export into a fresh, empty data dir (as of 2026-07-01);
 *    - warm:  re-import the same export into a copy of the cold result (as of 2026-07-02): must add 0 versions;
 *    - later: import the export of three months later into a copy of the cold result (as of 2026-10-01).
 *    Runs are interleaved (cold sql.js, cold native, cold sql.js, …) so drift hits both engines alike.
 * 3. MyAnimeList (`--mal <entries>`, default 20 000; `--mal 0` skips it; sql.js only): generates a synthetic MAL
 *    export (scripts/gen-synthetic-mal.ts, gzipped as MAL sends it) and an edited copy of it (~5 % of the entries
 *    with a changed score, status or watched-episode count, ~1 % removed) into .bench/ unless they are there, then
 *    per run one child process (scripts/bench/import-mal-once.ts) for each of
 *    - cold:  import the .xml.gz into a fresh data dir;
 *    - warm:  re-import it into a copy of the cold result: must be `identical` and add 0 versions;
 *    - later: import the edited copy into a copy of the cold result: must add exactly one version per changed or
 *             removed entry;
 *    and the reader's steps alone (--reader-only, 2 × runs + 1 processes), to show where the parse goes and
 *    compare it with a bare streaming scan of the same file.
 *    `--only mal` runs this part alone (`--only trakt` the Trakt part alone).
 * 4. Prints a Markdown report (medians; peak RSS is the max over runs) with the machine, its load average and
 *    the targets, and saves it with the raw results under .bench/.
 *
 * Exit status: 0 whether the targets are met or not (a benchmark, not a test); 1 only when a correctness check
 * fails (a warm re-import that adds versions, titles that differ between engines or from the generator, a MAL
 * later import that adds other versions than the edits made, a child process that crashes), so a broken import
 * cannot pass as a fast one.
 */

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  DEFAULT_SYNTHETIC,
  GENERATOR_VERSION,
  generateSyntheticExport,
  type GenerateResult,
} from './gen-synthetic-export.ts';
import {
  buildSyntheticMal,
  DEFAULT_SYNTHETIC_MAL,
  generateSyntheticMal,
  MAL_GENERATOR_VERSION,
  type SyntheticMalSummary,
} from './gen-synthetic-mal.ts';
import { hash32 } from './lib/rng.ts';
import { runReference, type ReferenceRun } from './bench/trakt-reference.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, '.bench');
const IMPORT_ONCE = join(ROOT, 'scripts', 'bench', 'import-once.ts');
const IMPORT_MAL_ONCE = join(ROOT, 'scripts', 'bench', 'import-mal-once.ts');

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
/** Issue #16: against the sqlite3 shell's reference load of the same export (scripts/bench/trakt-reference.ts). */
const REF_TARGETS = { cold: 2.5, warm: 1.5, rssMB: 300 };
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

function runChild<T = RunLine>(
  args: string[],
  script = IMPORT_ONCE,
): Promise<{ line: T | null; wallMs: number; stderr: string; code: number | null }> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const last = out.trim().split('\n').pop() ?? '';
      let line: T | null = null;
      try {
        line = last ? (JSON.parse(last) as T) : null;
      } catch {
        line = null;
      }
      done({ line: code === 0 ? line : null, wallMs, stderr: err, code });
    });
  });
}

function ensureExport(opts: typeof DEFAULT_SYNTHETIC): {
  dir: string;
  base: string;
  later: string;
  summary: GenerateResult;
} {
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
  if (r.counts.skipped !== 0)
    fail(`${where}: ${r.counts.skipped} records skipped (the synthetic export has none to skip)`);
  if (r.scenario === 'cold') {
    if (r.versionsBefore !== 0) fail(`${where}: the data dir was not empty (${r.versionsBefore} versions before)`);
    if (r.titles !== summary.base.titlesExpected)
      fail(`${where}: ${r.titles} titles, the generator wrote ${summary.base.titlesExpected}`);
    if (r.versionsAdded !== r.titles) fail(`${where}: ${r.versionsAdded} versions for ${r.titles} titles`);
  } else if (r.scenario === 'warm' || r.scenario === 'warm-full') {
    if (r.versionsAdded !== 0)
      fail(`${where}: a warm re-import of the same export added ${r.versionsAdded} versions (must add 0)`);
    if (r.counts.recordsNew !== 0)
      fail(`${where}: a warm re-import of the same export added ${r.counts.recordsNew} bronze records (must add 0)`);
  } else {
    const later = summary.later;
    if (later && r.titles !== later.titlesExpected)
      fail(`${where}: ${r.titles} current titles, the generator wrote ${later.titlesExpected}`);
    const c = r.counts;
    if (r.versionsAdded !== c.titlesNew + c.titlesChanged + c.titlesDeleted + c.titlesRestored) {
      fail(
        `${where}: ${r.versionsAdded} versions added but the run reports ${c.titlesNew} new + ${c.titlesChanged} changed + ${c.titlesDeleted} deleted`,
      );
    }
    if (c.titlesDeleted < 1) fail(`${where}: the title removed from the later export was not marked deleted`);
    if (c.titlesChanged < 1) fail(`${where}: no title changed in the later export`);
  }
}

/** 1/5/15-minute load averages when the benchmark started (other work on the machine moves the figures). */
const LOAD_AT_START = os.loadavg();

function machine(): {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  memGB: number;
  date: string;
  loadAtStart: number[];
  loadNow: number[];
} {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    memGB: Math.round(os.totalmem() / 1024 ** 3),
    date: new Date().toISOString(),
    loadAtStart: LOAD_AT_START.map((x) => Math.round(x * 100) / 100),
    loadNow: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function machineLine(m: ReturnType<typeof machine>): string {
  return (
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memGB} GB RAM, ${m.platform}, Node ${m.node}, ${m.date.slice(0, 10)} (${m.date}); ` +
    `load average (1/5/15 min) ${m.loadAtStart.join(' / ')} at the start of the benchmark, ${m.loadNow.join(' / ')} at this report.`
  );
}

const STAGE_ORDER = ['open', 'prepare', 'read', 'silver', 'gold', 'save', 'commit', 'snapshot', 'export', 'write'];
const STAGE_NOTE: Record<string, string> = {
  open: 'Warehouse.open: read + deserialize the image (native: openExport + open + migrate)',
  prepare:
    'openExport, lock, reload check, title count (sql.js); after an earlier import also the fingerprint of the files (read + SHA-1)',
  read: 'read files, JSON.parse, parse records, bronze sha1 + INSERT (the same files again: the watchlist only)',
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
  references: readonly ReferenceRun[],
  referenceSkipped: boolean,
): { markdown: string; targets: Array<{ name: string; value: string; met: boolean }> } {
  const m = machine();
  const cell = (engine: Engine, scenario: Scenario): RunRecord[] =>
    results.filter((r) => r.engine === engine && r.scenario === scenario);
  const med = (engine: Engine, scenario: Scenario, f: (r: RunRecord) => number): number =>
    median(cell(engine, scenario).map(f));
  const maxOf = (engine: Engine, scenario: Scenario, f: (r: RunRecord) => number): number =>
    Math.max(...cell(engine, scenario).map(f));
  const s = exp.summary;
  const lines: string[] = [];
  lines.push('## anidex import benchmark', '');
  lines.push(machineLine(m));
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
  lines.push(
    `Init outside \`ms\` (median): sql.js WASM instantiation ${init('sqljs')} ms; better-sqlite3 addon load ${init('native')} ms.`,
  );
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

  // Issue #16: against the sqlite3 shell loading the same export (load + play de-dup + per-title aggregate).
  if (referenceSkipped) {
    lines.push(
      'Reference (sqlite3 shell): **skipped**, no `sqlite3` on this machine; the ratios below cannot be measured here.',
      '',
    );
  } else if (references.length && engines.includes('sqljs')) {
    const ref = median(references.map((r) => r.ms));
    const wall = (sc: Scenario): number => med('sqljs', sc, (r) => r.wallMs);
    const rows: Array<[string, number, number, number]> = [
      ['cold import', cold, wall('cold'), REF_TARGETS.cold],
      ['warm (identical) re-import', warm, wall('warm'), REF_TARGETS.warm],
    ];
    lines.push(
      `Reference: the sqlite3 shell (${references[0]!.files} files → ${references[0]!.records.toLocaleString('en-US')} records loaded verbatim with json_each, ` +
        `${references[0]!.plays.toLocaleString('en-US')} plays after de-duplication, ${references[0]!.titles.toLocaleString('en-US')} titles aggregated; ` +
        `scripts/bench/trakt-reference.ts), ${references.length} runs interleaved with the imports: median ${fmtS(ref)} ` +
        `(${references.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s), peak RSS ${Math.max(...references.map((r) => r.maxRssMB ?? NaN))} MB.`,
      '',
    );
    lines.push(
      '| sql.js against the reference | import (open → return) | ÷ reference | whole process | ÷ reference | target |',
      '|---|---:|---:|---:|---:|---|',
    );
    for (const [name, ms, w, target] of rows) {
      const ratio = ms / ref;
      lines.push(
        `| ${name} | ${fmtS(ms)} | ${ratio.toFixed(2)} | ${fmtS(w)} | ${(w / ref).toFixed(2)} | ≤ ${target} × (import): ${ratio <= target ? 'met' : '**not met**'} |`,
      );
      targets.push({
        name: `${name} ≤ ${target} × the sqlite3 reference`,
        value: ratio.toFixed(2),
        met: ratio <= target,
      });
    }
    const rssAll = Math.max(
      ...results
        .filter((r) => r.engine === 'sqljs' && (r.scenario === 'cold' || r.scenario === 'warm'))
        .map((r) => r.maxRssMB),
    );
    lines.push(
      `| peak RSS, cold and warm | ${fmt1(rssAll)} MB | | | | ≤ ${REF_TARGETS.rssMB} MB: ${rssAll <= REF_TARGETS.rssMB ? 'met' : '**not met**'} |`,
      '',
    );
    targets.push({
      name: `peak RSS ≤ ${REF_TARGETS.rssMB} MB at 100 000 plays`,
      value: `${fmt1(rssAll)} MB`,
      met: rssAll <= REF_TARGETS.rssMB,
    });
  }

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
  lines.push('', `Trakt part wall time: ${(totalMs / 1000).toFixed(0)} s.`);
  return { markdown: lines.join('\n'), targets };
}

interface TraktPart {
  markdown: string;
  targets: Array<{ name: string; value: string; met: boolean }>;
  export: GenerateResult;
  results: RunRecord[];
}

async function runTrakt(
  opts: typeof DEFAULT_SYNTHETIC,
  engines: readonly Engine[],
  runs: number,
  keep: boolean,
): Promise<TraktPart> {
  const tStart = performance.now();
  const exp = ensureExport(opts);
  const runsDir = join(BENCH, 'runs');
  rmSync(runsDir, { recursive: true, force: true });
  mkdirSync(runsDir, { recursive: true });

  const baseDb: Partial<Record<Engine, string>> = {};
  const results: RunRecord[] = [];
  const references: ReferenceRun[] = [];
  let referenceSkipped = false;
  for (const scenario of SCENARIOS) {
    for (let run = 1; run <= runs; run++) {
      // The reference runs beside the cold and warm runs, so that the machine's load falls on both alike.
      if ((scenario === 'cold' || scenario === 'warm') && !referenceSkipped) {
        const ref = runReference(exp.base, join(runsDir, 'reference.sqlite'));
        if (ref === null) referenceSkipped = true;
        else {
          references.push(ref);
          log(
            `reference (sqlite3 shell) run ${references.length} ${fmtMs(ref.ms).padStart(7)} ms  rss ${ref.maxRssMB ?? '?'} MB  ${ref.plays} plays, ${ref.titles} titles`,
          );
        }
      }
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
        const res = await runChild([
          '--engine',
          engine,
          '--data-dir',
          dataDir,
          '--export',
          exportDir,
          '--as-of',
          AS_OF[scenario],
          ...full,
        ]);
        if (!res.line) {
          fail(
            `${ENGINE_LABEL[engine]} ${scenario} run ${run}: child exited with ${res.code}\n${res.stderr.trim().split('\n').slice(-15).join('\n')}`,
          );
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
          const keepFile = join(runsDir, `${engine}-cold-base.sqlite`);
          copyFileSync(join(dataDir, 'warehouse.sqlite'), keepFile);
          baseDb[engine] = keepFile;
        }
        if (!keep) rmSync(dataDir, { recursive: true, force: true });
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

  if (!keep) rmSync(runsDir, { recursive: true, force: true });
  const { markdown, targets } = report(
    results,
    engines,
    runs,
    exp,
    performance.now() - tStart,
    references,
    referenceSkipped,
  );
  return { markdown, targets, export: exp.summary, results };
}

// ---------------------------------------------------------------------------------------------------------------
// MyAnimeList

type MalScenario = 'cold' | 'warm' | 'later';
const MAL_SCENARIOS: readonly MalScenario[] = ['cold', 'warm', 'later'];
/** Issue #16's targets for the MAL import, and the reader-only steps they compare (scripts/bench/import-mal-once.ts). */
const MAL_TARGETS = { rssMB: 200, readerRatio: 2 };
const SCAN_STEP = 'bare streaming scan (stream + saxes, no handlers)';
const READER_STEP = 'readMalExport (stream + saxes + entries)';
const MAL_SCENARIO_LABEL: Record<MalScenario, string> = {
  cold: 'cold (empty warehouse)',
  warm: 'warm: the same export again',
  later: 'later: an edited export',
};
/** Bump when editMalExport changes, so the cached edited export is rebuilt. */
const MAL_EDIT_VERSION = 1;
/** Share of entries changed and removed in the later export, in thousandths. */
const MAL_REMOVE_PER_MILLE = 10;
const MAL_CHANGE_PER_MILLE = 50;

interface MalStageRow {
  ms: number;
  peakRssMB: number;
  rssMB: number;
  heapUsedMB: number;
}

interface MalRunLine {
  ms: number;
  initMs: number;
  openMs: number;
  maxRssMB: number;
  identical: boolean;
  titles: number;
  versions: number;
  versionsBefore: number;
  versionsAdded: number;
  counts: {
    records: number;
    recordsNew: number;
    skipped: number;
    titlesNew: number;
    titlesChanged: number;
    titlesUnchanged: number;
    titlesDeleted: number;
    titlesRestored: number;
  };
  notes: string[];
  stages: Record<string, MalStageRow>;
  dbFileMB: number | null;
}

interface MalRunRecord extends MalRunLine {
  scenario: MalScenario;
  run: number;
  wallMs: number;
}

interface MalReaderLine {
  chars: number;
  elements: number;
  ok: number;
  steps: Record<string, MalStageRow>;
  maxRssMB: number;
}

interface MalEdits {
  entries: number;
  removed: number;
  changed: number;
  score: number;
  status: number;
  episodes: number;
}

interface MalExportSummary {
  options: { entries: number; seed: number };
  base: SyntheticMalSummary;
  later: { path: string; bytes: number; xmlBytes: number; edits: MalEdits };
}

const STATUS_NEXT: Record<string, string> = {
  'Plan to Watch': 'Watching',
  Watching: 'Completed',
  Completed: 'Watching',
  'On-Hold': 'Watching',
  Dropped: 'Watching',
};
const TOTAL_ELEMENT: Record<string, string> = {
  Watching: 'user_total_watching',
  Completed: 'user_total_completed',
  'On-Hold': 'user_total_onhold',
  Dropped: 'user_total_dropped',
  'Plan to Watch': 'user_total_plantowatch',
};

/**
 * The same list some months later, edited as a person would: each entry is picked by a hash of its MAL id, ~1 %
 * removed and ~5 % changed in one tracked field (score, status or watched episodes, to a value that differs), so
 * each changed or removed entry must make exactly one new gold version. `<myinfo>` totals are recounted.
 */
function editMalExport(xml: string, seed: number): { xml: string; edits: MalEdits } {
  const first = xml.indexOf('\t\t\t\t<anime>\n');
  const end = xml.lastIndexOf('\t\t\t\t</anime>\n') + '\t\t\t\t</anime>\n'.length;
  if (first < 0 || end < first) throw new Error('the synthetic MAL export has no <anime> entries to edit');
  const blocks = xml.slice(first, end).split('\t\t\t\n');
  const edits: MalEdits = { entries: 0, removed: 0, changed: 0, score: 0, status: 0, episodes: 0 };
  const statuses = new Map<string, number>();
  const kept: string[] = [];
  const field = (block: string, name: string): string => {
    const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(block);
    if (!m) throw new Error(`an entry without <${name}>`);
    return m[1]!;
  };
  const setField = (block: string, name: string, value: string | number): string =>
    block.replace(new RegExp(`<${name}>[^<]*</${name}>`), `<${name}>${value}</${name}>`);
  for (let block of blocks) {
    const id = Number(field(block, 'series_animedb_id'));
    const h = hash32(`mal-later:${seed}:${id}`);
    const slot = h % 1000;
    if (slot < MAL_REMOVE_PER_MILLE) {
      edits.removed++;
      continue;
    }
    if (slot < MAL_REMOVE_PER_MILLE + MAL_CHANGE_PER_MILLE) {
      edits.changed++;
      const kind = (h >>> 10) % 3;
      if (kind === 0) {
        const score = Number(field(block, 'my_score'));
        block = setField(block, 'my_score', score === 0 ? 7 : (score % 10) + 1);
        edits.score++;
      } else if (kind === 1) {
        const next = STATUS_NEXT[field(block, 'my_status')];
        if (!next) throw new Error(`unknown status in entry ${id}`);
        block = setField(block, 'my_status', next);
        edits.status++;
      } else {
        block = setField(block, 'my_watched_episodes', Number(field(block, 'my_watched_episodes')) + 1);
        edits.episodes++;
      }
    }
    const status = field(block, 'my_status');
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    kept.push(block);
  }
  edits.entries = kept.length;
  let head = xml
    .slice(0, first)
    .replace(/<user_total_anime>\d+<\/user_total_anime>/, `<user_total_anime>${kept.length}</user_total_anime>`);
  for (const [status, el] of Object.entries(TOTAL_ELEMENT))
    head = head.replace(new RegExp(`<${el}>\\d+</${el}>`), `<${el}>${statuses.get(status) ?? 0}</${el}>`);
  return { xml: head + kept.join('\t\t\t\n') + xml.slice(end), edits };
}

function ensureMalExport(
  entries: number,
  seed: number,
): { dir: string; base: string; later: string; summary: MalExportSummary } {
  const dir = join(BENCH, `mal-v${MAL_GENERATOR_VERSION}-e${entries}-s${seed}-edit${MAL_EDIT_VERSION}`);
  const marker = join(dir, 'summary.json');
  const base = join(dir, 'animelist-base.xml.gz');
  const later = join(dir, 'animelist-later.xml.gz');
  if (existsSync(marker) && existsSync(base) && existsSync(later)) {
    log(`mal export: reusing ${dir}`);
    return { dir, base, later, summary: JSON.parse(readFileSync(marker, 'utf8')) as MalExportSummary };
  }
  log(`mal export: generating ${dir} …`);
  const t0 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const baseSummary = generateSyntheticMal(base, { entries, seed, gz: true });
  const { xml, edits } = editMalExport(buildSyntheticMal({ entries, seed }).xml, seed);
  const laterXml = Buffer.from(xml, 'utf8');
  const laterGz = gzipSync(laterXml, { level: 9 });
  writeFileSync(later, laterGz);
  const summary: MalExportSummary = {
    options: { entries, seed },
    base: baseSummary,
    later: { path: later, bytes: laterGz.length, xmlBytes: laterXml.length, edits },
  };
  writeFileSync(marker, JSON.stringify(summary, null, 2));
  log(`mal export: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, base, later, summary };
}

function checkMalRun(r: MalRunRecord, s: MalExportSummary): void {
  const where = `MAL ${r.scenario} run ${r.run}`;
  const n = s.base.entries;
  const c = r.counts;
  if (c.skipped !== 0) fail(`${where}: ${c.skipped} entries skipped (the synthetic export has none to skip)`);
  if (r.scenario === 'cold') {
    if (r.versionsBefore !== 0) fail(`${where}: the data dir was not empty (${r.versionsBefore} versions before)`);
    if (r.titles !== n) fail(`${where}: ${r.titles} titles, the generator wrote ${n} entries`);
    if (r.versionsAdded !== n || c.titlesNew !== n)
      fail(`${where}: +${r.versionsAdded} versions, ${c.titlesNew} new titles for ${n} entries`);
    if (c.recordsNew !== n) fail(`${where}: ${c.recordsNew} bronze records for ${n} entries`);
  } else if (r.scenario === 'warm') {
    if (!r.identical) fail(`${where}: a re-import of the same export was not recognized as identical`);
    if (r.versionsAdded !== 0)
      fail(`${where}: a warm re-import of the same export added ${r.versionsAdded} versions (must add 0)`);
    if (c.recordsNew !== 0)
      fail(`${where}: a warm re-import of the same export added ${c.recordsNew} bronze records (must add 0)`);
    if (r.titles !== n) fail(`${where}: ${r.titles} titles after a warm re-import, ${n} expected`);
  } else {
    const e = s.later.edits;
    if (r.identical) fail(`${where}: the edited export was taken as identical`);
    if (r.versionsAdded !== e.changed + e.removed) {
      fail(
        `${where}: +${r.versionsAdded} versions, the edit changed ${e.changed} and removed ${e.removed} entries (must add exactly ${e.changed + e.removed})`,
      );
    }
    if (c.titlesChanged !== e.changed)
      fail(`${where}: ${c.titlesChanged} titles changed, the edit changed ${e.changed}`);
    if (c.titlesDeleted !== e.removed)
      fail(`${where}: ${c.titlesDeleted} titles deleted, the edit removed ${e.removed}`);
    if (c.titlesNew !== 0 || c.titlesRestored !== 0)
      fail(`${where}: ${c.titlesNew} new / ${c.titlesRestored} restored titles, the edit added none`);
    if (r.titles !== e.entries)
      fail(`${where}: ${r.titles} current titles, the edited export has ${e.entries} entries`);
    if (c.recordsNew !== e.changed)
      fail(`${where}: ${c.recordsNew} new bronze records, the edit changed ${e.changed} entries`);
  }
}

interface MalPart {
  markdown: string;
  export: MalExportSummary;
  results: MalRunRecord[];
  reader: MalReaderLine[];
  flags: Array<{ name: string; value: string; met: boolean }>;
}

const MAL_STAGE_ORDER = [
  'open',
  'parse',
  'prepare',
  'bronze',
  'silver',
  'gold',
  'plan',
  'commit',
  'snapshot',
  'export',
  'write',
];
const MAL_STAGE_NOTE: Record<string, string> = {
  open: 'Warehouse.open: read + deserialize the image',
  parse: 'readMalExport (streamed: read, gunzip, decode, saxes, entries); then lock, reload check, title count',
  prepare: 'BEGIN, load-time check, run row',
  bronze: 'sha1 + INSERT of every entry, batch digest',
  silver: 'replace silver_mal_entries',
  gold: 'SCD2 plan + gold writes + title matches',
  plan: 'Plan to Watch entries into the plan, run row',
  commit: 'COMMIT',
  snapshot: 'copy of the previous warehouse file into snapshots/',
  export: 'db.export(): serialize the in-memory database',
  write: 'atomic write + fsync + rename',
};

function malReport(
  results: MalRunRecord[],
  reader: MalReaderLine[],
  runs: number,
  exp: MalExportSummary,
  failuresBefore: number,
  totalMs: number,
): Omit<MalPart, 'export' | 'results' | 'reader'> {
  const m = machine();
  const cell = (sc: MalScenario): MalRunRecord[] => results.filter((r) => r.scenario === sc);
  const med = (sc: MalScenario, f: (r: MalRunRecord) => number): number => median(cell(sc).map(f));
  const maxOf = (sc: MalScenario, f: (r: MalRunRecord) => number): number => Math.max(...cell(sc).map(f));
  const minOf = (sc: MalScenario, f: (r: MalRunRecord) => number): number => Math.min(...cell(sc).map(f));
  const n = exp.base.entries;
  const MiB = (b: number): string => `${(b / 1048576).toFixed(1)} MiB`;
  const KiB = (b: number): string => `${Math.round(b / 1024).toLocaleString('en-US')} KiB`;
  const st = exp.base.statuses;
  const e = exp.later.edits;
  const lines: string[] = [];
  lines.push(`### MyAnimeList (${n.toLocaleString('en-US').replace(/,/g, ' ')} entries)`, '');
  lines.push(machineLine(m));
  lines.push(
    `Export (scripts/gen-synthetic-mal.ts v${MAL_GENERATOR_VERSION}, seed ${exp.options.seed}): ${n.toLocaleString('en-US')} entries ` +
      `(${Object.entries(st)
        .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
        .join(', ')}), ` +
      `${KiB(exp.base.bytes)} as .xml.gz (imported), ${MiB(exp.base.xmlBytes)} as .xml.`,
  );
  lines.push(
    `Later export (as of three months later): the same list with ${e.changed} entries changed (${e.score} scores, ${e.status} statuses, ${e.episodes} watched-episode counts) ` +
      `and ${e.removed} removed, ${e.entries.toLocaleString('en-US')} entries, ${KiB(exp.later.bytes)} .xml.gz.`,
  );
  lines.push(
    `Method: sql.js (the product path, \`importMalExport\`), ${runs} run${runs === 1 ? '' : 's'} per row, each import in its own process, median shown; ` +
      `time = Warehouse.open + import (WASM init excluded); warm and later start from a copy of the cold result. ` +
      `Peak RSS = max over runs of \`process.resourceUsage().maxRSS\`.`,
    '',
  );
  lines.push('| import of the .xml.gz | time (median) | min–max | peak RSS | versions added | check |');
  lines.push('|---|---:|---:|---:|---:|---|');
  for (const sc of MAL_SCENARIOS) {
    if (!cell(sc).length) {
      lines.push(`| ${MAL_SCENARIO_LABEL[sc]} | n/a | | | | failed |`);
      continue;
    }
    const nf = (x: number): string => x.toLocaleString('en-US');
    const expected =
      sc === 'cold'
        ? `${nf(n)} new titles`
        : sc === 'warm'
          ? 'identical, 0 bronze records'
          : `${nf(e.changed)} changed + ${nf(e.removed)} removed`;
    const ok = !failures.slice(failuresBefore).some((f) => f.startsWith(`MAL ${sc} `));
    lines.push(
      `| ${MAL_SCENARIO_LABEL[sc]} | ${fmtS(med(sc, (r) => r.ms))} | ${(minOf(sc, (r) => r.ms) / 1000).toFixed(2)}–${fmtS(maxOf(sc, (r) => r.ms))} | ` +
        `${Math.round(maxOf(sc, (r) => r.maxRssMB))} MB | ${med(sc, (r) => r.versionsAdded).toLocaleString('en-US')} | ${ok ? `ok: ${expected}` : '**failed**'} |`,
    );
  }
  lines.push('');
  const initMs = median(results.map((r) => r.initMs));
  const coldFile = cell('cold')[0]?.dbFileMB;
  lines.push(
    `sql.js WASM instantiation outside the times (median): ${fmtMs(initMs)} ms. Warehouse file after the cold import: ${coldFile ?? '?'} MB.`,
    '',
  );

  const stageNames = MAL_STAGE_ORDER.filter((sn) => results.some((r) => r.stages[sn]));
  lines.push('Stage breakdown (median ms, and in brackets the running peak RSS MB at the end of the stage):', '');
  lines.push(`| stage | ${MAL_SCENARIOS.join(' | ')} | what |`);
  lines.push(`|---|${MAL_SCENARIOS.map(() => '---:').join('|')}|---|`);
  for (const sn of stageNames) {
    const cells = MAL_SCENARIOS.map((sc) => {
      const rs = cell(sc).filter((r) => r.stages[sn]);
      if (!rs.length) return '–';
      return `${fmtMs(median(rs.map((r) => r.stages[sn]!.ms)))} (${Math.round(median(rs.map((r) => r.stages[sn]!.peakRssMB)))})`;
    });
    lines.push(`| ${sn} | ${cells.join(' | ')} | ${MAL_STAGE_NOTE[sn] ?? ''} |`);
  }
  lines.push('');
  if (reader.length) {
    const names = Object.keys(reader[0]!.steps);
    lines.push(
      `The reader alone (\`--reader-only\`, the same steps as readMalExport, ${reader.length} runs, median ms, running peak RSS MB at the end of the step): ` +
        names
          .map(
            (nm) =>
              `${nm} ${fmtMs(median(reader.map((r) => r.steps[nm]?.ms ?? NaN)))} (${Math.round(median(reader.map((r) => r.steps[nm]?.peakRssMB ?? NaN)))})`,
          )
          .join('; ') +
        `; ${reader[0]!.chars.toLocaleString('en-US')} characters of text.`,
      '',
    );
  }
  const cold = med('cold', (r) => r.ms);
  const rss = Math.max(...results.map((r) => r.maxRssMB));
  const flags = [
    { name: 'cold import ≤ 5 s (the Trakt target, for reference)', value: fmtS(cold), met: cold <= TARGETS.coldMs },
    { name: 'peak RSS ≤ 500 MB (all MAL runs)', value: `${fmt1(rss)} MB`, met: rss <= TARGETS.rssMB },
    {
      name: `peak RSS ≤ ${MAL_TARGETS.rssMB} MB (issue #16; all MAL runs)`,
      value: `${fmt1(rss)} MB`,
      met: rss <= MAL_TARGETS.rssMB,
    },
  ];
  if (reader.length) {
    // Issue #16: the reader against a bare streaming scan of the same file, each run in one process (same load).
    const ratios = reader.map((r) => (r.steps[READER_STEP]?.ms ?? NaN) / (r.steps[SCAN_STEP]?.ms ?? NaN));
    const ratio = median(ratios);
    flags.push({
      name: `readMalExport ≤ ${MAL_TARGETS.readerRatio} × a bare streaming scan (median of ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
      value: `${fmtMs(median(reader.map((r) => r.steps[READER_STEP]?.ms ?? NaN)))} ms ÷ ${fmtMs(median(reader.map((r) => r.steps[SCAN_STEP]?.ms ?? NaN)))} ms = ${ratio.toFixed(2)}`,
      met: ratio <= MAL_TARGETS.readerRatio,
    });
    const wholeRatio = cold / median(reader.map((r) => r.steps[SCAN_STEP]?.ms ?? NaN));
    flags.push({
      name: 'the whole cold import ÷ that scan (for scale: the warehouse stages are most of it)',
      value: wholeRatio.toFixed(2),
      met: wholeRatio <= MAL_TARGETS.readerRatio,
    });
  }
  lines.push('| reference | measured | |', '|---|---:|---|');
  for (const t of flags) lines.push(`| ${t.name} | ${t.value} | ${t.met ? 'met' : '**not met**'} |`);
  lines.push('');
  const malFailures = failures.slice(failuresBefore);
  lines.push(
    malFailures.length
      ? `**MAL correctness checks failed (${malFailures.length}):**\n${malFailures.map((f) => `- ${f}`).join('\n')}`
      : `MAL correctness checks: all passed (cold: ${n} titles and versions; warm: identical, +0 versions, +0 bronze records; ` +
          `later: exactly ${e.changed} changed + ${e.removed} deleted titles, +${e.changed + e.removed} versions).`,
  );
  lines.push('', `MAL part wall time: ${(totalMs / 1000).toFixed(0)} s.`);
  return { markdown: lines.join('\n'), flags };
}

async function runMal(entries: number, seed: number, runs: number, keep: boolean): Promise<MalPart> {
  const tStart = performance.now();
  const failuresBefore = failures.length;
  const exp = ensureMalExport(entries, seed);
  const runsDir = join(BENCH, 'runs-mal');
  rmSync(runsDir, { recursive: true, force: true });
  mkdirSync(runsDir, { recursive: true });
  let baseDb: string | null = null;
  const results: MalRunRecord[] = [];
  for (const scenario of MAL_SCENARIOS) {
    for (let run = 1; run <= runs; run++) {
      const dataDir = join(runsDir, `${scenario}-${run}`);
      mkdirSync(dataDir, { recursive: true });
      if (scenario !== 'cold') {
        if (!baseDb) {
          fail(`MAL ${scenario} run ${run}: no cold result to start from`);
          continue;
        }
        copyFileSync(baseDb, join(dataDir, 'warehouse.sqlite'));
      }
      const file = scenario === 'later' ? exp.later : exp.base;
      const res = await runChild<MalRunLine>(
        ['--data-dir', dataDir, '--export', file, '--as-of', AS_OF[scenario]],
        IMPORT_MAL_ONCE,
      );
      if (!res.line) {
        fail(
          `MAL ${scenario} run ${run}: child exited with ${res.code}\n${res.stderr.trim().split('\n').slice(-15).join('\n')}`,
        );
        continue;
      }
      const rec: MalRunRecord = { ...res.line, scenario, run, wallMs: Math.round(res.wallMs) };
      results.push(rec);
      checkMalRun(rec, exp.summary);
      log(
        `mal ${scenario.padEnd(5)} run ${run} ${fmtMs(rec.ms).padStart(7)} ms  rss ${fmt1(rec.maxRssMB).padStart(6)} MB  ` +
          `+${rec.versionsAdded} versions${rec.identical ? ' (identical)' : ''}  (process ${fmtMs(rec.wallMs)} ms)`,
      );
      if (scenario === 'cold' && !baseDb) {
        baseDb = join(runsDir, 'cold-base.sqlite');
        copyFileSync(join(dataDir, 'warehouse.sqlite'), baseDb);
      }
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const reader: MalReaderLine[] = [];
  // 2 × runs + 1 fresh processes (about 2 s each): one scan/reader pair swings by 2× with the load of the shared
  // cores, so the ratio's median needs more pairs than the imports do.
  for (let run = 1; run <= 2 * runs + 1; run++) {
    const res = await runChild<MalReaderLine>(['--reader-only', '--export', exp.base], IMPORT_MAL_ONCE);
    if (!res.line) {
      fail(
        `MAL reader-only run ${run}: child exited with ${res.code}\n${res.stderr.trim().split('\n').slice(-15).join('\n')}`,
      );
      continue;
    }
    if (res.line.ok !== entries) fail(`MAL reader-only run ${run}: ${res.line.ok} entries parsed, ${entries} expected`);
    reader.push(res.line);
    log(
      `mal reader-only run ${run} ${Object.entries(res.line.steps)
        .map(([k, v]) => `${k} ${fmtMs(v.ms)}`)
        .join(', ')}; rss ${fmt1(res.line.maxRssMB)} MB`,
    );
  }
  if (!keep) rmSync(runsDir, { recursive: true, force: true });
  const { markdown, flags } = malReport(results, reader, runs, exp.summary, failuresBefore, performance.now() - tStart);
  return { markdown, export: exp.summary, results, reader, flags };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      plays: { type: 'string', default: String(DEFAULT_SYNTHETIC.plays) },
      titles: { type: 'string', default: String(DEFAULT_SYNTHETIC.titles) },
      years: { type: 'string', default: String(DEFAULT_SYNTHETIC.years) },
      seed: { type: 'string', default: String(DEFAULT_SYNTHETIC.seed) },
      engines: { type: 'string', default: 'sqljs,native' },
      mal: { type: 'string', default: String(DEFAULT_SYNTHETIC_MAL.entries) },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const engines = values.engines.split(',').map((e) => e.trim()) as Engine[];
  if (!engines.length || engines.some((e) => e !== 'sqljs' && e !== 'native'))
    throw new Error(`--engines: sqljs and/or native, not ${values.engines}`);
  const opts = {
    plays: Number(values.plays),
    titles: Number(values.titles),
    years: Number(values.years),
    seed: Number(values.seed),
  };
  const malEntries = Number(values.mal);
  if (!Number.isInteger(malEntries) || malEntries < 0)
    throw new Error(`--mal: a number of entries (0 skips the MAL part), not ${values.mal}`);
  const only = values.only;
  if (only !== undefined && only !== 'trakt' && only !== 'mal') throw new Error(`--only: trakt or mal, not ${only}`);
  if (only === 'mal' && malEntries === 0) throw new Error('--only mal with --mal 0 leaves nothing to run');

  mkdirSync(BENCH, { recursive: true });
  const trakt = only === 'mal' ? null : await runTrakt(opts, engines, runs, values.keep);
  const mal = only === 'trakt' || malEntries === 0 ? null : await runMal(malEntries, opts.seed, runs, values.keep);

  const markdown = [trakt?.markdown, mal?.markdown].filter((x) => x !== undefined).join('\n\n');
  process.stdout.write(`\n${markdown}\n`);
  writeFileSync(join(BENCH, 'report.md'), `${markdown}\n`);
  writeFileSync(
    join(BENCH, 'results.json'),
    JSON.stringify(
      {
        machine: machine(),
        export: trakt?.export ?? null,
        targets: trakt?.targets ?? null,
        failures,
        results: trakt?.results ?? null,
        mal: mal ? { export: mal.export, flags: mal.flags, results: mal.results, reader: mal.reader } : null,
      },
      null,
      2,
    ),
  );
  log(`\nsaved ${join(BENCH, 'report.md')} and ${join(BENCH, 'results.json')}`);
  if (failures.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-import failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
