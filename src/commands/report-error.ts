import { AnidexError } from '../domain/errors.ts';
import { sanitizeText } from '../domain/sanitize.ts';

/** Print an error the way every command does (one sentence, a hint, a stack only with --debug); returns the exit code. */
export function reportError(err: unknown, debug: boolean): number {
  if (err instanceof AnidexError) {
    // Messages quote file names, field values and parser output from exports: never let them drive the terminal.
    process.stderr.write(`anidex: ${sanitizeText(err.message)}\n`);
    if (err.hint) process.stderr.write(`  ${sanitizeText(err.hint)}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(`anidex: unexpected error: ${sanitizeText(e?.message ?? String(err))}\n`);
  process.stderr.write(debug && e?.stack ? e.stack + '\n' : '  Run again with --debug for details, and report it if it persists.\n');
  return 1;
}
