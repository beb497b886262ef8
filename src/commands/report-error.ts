import { AnidexError } from '../lib/errors.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { wrapForStream } from './output.ts';

/** Print an error the way every command does (one sentence, a hint, a stack only with --debug); returns the exit code. */
export function reportError(err: unknown, debug: boolean): number {
  if (err instanceof AnidexError) {
    // Messages quote file names, field values and parser output from exports: never let them drive the terminal.
    // On a terminal they wrap at its width, so a long path or hint is not folded mid-word; the message goes on
    // under its first word, the hint under its own.
    process.stderr.write(
      wrapForStream(`anidex: ${sanitizeText(err.message)}`, process.stderr, 'anidex: '.length) + '\n',
    );
    if (err.hint) process.stderr.write(wrapForStream(`  ${sanitizeText(err.hint)}`, process.stderr) + '\n');
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(
    wrapForStream(
      `anidex: unexpected error: ${sanitizeText(e?.message ?? String(err))}`,
      process.stderr,
      'anidex: '.length,
    ) + '\n',
  );
  process.stderr.write(
    debug && e?.stack ? e.stack + '\n' : '  Run again with --debug for details, and report it if it persists.\n',
  );
  return 1;
}
