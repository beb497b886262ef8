/**
 * Key bindings as data: each command of the TUI lists the keys that trigger it. The defaults and the names live
 * here, beside the settings file that overrides them (key-overrides.ts), so the settings need nothing from the
 * UI; the UI turns key presses into these commands and generates help and footers from the live table. One key
 * means one command everywhere; a command's effect depends on the screen (Enter opens a title, runs a form field, …).
 */

export const UI_COMMANDS = [
  'up',
  'down',
  'pageUp',
  'pageDown',
  'top',
  'bottom',
  'open',
  'back',
  'search',
  'filter',
  'toggle',
  'sort',
  'clear',
  'titleLanguage',
  'library',
  'recommend',
  'plan',
  'stats',
  'nextScreen',
  'prevScreen',
  'add',
  'remove',
  'moveUp',
  'moveDown',
  'showSent',
  'importExport',
  'syncNow',
  'help',
  'quit',
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
  titleLanguage: { keys: ['t'], description: 'titles by the exported, English or romaji name' },
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
  syncNow: { keys: ['S'], description: 'sync the connected accounts now (AniList, MyAnimeList, Trakt)' },
  help: { keys: ['?'], description: 'help' },
  quit: { keys: ['q'], description: 'quit (back on inner screens)' },
};

const SHOWN: Record<string, string> = {
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift+tab': 'S-Tab',
  space: 'Space',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
};

/** A key as a person reads it: Enter, Esc, ^d, ↑. */
export function showKey(k: string): string {
  if (SHOWN[k]) return SHOWN[k];
  if (k.startsWith('ctrl+')) return `^${k.slice(5)}`;
  return k;
}
