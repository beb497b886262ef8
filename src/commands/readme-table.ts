/**
 * The README's CLI table, written from the specs: `npm run docs:cli` puts it between the markers in README.md,
 * and test/cli-spec.test.ts fails when the README's copy differs (a flag missing, or one that does not exist).
 */
import { GLOBAL_FLAGS } from './globals.ts';
import { flagLabel, type CommandSpec, type FlagSpec, type Flags } from './spec.ts';

export const TABLE_START =
  '<!-- cli-table: written from src/commands/specs by `npm run docs:cli`; do not edit by hand -->';
export const TABLE_END = '<!-- /cli-table -->';

/** Choices are spelled out when there are few (`--engine local|gemini`), else the value is named (`<mood>`). */
function flagCell(name: string, f: FlagSpec): string {
  const label =
    f.type === 'string' && f.choices && f.choices.values.length <= 4
      ? `--${name} ${f.choices.values.join('|')}`
      : flagLabel(name, f);
  return `\`${label}\`${f.type === 'string' && f.multiple ? '…' : ''}`;
}

function flagCells(flags: Flags | undefined): string[] {
  return Object.entries(flags ?? {})
    .filter(([, f]) => !f.hidden)
    .map(([n, f]) => flagCell(n, f));
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function row(spec: CommandSpec): string {
  const subs = spec.subcommands ?? [];
  const arg = (x: NonNullable<CommandSpec['positionals']>[number]): string =>
    x.choices && x.choices.values.length <= 4 ? x.choices.values.join('|') : x.arg;
  const args = (p: { positionals?: CommandSpec['positionals'] }): string =>
    (p.positionals ?? []).map((x) => (x.takes === 'optional' ? ` [${arg(x)}]` : ` ${arg(x)}`)).join('');
  const command = subs.length
    ? subs
        .map(
          (s, i) =>
            `\`${i === 0 ? `anidex ${spec.name} ` : ''}${s.name === spec.defaultSubcommand ? `[${s.name}]` : s.name}${args(s)}\``,
        )
        .join(' · ')
    : `\`anidex ${spec.name}${args(spec)}\``;
  const flags = [...flagCells(spec.flags), ...subs.flatMap((s) => flagCells(s.flags).map((f) => `${f} (${s.name})`))];
  if (spec.json || subs.some((s) => s.json)) flags.push('`--json`');
  return `| ${cell(command)} | ${cell(spec.summary)} | ${cell(flags.join(' '))} |`;
}

export function readmeCliTable(commands: readonly CommandSpec[]): string {
  // --json is listed with each command that has a JSON form.
  const globals = flagCells(Object.fromEntries(Object.entries(GLOBAL_FLAGS).filter(([n]) => n !== 'json')));
  return [
    TABLE_START,
    '| command | what it does | flags |',
    '|---|---|---|',
    `| any command | global flags, anywhere on the line | ${cell(globals.join(' '))} |`,
    ...commands.filter((c) => !c.hidden).map(row),
    TABLE_END,
  ].join('\n');
}
