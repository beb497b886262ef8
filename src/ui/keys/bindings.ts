/**
 * Key presses as the commands of the live bindings (settings/key-bindings.ts), and the help and footers generated
 * from them, so a person's overrides show up wherever keys are named.
 */
import { displayWidth } from '../../lib/text/cells.ts';
import { layoutTable, naturalWidths, tableRow, type Column } from '../../lib/text/table.ts';
import { DEFAULT_BINDINGS, UI_COMMANDS, showKey, type Bindings, type UiCommand } from '../../settings/key-bindings.ts';

export { DEFAULT_BINDINGS, UI_COMMANDS, type Bindings, type UiCommand };

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
export function footerText(
  entries: readonly FooterEntry[],
  bindings: Bindings = DEFAULT_BINDINGS,
  width = Infinity,
): string {
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
  const rows = UI_COMMANDS.map(
    (cmd) => [bindings[cmd].keys.map(showKey).join(', '), bindings[cmd].description] as const,
  );
  // A table of the CLI's column spec: the keys column as wide as its widest entry, by cells (a key may be wide).
  const layout = layoutTable(HELP_COLUMNS, naturalWidths(HELP_COLUMNS, rows), null);
  return rows.map((r) => tableRow(layout, (c) => c.value(r)));
}

const HELP_COLUMNS: ReadonlyArray<Column<readonly [string, string]>> = [
  { header: 'Keys', value: ([keys]) => keys },
  { header: 'Command', value: ([, description]) => description },
];
