import { AnidexError } from '../lib/errors.ts';

/**
 * A paged list moved while it was read (an entry seen on two pages): what was read is not one state of the list.
 * The sync reads the whole list again; if it keeps moving, nothing is written.
 */
export class ListChangedError extends AnidexError {
  constructor(what: string, sign = 'an entry came on two pages') {
    super(
      `The ${what} changed while anidex was reading it (${sign}); nothing was written.`,
      'Run the sync again in a minute.',
    );
  }
}

/** Read a paged list again when it moved under the reader, up to `attempts` times in all. */
export async function readSteadily<T>(read: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof ListChangedError) || i >= attempts) throw err;
    }
  }
}
