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
  if (!spec) throw new UsageError(`Unknown command ${JSON.stringify(sanitizeText(name))}.`, `Commands: ${COMMANDS.filter((c) => !c.hidden).map((c) => c.name).join(', ')}.`);
  return commandHelp(spec, helpWidth());
}

/** `anidex help [command]`. */
export async function run({ args }: Parsed): Promise<number> {
  process.stdout.write(helpFor(args.command) + '\n');
  return 0;
}
