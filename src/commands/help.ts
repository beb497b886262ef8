/** `anidex --help` and `anidex <command> --help`, written from the specs. */
import { GLOBAL_FLAGS } from './globals.ts';
import { describeChoices, flagLabel, type CommandSpec, type Flags, type SubcommandSpec } from './spec.ts';
import { usageParts } from './usage.ts';

/**
 * Help text is anidex's own (the specs): one cell per character, no escape sequences, so it is wrapped here by
 * length. The text-width packages (string-width, wrap-ansi) would cost `anidex --help` about 20 ms of start-up,
 * as much again as the rest of it; a test holds every spec string to one cell per character.
 */
function wrapLines(text: string, width: number, opts: { indent?: string; hang?: string } = {}): string[] {
  return wrapWords(text.split(/\s+/).filter(Boolean), width, opts);
}

/** Words (which may hold spaces: `[--genre <genre>]…`) in lines of at most `width`, a longer word alone. */
function wrapWords(words: readonly string[], width: number, opts: { indent?: string; hang?: string } = {}): string[] {
  const indent = opts.indent ?? '';
  const hang = opts.hang ?? indent;
  const out: string[] = [];
  let line = indent;
  let lead = indent;
  for (const word of words) {
    if (line.length > lead.length && line.length + 1 + word.length > width) {
      out.push(line);
      line = lead = hang;
    }
    line += (line.length > lead.length ? ' ' : '') + word;
  }
  out.push(line);
  return out;
}

const displayWidth = (s: string): number => s.length;

/** The left column never grows past this; a longer label puts its text on the next line. */
const LABEL_MAX = 26;

/** Rows of a label and its text, the text wrapped in a column of its own. */
function twoColumns(rows: ReadonlyArray<readonly [string, string]>, width: number): string[] {
  const labelWidth = Math.min(LABEL_MAX, Math.max(0, ...rows.map(([l]) => displayWidth(l))));
  const pad = ' '.repeat(2 + labelWidth + 2);
  const out: string[] = [];
  for (const [label, text] of rows) {
    const body = wrapLines(text, width, { indent: pad, hang: pad });
    if (displayWidth(label) > labelWidth) out.push(`  ${label}`, ...body);
    else
      out.push(
        `  ${label}${' '.repeat(labelWidth - displayWidth(label))}  ${body[0]!.slice(pad.length)}`,
        ...body.slice(1),
      );
  }
  return out;
}

function flagRows(flags: Flags, json?: string): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const [name, f] of Object.entries(flags)) {
    if (f.hidden) continue;
    const notes: string[] = [];
    if (f.type === 'string' && f.choices) notes.push(`${f.choices.many}: ${describeChoices(f.choices)}.`);
    if (f.type === 'string' && f.multiple) notes.push('Repeatable.');
    if (f.type === 'string' && f.required) notes.push('Required.');
    if (f.type === 'integer')
      notes.push(
        `A whole number ${f.max === undefined ? `of ${f.min} or more` : `from ${f.min} to ${f.max}`}${f.default === undefined ? '' : `; default ${f.default}`}.`,
      );
    // Descriptions are fragments ("only titles with this mood"); the notes after them are sentences.
    rows.push([
      `${f.short ? `-${f.short}, ` : '    '}${flagLabel(name, f)}`,
      [`${f.description}.`, ...notes].join(' '),
    ]);
  }
  if (json) rows.push(['    --json', `${json}.`]);
  return rows;
}

function paragraph(text: string, width: number): string[] {
  return wrapLines(text, width);
}

/** Usage lines, wrapped between whole flags (`[--genre <genre>]…` is never broken). */
function usageBlock(lines: string[][], width: number): string[] {
  if (lines.length === 1)
    return wrapWords(['Usage:', ...lines[0]!], width, { hang: ' '.repeat('Usage: anidex '.length) });
  return ['Usage:', ...lines.flatMap((l) => wrapWords(l, width, { indent: '  ', hang: '      ' }))];
}

function subcommandHelp(spec: CommandSpec, sub: SubcommandSpec, width: number): string[] {
  const out = [
    ...wrapLines(
      `${spec.name} ${sub.name}${sub.name === spec.defaultSubcommand ? ' (the default)' : ''}: ${sub.summary}.`,
      width,
      { hang: '  ' },
    ),
  ];
  const args = (sub.positionals ?? []).map((p) => [p.arg, `${p.description}.`] as const);
  const flags = flagRows(sub.flags ?? {}, sub.json);
  if (args.length || flags.length) out.push(...twoColumns([...args, ...flags], width));
  return [...out, ''];
}

/** Everything about one command: usage, arguments, every flag with what it does and takes, examples. */
export function commandHelp(spec: CommandSpec, width: number): string {
  const out = [...wrapLines(`anidex ${spec.name}: ${spec.summary}`, width, { hang: '  ' }), ''];
  const subs = spec.subcommands ?? [];
  out.push(...usageBlock(subs.length ? subs.map((s) => usageParts(spec, s)) : [usageParts(spec)], width));
  if (spec.description) out.push('', ...paragraph(spec.description, width));
  const args = (spec.positionals ?? []).map(
    (p) => [p.arg, `${p.description}${p.choices ? `: ${describeChoices(p.choices)}` : ''}.`] as const,
  );
  if (args.length) out.push('', 'Arguments:', ...twoColumns(args, width));
  if (subs.length) {
    out.push('', 'Subcommands:');
    for (const s of subs) out.push(...subcommandHelp(spec, s, width - 2).map((l) => (l ? `  ${l}` : l)));
    out.pop();
  }
  const flags = flagRows(spec.flags ?? {}, subs.length ? undefined : spec.json);
  if (flags.length) out.push('', 'Flags:', ...twoColumns(flags, width));
  if (spec.examples?.length) out.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  if (spec.usesData !== false) {
    out.push(
      '',
      ...wrapLines(
        'Global flags, anywhere on the line: --data-dir <dir>, --demo, --json, --title-language <language>, --debug (`anidex --help` says what they do).',
        width,
      ),
    );
  }
  return out.join('\n');
}

/** The list of commands, the global flags and the exit codes. */
export function topHelp(commands: readonly CommandSpec[], version: string, width: number): string {
  const shown = commands.filter((c) => !c.hidden);
  return [
    `anidex ${version}: your anime viewing history, kept whole, in the terminal`,
    '',
    'Usage: anidex [global flags] <command> [flags]',
    '       anidex             (on a terminal: the TUI)',
    '',
    'Commands:',
    ...twoColumns(
      shown.map((c) => [c.name, c.summary] as const),
      width,
    ),
    '',
    'Global flags (anywhere on the line):',
    ...twoColumns(flagRows(GLOBAL_FLAGS), width),
    '',
    ...wrapLines(
      '`anidex <command> --help` (or `anidex help <command>`) lists every flag of a command, with examples. Shell completion: `anidex completion bash|zsh|fish`.',
      width,
    ),
    'Exit codes: 0 success, 1 failure, 2 usage error.',
  ].join('\n');
}

/** The width help is laid out to: the terminal's (at most 100, for reading), else 80. */
export function helpWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return stream.isTTY && stream.columns ? Math.max(40, Math.min(100, stream.columns)) : 80;
}
