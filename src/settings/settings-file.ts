/**
 * `$XDG_CONFIG_HOME/anidex/settings.json`, read and written with lowdb (`Low` over a `DataFile` whose parse and
 * stringify handle JSON with comments). The person writes `keys`; the TUI writes only what it remembers
 * (`titleLanguage`, `tui`), as edits of the text it has just read, so every other byte — comments included — stays
 * as it was. Reading never creates or rewrites the file, and a file that does not parse is never written: it is
 * the person's, and a broken one must stay as they left it so they can fix it. Every fault becomes a problem to
 * show, never a throw. Not lowdb's JSONFilePreset: under NODE_ENV=test it swaps in an in-memory adapter.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { JSONPath } from 'jsonc-parser';
import { applyKeyOverrides } from './key-overrides.ts';
import { DEFAULT_BINDINGS, type Bindings } from './key-bindings.ts';
import { titleLanguageFromSettings } from './title-language-setting.ts';
import { editSettingsText, NEW_FILE_HEADER, parseSettingsText, type ParsedText } from './settings-text.ts';
import { NO_TUI_PREFERENCES, TUI_KEY, tuiPreferencesFromSettings, type TuiPreferences } from './tui-preferences.ts';
import { DEFAULT_TITLE_LANGUAGE, type TitleLanguage } from '../domain/title-language.ts';
import { SettingsError } from '../lib/errors.ts';
import { acquireLock } from '../lib/lock.ts';

export const SETTINGS_FILE = 'settings.json';

/** Where the settings file lives in anidex's config folder. */
export function settingsPath(configDir: string): string {
  return join(configDir, SETTINGS_FILE);
}

export interface LoadedSettings {
  bindings: Bindings;
  /** Which name titles are shown by (`titleLanguage`). */
  titleLanguage: TitleLanguage;
  /** What the TUI remembered (`tui`). */
  tui: TuiPreferences;
  problems: string[];
  /** The problems that bear on the title language (a broken file, a bad value): what the CLI reports. */
  titleLanguageProblems: string[];
  /** The file cannot be read, does not parse or holds no object: the defaults apply and the TUI saves nothing into it. */
  error: SettingsError | null;
  path: string;
}

// Boxed because Low keeps its default data when the file parses to a falsy value (null, false, 0), which would make
// `null` look like a missing file. The text travels with the value: a write edits the text just read.
type Read = { found: false } | { found: true; text: string; parsed: ParsedText };

function settingsDb(path: string): Low<Read> {
  return new Low<Read>(
    new DataFile<Read>(path, {
      parse: (text) => ({ found: true, text, parsed: parseSettingsText(text) }),
      stringify: (data) => {
        if (!data.found) throw new Error('settings.json: nothing to write');
        return data.text;
      },
    }),
    { found: false },
  );
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : String(value);
}

/** What is wrong with the file as a whole (it does not parse, or holds no object), or null. */
function wholeFileProblem(path: string, parsed: ParsedText): SettingsError | null {
  if (!parsed.ok) return new SettingsError(`${path} is not valid JSON (${parsed.error}).`, path);
  if (!isObject(parsed.value))
    return new SettingsError(
      `${path} must hold a JSON object, like {"keys": {"down": ["j", "n"]}}, not ${kindOf(parsed.value)}.`,
      path,
    );
  return null;
}

/** A settings error as one line of text: what happened, then what to do. */
const problemText = (e: SettingsError): string => `${e.message} ${e.hint}`;

/** The settings in `configDir` (defaults when there is no settings file), with every problem found in it. */
export async function loadSettings(configDir: string): Promise<LoadedSettings> {
  const path = settingsPath(configDir);
  const defaults = (error: SettingsError | null = null): LoadedSettings => ({
    bindings: DEFAULT_BINDINGS,
    titleLanguage: DEFAULT_TITLE_LANGUAGE,
    tui: NO_TUI_PREFERENCES,
    problems: error ? [problemText(error)] : [],
    titleLanguageProblems: error ? [problemText(error)] : [],
    error,
    path,
  });
  const db = settingsDb(path);
  try {
    await db.read();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return defaults(
      new SettingsError(
        `Could not read ${path} (${e.message}).`,
        path,
        'Fix its permissions or delete it to use the default settings; nothing is saved into it until then.',
      ),
    );
  }
  const data = db.data;
  if (!data.found) return defaults();
  const whole = wholeFileProblem(path, data.parsed);
  if (whole !== null) return defaults(whole);
  const value = (data.parsed as { value: Record<string, unknown> }).value;
  const keys = applyKeyOverrides(value.keys);
  const title = titleLanguageFromSettings(value.titleLanguage);
  const tui = tuiPreferencesFromSettings(value[TUI_KEY]);
  return {
    bindings: keys.bindings,
    titleLanguage: title.titleLanguage,
    tui: tui.preferences,
    problems: [...keys.problems, ...title.problems, ...tui.problems],
    titleLanguageProblems: title.problems,
    error: null,
    path,
  };
}

/** One value anidex writes: `["titleLanguage"]`, `["tui", "sort"]`, … */
export interface SettingChange {
  path: readonly [string] | readonly [string, string];
  value: unknown;
}

/** Why a save failed: the file as it is (does not parse, holds no object), or the file system (lock, permissions). */
export type SaveFailure = 'file' | 'io';

type SaveResult = { saved: boolean; problem: null } | { saved: false; problem: string; cause: SaveFailure };

/** How long a save waits for another anidex process saving at the same moment. */
const LOCK_WAIT_MS = 5_000;

/**
 * Set `changes` in the settings file, creating it (with a header comment) when there is none. Under a lock, so two
 * anidex processes saving at once take turns: each re-reads the file and edits what it read, so the other's values
 * are kept (and lowdb's writer, steno, writes a temporary file and renames it over the old one, so the file is never
 * half written). Nothing is written when the file does not parse or every value is already there.
 */
export async function saveSettings(configDir: string, changes: readonly SettingChange[]): Promise<SaveResult> {
  const path = settingsPath(configDir);
  const notSaved = (why: string, cause: SaveFailure = 'io'): SaveResult => ({
    saved: false,
    problem: `Preferences not saved: ${why}`,
    cause,
  });
  let release: () => void;
  try {
    mkdirSync(configDir, { recursive: true });
    // steno's temporary file has one fixed name per file: two processes writing it at once could rename each
    // other's half-written text into place. The lock makes them take turns.
    release = await acquireLock(`${path}.lock`, { waitMs: LOCK_WAIT_MS, pollMs: 20, what: 'saving preferences' });
  } catch (err) {
    return notSaved(`could not take ${path}.lock (${(err as Error).message}).`);
  }
  try {
    const db = settingsDb(path);
    await db.read();
    const data = db.data;
    let text = NEW_FILE_HEADER;
    let value: Record<string, unknown> = {};
    if (data.found) {
      const whole = wholeFileProblem(path, data.parsed);
      if (whole !== null) return notSaved(`${whole.message} They are saved once it is fixed.`, 'file');
      text = data.text;
      value = (data.parsed as { value: Record<string, unknown> }).value;
    }
    const edited = applyChanges(text, value, changes);
    if (data.found && edited === text) return { saved: false, problem: null };
    db.data = { found: true, text: edited, parsed: { ok: true, value } };
    await db.write();
    return { saved: true, problem: null };
  } catch (err) {
    return notSaved(`could not save into ${path} (${(err as Error).message}).`);
  } finally {
    release();
  }
}

/** The text with each change made that is not already there; a parent that is not an object is replaced whole. */
function applyChanges(text: string, value: Record<string, unknown>, changes: readonly SettingChange[]): string {
  let current = value;
  for (const { path, value: next } of changes) {
    const [top, sub] = path;
    const parent = current[top];
    let at: JSONPath = [...path];
    let v = next;
    if (sub !== undefined) {
      if (isObject(parent) && isDeepStrictEqual(parent[sub], next)) continue;
      if (!isObject(parent)) {
        at = [top];
        v = { [sub]: next };
      }
    } else if (isDeepStrictEqual(parent, next)) continue;
    text = editSettingsText(text, [{ path: at, value: v }]);
    const reparsed = parseSettingsText(text);
    current = reparsed.ok && isObject(reparsed.value) ? reparsed.value : current;
  }
  return text;
}
