/**
 * A person's key overrides (the `keys` object of settings.json) merged into the default bindings. Pure: the
 * settings file adapter reads the file, this decides what the keys mean. Nothing here throws: every entry that
 * cannot be used becomes one sentence in `problems` and the rest still applies, so a typo costs one binding, not
 * the whole keymap.
 */
import {
  DEFAULT_BINDINGS,
  UI_COMMANDS,
  showKey,
  type Bindings,
  type KeyBinding,
  type UiCommand,
} from './key-bindings.ts';

/** The key names keyName produces besides single characters and ctrl+<letter>. */
export const NAMED_KEYS = [
  'up',
  'down',
  'left',
  'right',
  'pageUp',
  'pageDown',
  'return',
  'escape',
  'tab',
  'shift+tab',
  'space',
] as const;

const KEY_RULE = `use a single character, ${NAMED_KEYS.join(', ')} or ctrl+<letter>`;

// Terminals send these ctrl+letters as other keys, so a binding to them would never fire.
const SENT_AS: Record<string, string> = {
  'ctrl+h': 'backspace, which cannot be bound; choose another key',
  'ctrl+i': 'tab; bind "tab" instead',
  'ctrl+j': 'a newline, which cannot be bound; choose another key',
  'ctrl+m': 'return; bind "return" instead',
};

// Spellings people reach for from other tools, to say which name we use instead.
const ALIASES: Record<string, string> = {
  enter: 'return',
  ret: 'return',
  cr: 'return',
  esc: 'escape',
  pgup: 'pageUp',
  pgdn: 'pageDown',
  pgdown: 'pageDown',
  pageup: 'pageUp',
  pagedown: 'pageDown',
  backtab: 'shift+tab',
  'shift-tab': 'shift+tab',
  's-tab': 'shift+tab',
  ' ': 'space',
  '\t': 'tab',
  spacebar: 'space',
  arrowup: 'up',
  arrowdown: 'down',
  arrowleft: 'left',
  arrowright: 'right',
};

type KeyCheck = { ok: true } | { ok: false; why: string };

function isCommand(name: string): name is UiCommand {
  return (UI_COMMANDS as readonly string[]).includes(name);
}

function isValidKeyName(k: string): boolean {
  if ((NAMED_KEYS as readonly string[]).includes(k)) return true;
  if (/^ctrl\+[a-z]$/.test(k)) return k !== 'ctrl+c' && !SENT_AS[k];
  // Whitespace and control characters never arrive as a key's input (space has its own name).
  return [...k].length === 1 && !/[\p{C}\s]/u.test(k);
}

/** What the person probably meant, when it is a valid key name under another spelling. */
function guessKey(k: string): string | null {
  const lower = k.toLowerCase();
  const ctrl = /^(?:ctrl|control|c)[+-]([a-z])$/i.exec(k) ?? /^\^([a-z])$/i.exec(k);
  const shift = /^shift[+-]([a-z])$/i.exec(k);
  const guess =
    NAMED_KEYS.find((n) => n.toLowerCase() === lower) ??
    ALIASES[lower] ??
    (ctrl ? `ctrl+${ctrl[1]!.toLowerCase()}` : shift ? shift[1]!.toUpperCase() : undefined);
  return guess !== undefined && guess !== k ? guess : null;
}

function checkKey(k: string): KeyCheck {
  const guess = guessKey(k);
  if (k === 'ctrl+c' || guess === 'ctrl+c')
    return { ok: false, why: `"${k}" always exits anidex, so it cannot be bound; choose another key` };
  const sent = SENT_AS[k] ?? (guess ? SENT_AS[guess] : undefined);
  if (sent) return { ok: false, why: `terminals send "${k}" as ${sent}` };
  if (isValidKeyName(k)) return { ok: true };
  if (guess && isValidKeyName(guess))
    return { ok: false, why: `${JSON.stringify(k)} is not a key name; write "${guess}"` };
  return { ok: false, why: `${JSON.stringify(k)} is not a key name; ${KEY_RULE}` };
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

function guessCommand(name: string): UiCommand | null {
  const lower = name.toLowerCase();
  // Short names are within two edits of too many commands for a guess to help.
  const near = name.length >= 4 ? 2 : 1;
  return (
    UI_COMMANDS.find((c) => c.toLowerCase() === lower) ??
    UI_COMMANDS.find((c) => editDistance(c.toLowerCase(), lower) <= near) ??
    null
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const at = (cmd: string) => `settings.json \`keys.${cmd}\``;
const shownDefaults = (cmd: UiCommand) => DEFAULT_BINDINGS[cmd].keys.map(showKey).join(', ');
const fallBack = (cmd: UiCommand) =>
  `${at(cmd)} has no usable key left, so ${cmd} keeps its default keys (${shownDefaults(cmd)}).`;

function owners(wanted: ReadonlyMap<UiCommand, readonly string[]>): Map<string, UiCommand> {
  const owner = new Map<string, UiCommand>();
  for (const [cmd, keys] of wanted) for (const k of keys) owner.set(k, cmd);
  return owner;
}

/**
 * Merge `keys` overrides (`{"down": ["j", "n"], "quit": "Q"}`) into the defaults; invalid entries become problems.
 * Conflicts: an override replaces all default keys of the command it names; a key it reuses from a command the person
 * did not override is taken away from that command; if that would leave such a command with no key, the key stays
 * with it (problem) and only that key is dropped from the override; two overrides naming the same key: the first in
 * the file keeps it (problem); an override left with no usable key is ignored and its command keeps its defaults.
 */
export function applyKeyOverrides(raw: unknown): { bindings: Bindings; problems: string[] } {
  const problems: string[] = [];
  if (raw === undefined) return { bindings: DEFAULT_BINDINGS, problems };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(
      `settings.json \`keys\` must be an object from command to keys, like {"down": ["j", "n"]}, not ${describe(raw)}; the default keys are used.`,
    );
    return { bindings: DEFAULT_BINDINGS, problems };
  }

  // File order matters: it decides which of two overrides keeps a key both name.
  const wanted = new Map<UiCommand, string[]>();
  for (const [name, value] of Object.entries(raw)) {
    if (!isCommand(name)) {
      const guess = guessCommand(name);
      problems.push(
        `${at(name)}: there is no command "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}; use one of ${UI_COMMANDS.join(', ')}.`,
      );
      continue;
    }
    const list: unknown[] | null = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
    if (!list) {
      problems.push(
        `${at(name)} must be a key or a list of keys, like ["j", "down"], not ${describe(value)}; ${name} keeps its default keys (${shownDefaults(name)}).`,
      );
      continue;
    }
    if (list.length === 0) {
      problems.push(
        `${at(name)} is an empty list, but every command needs a key; give ${name} a key or remove the entry to keep its default keys (${shownDefaults(name)}).`,
      );
      continue;
    }
    const keys: string[] = [];
    for (const item of list) {
      if (typeof item !== 'string') {
        problems.push(
          `${at(name)}: ${describe(item)} is not a key name; write each key as a string in quotes, like "j" or "1".`,
        );
        continue;
      }
      const check = checkKey(item);
      if (!check.ok) problems.push(`${at(name)}: ${check.why}.`);
      else if (!keys.includes(item)) keys.push(item);
    }
    if (keys.length > 0) wanted.set(name, keys);
    else problems.push(fallBack(name));
  }

  const claimed = new Map<string, UiCommand>();
  for (const [cmd, keys] of wanted) {
    const kept = keys.filter((k) => {
      const first = claimed.get(k);
      if (first)
        problems.push(
          `${at(cmd)}: "${k}" is already bound to ${first} earlier in the file; choose another key for ${cmd}.`,
        );
      return !first;
    });
    for (const k of kept) claimed.set(k, cmd);
    if (kept.length > 0) wanted.set(cmd, kept);
    else {
      wanted.delete(cmd);
      problems.push(fallBack(cmd));
    }
  }

  // Giving a key back can empty an override, whose command then falls back to defaults other overrides may have
  // taken, so repeat until every command keeps a key; each round removes one key, so this ends.
  for (let settled = false; !settled;) {
    settled = true;
    const owner = owners(wanted);
    for (const cmd of UI_COMMANDS) {
      const defaults = DEFAULT_BINDINGS[cmd].keys;
      if (wanted.has(cmd) || defaults.some((k) => !owner.has(k))) continue;
      const k = defaults[0]!;
      const taker = owner.get(k)!;
      problems.push(
        `${at(taker)}: taking "${k}" would leave ${cmd} with no key, so it stays with ${cmd}; bind ${cmd} to another key in \`keys.${cmd}\` or choose another key for ${taker}.`,
      );
      const rest = wanted.get(taker)!.filter((x) => x !== k);
      if (rest.length > 0) wanted.set(taker, rest);
      else {
        wanted.delete(taker);
        problems.push(fallBack(taker));
      }
      settled = false;
      break;
    }
  }

  const owner = owners(wanted);
  const bindings = {} as Record<UiCommand, KeyBinding>;
  for (const cmd of UI_COMMANDS) {
    const { keys, description } = DEFAULT_BINDINGS[cmd];
    bindings[cmd] = { keys: wanted.get(cmd) ?? keys.filter((k) => !owner.has(k)), description };
  }
  return { bindings, problems };
}
