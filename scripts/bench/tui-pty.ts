/**
 * Runs a program on a pseudo-terminal without new dependencies: util-linux `script -qfec "<cmd>" /dev/null`
 * allocates the pty, `stty` inside it sets the size, then the shell `exec`s the program (so the measured process
 * is the pty's session leader and `script`'s only child). What the bench writes to `script`'s stdin reaches
 * the program as typed keys; what the program draws comes back on `script`'s stdout (`-f`: flushed at once).
 *
 * Timing is on this process's clock: from just before `spawn` to the moment the output holds the marker (so
 * it includes starting `script`, the shell and `stty`; `baselinePty` measures that part alone). Memory is read
 * from /proc/<pid>/status of the program (VmHWM: peak resident set so far) right after the first frame and
 * again just before quitting.
 */

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { KeyStep } from './tui-probe.ts';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PtyRunOptions {
  /** The program and its arguments, run inside the pty. */
  argv: string[];
  cols: number;
  rows: number;
  env: NodeJS.ProcessEnv;
  /** Output text that means "the first frame is drawn". */
  marker: string;
  timeoutMs?: number;
  /** After the first frame (and the keys): wait this long, read the memory, then send `quit`. */
  settleMs?: number;
  /** Keys to send after the first frame; each waits for its prompt in the output before the next is sent. */
  keys?: { steps: readonly KeyStep[]; gapMs: number };
  /** What to type to quit, key by key 50 ms apart (nothing: the program ends by itself). */
  quit?: string | readonly string[];
}

export interface PtyRunResult {
  /** Spawn to the marker in the output, ms. */
  firstFrameMs: number;
  /** The program's pid (null when it could not be found). */
  pid: number | null;
  /** VmHWM / VmRSS of the program right after the first frame, and before quitting (kB). */
  hwmAtFrameKB: number | null;
  hwmKB: number | null;
  rssKB: number | null;
  /** Per key: writing it into the pty to its prompt appearing in the output, ms (NaN: never seen). */
  keyMs: number[];
  /** Quit key to exit, ms. */
  quitMs: number | null;
  code: number | null;
  /** The end of the output, for error messages. */
  tail: string;
  timedOut: boolean;
}

/** Quote for a POSIX shell. */
export function shq(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function status(pid: number): { hwm: number | null; rss: number | null; cmd: string } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const num = (re: RegExp): number | null => {
      const m = re.exec(s);
      return m ? Number(m[1]) : null;
    };
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { hwm: num(/VmHWM:\s*(\d+)/), rss: num(/VmRSS:\s*(\d+)/), cmd };
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The program under `script`: the descendant whose command line starts with argv[0] (the shell exec'd it). */
function findProgram(scriptPid: number, argv0: string): number | null {
  const queue = childrenOf(scriptPid);
  for (let guard = 0; queue.length && guard < 50; guard++) {
    const pid = queue.shift()!;
    const st = status(pid);
    if (st && st.cmd.startsWith(argv0)) return pid;
    queue.push(...childrenOf(pid));
  }
  return null;
}

export async function runInPty(opts: PtyRunOptions): Promise<PtyRunResult> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const cmd = `stty cols ${opts.cols} rows ${opts.rows} 2>/dev/null; exec ${opts.argv.map(shq).join(' ')}`;
  const result: PtyRunResult = {
    firstFrameMs: NaN,
    pid: null,
    hwmAtFrameKB: null,
    hwmKB: null,
    rssKB: null,
    keyMs: [],
    quitMs: null,
    code: null,
    tail: '',
    timedOut: false,
  };
  let buf = '';
  // One waiter at a time: resolved when the output from `from` on holds `text`.
  let waiter: { text: string; from: number; resolve: (t: number) => void } | null = null;
  const check = (): void => {
    if (waiter && buf.indexOf(waiter.text, waiter.from) >= 0) {
      const w = waiter;
      waiter = null;
      w.resolve(performance.now());
    }
  };
  const waitFor = (text: string, from: number, ms: number): Promise<number> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (waiter?.text === text) waiter = null;
        resolve(NaN);
      }, ms);
      waiter = {
        text,
        from,
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
      };
      check();
    });

  const t0 = performance.now();
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.stdin.on('error', () => {}); // the program may be gone already
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    buf += d;
    check();
  });
  child.stderr.on('data', (d: Buffer) => (buf += d.toString()));
  const killAll = (): void => {
    if (result.pid !== null) {
      try {
        process.kill(result.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    child.kill('SIGKILL');
  };

  try {
    const tFrame = await Promise.race([waitFor(opts.marker, 0, timeoutMs), closed.then(() => NaN)]);
    if (!Number.isFinite(tFrame)) {
      result.timedOut = true;
      return result;
    }
    result.firstFrameMs = tFrame - t0;
    result.pid = child.pid === undefined ? null : findProgram(child.pid, opts.argv[0]!);
    if (result.pid !== null) result.hwmAtFrameKB = status(result.pid)?.hwm ?? null;

    for (const step of opts.keys?.steps ?? []) {
      await sleep(opts.keys!.gapMs);
      const from = buf.length;
      const t = performance.now();
      child.stdin.write(step.key);
      const seen = await waitFor(`/${step.prompt}▏`, from, 3_000);
      result.keyMs.push(seen - t);
    }

    await sleep(opts.settleMs ?? 0);
    if (result.pid !== null) {
      const st = status(result.pid);
      result.hwmKB = st?.hwm ?? null;
      result.rssKB = st?.rss ?? null;
    }
    if (opts.quit !== undefined) {
      const quitKeys = typeof opts.quit === 'string' ? [opts.quit] : opts.quit;
      for (const k of quitKeys.slice(0, -1)) {
        child.stdin.write(k);
        await sleep(50);
      }
      const tq = performance.now();
      child.stdin.write(quitKeys[quitKeys.length - 1] ?? '');
      const code = await Promise.race([closed, sleep(5_000).then(() => 'timeout' as const)]);
      if (code === 'timeout') {
        result.timedOut = true;
        killAll();
        result.code = await closed;
      } else {
        result.quitMs = performance.now() - tq;
        result.code = code;
      }
    } else {
      result.code = await Promise.race([closed, sleep(timeoutMs).then(() => null)]);
    }
    return result;
  } finally {
    if (child.exitCode === null && child.signalCode === null) killAll();
    child.stdin.end();
    result.tail = buf.slice(-2_000);
  }
}
