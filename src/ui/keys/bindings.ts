/**
 * Key bindings as data: each command lists the keys that trigger it; help and every screen's footer are generated
 * from the live table, so a person's overrides show up wherever keys are named. One key means one command
 * everywhere; a command's effect depends on the screen (Enter opens a title, runs a form field, …).
 */

import { displayWidth } from '../../lib/text/cells.ts';

export const UI_COMMANDS = [
  'up', 'down', 'pageUp', 'pageDown', 'top', 'bottom',
  'open', 'back', 'search', 'filter', 'toggle', 'sort', 'clear',
  'library', 'recommend', 'plan', 'stats', 'nextScreen', 'prevScreen',
  'add', 'remove', 'moveUp', 'moveDown', 'showSent', 'importExport',
  'help', 'quit',
] as const;
export type UiCommand = (typeof UI_COMMANDS)[number];

export interface KeyBinding {
  /** Printable character, or a named key: up, down, left, right, pageUp, pageDown, return, escape, tab, shift+tab, space, ctrl+<c>. */
  keys: readonly string[];
  description: string;
}

export type Bindings = Readonly<Record<UiCommand, KeyBinding>>;

export const DEFAULT_BINDINGS: Bindings = {
  up: { keys: ['up', 'k'], description: 'move up' },
  down: { keys: ['down', 'j'], description: 'move down' },
  pageUp: { keys: ['pageUp', 'ctrl+u'], description: 'half a page up' },
  pageDown: { keys: ['pageDown', 'ctrl+d'], description: 'half a page down' },
  top: { keys: ['g'], description: 'first row' },
  bottom: { keys: ['G'], description: 'last row' },
  open: { keys: ['return', 'l', 'right'], description: 'open / choose / run' },
  back: { keys: ['escape', 'h', 'left'], description: 'back / clear search / cancel running work' },
  search: { keys: ['/'], description: 'search as you type' },
  filter: { keys: ['f'], description: 'filters: genre, mood, length' },
  toggle: { keys: ['space'], description: 'include → exclude → off; next value' },
  sort: { keys: ['s'], description: 'next sort order' },
  clear: { keys: ['c'], description: 'clear filters' },
  library: { keys: ['1'], description: 'library' },
  recommend: { keys: ['r', '2'], description: 'recommendations (with the library filters); run them' },
  plan: { keys: ['p', '3'], description: 'plan to watch' },
  stats: { keys: ['4'], description: 'stats' },
  nextScreen: { keys: ['tab'], description: 'next screen' },
  prevScreen: { keys: ['shift+tab'], description: 'previous screen' },
  add: { keys: ['a'], description: 'add to plan to watch' },
  remove: { keys: ['x'], description: 'remove from the plan' },
  moveUp: { keys: ['K'], description: 'raise priority' },
  moveDown: { keys: ['J'], description: 'lower priority' },
  showSent: { keys: ['v'], description: 'what was sent to the AI' },
  importExport: { keys: ['i'], description: 'import an export' },
  help: { keys: ['?'], description: 'help' },
  quit: { keys: ['q'], description: 'quit (back on inner screens)' },
};

/** What Ink reports for one key press. */
export interface InkKey {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** One key press reduced to the names the bindings use. */
export function keyName(input: string, key: InkKey): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.ctrl && input) return `ctrl+${input}`;
  if (input === ' ') return 'space';
  return input;
}

/** The command a key triggers, if any. */
export function commandFor(name: string, bindings: Bindings = DEFAULT_BINDINGS): UiCommand | null {
  for (const cmd of UI_COMMANDS) if (bindings[cmd].keys.includes(name)) return cmd;
  return null;
}

const SHOWN: Record<string, string> = { return: 'Enter', escape: 'Esc', tab: 'Tab', 'shift+tab': 'S-Tab', space: 'Space', up: '↑', down: '↓', left: '←', right: '→', pageUp: 'PgUp', pageDown: 'PgDn' };

/** A key as a person reads it: Enter, Esc, ^d, ↑. */
export function showKey(k: string): string {
  if (SHOWN[k]) return SHOWN[k];
  if (k.startsWith('ctrl+')) return `^${k.slice(5)}`;
  return k;
}

const MOVEMENT_KEYS = new Set(['up', 'down', 'left', 'right', 'pageUp', 'pageDown']);

/** The key to name in a footer: the first one bound that is not an arrow or page key (vi keys, Enter, Esc read best). */
export function primaryKey(cmd: UiCommand, bindings: Bindings = DEFAULT_BINDINGS): string {
  const keys = bindings[cmd].keys;
  return showKey(keys.find((k) => !MOVEMENT_KEYS.has(k)) ?? keys[0] ?? '?');
}

export type FooterEntry = readonly [UiCommand | readonly [UiCommand, UiCommand], string];

/** Commands a footer never drops: how to leave and where the rest of the keys are. */
const KEEP_IN_FOOTER: ReadonlySet<UiCommand> = new Set(['quit', 'back', 'help']);

/**
 * A footer from the live bindings: each entry is one command or a pair shown as "j/k", and its label, in the
 * order shown. When `width` is given and the footer is too long, entries are dropped from the end, except the
 * ways out (quit, back) and help, which always stay.
 */
export function footerText(entries: readonly FooterEntry[], bindings: Bindings = DEFAULT_BINDINGS, width = Infinity): string {
  const parts = entries.map(([c, label]) => ({
    text: `${typeof c === 'string' ? primaryKey(c, bindings) : `${primaryKey(c[0], bindings)}/${primaryKey(c[1], bindings)}`} ${label}`.trim(),
    keep: typeof c === 'string' && KEEP_IN_FOOTER.has(c),
  }));
  const join = (): string => parts.map((p) => p.text).join(' · ');
  for (let i = parts.length - 1; i >= 0 && displayWidth(join()) > width; i--) if (!parts[i]!.keep) parts.splice(i, 1);
  return join();
}

/** Help lines, generated from the live bindings. */
export function helpLines(bindings: Bindings = DEFAULT_BINDINGS): string[] {
  return UI_COMMANDS.map((cmd) => {
    const keys = bindings[cmd].keys.map(showKey).join(', ');
    // Padded by cells: a bound key may be a wide character.
    return `${keys}${' '.repeat(Math.max(0, 18 - displayWidth(keys)))} ${bindings[cmd].description}`;
  });
}
