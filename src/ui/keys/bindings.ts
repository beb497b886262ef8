/** Key bindings as data: each command lists the keys that trigger it; help is generated from this table. */

export type UiCommand =
  | 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom'
  | 'search' | 'back' | 'quit' | 'help' | 'open' | 'nextScreen';

export interface KeyBinding {
  /** Printable character, or a named key: up, down, pageUp, pageDown, return, escape, tab, ctrl+<c>. */
  keys: readonly string[];
  description: string;
}

export const DEFAULT_BINDINGS: Readonly<Record<UiCommand, KeyBinding>> = {
  up: { keys: ['up', 'k'], description: 'move up' },
  down: { keys: ['down', 'j'], description: 'move down' },
  pageUp: { keys: ['pageUp', 'ctrl+u'], description: 'half a page up' },
  pageDown: { keys: ['pageDown', 'ctrl+d'], description: 'half a page down' },
  top: { keys: ['g'], description: 'first row' },
  bottom: { keys: ['G'], description: 'last row' },
  search: { keys: ['/'], description: 'search as you type' },
  open: { keys: ['return', 'l'], description: 'open' },
  back: { keys: ['escape', 'h'], description: 'back / clear search' },
  nextScreen: { keys: ['tab'], description: 'next screen' },
  help: { keys: ['?'], description: 'help' },
  quit: { keys: ['q'], description: 'quit' },
};

/** What Ink reports for one key press, reduced to the names the bindings use. */
export function keyName(input: string, key: { upArrow?: boolean; downArrow?: boolean; pageUp?: boolean; pageDown?: boolean; return?: boolean; escape?: boolean; tab?: boolean; ctrl?: boolean }): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.tab) return 'tab';
  if (key.ctrl && input) return `ctrl+${input}`;
  return input;
}

/** The command a key triggers, if any. */
export function commandFor(name: string, bindings: Readonly<Record<UiCommand, KeyBinding>> = DEFAULT_BINDINGS): UiCommand | null {
  for (const [cmd, b] of Object.entries(bindings) as Array<[UiCommand, KeyBinding]>) if (b.keys.includes(name)) return cmd;
  return null;
}

/** Help lines, generated from the live bindings. */
export function helpLines(bindings: Readonly<Record<UiCommand, KeyBinding>> = DEFAULT_BINDINGS): string[] {
  return (Object.entries(bindings) as Array<[UiCommand, KeyBinding]>).map(([, b]) => `${b.keys.join(', ').padEnd(18)} ${b.description}`);
}
