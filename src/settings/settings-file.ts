/**
 * `$XDG_CONFIG_HOME/anidex/settings.json`, read with lowdb. Reading never creates or rewrites the file: it is the person's, and a
 * broken one must stay as they left it so they can fix it. Every fault becomes a problem to show, never a throw.
 * Not lowdb's JSONFilePreset: under NODE_ENV=test it swaps in an in-memory adapter and never reads the file.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { applyKeyOverrides } from './key-overrides.ts';
import { DEFAULT_BINDINGS, type Bindings } from './key-bindings.ts';
import { titleLanguageFromSettings } from './title-language-setting.ts';
import { DEFAULT_TITLE_LANGUAGE, type TitleLanguage } from '../domain/title-language.ts';

export const SETTINGS_FILE = 'settings.json';

/** Where the settings file lives in anidex's config folder. */
export function settingsPath(configDir: string): string {
  return join(configDir, SETTINGS_FILE);
}

export interface LoadedSettings {
  bindings: Bindings;
  /** Which name titles are shown by (`titleLanguage`). */
  titleLanguage: TitleLanguage;
  problems: string[];
  /** The problems that bear on the title language (a broken file, a bad value): what the CLI reports. */
  titleLanguageProblems: string[];
  path: string;
}

// Boxed because Low keeps its default data when the file parses to a falsy value (null, false, 0), which would make
// `null` look like a missing file.
type Read = { found: false } | { found: true; value: unknown } | { found: true; broken: string };

/** The settings in `configDir` (defaults when there is no settings file), with every problem found in it. */
export async function loadSettings(configDir: string): Promise<LoadedSettings> {
  const path = settingsPath(configDir);
  const defaults = (problem?: string): LoadedSettings => ({
    bindings: DEFAULT_BINDINGS,
    titleLanguage: DEFAULT_TITLE_LANGUAGE,
    problems: problem ? [problem] : [],
    titleLanguageProblems: problem ? [problem] : [],
    path,
  });
  const db = new Low<Read>(
    new DataFile<Read>(path, {
      parse: (text) => {
        // Editors on Windows may start the file with a byte-order mark, which JSON.parse refuses.
        const body = text.replace(/^\uFEFF/, '');
        // An empty file is how `touch settings.json` starts; it means no settings, not a broken file.
        if (body.trim() === '') return { found: true, value: {} };
        try {
          return { found: true, value: JSON.parse(body) as unknown };
        } catch (err) {
          return { found: true, broken: describeJsonError(body, err) };
        }
      },
      stringify: () => {
        throw new Error('settings.json is never written by loadSettings');
      },
    }),
    { found: false },
  );
  try {
    await db.read();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return defaults(`Could not read ${path} (${e.message}); fix its permissions or delete it to use the default settings.`);
  }
  const data = db.data;
  if (!data.found) return defaults();
  if ('broken' in data) return defaults(`${path} is not valid JSON (${data.broken}); fix it or delete it to use the default settings.`);
  const { value } = data;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return defaults(`${path} must hold a JSON object, like {"keys": {"down": ["j", "n"]}}, not ${kindOf(value)}; fix it or delete it to use the default settings.`);
  }
  const keys = applyKeyOverrides((value as Record<string, unknown>).keys);
  const title = titleLanguageFromSettings((value as Record<string, unknown>).titleLanguage);
  return { bindings: keys.bindings, titleLanguage: title.titleLanguage, problems: [...keys.problems, ...title.problems], titleLanguageProblems: title.problems, path };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : String(value);
}

/**
 * Where and what the first syntax error is. Node 20's JSON.parse gives no position for the commonest slip (a
 * trailing comma), so this walks the JSON grammar itself to find the first character that cannot belong there.
 */
function describeJsonError(text: string, err: unknown): string {
  const offset = firstJsonError(text);
  if (offset === null) return err instanceof Error ? err.message : String(err);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const where = `line ${line}, column ${column}`;
  if (offset >= text.length) return `${where}: the file ends before the JSON does`;
  const ch = text[offset]!;
  const trailingComma = (ch === '}' || ch === ']') && /,\s*$/.test(before);
  return `${where}: unexpected ${JSON.stringify(ch)}${trailingComma ? `, JSON allows no comma before ${ch}` : ''}`;
}

/** Offset of the first character that breaks the JSON grammar, or null when `text` is valid JSON. */
function firstJsonError(text: string): number | null {
  let i = 0;
  const stop = Symbol('stop');
  const fail = (): never => {
    throw stop;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) fail();
    i++;
  };
  const string = () => {
    expect('"');
    for (;;) {
      const ch = text[i];
      if (ch === undefined || ch < ' ') fail();
      i++;
      if (ch === '"') return;
      if (ch === '\\') {
        const esc = text[i];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i++;
        else fail();
      }
    }
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        string();
        space();
        expect(':');
        value();
        space();
        if (text[i] === ',') i++;
        else return expect('}');
      }
    }
    if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else return expect(']');
      }
    }
    if (ch === '"') return string();
    const literal = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    literal.lastIndex = i;
    const m = literal.exec(text);
    if (!m) return fail();
    i += m[0].length;
  };
  try {
    value();
    space();
    return i < text.length ? i : null;
  } catch (e) {
    if (e === stop) return i;
    throw e;
  }
}
