// The real TUI in tmux: what the pane showed before anidex started is exactly what it shows after anidex ends --
// by q, by Ctrl-C, by SIGTERM, by SIGHUP and by a crash (an uncaught exception, an unhandled rejection) -- with
// the alternate screen left, the cursor visible and the terminal back in cooked mode. Skipped without tmux.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './helpers/proc.ts';

const SOCKET = `anidex-alt-${process.pid}`;
// The first frame shares two cores with the rest of the suite.
const WAIT_MS = 60_000;
const MARKER_LINES = 40; // more than the pane's 24 rows: some of them are in tmux's history, some on screen
const CRASH_LINES = [
  'anidex: unexpected error: injected crash',
  '  Run again with --debug for details, and report it if it persists.',
];

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const HAVE_TMUX = onPath('tmux');
const TMP = mkdtempSync(join(tmpdir(), 'anidex-alt-'));

function tm(...args: string[]): string {
  return execFileSync('tmux', ['-u', '-f', '/dev/null', '-L', SOCKET, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const shq = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

async function waitFor<T>(what: string, probe: () => T | undefined | false, pane?: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline)
      assert.fail(`waited ${WAIT_MS / 1000} s for ${what}; the pane:\n${pane ? capture(pane) : ''}`);
    await sleep(50);
  }
}

/** History and screen, trailing blank lines dropped. */
function capture(pane: string): string[] {
  const lines = tm('capture-pane', '-p', '-S', '-', '-E', '-', '-t', pane).split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines;
}

const paneVar = (pane: string, name: string): string => tm('display-message', '-p', '-t', pane, `#{${name}}`).trim();

/** The pid of anidex: the pane's shell's child running bin/anidex.js. */
function anidexPid(shellPid: string): number | undefined {
  const ps = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  for (const line of ps.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (m && m[2] === shellPid && m[3]!.includes('bin/anidex.js')) return Number(m[1]);
  }
  return undefined;
}

interface Case {
  name: string;
  /** How the session ends, once the first frame is up. */
  end: (pane: string, pid: number) => void;
  status: number;
  crash?: 'exception' | 'rejection';
  /** What anidex may add to the main screen: nothing, or the one-sentence crash report. */
  added: string[];
}

let sessions = 0;

async function runCase(c: Case): Promise<void> {
  const dir = join(TMP, `case-${++sessions}`);
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const gate = join(dir, 'go');
  const statusFile = join(dir, 'status');
  const sttyFile = join(dir, 'stty');
  const preload = c.crash ? `--import ${shq(join(ROOT, 'test', 'fixtures', 'tui-crash-on-signal.mjs'))}` : '';
  // The pane prints lines a person had on screen, waits to be told, runs anidex, records how it ended and how
  // the terminal was left, then sleeps without printing anything.
  writeFileSync(
    join(dir, 'run.sh'),
    [
      `cd ${shq(ROOT)} || exit 99`,
      `for i in $(seq 1 ${MARKER_LINES}); do printf 'scrollback before anidex %02d\\n' "$i"; done`,
      `while [ ! -e ${shq(gate)} ]; do sleep 0.05; done`,
      `env -u GEMINI_API_KEY -u CI NO_COLOR=1 HOME=${shq(home)} XDG_DATA_HOME=${shq(join(home, 'data'))} XDG_CONFIG_HOME=${shq(join(home, 'config'))} ` +
        `XDG_CACHE_HOME=${shq(join(home, 'cache'))} XDG_STATE_HOME=${shq(join(home, 'state'))} ANIDEX_ANILIST_URL=http://127.0.0.1:9/ ` +
        `ANIDEX_TEST_CRASH=${c.crash ?? ''} ${shq(process.execPath)} ${preload} bin/anidex.js --data-dir ${shq(join(dir, 'data'))}`,
      `echo $? > ${shq(statusFile)}`,
      `stty -a > ${shq(sttyFile)} 2>&1`,
      'exec sleep 600',
    ].join('\n') + '\n',
  );
  const session = `case${sessions}`;
  tm('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `bash ${shq(join(dir, 'run.sh'))}`);
  const pane = `${session}:0.0`;
  try {
    await waitFor(
      'the lines printed before anidex',
      () => capture(pane).at(-1)?.endsWith(`before anidex ${MARKER_LINES}`),
      pane,
    );
    const beforeLines = capture(pane);
    writeFileSync(gate, '');

    await waitFor(
      'the first frame on the alternate screen',
      () => paneVar(pane, 'alternate_on') === '1' && capture(pane).some((l) => l.startsWith('anidex · ')),
      pane,
    );
    const shellPid = paneVar(pane, 'pane_pid');
    const pid = await waitFor('the anidex process', () => anidexPid(shellPid), pane);
    await waitFor('the cursor hidden while the TUI draws', () => paneVar(pane, 'cursor_flag') === '0', pane);

    c.end(pane, pid);
    await waitFor('anidex to exit', () => existsSync(sttyFile) && readFileSync(sttyFile, 'utf8').length > 0, pane);

    const status = Number(readFileSync(statusFile, 'utf8').trim());
    const afterLines = capture(pane);
    const shown = `\n--- before\n${beforeLines.join('\n')}\n--- after\n${afterLines.join('\n')}`;
    assert.equal(status, c.status, `exit status${shown}`);
    assert.equal(paneVar(pane, 'alternate_on'), '0', 'still on the alternate screen');
    assert.equal(paneVar(pane, 'cursor_flag'), '1', 'the cursor is still hidden');
    // Exactly what was there, plus the crash report where there was one: no last frame, no stray escape codes.
    assert.deepEqual(afterLines, [...beforeLines, ...c.added], `the main screen changed${shown}`);
    const stty = readFileSync(sttyFile, 'utf8');
    assert.match(stty, /(^|\s)icanon(\s|$)/, `the terminal was left in raw mode:\n${stty}`);
    assert.match(stty, /(^|\s)echo(\s|$)/, `the terminal was left without echo:\n${stty}`);
  } finally {
    try {
      tm('kill-session', '-t', session);
    } catch {
      // already gone
    }
  }
}

before(() => {
  if (!HAVE_TMUX) return;
  // Only when stale: other test files may be running bin/anidex.js from dist/ at the same time.
  execFileSync(process.execPath, [join(ROOT, 'bin', 'anidex.js'), '--version'], { cwd: ROOT, stdio: 'ignore' });
});

after(() => {
  if (HAVE_TMUX) {
    let socketPath = '';
    try {
      socketPath = tm('display-message', '-p', '#{socket_path}').trim();
    } catch {
      // no server left
    }
    try {
      tm('kill-server');
    } catch {
      // no server left
    }
    if (socketPath) rmSync(socketPath, { force: true });
  }
  rmSync(TMP, { recursive: true, force: true });
});

const CASES: Case[] = [
  { name: 'q', end: (pane) => tm('send-keys', '-t', pane, 'q'), status: 0, added: [] },
  { name: 'Ctrl-C', end: (pane) => tm('send-keys', '-t', pane, 'C-c'), status: 0, added: [] },
  { name: 'SIGTERM', end: (_pane, pid) => process.kill(pid, 'SIGTERM'), status: 143, added: [] },
  { name: 'SIGHUP (a dropped SSH session)', end: (_pane, pid) => process.kill(pid, 'SIGHUP'), status: 129, added: [] },
  {
    name: 'an uncaught exception',
    crash: 'exception',
    end: (_pane, pid) => process.kill(pid, 'SIGUSR2'),
    status: 1,
    added: CRASH_LINES,
  },
  {
    name: 'an unhandled rejection',
    crash: 'rejection',
    end: (_pane, pid) => process.kill(pid, 'SIGUSR2'),
    status: 1,
    added: ['anidex: unexpected error: injected rejection', CRASH_LINES[1]!],
  },
];

for (const c of CASES) {
  test(
    `the TUI in tmux, ended by ${c.name}: the screen before it is back untouched, cursor shown, cooked mode`,
    { timeout: 4 * WAIT_MS },
    async (t) => {
      if (!HAVE_TMUX) {
        t.skip('tmux is not on PATH');
        return;
      }
      await runCase(c);
    },
  );
}
