import { UsageError } from './domain/errors.ts';
import { resolveDataDir, resolveDirs, version } from './config.ts';
import { moveLegacyFiles } from './pipeline/legacy-locations.ts';
import { DEMO_MARK, demoContext } from './commands/demo.ts';
import { removeSampleCommand } from './commands/remove-sample.ts';
import type { Command, CommandContext } from './commands/context.ts';
import { reportError } from './commands/report-error.ts';
import { TITLE_LANGUAGE_CHOICES, titleLanguageFlag } from './settings/title-language-setting.ts';
import type { TitleLanguage } from './domain/title-language.ts';
import { importCommand } from './commands/import.ts';
import { historyCommand } from './commands/history.ts';
import { libraryCommand } from './commands/library.ts';
import { statsCommand } from './commands/stats.ts';
import { snapshotCommand } from './commands/snapshot.ts';
import { startCommand } from './commands/start.ts';
import { enrichCommand } from './commands/enrich.ts';
import { matchCommand } from './commands/match.ts';
import { recommendCommand } from './commands/recommend.ts';
import { planCommand } from './commands/plan.ts';
import { doctorCommand } from './commands/doctor.ts';
import { exportCommand } from './commands/export.ts';

const COMMANDS: readonly Command[] = [importCommand, libraryCommand, historyCommand, statsCommand, enrichCommand, matchCommand, recommendCommand, planCommand, exportCommand, snapshotCommand, doctorCommand, startCommand, removeSampleCommand];

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `anidex ${version()} — your anime viewing history, kept whole, in the terminal`,
    '',
    'Usage: anidex [global flags] <command> [flags]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global flags:',
    '  --data-dir <dir>  where the warehouse lives (else $ANIDEX_DATA_DIR, $XDG_DATA_HOME/anidex, ~/.local/share/anidex)',
    '  --demo            use the demo warehouse (the bundled sample) instead of your own',
    '  --json            machine-readable output from read commands',
    '  --title-language <english|romaji|exported>  which name titles are shown by (default: as exported)',
    '  --debug           show stack traces for errors',
    '  --help, -h        this help; `anidex <command> --help` for one command',
    '  --version, -v     print the version',
    '',
    'Exit codes: 0 success, 1 failure, 2 usage error.',
  ].join('\n');
}

interface Global {
  dataDir?: string;
  demo: boolean;
  titleLanguage?: TitleLanguage;
  json: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
  rest: string[];
}

/** Global flags may stand anywhere; everything else is left for the command. */
function splitGlobal(argv: string[]): Global {
  const g: Global = { demo: false, json: false, debug: false, help: false, version: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      g.rest.push(...argv.slice(i));
      break;
    }
    if (a === '--data-dir') {
      const v = argv[++i];
      if (v === undefined || v === '') throw new UsageError('--data-dir needs a folder.');
      g.dataDir = v;
    } else if (a.startsWith('--data-dir=')) {
      g.dataDir = a.slice('--data-dir='.length);
      if (g.dataDir === '') throw new UsageError('--data-dir needs a folder.');
    }
    else if (a === '--title-language' || a.startsWith('--title-language=')) {
      const v = a === '--title-language' ? argv[++i] : a.slice('--title-language='.length);
      const lang = v === undefined ? null : titleLanguageFlag(v);
      if (!lang) throw new UsageError(`--title-language must be ${TITLE_LANGUAGE_CHOICES}${v === undefined ? '' : `, not "${v}"`}.`);
      g.titleLanguage = lang;
    }
    else if (a === '--json') g.json = true;
    else if (a === '--demo') g.demo = true;
    else if (a === '--debug') g.debug = true;
    else if (a === '--help' || a === '-h') g.help = true;
    else if (a === '--version' || a === '-v') g.version = true;
    else g.rest.push(a);
  }
  return g;
}

/** Run anidex with `argv` (without node and the script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let debug = argv.includes('--debug');
  // `anidex library | head`: the reader leaving early is not an error, and must not print a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  try {
    const g = splitGlobal(argv);
    debug = g.debug;
    if (g.version) {
      process.stdout.write(version() + '\n');
      return 0;
    }
    const [name, ...args] = g.rest;
    const cmd = COMMANDS.find((c) => c.name === name);
    const tui = name === undefined && !g.help && process.stdin.isTTY && process.stdout.isTTY;
    if (!tui && (g.help || name === 'help' || name === undefined)) {
      const target = name === 'help' ? COMMANDS.find((c) => c.name === args[0]) : cmd;
      process.stdout.write((target ? `Usage: ${target.usage}\n\n${target.summary}\n` : helpText()) + '\n');
      return 0;
    }
    if (!tui && !cmd) throw new UsageError(`Unknown command "${name}".`);
    if (g.demo && name === 'import') throw new UsageError('The demo warehouse holds only the bundled sample: import your export into your own.', 'Run the same command without --demo.');
    const dataDir = resolveDataDir(g.dataDir);
    const dirs = resolveDirs();
    let ctx: CommandContext = { dataDir, ownDataDir: dataDir, dirs, demo: false, json: g.json, debug: g.debug, titleLanguage: g.titleLanguage };
    const moved = moveLegacyFiles(dataDir, dirs);
    if (!tui) for (const l of moved) process.stderr.write(`anidex: ${l}\n`);
    if (g.demo) {
      ctx = await demoContext(ctx);
      if (!tui && name !== 'start') process.stderr.write(`anidex: ${DEMO_MARK}\n`);
    }
    if (tui) {
      const { runTui } = await import('./commands/tui.tsx');
      return await runTui({ ...ctx, json: false }, moved);
    }
    return await cmd!.run(args, ctx);
  } catch (err) {
    return reportError(err, debug);
  }
}
