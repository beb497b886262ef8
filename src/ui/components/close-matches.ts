import Fuse, { type IFuseOptions } from 'fuse.js';

/** Rows fuse.js searches in one turn of the event loop: a few milliseconds with their names, so a key waits at most that. */
export const SLICE = 500;

/**
 * fuse.js's close matches over many rows, found a slice at a time, each slice in its own turn of the event loop:
 * a key typed while a search runs is handled at once (and its search replaces the old one) instead of waiting for
 * the whole pass, which over every name of 10 000 titles takes 50–120 ms (a slice of 500: 2–12 ms). fuse.js scores
 * each row on its own, so merging the slices by score (then by position, fuse.js's own tie-break) gives exactly
 * the list one search over all rows would. Each slice's index is built the first time it is searched.
 */
export class CloseMatches<T> {
  private readonly slices: Array<Fuse<T> | null>;
  private job: NodeJS.Immediate | null = null;
  private wait: NodeJS.Timeout | null = null;

  /**
   * `delayMs`: how long a search waits before its first slice. A query still being typed is replaced by the next
   * key before its close matches could be shown, so searching it only takes the CPU (and, on a busy machine, the
   * garbage collector's pauses) from the keys that follow; waiting for a pause in the typing costs the person
   * that much delay once, at the end.
   */
  constructor(
    private readonly rows: readonly T[],
    private readonly options: IFuseOptions<T>,
    private readonly sliceSize = SLICE,
    private readonly delayMs = 0,
  ) {
    this.slices = new Array<Fuse<T> | null>(Math.ceil(rows.length / sliceSize)).fill(null);
  }

  /** Search `query`; `done` gets the matches, best first, unless another search or cancel() comes first. */
  search(query: string, done: (found: T[]) => void): void {
    this.cancel();
    const found: Array<{ item: T; score: number; at: number }> = [];
    let slice = 0;
    const step = (): void => {
      if (slice < this.slices.length) {
        const from = slice * this.sliceSize;
        const fuse = (this.slices[slice] ??= new Fuse(this.rows.slice(from, from + this.sliceSize), {
          ...this.options,
          includeScore: true,
        }));
        for (const r of fuse.search(query)) found.push({ item: r.item, score: r.score ?? 0, at: from + r.refIndex });
        slice++;
        this.job = setImmediate(step);
        return;
      }
      this.job = null;
      found.sort((a, b) => a.score - b.score || a.at - b.at);
      done(found.map((f) => f.item));
    };
    if (this.delayMs > 0) {
      this.wait = setTimeout(() => {
        this.wait = null;
        step();
      }, this.delayMs);
    } else this.job = setImmediate(step);
  }

  get busy(): boolean {
    return this.job !== null || this.wait !== null;
  }

  cancel(): void {
    // Each handle goes to its own clear function: clearImmediate given a timer corrupts Node's timer lists.
    if (this.job) clearImmediate(this.job);
    if (this.wait) clearTimeout(this.wait);
    this.job = null;
    this.wait = null;
  }
}
