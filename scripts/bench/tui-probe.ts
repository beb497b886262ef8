/**
 * A probe for the TUI benchmark, loaded into the measured process before anything else (`node --import
 * data:text/javascript,…` for the real program; a dynamic import of the same data: URL in-process). It changes
 * nothing the program does; it only wraps five functions to note times on the process's own clock
 * (`performance.now()`, ms since the Node process started):
 *
 * - `boot`: the probe runs (Node's own start-up is over);
 * - `fs.readFileSync` of `…/warehouse.sqlite` (`readStart`, `readEnd`): everything before it is module loading
 *   and argument parsing; made visible to ES-module named imports with `syncBuiltinESMExports()`;
 * - `WebAssembly.instantiate` (each call's start and settle; yoga's comes during module loading, sql.js's after
 *   the warehouse read);
 * - `process.stdout.on('resize', …)` (`inkStart`): Ink's instance is being constructed, so the rows are loaded
 *   and the first React render is about to start;
 * - `process.stdout.write`: the first write that holds the library header is the first frame (`frame`, with
 *   VmHWM then); every write is logged with the search prompt it shows (`/query▏`), if any;
 * - `process.stdin.read`: every chunk of input with its time, which is when Ink's `readable` handler takes the
 *   key — the start of a keystroke's work — and the process's CPU time so far (so the CPU a key costs can be told
 *   apart from the machine's load).
 *
 * The measurements go to `globalThis.__anidexTuiProbe` and, when `ANIDEX_BENCH_PROBE` names a file, to that file
 * as JSON at the first frame and at exit.
 */

export interface ProbeData {
  marks: Record<string, number>;
  /** VmHWM (kB) at the first frame and at exit. */
  hwmFrameKB: number | null;
  hwmExitKB: number | null;
  wasm: Array<{ start: number; end: number | null }>;
  /** Input chunks as Ink read them, with the CPU time the process had used by then (user + system, ms). */
  inputs: Array<{ t: number; data: string; cpuMs?: number }>;
  /** Every write to stdout: when, how long, and the search prompt it shows (null when none). */
  writes: Array<{ t: number; ms: number; prompt: string | null; bytes: number }>;
  header: string | null;
}

/** The library header as src/ui/screens/library.tsx writes it: `anidex · Library · 5000 of 5000 titles`. */
export const FRAME_MARKER = 'Library ·';
export const HEADER_RE = /Library · (\d+) of (\d+) titles/;
/** The search prompt while typing: `/query▏` (library.tsx). */
export const PROMPT_RE = /\/([^\r\n▏]*)▏/;

const SOURCE = String.raw`
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const now = () => performance.now();
const origRead = fs.readFileSync;
const origWriteFile = fs.writeFileSync;
const data = { marks: { boot: now() }, hwmFrameKB: null, hwmExitKB: null, wasm: [], inputs: [], writes: [], header: null };
globalThis.__anidexTuiProbe = data;
const mark = (k) => { if (data.marks[k] === undefined) data.marks[k] = now(); };
const hwm = () => {
  try {
    const m = /VmHWM:\s*(\d+)/.exec(origRead.call(fs, '/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch { return null; }
};
const out = process.env.ANIDEX_BENCH_PROBE;
const save = () => { if (out) { try { origWriteFile.call(fs, out, JSON.stringify(data)); } catch {} } };
fs.readFileSync = function (p, ...rest) {
  const wh = typeof p === 'string' && p.endsWith('warehouse.sqlite');
  if (wh) mark('readStart');
  const r = origRead.call(this, p, ...rest);
  if (wh) mark('readEnd');
  return r;
};
syncBuiltinESMExports();
const origInst = WebAssembly.instantiate;
WebAssembly.instantiate = function (...a) {
  const w = { start: now(), end: null };
  data.wasm.push(w);
  const p = origInst.apply(this, a);
  p.then(() => { w.end = now(); }, () => {});
  return p;
};
const stdout = process.stdout;
const origOn = stdout.on;
stdout.on = function (ev, fn) {
  if (ev === 'resize') mark('inkStart');
  return origOn.call(this, ev, fn);
};
const PROMPT = /\/([^\r\n\u258f]*)\u258f/;
const origWrite = stdout.write;
stdout.write = function (chunk, ...rest) {
  const t = now();
  const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  const first = data.marks.frame === undefined && s.includes('Library \u00b7');
  if (first) data.marks.frame = t;
  const r = origWrite.call(this, chunk, ...rest);
  const p = PROMPT.exec(s);
  data.writes.push({ t, ms: now() - t, prompt: p ? p[1] : null, bytes: s.length });
  if (first) {
    data.marks.frameWritten = now();
    const h = /Library \u00b7 (\d+) of (\d+) titles/.exec(s);
    data.header = h ? h[0] : null;
    data.hwmFrameKB = hwm();
    save();
  }
  return r;
};
const stdin = process.stdin;
const origStdinRead = stdin.read;
stdin.read = function (...a) {
  const c = origStdinRead.apply(this, a);
  if (c !== null && c !== undefined) {
    const u = process.cpuUsage();
    data.inputs.push({ t: now(), data: String(c), cpuMs: (u.user + u.system) / 1000 });
  }
  return c;
};
process.on('exit', () => { data.hwmExitKB = hwm(); save(); });
`;

/** The probe as a URL for `node --import <url>` or `await import(url)`. */
export function probeUrl(): string {
  // encodeURIComponent leaves ' ( ) ! * unencoded; encode them too so the URL can be single-quoted in a shell.
  const enc = encodeURIComponent(SOURCE).replace(/['()!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `data:text/javascript,${enc}`;
}

// ---------------------------------------------------------------- the keystroke script

export interface KeyStep {
  /** Bytes a terminal sends. */
  key: string;
  /** The search prompt the frame must show once the key is handled. */
  prompt: string;
  kind: 'open' | 'type' | 'backspace';
}

/**
 * Realistic searches over the synthetic library (its made-up names and the real ones it mixes in), typed one
 * character at a time, each then erased with Backspace (DEL, as terminals send it) down to the empty prompt.
 */
export const QUERIES = [
  'frieren',
  'crimson blade',
  'academy',
  'tokyo',
  'witch',
  'pokemon',
  'shogun',
  'evangelion',
  'silent sky',
  'the lost kingdom',
  'spy family',
  're zero',
  'dragon',
  'midnight express',
  'kaguya',
];

export function keyScript(queries: readonly string[] = QUERIES): KeyStep[] {
  const steps: KeyStep[] = [{ key: '/', prompt: '', kind: 'open' }];
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) steps.push({ key: q[i - 1]!, prompt: q.slice(0, i), kind: 'type' });
    for (let i = q.length - 1; i >= 0; i--) steps.push({ key: '\x7f', prompt: q.slice(0, i), kind: 'backspace' });
  }
  return steps;
}

/**
 * Per key: from the input chunk (as Ink read it) to the first write showing the key's prompt, on the probe's
 * clock. A write that already shows a later key's prompt also answers the earlier keys (frames coalesce when keys
 * come faster than Ink's frame rate). NaN where no frame showed it.
 */
export function keyLatencies(steps: readonly KeyStep[], data: ProbeData, fromInput: number): number[] {
  const inputs = data.inputs.slice(fromInput);
  const out: number[] = [];
  let w = 0;
  for (let i = 0; i < steps.length; i++) {
    const inp = inputs[i];
    if (!inp) {
      out.push(NaN);
      continue;
    }
    while (w < data.writes.length && data.writes[w]!.t < inp.t) w++;
    let found = NaN;
    for (let j = w; j < data.writes.length; j++) {
      const p = data.writes[j]!.prompt;
      if (p === null) continue;
      // This key's prompt, or a later key's (the frame for this key was folded into a later one).
      const later = steps.slice(i).findIndex((s) => s.prompt === p);
      if (later >= 0 && (!inputs[i + later] || inputs[i + later]!.t <= data.writes[j]!.t)) {
        found = data.writes[j]!.t + data.writes[j]!.ms - inp.t;
        break;
      }
    }
    out.push(found);
  }
  return out;
}

/**
 * The CPU time (all of the process's threads) per key over the keys of `steps`, from the first key read to the
 * last (so every key but the last is whole in it); NaN without the figures.
 */
export function cpuPerKey(steps: readonly KeyStep[], data: ProbeData, fromInput: number): number {
  const inputs = data.inputs.slice(fromInput, fromInput + steps.length);
  const a = inputs[0]?.cpuMs;
  const b = inputs.at(-1)?.cpuMs;
  return a === undefined || b === undefined || inputs.length < 2 ? NaN : (b - a) / (inputs.length - 1);
}

// ---------------------------------------------------------------- statistics

export function quantile(xs: readonly number[], q: number): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  // Nearest rank: the p95 of 263 keys is the 250th smallest.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export function median(xs: readonly number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
