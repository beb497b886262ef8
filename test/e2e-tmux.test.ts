// The end-to-end script: the real program in tmux at 80×24, driven key by key (scripts/e2e-tmux.sh). It needs
// tmux, so it is skipped where tmux is not on PATH; CI runs it where tmux is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT } from './helpers/proc.ts';

const TIMEOUT_MS = 120_000;

function onPath(name: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** Run the script without blocking the event loop (the other test file runs beside it); SIGTERM on timeout so its trap cleans up. */
function runScript(): Promise<{
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
  ms: number;
}> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('bash', [join(ROOT, 'scripts', 'e2e-tmux.sh')], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let timedOut = false;
    let hard: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    }, TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (hard) clearTimeout(hard);
      resolve({ code, signal, output, timedOut, ms: Date.now() - started });
    });
  });
}

test(
  'end to end in tmux: welcome, import the sample, filter, a title, recommend, add to the plan, quit with status 0',
  { timeout: TIMEOUT_MS + 20_000 },
  async (t) => {
    if (!onPath('tmux')) {
      t.skip('tmux is not on PATH; install tmux to run the end-to-end script (npm run e2e:tmux)');
      return;
    }
    const r = await runScript();
    const why = r.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : `exited with ${r.signal ?? `status ${r.code}`}`;
    assert.equal(r.code, 0, `scripts/e2e-tmux.sh ${why} after ${(r.ms / 1000).toFixed(1)} s; its output:\n${r.output}`);
    assert.match(r.output, /PASS: \d+ keys, every expectation met/, `no PASS line; the output:\n${r.output}`);
  },
);
