// The TUI draws on the terminal's alternate screen, as full-screen programs (less, vim, htop) do: the person's
// shell output and scrollback stay on the main screen, untouched, and come back when anidex leaves.

/** Save the cursor and switch to the alternate screen (which the terminal clears), then put the cursor home:
 * the switch keeps the cursor's row, and Ink draws from wherever the cursor is. */
export const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
/** Back to the main screen with the cursor where it was saved. */
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
/** Ink hides the cursor while it draws; a crash or a signal can leave it hidden. */
export const SHOW_CURSOR = '\x1b[?25h';

export interface TerminalOut {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export interface TerminalIn {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface AltScreen {
  /** False when output is not a terminal (piped, redirected) or the terminal is `dumb`: nothing was written. */
  readonly entered: boolean;
  /** Main screen back, cursor shown, raw mode off. Only the first call does anything; it never throws. */
  leave(): void;
}

/** Whether `out` is a terminal that understands the alternate screen. */
export function canUseAltScreen(out: TerminalOut, env: NodeJS.ProcessEnv = process.env): boolean {
  return out.isTTY === true && env.TERM !== 'dumb';
}

/** Switch `out` to the alternate screen (only on a terminal); the returned handle switches back. */
export function enterAltScreen(out: TerminalOut, input: TerminalIn, env: NodeJS.ProcessEnv = process.env): AltScreen {
  const entered = canUseAltScreen(out, env) && attempt(() => out.write(ENTER_ALT_SCREEN));
  let left = false;
  return {
    entered,
    leave() {
      if (left) return;
      left = true;
      // Each step on its own: after a hang-up the terminal is gone and writes fail, but raw mode is still undone.
      if (entered) attempt(() => out.write(LEAVE_ALT_SCREEN + SHOW_CURSOR));
      if (input.isTTY && input.isRaw && input.setRawMode) attempt(() => input.setRawMode!(false));
    },
  };
}

function attempt(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}
