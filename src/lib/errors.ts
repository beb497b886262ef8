/** Errors a user can hit. `message` says what happened in one sentence; `hint` says what to do next. */
export class AnidexError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;
  constructor(message: string, hint?: string, exitCode = 1) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
    this.exitCode = exitCode;
  }
}

/** Wrong command line: exit code 2. */
export class UsageError extends AnidexError {
  constructor(message: string, hint = 'Run `anidex --help` for the commands and flags.') {
    super(message, hint, 2);
  }
}

/** An input file (export) that anidex cannot read; names the file, and the record and field where known. */
export class InputError extends AnidexError {
  readonly file: string | undefined;
  constructor(message: string, opts: { file?: string; hint?: string } = {}) {
    super(message, opts.hint ?? 'Check that the path is the .zip (or its unpacked folder) that Trakt sent you.');
    this.file = opts.file;
  }
}

/** Another anidex process holds the warehouse lock. */
export class BusyError extends AnidexError {
  constructor(message: string, hint = 'Wait for the other anidex process to finish, then run this again.') {
    super(message, hint);
  }
}

/** The warehouse refused a load (e.g. a duplicate key or an --as-of in the past); nothing was written. */
export class LoadRefusedError extends AnidexError {}

/**
 * settings.json cannot be read, does not parse, or holds no object. Never thrown at the person: anidex runs on the
 * default settings and shows it (the TUI's banner, stderr for the CLI), and saves nothing into the file until fixed.
 */
export class SettingsError extends AnidexError {
  readonly file: string;
  constructor(
    message: string,
    file: string,
    hint = 'Fix it or delete it to use the default settings; nothing is saved into it until then.',
  ) {
    super(message, hint);
    this.file = file;
  }
}
