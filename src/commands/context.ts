import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../domain/errors.ts';
import type { AnidexDirs } from '../config.ts';
import type { TitleLanguage } from '../domain/title-language.ts';

export interface CommandContext {
  /** The warehouse's folder: the person's own, or the demo's with --demo. */
  dataDir: string;
  /** Settings, caches and usage counters (XDG folders). */
  dirs: AnidexDirs;
  /** The data dir is the demo warehouse (the bundled sample), not the person's own. */
  demo: boolean;
  /** The person's own data dir, even with --demo (the TUI imports their export there). */
  ownDataDir: string;
  json: boolean;
  debug: boolean;
  /** `--title-language`, when given: it wins over the environment and the settings file. */
  titleLanguage?: TitleLanguage;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with usage errors a person can act on, naming the command. */
export function parseCommandArgs<O extends Options>(cmd: string, usage: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${cmd}: ${msg.replace(/\.$/, '')}.`, `Usage: ${usage}`);
  }
}
