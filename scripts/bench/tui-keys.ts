/**
 * Per-keystroke search latency, in-process, through the real renderer. Prints one JSON line on stdout.
 *
 *   node --import tsx scripts/bench/tui-keys.ts --data-dir <dir> [--gap-ms 50] [--cols 100] [--rows 30]
 *                                              [--no-attribution]
 *
 * The TUI is started exactly as `anidex` starts it — `runTui(ctx)` from src/commands/tui.tsx, which loads the
 * library and calls Ink's `render(<App …/>, { exitOnCtrlC: true })` with Ink's default options (30 fps frame
 * throttle, log-update output) — except that `process.stdout` and `process.stdin` are replaced by an in-memory
 * 100×30 TTY before anything is loaded. (ink-testing-library would not do: it renders with `debug: true`, which
 * turns the throttle off and writes every frame whole.)
 *
 * The probe (tui-probe.ts) timestamps each key when Ink's `readable` handler reads it from stdin, and each write
 * of a frame to stdout. A key's latency is from the read to the end of the first write that shows its prompt
 * (`/query▏`): React handling the key (the search — fuse.js over every title — runs in render), the commit,
 * Yoga layout, Ink turning the tree into the output string, and the write. Keys are sent `--gap-ms` apart, slower
 * than Ink's 30 fps throttle window (34 ms), so each key's frame is drawn at once on the throttle's leading edge
 * and the figure is the work, not the throttle's wait. (Faster keys cannot be simulated in-process: the harness
 * shares the thread, so a key is only sent once the previous one is handled.)
 *
 * For attribution, fuse.js's `search` is wrapped (the app imports the same module, so the same prototype): the
 * time spent in it while the app handled each key, and how many searches the key caused. Also measured apart:
 * one search per prompt over the same rows with the options library.tsx uses.
 */

import { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';
import Fuse from 'fuse.js';
import type { CommandContext } from '../../src/commands/context.ts';
import { PROMPT_RE, QUERIES, keyLatencies, keyScript, probeUrl, type KeyStep, type ProbeData } from './tui-probe.ts';
import { setTimeout as sleep } from 'node:timers/promises';

export interface KeysResult {
  titles: number;
  header: string | null;
  /** runTui() called → first frame written (warehouse open, query, first render). */
  firstFrameMs: number;
  steps: Array<Pick<KeyStep, 'kind' | 'prompt'>>;
  /** Probe: Ink read the key → the frame showing it was written. */
  keyMs: number[];
  /** Harness: stdin.write(key) → that frame written (the same, plus the stream's event emission). */
  harnessMs: number[];
  /** Frames written per key. */
  writesPerKey: number[];
  /** Time inside fuse.js's search() while the app handled each key, and how many searches it ran. */
  appFuseMs: number[];
  appFuseCalls: number[];
  /** fuse.search(prompt) alone, once, for each key's prompt (0 for an empty prompt: no search). */
  fuseMs: number[];
  /**
   * CPU time (user + system, all threads: the garbage collector's helpers too) the process used while the keys
   * were typed, per key: the work a key costs, whatever else the machine's cores were doing. The harness's part
   * (sending a key, waiting) is included and small.
   */
  cpuPerKeyMs: number;
  /** Wall time of the typing (keys sent `--gap-ms` apart), for the CPU's share. */
  keysWallMs: number;
  nodeEnv: string | null;
  quitOk: boolean;
}

class FakeTtyOut extends EventEmitter {
  readonly isTTY = true;
  listener: ((s: string) => void) | null = null;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    this.listener?.(s);
    const cb = rest.find((x): x is () => void => typeof x === 'function');
    cb?.();
    return true;
  }
  hasColors(): boolean {
    return true;
  }
  getColorDepth(): number {
    return 8;
  }
  cursorTo(): boolean {
    return true;
  }
}

/** Like a raw-mode TTY: each write is one chunk for Ink's `readable` handler. */
class FakeTtyIn extends EventEmitter {
  readonly isTTY = true;
  isRaw = false;
  private chunk: string | null = null;
  write(data: string): void {
    this.chunk = data;
    this.emit('readable');
  }
  read(): string | null {
    const c = this.chunk;
    this.chunk = null;
    return c;
  }
  setEncoding(): this {
    return this;
  }
  setRawMode(on: boolean): this {
    this.isRaw = on;
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'gap-ms': { type: 'string', default: '50' },
      cols: { type: 'string', default: '100' },
      rows: { type: 'string', default: '30' },
      // Leaves out the fuse.js search timed alone (13 s at 10 000 titles), e.g. when profiling the keys.
      'no-attribution': { type: 'boolean', default: false },
    },
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is required');
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) {
    if (k in process.env && process.env[k] !== '0' && process.env[k] !== 'false') {
      throw new Error(`${k} is set: Ink would not draw frames in CI mode; run without it`);
    }
  }
  const gapMs = Number(values['gap-ms']);
  const realStdout = process.stdout;
  const out = new FakeTtyOut(Number(values.cols), Number(values.rows));
  const inp = new FakeTtyIn();
  Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => out });
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => inp });
  await import(probeUrl());
  const probe = (globalThis as { __anidexTuiProbe?: ProbeData }).__anidexTuiProbe!;

  // Resolved by the first write (after `from`) whose prompt is `prompt`.
  let waiter: { prompt: string; resolve: (t: number) => void } | null = null;
  let frameSeen: ((t: number) => void) | null = null;
  out.listener = (s) => {
    const t = performance.now();
    if (frameSeen && s.includes('Library ·')) {
      frameSeen(t);
      frameSeen = null;
    }
    const m = PROMPT_RE.exec(s);
    if (waiter && m && m[1] === waiter.prompt) {
      const w = waiter;
      waiter = null;
      w.resolve(t);
    }
  };

  // Count and time the app's own searches (the app imports the same fuse.js module, so the same prototype).
  const searches: Array<{ t: number; ms: number }> = [];
  const origSearch = Fuse.prototype.search;
  Fuse.prototype.search = function (this: Fuse<unknown>, ...args: Parameters<typeof origSearch>) {
    const t = performance.now();
    const r = origSearch.apply(this, args);
    searches.push({ t, ms: performance.now() - t });
    return r;
  } as typeof origSearch;

  const { runTui } = await import('../../src/commands/tui.tsx');
  const { resolveDirs } = await import('../../src/lib/config.ts');
  const ctx: CommandContext = {
    dataDir,
    ownDataDir: dataDir,
    dirs: resolveDirs(),
    demo: false,
    json: false,
    debug: false,
  };
  const first = new Promise<number>((r) => (frameSeen = r));
  const t0 = performance.now();
  const running = runTui(ctx);
  const tFrame = await Promise.race([first, sleep(30_000).then(() => NaN)]);
  if (!Number.isFinite(tFrame)) throw new Error('no library frame within 30 s');
  await sleep(300);

  const steps = keyScript();
  const harnessMs: number[] = [];
  const inputsBefore = probe.inputs.length;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (const step of steps) {
    await sleep(gapMs);
    const seen = new Promise<number>((resolve) => (waiter = { prompt: step.prompt, resolve }));
    const t = performance.now();
    inp.write(step.key);
    const tw = await Promise.race([seen, sleep(3_000).then(() => NaN)]);
    harnessMs.push(tw - t);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const keysWallMs = performance.now() - wallBefore;
  const keyMs = keyLatencies(steps, probe, inputsBefore);
  const keyInputs = probe.inputs.slice(inputsBefore);
  const writesPerKey = keyInputs.map((x, i) => {
    const until = keyInputs[i + 1]?.t ?? Infinity;
    return probe.writes.filter((w) => w.prompt !== null && w.t >= x.t && w.t < until).length;
  });
  const appSearches = keyInputs.map((x, i) => {
    const until = keyInputs[i + 1]?.t ?? Infinity;
    return searches.filter((s) => s.t >= x.t && s.t < until);
  });
  Fuse.prototype.search = origSearch;

  // Leave search, quit, and check the app ends as it should.
  await sleep(gapMs);
  inp.write('\r');
  await sleep(gapMs);
  inp.write('q');
  const quitOk = (await Promise.race([running.then(() => true), sleep(5_000).then(() => false)])) === true;

  // Attribution: the search alone, with the options library.tsx gives fuse.js (best effort: data APIs may move).
  let fuseMs: number[] = [];
  let titles = NaN;
  try {
    if (values['no-attribution']) throw new Error('--no-attribution');
    const { Warehouse } = await import('../../src/warehouse/store.ts');
    const { enrichedLibrary } = await import('../../src/warehouse/queries.ts');
    const wh = await Warehouse.open(dataDir);
    const rows = enrichedLibrary(wh.db);
    wh.close();
    titles = rows.length;
    const fuse = new Fuse(rows, { keys: ['normTitle', 'normNames'], threshold: 0.35, ignoreLocation: true });
    for (const q of QUERIES) fuse.search(q); // warm-up, as the measured run had warmed up too
    fuseMs = steps.map((s) => {
      if (!s.prompt) return 0;
      const t = performance.now();
      fuse.search(s.prompt);
      return performance.now() - t;
    });
  } catch (err) {
    process.stderr.write(`fuse attribution skipped: ${(err as Error).message}\n`);
  }

  const res: KeysResult = {
    titles,
    header: probe.header,
    firstFrameMs: tFrame - t0,
    steps: steps.map((s) => ({ kind: s.kind, prompt: s.prompt })),
    keyMs,
    harnessMs,
    writesPerKey,
    appFuseMs: appSearches.map((xs) => xs.reduce((n, s) => n + s.ms, 0)),
    appFuseCalls: appSearches.map((xs) => xs.length),
    fuseMs,
    cpuPerKeyMs: (cpu.user + cpu.system) / 1000 / steps.length,
    keysWallMs,
    nodeEnv: process.env.NODE_ENV ?? null,
    quitOk,
  };
  realStdout.write(`${JSON.stringify(res)}\n`, () => process.exit(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`tui-keys failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
