import { version } from '../lib/config.ts';
import { UsageError } from '../lib/errors.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { commandHelp, helpWidth, topHelp } from './help.ts';
import type { Parsed } from './spec.ts';
import { COMMANDS, findCommand } from './specs/index.ts';

/** What `--help` prints for the words before it: the command's help when they name one, else the list. */
export function helpFor(name: string | undefined): string {
  if (name === undefined) return topHelp(COMMANDS, version(), helpWidth());
  const spec = findCommand(name);
  if (!spec)
    throw new UsageError(
      `Unknown command ${JSON.stringify(sanitizeText(name))}.`,
      `Commands: ${COMMANDS.filter((c) => !c.hidden)
        .map((c) => c.name)
        .join(', ')}.`,
    );
  return commandHelp(spec, helpWidth());
}

/** `anidex help [command] [subcommand]`: a subcommand's help is its command's, which explains every subcommand. */
export async function run({ args }: Parsed): Promise<number> {
  const text = helpFor(args.command);
  const spec = findCommand(args.command);
  if (spec && args.sub !== undefined && !spec.subcommands?.some((s) => s.name === args.sub)) {
    const subs = spec.subcommands?.map((s) => s.name) ?? [];
    throw new UsageError(
      `help: ${JSON.stringify(sanitizeText(args.sub))} is not a subcommand of ${spec.name}.`,
      subs.length
        ? `Its subcommands: ${subs.join(', ')}.`
        : `${spec.name} has no subcommands: \`anidex help ${spec.name}\`.`,
    );
  }
  process.stdout.write(text + '\n');
  return 0;
}
