/** Usage lines, read from a command's spec: what usage errors hint at and what `--help` starts with. */
import { flagLabel, flagsOf, type CommandSpec, type PositionalSpec, type SubcommandSpec } from './spec.ts';

function positionalText(p: PositionalSpec): string {
  return p.takes === 'optional' ? `[${p.arg}]` : p.arg;
}

/** `anidex plan add <mal id | title> [--notes <text>] [--force] [--json]`: every flag of the (sub)command. */
export function usageLine(spec: CommandSpec, sub?: SubcommandSpec): string {
  return usageParts(spec, sub).join(' ');
}

/** The usage line in parts, each a word or a whole flag with its value: what help wraps between. */
export function usageParts(spec: CommandSpec, sub?: SubcommandSpec): string[] {
  const parts = ['anidex', spec.name];
  if (sub) parts.push(sub.name === spec.defaultSubcommand ? `[${sub.name}]` : sub.name);
  for (const p of (sub ?? spec).positionals ?? []) parts.push(positionalText(p));
  for (const [name, f] of Object.entries(flagsOf(spec, sub))) {
    if (f.hidden) continue;
    const label = flagLabel(name, f);
    parts.push(f.type === 'string' && f.required ? label : `[${label}]${f.type === 'string' && f.multiple ? '…' : ''}`);
  }
  if ((sub ?? spec).json) parts.push('[--json]');
  return parts;
}

/** `list or restore <id>`: the subcommands as a sentence names them. */
export function subcommandList(spec: CommandSpec): string {
  const names = (spec.subcommands ?? []).map((s) => [s.name, ...(s.positionals ?? []).map(positionalText)].join(' '));
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
