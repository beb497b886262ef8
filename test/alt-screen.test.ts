// Entering and leaving the alternate screen, and the guard that leaves it however the TUI ends (the real TUI in
// tmux is in alt-screen-tmux.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import {
  ENTER_ALT_SCREEN,
  LEAVE_ALT_SCREEN,
  SHOW_CURSOR,
  enterAltScreen,
  type TerminalIn,
  type TerminalOut,
} from '../src/ui/terminal/alt-screen.ts';
import { guardTerminal, SIGNAL_EXIT_CODES, type ProcessLike } from '../src/ui/terminal/exit-guard.ts';

function fakeOut(isTTY: boolean, fail = false): TerminalOut & { written: string[] } {
  const written: string[] = [];
  return {
    isTTY,
    written,
    write(chunk: string) {
      if (fail) throw Object.assign(new Error('write EIO'), { code: 'EIO' });
      written.push(chunk);
      return true;
    },
  };
}

function fakeIn(raw: boolean): TerminalIn & { modes: boolean[] } {
  const modes: boolean[] = [];
  const input = {
    isTTY: true,
    isRaw: raw,
    modes,
    setRawMode(mode: boolean) {
      modes.push(mode);
      input.isRaw = mode;
    },
  };
  return input;
}

const TERM = { TERM: 'xterm-256color' };

test('on a terminal: enter switches to the alternate screen with the cursor home; leave switches back, shows the cursor and ends raw mode, once', () => {
  const out = fakeOut(true);
  const input = fakeIn(true);
  const screen = enterAltScreen(out, input, TERM);
  assert.equal(screen.entered, true);
  assert.deepEqual(out.written, [ENTER_ALT_SCREEN]);
  assert.equal(ENTER_ALT_SCREEN, '\x1b[?1049h\x1b[H');
  screen.leave();
  screen.leave();
  assert.deepEqual(out.written, [ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN + SHOW_CURSOR]);
  assert.equal(LEAVE_ALT_SCREEN + SHOW_CURSOR, '\x1b[?1049l\x1b[?25h');
  assert.deepEqual(input.modes, [false]);
});

test('piped or redirected output, or TERM=dumb: nothing is written, neither on enter nor on leave', () => {
  for (const [out, env] of [
    [fakeOut(false), TERM],
    [fakeOut(true), { TERM: 'dumb' }],
  ] as const) {
    const screen = enterAltScreen(out, fakeIn(false), env);
    assert.equal(screen.entered, false);
    screen.leave();
    assert.deepEqual(out.written, []);
  }
});

test('leave after a hang-up (writes fail) still ends raw mode and does not throw', () => {
  const input = fakeIn(true);
  const out = fakeOut(true);
  const screen = enterAltScreen(out, input, TERM);
  (out as { write: (c: string) => unknown }).write = () => {
    throw Object.assign(new Error('write EIO'), { code: 'EIO' });
  };
  assert.doesNotThrow(() => screen.leave());
  assert.deepEqual(input.modes, [false]);
  // A terminal that refuses even the first write was never switched, so nothing is undone on it.
  assert.equal(enterAltScreen(fakeOut(true, true), fakeIn(false), TERM).entered, false);
});

class FakeProcess extends EventEmitter implements ProcessLike {
  exits: number[] = [];
  exit(code?: number): void {
    this.exits.push(code ?? 0);
    // Like process.exit: the exit listeners run.
    this.emit('exit', code ?? 0);
  }
}

const GUARDED = ['SIGHUP', 'SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection', 'exit'];

test('a signal restores the terminal once and exits with 128 + its number', () => {
  assert.deepEqual(SIGNAL_EXIT_CODES, { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 });
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    const proc = new FakeProcess();
    const calls: string[] = [];
    guardTerminal(
      proc,
      () => calls.push('restore'),
      () => calls.push('crash'),
    );
    proc.emit(signal);
    assert.deepEqual(calls, ['restore'], signal);
    assert.deepEqual(proc.exits, [code], signal);
  }
});

test('a crash (uncaught exception, unhandled rejection) restores first, then reports, then exits 1', () => {
  for (const event of ['uncaughtException', 'unhandledRejection']) {
    const proc = new FakeProcess();
    const calls: unknown[] = [];
    guardTerminal(
      proc,
      () => calls.push('restore'),
      (err) => calls.push(`crash: ${(err as Error).message}`),
    );
    proc.emit(event, new Error('boom'));
    assert.deepEqual(calls, ['restore', 'crash: boom'], event);
    assert.deepEqual(proc.exits, [1], event);
  }
});

test('a failing restore or report still exits; any exit restores once; disposing removes every listener', () => {
  const proc = new FakeProcess();
  let restores = 0;
  guardTerminal(
    proc,
    () => {
      restores++;
      throw new Error('terminal gone');
    },
    () => {
      throw new Error('stderr gone');
    },
  );
  assert.throws(() => proc.emit('uncaughtException', new Error('boom')), /stderr gone/);
  assert.deepEqual(proc.exits, [1]);
  assert.equal(restores, 1);

  const quiet = new FakeProcess();
  let n = 0;
  const dispose = guardTerminal(
    quiet,
    () => n++,
    () => {},
  );
  quiet.emit('exit', 0);
  quiet.emit('exit', 0);
  quiet.emit('SIGTERM');
  assert.equal(n, 1);
  for (const e of GUARDED) assert.equal(quiet.listenerCount(e), 1, e);
  dispose();
  for (const e of GUARDED) assert.equal(quiet.listenerCount(e), 0, e);
});
