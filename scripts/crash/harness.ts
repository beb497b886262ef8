// The crash harness: real anidex processes killed with SIGKILL at random moments while they import and save,
// and after every kill the checks of issue #7 (see scripts/crash-test.ts for the command line).
//
// How "before or after" is known exactly: every operation starts from a fixed base data dir (copied afresh for
// each kill), and is first run uninterrupted on copies of that base. One of those runs has every save recorded
// (scripts/crash/record-saves.mjs), which gives the chain of states a kill may leave: the base, then each commit
// (an import saves, then its enrichment saves), ending in "after". The others time the operation; kill moments are
// uniform over [0, median time]. Digests leave out wall-clock columns only (imports pass --as-of), and the setup
// refuses to start if two uninterrupted runs of one operation disagree.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, hash32 } from '../lib/rng.ts';
import { generateSyntheticExport } from '../gen-synthetic-export.ts';
import { Warehouse } from '../../src/warehouse/store.ts';
import { listSnapshots } from '../../src/warehouse/snapshots.ts';
import { markDemo } from '../../src/warehouse/demo-mark.ts';
import { inspectWarehouse, leftovers, type Inspection } from './inspect.ts';
import { startAccountFakes, type AccountFakes } from './account-fakes.ts';
import { freezeApp, lastLine, RECORDER, ROOT, runAnidex, startAnidex, isolatedEnv } from './proc.ts';

export const SAMPLE_1 = join(ROOT, 'data/sample/trakt-2026-05-01');
export const SAMPLE_2 = join(ROOT, 'data/sample/trakt-2026-08-15.zip');
export const MAL_EXPORT = join(ROOT, 'test/fixtures/mal/animelist_1734298612_-_16433979.xml');

export const OP_NAMES = [
  'import-sample-cold',
  'import-sample-zip',
  'import-mal',
  'import-synthetic-cold',
  'import-synthetic-later',
  'plan-add',
  'match',
  'snapshot-restore',
  'sync-anilist',
  'sync-mal',
] as const;
export type OpName = (typeof OP_NAMES)[number];

export interface CrashOptions {
  kills: number;
  seed: number;
  /** Plays in the synthetic Trakt export (its later export has 5 % more). */
  syntheticPlays: number;
  syntheticTitles: number;
  /** Uninterrupted timing runs per operation (besides the one that records its saves). */
  timingRuns: number;
  ops: readonly OpName[];
  /** Where to work (a fresh temp folder by default); removed at the end unless `keep`. */
  workDir?: string;
  keep?: boolean;
  /** What program was tested (e.g. the git commit), printed with the summary. */
  label?: string;
  log?: (line: string) => void;
}

export const DEFAULT_OPTIONS: CrashOptions = {
  kills: 200,
  seed: 1,
  syntheticPlays: 40_000,
  syntheticTitles: 1_200,
  timingRuns: 2,
  ops: OP_NAMES,
};

interface Op {
  name: OpName;
  base: string;
  args: string[];
  what: string;
  /** More environment for this operation (a fake server's URL, a settings folder). */
  env?: NodeJS.ProcessEnv;
}

interface Reference {
  op: Op;
  /** States a kill may leave, in order: [before, …commits…, after] (consecutive duplicates dropped). */
  chain: string[];
  /** When each commit landed in the recorded run, as a share of that run's time (0–1). */
  commitsAt: number[];
  /** Median uninterrupted wall time (spawn to exit): kill moments are uniform over [0, this]. */
  typicalMs: number;
  durations: number[];
  versionsBefore: number;
  versionsAfter: number;
}

export type Landed = 'before' | 'between' | 'after';

export interface KillRecord {
  n: number;
  op: OpName;
  atMs: number;
  landed: Landed | null;
  /** Right after the kill: did not open, integrity_check, SCD2, or a state neither before nor after a commit. */
  integrityFailed: boolean;
  staleLock: boolean;
  staleLockUnreadable: boolean;
  tempsLeft: number;
  tempBytesLeft: number;
  takeoverLeft: boolean;
  nextRunMs: number;
  tempsAfterNext: number;
  tempBytesAfterNext: number;
  failures: string[];
}

export interface OpSummary {
  op: OpName;
  what: string;
  typicalMs: number;
  commitsAt: number[];
  commits: number;
  kills: number;
  before: number;
  between: number;
  after: number;
  finishedFirst: number;
  staleLocks: number;
  tempsLeft: number;
  medianNextRunMs: number;
  maxNextRunMs: number;
  failures: number;
}

export interface CrashReport {
  options: Omit<CrashOptions, 'log'>;
  node: string;
  /** Load average (1 min) when the kills started and when they ended: the machine may be shared. */
  load: [number, number];
  startedAt: string;
  wallMs: number;
  setupMs: number;
  kills: number;
  /** Runs that ended by themselves before their kill moment came (not counted as kills). */
  finishedFirst: number;
  landed: Record<Landed, number>;
  /** Opened, integrity_check ok, SCD2 invariants, a known state: failures of any of these. */
  integrityFailures: number;
  /** Any check at all that failed, including the next run's. */
  failures: number;
  staleLocks: number;
  /** Of those, lock files without a readable holder (taken over only after the 5 s grace). */
  staleLocksUnreadable: number;
  takeoverLocksLeft: number;
  tempsLeftByKills: number;
  tempBytesLeftByKills: number;
  /** Temp files still there after the next run (saves clean their own folder; snapshot copies are not cleaned). */
  tempsAfterNextRun: number;
  tempBytesAfterNextRun: number;
  maxNextRunMs: number;
  maxNextRunOp: OpName | null;
  /** Of the next runs that started from a stale lock, the slowest, and the same operation's usual time. */
  maxNextRunAfterStaleLockMs: number;
  perOp: OpSummary[];
  failureLines: string[];
  records: KillRecord[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : 0;
};

function fresh(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function copyDir(from: string, to: string): string {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  return to;
}

async function mustRun(dataDir: string, args: string[]): Promise<void> {
  const r = await runAnidex(dataDir, args);
  if (r.code !== 0)
    throw new Error(
      `setup: anidex ${args.join(' ')} exited ${r.code ?? r.signal}: ${lastLine(r.stderr) || lastLine(r.stdout)}`,
    );
}

function describeInspection(i: Inspection): string[] {
  const out: string[] = [];
  if (!i.opened) out.push(`the warehouse does not open: ${i.openError}`);
  else if (i.integrity !== 'ok') out.push(`integrity_check: ${i.integrity}`);
  for (const v of i.scd2) out.push(`SCD2: ${v}`);
  return out;
}

/** Build the base data dirs and the operations on them. */
async function setup(
  work: string,
  o: CrashOptions,
  log: (l: string) => void,
  fakes: AccountFakes | null,
): Promise<Op[]> {
  const wanted = new Set(o.ops);
  const needSynthetic = wanted.has('import-synthetic-cold') || wanted.has('import-synthetic-later');
  const needS2 =
    wanted.has('import-mal') ||
    wanted.has('plan-add') ||
    wanted.has('match') ||
    wanted.has('snapshot-restore') ||
    wanted.has('sync-anilist') ||
    wanted.has('sync-mal');
  const bases = join(work, 'bases');
  const empty = fresh(join(bases, 'empty'));
  const ops: Op[] = [];
  const add = (name: OpName, base: string, args: string[], what: string, env?: NodeJS.ProcessEnv): void => {
    if (wanted.has(name)) ops.push({ name, base, args, what, env });
  };

  const AS_OF_1 = '2026-05-01T06:00:00.000Z';
  const AS_OF_2 = '2026-08-15T06:00:00.000Z';
  const AS_OF_MAL = '2026-09-01T06:00:00.000Z';
  const imp1 = ['import', SAMPLE_1, '--as-of', AS_OF_1, '--offline'];
  const imp2 = ['import', SAMPLE_2, '--as-of', AS_OF_2, '--offline'];
  const impMal = ['import', MAL_EXPORT, '--as-of', AS_OF_MAL, '--offline'];
  add('import-sample-cold', empty, imp1, 'import the sample Trakt folder into an empty warehouse');

  if (wanted.has('import-sample-zip') || needS2) {
    const s1 = copyDir(empty, join(bases, 's1'));
    // Enriched offline from the sample's bundled answers, which serve the demo warehouse alone: this one plays it.
    const demo = await Warehouse.open(s1);
    try {
      await demo.write((db) => markDemo(db, 'crash-test'));
    } finally {
      demo.close();
    }
    await mustRun(s1, imp1);
    add('import-sample-zip', s1, imp2, 'import the later sample (.zip) over the first');
    if (needS2) {
      const s2 = copyDir(s1, join(bases, 's2'));
      await mustRun(s2, imp2);
      add('import-mal', s2, impMal, 'import a MyAnimeList export (506 entries) over both samples');
      const wh = await Warehouse.open(s2);
      try {
        const free = wh.db.get<{ mal_id: number }>(
          'SELECT mal_id FROM dim_anime WHERE mal_id NOT IN (SELECT mal_id FROM plan_to_watch WHERE mal_id IS NOT NULL) ORDER BY mal_id LIMIT 1',
        );
        if (!free) throw new Error('setup: no anime left to add to the plan');
        add(
          'plan-add',
          s2,
          ['plan', 'add', String(free.mal_id), '--notes', 'crash test', '--force'],
          `plan add ${free.mal_id}`,
        );
        // A Trakt show matched by search, re-pointed by hand at another anime anidex already has metadata for.
        const m = wh.db.get<{ trakt_id: number; mal_id: number }>(
          `SELECT u.trakt_id, m.mal_id FROM user_watch_history u JOIN title_match m USING (title_key)
           WHERE u.is_current = 1 AND u.is_deleted = 0 AND u.media_type = 'show' AND m.status = 'matched' AND m.method = 'search'
           ORDER BY u.trakt_id LIMIT 1`,
        );
        const other =
          m &&
          wh.db.get<{ mal_id: number }>('SELECT mal_id FROM dim_anime WHERE mal_id <> ? ORDER BY mal_id LIMIT 1', [
            m.mal_id,
          ]);
        if (!m || !other) throw new Error('setup: no live Trakt show matched by search to re-match by hand');
        add(
          'match',
          s2,
          ['match', String(m.trakt_id), String(other.mal_id), '--offline'],
          `match trakt ${m.trakt_id} → MAL ${other.mal_id}`,
        );
      } finally {
        wh.close();
      }
      const oldest = listSnapshots(s2).at(-1);
      if (!oldest) throw new Error('setup: the imports took no snapshot');
      add(
        'snapshot-restore',
        s2,
        ['snapshot', 'restore', oldest.id],
        'snapshot restore (the state before the second import)',
      );
      if (fakes) {
        // Account syncs over both samples, from fake servers this process runs: the same load as a file import.
        add(
          'sync-anilist',
          s2,
          ['import', 'anilist:crash', '--as-of', '2026-09-02T06:00:00.000Z', '--offline'],
          `pull an AniList list (${fakes.anilistEntries} entries) over both samples`,
          fakes.env,
        );
        add(
          'sync-mal',
          s2,
          ['sync', 'mal', '--as-of', '2026-09-02T06:00:00.000Z', '--offline'],
          `sync a MyAnimeList account (${fakes.malEntries} entries) over both samples`,
          fakes.env,
        );
      }
    }
  }

  if (needSynthetic) {
    const t0 = performance.now();
    const syn = join(work, 'synthetic');
    rmSync(syn, { recursive: true, force: true });
    generateSyntheticExport(
      join(syn, 'base'),
      { plays: o.syntheticPlays, titles: o.syntheticTitles, seed: o.seed },
      join(syn, 'later'),
    );
    log(
      `synthetic export: ${o.syntheticPlays} plays, ${o.syntheticTitles} titles (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const synBase = ['import', join(syn, 'base'), '--as-of', '2026-07-01T00:00:00.000Z', '--offline'];
    add(
      'import-synthetic-cold',
      empty,
      synBase,
      `import a synthetic Trakt export (${o.syntheticPlays} plays) into an empty warehouse`,
    );
    if (wanted.has('import-synthetic-later')) {
      const y1 = copyDir(empty, join(bases, 'syn1'));
      await mustRun(y1, synBase);
      add(
        'import-synthetic-later',
        y1,
        ['import', join(syn, 'later'), '--as-of', '2026-10-01T00:00:00.000Z', '--offline'],
        'import the synthetic export 3 months later over it',
      );
    }
  }
  return OP_NAMES.flatMap((n) => ops.filter((op) => op.name === n));
}

/** Run `op` uninterrupted: once recording every save, then `timingRuns` times plainly; all must agree. */
async function reference(
  op: Op,
  work: string,
  o: CrashOptions,
  digestCache: Map<string, Inspection>,
): Promise<Reference> {
  let before = digestCache.get(op.base);
  if (!before) {
    before = await inspectWarehouse(op.base);
    digestCache.set(op.base, before);
  }
  if (!before.digest) throw new Error(`setup: the base of ${op.name} does not open`);
  const dir = join(work, 'ref', op.name);
  const rec = fresh(join(work, 'ref', `${op.name}.saves`));
  copyDir(op.base, dir);
  const startedWall = Date.now();
  const r = await runAnidex(dir, op.args, {
    nodeArgs: ['--import', RECORDER],
    env: isolatedEnv({ ...op.env, ANIDEX_CRASH_RECORD: rec }),
  });
  if (r.code !== 0)
    throw new Error(`setup: ${op.name} failed uninterrupted: ${lastLine(r.stderr) || lastLine(r.stdout)}`);
  const chain = [before.digest];
  const commitsAt: number[] = [];
  const log = existsSync(join(rec, 'saves.log')) ? readFileSync(join(rec, 'saves.log'), 'utf8').trim().split('\n') : [];
  for (const line of log) {
    const [n, at] = line.split('\t');
    const one = fresh(join(work, 'ref', `${op.name}.one`));
    cpSync(join(rec, `save-${n}.sqlite`), join(one, 'warehouse.sqlite'));
    const i = await inspectWarehouse(one);
    if (!i.digest || i.integrity !== 'ok') throw new Error(`setup: save ${n} of ${op.name} does not check out`);
    if (i.digest !== chain.at(-1)) {
      chain.push(i.digest);
      commitsAt.push(Math.min(1, Math.max(0, (Number(at) - startedWall) / r.ms)));
    }
  }
  const after = await inspectWarehouse(dir);
  if (after.digest !== chain.at(-1))
    throw new Error(`setup: ${op.name}: the file after the run is not its last recorded save`);
  const durations: number[] = [];
  for (let i = 0; i < Math.max(1, o.timingRuns); i++) {
    copyDir(op.base, dir);
    const t = await runAnidex(dir, op.args, { env: isolatedEnv(op.env) });
    if (t.code !== 0) throw new Error(`setup: ${op.name} failed uninterrupted: ${lastLine(t.stderr)}`);
    durations.push(t.ms);
    const again = await inspectWarehouse(dir);
    if (again.digest !== after.digest) {
      const differ = Object.keys(after.tables).filter((t) => after.tables[t] !== again.tables[t]);
      throw new Error(
        `setup: two uninterrupted runs of ${op.name} disagree (tables ${differ.join(', ')}): the digest would not tell states apart`,
      );
    }
  }
  if (o.timingRuns === 0) durations.splice(0, durations.length, r.ms);
  rmSync(dir, { recursive: true, force: true });
  return {
    op,
    chain,
    commitsAt,
    typicalMs: median(durations),
    durations,
    versionsBefore: before.versions,
    versionsAfter: after.versions,
  };
}

/** Kill runs of `ref.op` at random moments until one is really killed; then check, retry, check. */
async function killOnce(n: number, ref: Reference, work: string, rng: Rng, summary: OpSummary): Promise<KillRecord> {
  const dir = join(work, 'run');
  for (;;) {
    copyDir(ref.op.base, dir);
    const atMs = rng.next() * ref.typicalMs;
    const run = startAnidex(dir, ref.op.args, { env: isolatedEnv(ref.op.env) });
    let killed = false;
    const timer = setTimeout(() => {
      if (!run.exited) killed = run.child.kill('SIGKILL');
    }, atMs);
    const exit = await run.exit;
    clearTimeout(timer);
    if (!killed || exit.signal !== 'SIGKILL') {
      // It finished before its moment came: not a kill, but it must have done its job.
      summary.finishedFirst++;
      if (exit.code !== 0)
        return failRecord(n, ref, atMs, [`an uninterrupted run exited ${exit.code}: ${lastLine(exit.stderr)}`]);
      continue;
    }
    const failures: string[] = [];
    const state = await inspectWarehouse(dir);
    failures.push(...describeInspection(state));
    let landed: Landed | null = null;
    const idx = state.digest ? ref.chain.indexOf(state.digest) : -1;
    if (idx === 0) landed = 'before';
    else if (idx === ref.chain.length - 1) landed = 'after';
    else if (idx > 0) landed = 'between';
    else if (state.digest) failures.push('the state is neither the one before the operation nor one it commits');
    const integrityFailed = failures.length > 0;
    const left = leftovers(dir);

    // The next run: the same operation again, as a person would retry it. It must take over the stale lock,
    // finish, and (when the kill undid everything) end exactly where an uninterrupted run ends.
    const next = await runAnidex(dir, ref.op.args, {
      timeoutMs: Math.max(60_000, ref.typicalMs * 10),
      env: isolatedEnv(ref.op.env),
    });
    if (next.timedOut)
      failures.push(`the next run did not finish in ${Math.round(Math.max(60_000, ref.typicalMs * 10) / 1000)} s`);
    else if (next.code !== 0)
      failures.push(`the next run exited ${next.code}: ${lastLine(next.stderr) || lastLine(next.stdout)}`);
    const afterNext = await inspectWarehouse(dir);
    for (const f of describeInspection(afterNext)) failures.push(`after the next run: ${f}`);
    if (landed === 'before' && next.code === 0 && afterNext.digest !== ref.chain.at(-1))
      failures.push('the next run did not end in the state an uninterrupted run ends in');
    const leftAfter = leftovers(dir);
    if (leftAfter.lock) failures.push('a lock is still there after the next run');
    const dataDirTemps = leftAfter.temps.filter((t) => !t.includes('/snapshots/'));
    if (dataDirTemps.length)
      failures.push(`temp files beside the warehouse after the next run: ${dataDirTemps.join(', ')}`);

    summary.kills++;
    if (landed) summary[landed]++;
    if (left.lock) summary.staleLocks++;
    summary.tempsLeft += left.temps.length;
    summary.maxNextRunMs = Math.max(summary.maxNextRunMs, next.ms);
    if (failures.length) {
      summary.failures++;
      const keep = join(work, 'failures', `${n}-${ref.op.name}`);
      copyDir(dir, keep);
      failures.push(`(data dir kept in ${keep})`);
    }
    return {
      n,
      op: ref.op.name,
      atMs,
      landed,
      integrityFailed,
      staleLock: left.lock,
      staleLockUnreadable: left.lockUnreadable,
      tempsLeft: left.temps.length,
      tempBytesLeft: left.tempBytes,
      takeoverLeft: left.takeoverLock,
      nextRunMs: next.ms,
      tempsAfterNext: leftAfter.temps.length,
      tempBytesAfterNext: leftAfter.tempBytes,
      failures,
    };
  }
}

function failRecord(n: number, ref: Reference, atMs: number, failures: string[]): KillRecord {
  return {
    n,
    op: ref.op.name,
    atMs,
    landed: null,
    integrityFailed: false,
    staleLock: false,
    staleLockUnreadable: false,
    tempsLeft: 0,
    tempBytesLeft: 0,
    takeoverLeft: false,
    nextRunMs: 0,
    tempsAfterNext: 0,
    tempBytesAfterNext: 0,
    failures,
  };
}

/** Run the whole harness and return its report. */
export async function runCrashHarness(options: Partial<CrashOptions> = {}): Promise<CrashReport> {
  const o: CrashOptions = { ...DEFAULT_OPTIONS, ...options };
  const log = o.log ?? (() => {});
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const work = o.workDir ? fresh(o.workDir) : mkdtempSync(join(tmpdir(), 'anidex-crash-'));
  let loadAtStart = 0;
  let fakes: AccountFakes | null = null;
  try {
    log(`work dir ${work}`);
    freezeApp(join(work, 'app'));
    fakes = o.ops.some((n) => n.startsWith('sync-')) ? await startAccountFakes(join(work, 'accounts-config')) : null;
    const ops = await setup(work, o, log, fakes);
    const digestCache = new Map<string, Inspection>();
    const refs: Reference[] = [];
    for (const op of ops) {
      const ref = await reference(op, work, o, digestCache);
      refs.push(ref);
      log(
        `${op.name}: ${(ref.typicalMs / 1000).toFixed(2)} s uninterrupted, ${ref.chain.length - 1} commit(s) at ${ref.commitsAt.map((t) => `${Math.round(t * 100)} %`).join(', ')} of the run; ` +
          `versions ${ref.versionsBefore} → ${ref.versionsAfter}`,
      );
    }
    const setupMs = performance.now() - started;
    loadAtStart = loadavg()[0]!;
    const rng = new Rng(hash32(`crash-test:${o.seed}`));
    const summaries = new Map<OpName, OpSummary>(
      refs.map((r) => [
        r.op.name,
        {
          op: r.op.name,
          what: r.op.what,
          typicalMs: r.typicalMs,
          commitsAt: r.commitsAt,
          commits: r.chain.length - 1,
          kills: 0,
          before: 0,
          between: 0,
          after: 0,
          finishedFirst: 0,
          staleLocks: 0,
          tempsLeft: 0,
          medianNextRunMs: 0,
          maxNextRunMs: 0,
          failures: 0,
        },
      ]),
    );
    const records: KillRecord[] = [];
    for (let n = 1; n <= o.kills; n++) {
      const ref = refs[(n - 1) % refs.length]!;
      const rec = await killOnce(n, ref, work, rng, summaries.get(ref.op.name)!);
      records.push(rec);
      const mark = rec.failures.length ? `FAIL ${rec.failures.join('; ')}` : 'ok';
      log(
        `kill ${n}/${o.kills} ${ref.op.name} at ${(rec.atMs / 1000).toFixed(3)} s: ${rec.landed ?? '?'}${rec.staleLock ? ', stale lock' : ''}${rec.tempsLeft ? `, ${rec.tempsLeft} temp file(s)` : ''}; next run ${(rec.nextRunMs / 1000).toFixed(2)} s; ${mark}`,
      );
    }
    return buildReport(o, startedAt, started, setupMs, [...summaries.values()], records, [loadAtStart, loadavg()[0]!]);
  } finally {
    await fakes?.close();
    if (!o.keep && !existsSync(join(work, 'failures'))) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
}

function buildReport(
  o: CrashOptions,
  startedAt: string,
  started: number,
  setupMs: number,
  perOp: OpSummary[],
  records: KillRecord[],
  load: [number, number],
): CrashReport {
  const landed: Record<Landed, number> = { before: 0, between: 0, after: 0 };
  for (const r of records) if (r.landed) landed[r.landed]++;
  let maxNext = 0;
  let maxOp: OpName | null = null;
  for (const r of records) if (r.nextRunMs > maxNext) [maxNext, maxOp] = [r.nextRunMs, r.op];
  for (const p of perOp)
    p.medianNextRunMs = median(records.filter((r) => r.op === p.op && r.nextRunMs > 0).map((r) => r.nextRunMs));
  const { log: _log, ...opts } = o;
  void _log;
  return {
    options: opts,
    node: process.version,
    load,
    startedAt,
    wallMs: performance.now() - started,
    setupMs,
    kills: records.length,
    finishedFirst: perOp.reduce((a, s) => a + s.finishedFirst, 0),
    landed,
    integrityFailures: records.filter((r) => r.integrityFailed).length,
    failures: records.filter((r) => r.failures.length).length,
    staleLocks: records.filter((r) => r.staleLock).length,
    staleLocksUnreadable: records.filter((r) => r.staleLockUnreadable).length,
    takeoverLocksLeft: records.filter((r) => r.takeoverLeft).length,
    tempsLeftByKills: records.reduce((a, r) => a + r.tempsLeft, 0),
    tempBytesLeftByKills: records.reduce((a, r) => a + r.tempBytesLeft, 0),
    tempsAfterNextRun: records.reduce((a, r) => a + r.tempsAfterNext, 0),
    tempBytesAfterNextRun: records.reduce((a, r) => a + r.tempBytesAfterNext, 0),
    maxNextRunMs: maxNext,
    maxNextRunOp: maxOp,
    maxNextRunAfterStaleLockMs: Math.max(0, ...records.filter((r) => r.staleLock).map((r) => r.nextRunMs)),
    perOp,
    failureLines: records.flatMap((r) =>
      r.failures.map((f) => `kill ${r.n} (${r.op} at ${(r.atMs / 1000).toFixed(3)} s): ${f}`),
    ),
    records,
  };
}

/** The report as Markdown. */
export function markdownSummary(r: CrashReport): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const mib = (b: number): string => `${(b / 1048576).toFixed(1)} MiB`;
  const lines = [
    `## Crash test: ${r.kills} SIGKILLs (seed ${r.options.seed})`,
    '',
    `${r.options.label ? `${r.options.label}; ` : ''}Node ${r.node}, ${r.startedAt}; ${s(r.wallMs)} in all (setup and uninterrupted reference runs ${s(r.setupMs)}); ` +
      `load average ${r.load[0].toFixed(1)} when the kills started, ${r.load[1].toFixed(1)} at the end.`,
    '',
    '| operation | commits (at % of the run) | uninterrupted | kills | before | between | after | stale locks | temp files left | next run: median, slowest | failures |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.perOp.map(
      (p) =>
        `| ${p.op} | ${p.commits} (${p.commitsAt.map((t) => `${Math.round(t * 100)} %`).join(', ')}) | ${s(p.typicalMs)} | ${p.kills} | ${p.before} | ${p.between} | ${p.after} | ${p.staleLocks} | ${p.tempsLeft} | ${s(p.medianNextRunMs)}, ${s(p.maxNextRunMs)} | ${p.failures} |`,
    ),
    `| **all** | | | **${r.kills}** | **${r.landed.before}** | **${r.landed.between}** | **${r.landed.after}** | **${r.staleLocks}** | **${r.tempsLeftByKills}** | **${s(r.maxNextRunMs)}** | **${r.failures}** |`,
    '',
    `- Integrity failures (does not open, integrity_check, SCD2 invariants, a state neither before nor after): **${r.integrityFailures}**.`,
    `- Where the kills landed: ${r.landed.before} before the first commit (state = before), ${r.landed.between} between an import's commit and its enrichment's (state = the import saved), ${r.landed.after} after the last commit (state = after).`,
    `- Stale locks left by a killed writer and taken over by the next run: ${r.staleLocks}` +
      (r.staleLocksUnreadable
        ? `, ${r.staleLocksUnreadable} of them without a readable holder (taken over after the 5 s grace)`
        : '') +
      (r.staleLocks ? ` (slowest such next run ${s(r.maxNextRunAfterStaleLockMs)})` : '') +
      `; takeover locks left: ${r.takeoverLocksLeft}.`,
    `- Temp files left by kills: ${r.tempsLeftByKills} (${mib(r.tempBytesLeftByKills)}); still there after the next run: ${r.tempsAfterNextRun} (${mib(r.tempBytesAfterNextRun)}).`,
    `- Recovery: the slowest next run (open, take over any stale lock, redo the operation) took ${s(r.maxNextRunMs)}${r.maxNextRunOp ? ` (${r.maxNextRunOp})` : ''}.`,
    `- Runs that finished before their kill moment (not counted): ${r.finishedFirst}.`,
    `- Failures of any check: **${r.failures}**.`,
  ];
  if (r.failureLines.length) lines.push('', '### Failures', '', ...r.failureLines.slice(0, 50).map((l) => `- ${l}`));
  return lines.join('\n') + '\n';
}
