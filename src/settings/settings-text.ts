/**
 * The text of settings.json as JSON with comments (`//`, `/* *\/` and trailing commas, as VS Code's settings allow),
 * read and edited with Microsoft's jsonc-parser: a syntax error becomes one sentence with its line and column, and
 * an edit changes only the values it sets, leaving every other byte (comments, order, spacing) as it was.
 */
import {
  applyEdits,
  format,
  modify,
  parse,
  printParseErrorCode,
  stripComments,
  visit,
  type FormattingOptions,
  type JSONPath,
  type ParseOptions,
} from 'jsonc-parser';

const OPTIONS: ParseOptions = { allowTrailingComma: true, disallowComments: false };

const BOM = '\uFEFF';

export type ParsedText = { ok: true; value: unknown } | { ok: false; error: string };

/** The value the text holds (an empty file, or one holding only comments, is `{}`), or where and what its first error is. */
export function parseSettingsText(text: string): ParsedText {
  // Editors on Windows may start the file with a byte-order mark, which the JSON grammar knows nothing of.
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  // An empty file is how `touch settings.json` starts; it means no settings, not a broken file.
  if (stripComments(body).trim() === '') return { ok: true, value: {} };
  let first: { code: string; offset: number; line: number; column: number } | null = null;
  visit(
    body,
    {
      onError: (error, offset, _length, startLine, startCharacter) => {
        first ??= { code: printParseErrorCode(error), offset, line: startLine + 1, column: startCharacter + 1 };
      },
    },
    OPTIONS,
  );
  if (first) return { ok: false, error: describeError(body, first) };
  return { ok: true, value: parse(body, [], OPTIONS) as unknown };
}

/** What an error code means, said after the character it stopped at. */
const HINTS: Record<string, string> = {
  PropertyNameExpected: 'a name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected after the name',
  CommaExpected: 'a comma is missing before it',
  CloseBraceExpected: 'a comma or } was expected',
  CloseBracketExpected: 'a comma or ] was expected',
  EndOfFileExpected: 'the settings already ended',
  InvalidNumberFormat: 'this is not a JSON number',
  InvalidEscapeCharacter: 'a string holds a backslash escape JSON does not have',
  InvalidUnicode: 'a \\u escape needs four hexadecimal digits',
  InvalidCharacter: 'a string holds a control character (a tab or a line break); write it as \\t or \\n',
};

function describeError(text: string, e: { code: string; offset: number; line: number; column: number }): string {
  const where = `line ${e.line}, column ${e.column}`;
  if (e.code === 'UnexpectedEndOfComment') return `${where}: a /* comment is never closed with */`;
  if (e.code === 'UnexpectedEndOfString') return `${where}: a string is never closed with "`;
  if (e.offset >= text.length) return `${where}: the file ends before the JSON does`;
  const ch = [...text.slice(e.offset, e.offset + 2)][0]!;
  if (ch === "'") return `${where}: unexpected "'", JSON takes names and strings in double quotes`;
  const hint = HINTS[e.code];
  // Named in quotes, escaped as JSON (a control character shows as \u0007), but a double quote in single ones.
  return `${where}: unexpected ${ch === '"' ? `'"'` : JSON.stringify(ch)}${hint ? `, ${hint}` : ''}`;
}

/** What a file anidex creates starts with: what it is and where it is explained. */
export const NEW_FILE_HEADER = [
  '// anidex settings. Comments are allowed. "keys" changes the key bindings; anidex itself writes only',
  '// "titleLanguage" and "tui" (what the TUI remembers: sort and filters). See docs/settings.md in anidex\'s repository.',
  '{}',
  '',
].join('\n');

/**
 * `text` with each path set to its value: only those values change, and what is added is indented like the file
 * and ends its lines as the file does. Every path's parent must be an object (or absent): the caller sets a whole
 * object where the file holds something else.
 */
export function editSettingsText(text: string, changes: ReadonlyArray<{ path: JSONPath; value: unknown }>): string {
  const bom = text.startsWith(BOM) ? BOM : '';
  let body = bom ? text.slice(1) : text;
  if (stripComments(body).trim() === '') body = `${body}${body === '' || body.endsWith('\n') ? '' : '\n'}{}\n`;
  const options = formattingOf(body);
  for (const { path, value } of changes) body = setValue(body, path, value, options);
  return bom + body;
}

/**
 * One value set, and laid out: only the text inserted is formatted. (modify's own formatting lays out every line
 * the insertion touches, which would reflow the person's `"keys": {"quit": "Q"},` when a key is added after it.)
 */
function setValue(text: string, path: JSONPath, value: unknown, options: FormattingOptions): string {
  const edits = modify(text, path, value, {});
  if (edits.length !== 1) return applyEdits(text, edits);
  const [edit] = edits as [(typeof edits)[number]];
  const placed = belowLineComment(text, edit, options.eol ?? '\n');
  const edited = applyEdits(text, [placed.edit]);
  // An insertion is laid out with the space on either side of it (the line break after a `{`, before a `}`); a
  // value replaced in place keeps the person's spacing around it, and so does a comment the insertion goes after.
  const around = edit.length === 0 ? 1 : 0;
  const start = placed.edit.offset + placed.keep;
  const length = placed.edit.content.length - placed.keep;
  return applyEdits(edited, format(edited, { offset: start - around, length: length + 2 * around }, options));
}

/** After the last value of an object: an optional comma, then a comment that ends the line. */
const LINE_COMMENT_AFTER = /^([ \t]*)(,?)([ \t]*(?:\/\/[^\r\n]*|\/\*(?:(?!\*\/)[^\r\n])*\*\/[ \t]*))(?=\r?\n)/;

type Edit = { offset: number; length: number; content: string };

/**
 * jsonc-parser adds a property right after the last value of its object, before the comment that ends that
 * value's line (`"keys": {…}, // mine`), which would leave the person's comment beside anidex's value. The
 * property goes after the comment instead, as one edit: the comma the last value needs (when it had none), the
 * comment as it was, then the property on a line of its own. `keep`: how much of the edit's content is the
 * person's text (not to be laid out again).
 */
function belowLineComment(text: string, edit: Edit, eol: string): { edit: Edit; keep: number } {
  if (edit.length !== 0 || !edit.content.startsWith(',')) return { edit, keep: 0 };
  const m = LINE_COMMENT_AFTER.exec(text.slice(edit.offset));
  if (!m) return { edit, keep: 0 };
  const [kept, space, comma, comment] = m as unknown as [string, string, string, string];
  const before = comma ? `${space},${comment}` : `,${space}${comment}`;
  return {
    edit: { offset: edit.offset, length: kept.length, content: `${before}${eol}${edit.content.slice(1)}` },
    keep: before.length,
  };
}

/** The file's own indentation (the first indented name) and line ends, so added lines look like the rest. */
function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)"/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent ? Math.min(indent.length, 8) : 2, eol };
}
