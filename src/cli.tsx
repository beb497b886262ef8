// The command line → a command, read by the specs (src/commands/specs/). Only light modules are imported here:
// each handler, the data-dir preparation and the TUI are dynamic imports, which the build puts in chunks of their
// own, so `--help`, `--version` and completion start without Ink, React or sql.js.
import { UsageError } from './lib/errors.ts';
import { resolveDataDir, resolveDirs, version } from './lib/config.ts';
import type { CommandContext } from './commands/context.ts';
import { parseCommand, parseGlobals } from './commands/parse.ts';
import { findCommand } from './commands/specs/index.ts';
import { helpFor } from './commands/help-command.ts';

/** Run anidex with `argv` (without node and the script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // The completion scripts' question: its words are the person's half-typed line, not flags for anidex.
  if (argv[0] === '__complete') {
    const { runCompleteRequest } = await import('./commands/complete-request.ts');
    return runCompleteRequest(argv.slice(1));
  }
  let debug = argv.includes('--debug');
  // `anidex library | head`: the reader leaving early is not an error, and must not print a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  try {
    const g = parseGlobals(argv);
    const flags = g.values;
    debug = Boolean(flags.debug);
    if (flags.version) {
      process.stdout.write(version() + '\n');
      return 0;
    }
    const [name, ...args] = g.rest;
    const tui = name === undefined && !flags.help && process.stdin.isTTY && process.stdout.isTTY;
    if (!tui && (flags.help || name === undefined)) {
      process.stdout.write(helpFor(name === 'help' ? args[0] : name) + '\n');
      return 0;
    }
    const ctxBase = { json: Boolean(flags.json), debug, titleLanguage: flags['title-language'] };
    if (tui) {
      const ctx = await dataContext(flags['data-dir'], Boolean(flags.demo), { ...ctxBase, json: false }, 'tui');
      const { runTui } = await import('./commands/tui.tsx');
      return await runTui(ctx.ctx, ctx.moved);
    }
    const spec = findCommand(name);
    if (!spec) throw new UsageError(`Unknown command "${name}".`, 'Run `anidex --help` for the commands.');
    // Usage errors come before anything is read or written.
    const parsed = parseCommand(spec, args, { json: ctxBase.json });
    if (flags.demo && spec.noDemo) throw new UsageError(spec.noDemo.message, spec.noDemo.hint);
    if (spec.usesData === false) {
      const dataDir = resolveDataDir(flags['data-dir']);
      return await (
        await spec.load()
      ).run(parsed, { ...ctxBase, dataDir, ownDataDir: dataDir, dirs: resolveDirs(), demo: false });
    }
    const { ctx } = await dataContext(flags['data-dir'], Boolean(flags.demo), ctxBase, spec.name);
    return await (await spec.load()).run(parsed, ctx);
  } catch (err) {
    // Loaded only now: it measures text for the terminal (string-width, wrap-ansi), which --help does without.
    const { reportError } = await import('./commands/report-error.ts');
    return reportError(err, debug);
  }
}

/**
 * The folders a command (or the TUI) works in: settings left in the data dir by an older anidex are moved first
 * (said on stderr, or shown by the TUI), and with --demo the demo warehouse is built when missing.
 */
async function dataContext(
  dataDirFlag: string | undefined,
  demo: boolean,
  base: Pick<CommandContext, 'json' | 'debug' | 'titleLanguage'>,
  who: string,
): Promise<{ ctx: CommandContext; moved: string[] }> {
  const { moveLegacyFiles } = await import('./app/legacy-locations.ts');
  const dataDir = resolveDataDir(dataDirFlag);
  const dirs = resolveDirs();
  let ctx: CommandContext = { ...base, dataDir, ownDataDir: dataDir, dirs, demo: false };
  const moved = moveLegacyFiles(dataDir, dirs);
  if (who !== 'tui') for (const l of moved) process.stderr.write(`anidex: ${l}\n`);
  if (demo) {
    const { DEMO_MARK, demoContext } = await import('./commands/demo.ts');
    ctx = await demoContext(ctx);
    if (who !== 'tui' && who !== 'start') process.stderr.write(`anidex: ${DEMO_MARK}\n`);
  }
  return { ctx, moved };
}
