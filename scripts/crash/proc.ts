// Real anidex processes for the crash harness and the concurrency test, always spawned asynchronously (a fake
// server in the same process must keep answering while they run).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RECORDER = join(ROOT, 'scripts', 'crash', 'record-saves.mjs');
let bin = join(ROOT, 'bin', 'anidex.js');

/**
 * Run every later anidex process from a copy of the built app in `dir` (bin, dist, package.json; data and
 * node_modules linked), so a rebuild of dist/ by someone else mid-run cannot change the program under test.
 */
export function freezeApp(dir: string): string {
  if (!existsSync(join(ROOT, 'dist', 'cli.js')))
    throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first.');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'anidex.js'), join(dir, 'bin', 'anidex.js'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  for (const link of ['node_modules', 'data'])
    if (!existsSync(join(dir, link))) symlinkSync(join(ROOT, link), join(dir, link), 'dir');
  bin = join(dir, 'bin', 'anidex.js');
  return bin;
}

/** An environment that can never reach the internet, a Gemini key, or the person's own data dir and settings. */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env))
    if (k.startsWith('ANIDEX_') || k.startsWith('GEMINI_') || k === 'GOOGLE_API_KEY') delete env[k];
  // Node's test runner marks its children; a CLI started from a test must not think it is one.
  delete env.NODE_TEST_CONTEXT;
  return {
    ...env,
    ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
    ANIDEX_JIKAN_URL: 'http://127.0.0.1:9/',
    ANIDEX_MAPPING_URL: 'http://127.0.0.1:9/anime-list-full.json',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Wall time from spawn to exit. */
  ms: number;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  startedAt: number;
  exit: Promise<Exit>;
  exited: boolean;
}

const KEEP = 64 * 1024;

/** Start `node [nodeArgs] bin/anidex.js --data-dir <dataDir> …args`. */
export function startAnidex(
  dataDir: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Running {
  return startNode([...(opts.nodeArgs ?? []), bin, '--data-dir', dataDir, ...args], opts.env ?? isolatedEnv());
}

/** Start `node …args` from the repository root with piped output (the last 64 KiB of each kept). */
export function startNode(args: string[], env: NodeJS.ProcessEnv = isolatedEnv()): Running {
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout = (stdout + d.toString()).slice(-KEEP);
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-KEEP);
  });
  const running: Running = {
    child,
    startedAt,
    exited: false,
    exit: new Promise<Exit>((resolve, reject) => {
      child.on('error', reject);
      // 'close' comes after the output streams are drained.
      child.on('close', (code, signal) => {
        running.exited = true;
        resolve({ code, signal, ms: performance.now() - startedAt, stdout, stderr });
      });
    }),
  };
  child.on('exit', () => {
    running.exited = true;
  });
  return running;
}

/** Run to the end; a run still going after `timeoutMs` is killed and reported as a timeout (code null). */
export async function runAnidex(
  dataDir: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<Exit & { timedOut: boolean }> {
  const r = startAnidex(dataDir, args, opts);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    r.child.kill('SIGKILL');
  }, opts.timeoutMs ?? 120_000);
  try {
    return { ...(await r.exit), timedOut };
  } finally {
    clearTimeout(timer);
  }
}

/** One line of a process's output, for failure messages. */
export function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((l) => l.trim() && !/^\s*(reading|matching|fetching|cleaning|versioning|saving)\b/.test(l))
      .at(-1) ?? ''
  ).slice(0, 300);
}
