// A full-screen program must give the terminal back however it ends. A quit goes through the TUI's own path;
// this covers the rest: a signal (SIGTERM from a process manager, SIGHUP from a dropped SSH session, SIGINT sent
// from outside, since Ctrl-C in raw mode is a key, not a signal), a crash (an uncaught exception or an unhandled
// rejection), and any process.exit() on the way.

/** The part of `process` the guard uses, so tests can hand it a fake. */
export interface ProcessLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  exit(code?: number): void;
}

/** 128 + the signal's number, as shells report a process ended by a signal. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

export type GuardedSignal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * Until the returned function is called: run `restore` once (whichever comes first) on a signal, a crash or an
 * exit. A signal then exits with 128 + its number; a crash calls `onCrash` (after `restore`, so its message
 * lands on the main screen and not on the alternate one being left) and exits with 1. Exiting through
 * process.exit() keeps the other exit handlers (the warehouse lock's release) running.
 */
export function guardTerminal(proc: ProcessLike, restore: () => void, onCrash: (err: unknown) => void): () => void {
  let restored = false;
  const restoreOnce = (): void => {
    if (restored) return;
    restored = true;
    try {
      restore();
    } catch {
      // Restoring is best effort: the terminal may be gone (a hang-up). Never let it stop the exit.
    }
  };
  const onSignal = (signal: GuardedSignal): void => {
    restoreOnce();
    proc.exit(SIGNAL_EXIT_CODES[signal]);
  };
  const onFatal = (err: unknown): void => {
    restoreOnce();
    try {
      onCrash(err);
    } finally {
      proc.exit(1);
    }
  };
  const listeners: [string, (...args: unknown[]) => void][] = [
    ...(Object.keys(SIGNAL_EXIT_CODES) as GuardedSignal[]).map((s): [string, () => void] => [s, () => onSignal(s)]),
    ['uncaughtException', onFatal],
    ['unhandledRejection', onFatal],
    ['exit', restoreOnce],
  ];
  for (const [event, fn] of listeners) proc.on(event, fn);
  return () => {
    for (const [event, fn] of listeners) proc.off(event, fn);
  };
}
